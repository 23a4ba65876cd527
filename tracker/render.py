"""Terminal output: the environment a command writes to, aligned tables, status
colours on a terminal, plain text in a pipe.

Everything printed passes through :func:`clean`, and JSON through
:func:`escape_json`, so text from articles (which may carry terminal escape
sequences or bidi overrides) can never drive the user's terminal or reorder
what it shows.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, BinaryIO, TextIO, cast

STATUS_STYLE = {
    "rumor": "yellow",
    "undisclosed": "magenta",
    "confirmed": "green",
    "denied": "red",
}

#: What must never reach a terminal raw: C0 controls but tab and newline (ESC
#: starts every escape sequence), DEL, C1 controls (CSI is U+009B, OSC U+009D),
#: and the bidi controls that make a line show in another order than it reads
#: (ALM, LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object) -> str:
    """Printable form of any value: control characters shown as visible escapes
    (``\\x1b``, ``\\u202e``)."""
    s = "" if text is None else str(text)
    return _UNSAFE_RE.sub(_shown, s)


def escape_json(text: str) -> str:
    """JSON text with every unsafe character as a ``\\uXXXX`` escape.

    Lossless: such characters only occur inside JSON strings, where the escape
    reads back as the same character. (``json.dumps`` escapes C0 controls
    itself, but not DEL, C1 or bidi controls when ``ensure_ascii`` is off.)
    """
    return _UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class EscapingWriter:
    """A text stream that passes what is written through ``escape`` first."""

    def __init__(self, stream: IO[str], escape: Callable[[str], str]) -> None:
        self._stream = stream
        self._escape = escape

    def write(self, text: str) -> int:
        self._stream.write(self._escape(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Environment:
    """Where a run of the command line reads and writes, and what those streams are.

    Built once per run by ``tracker.cli.main`` from the process's streams
    (after the fact: a test runner that swaps ``sys.stdout`` is seen). Tests
    give their own streams and say whether they are terminals.
    """

    def __init__(
        self,
        *,
        stdin: IO[Any] | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdin_isatty: bool | None = None,
        stdout_isatty: bool | None = None,
        stderr_isatty: bool | None = None,
        colour: bool | None = None,
    ) -> None:
        self.stdin: IO[Any] = sys.stdin if stdin is None else stdin
        self.stdout: TextIO = sys.stdout if stdout is None else stdout
        self.stderr: TextIO = sys.stderr if stderr is None else stderr
        self.stdin_isatty = _isatty(self.stdin) if stdin_isatty is None else stdin_isatty
        self.stdout_isatty = _isatty(self.stdout) if stdout_isatty is None else stdout_isatty
        self.stderr_isatty = _isatty(self.stderr) if stderr_isatty is None else stderr_isatty
        #: Status colours: on a terminal, unless ``--color`` (or the setting)
        #: says always or never. Box lines follow the terminal alone.
        self.colour = self.stdout_isatty if colour is None else colour

    @property
    def stdin_bytes(self) -> BinaryIO:
        """Standard input as bytes (readers detect the encoding themselves)."""
        # A text stream has its bytes in ``buffer``; a stream without one is binary.
        return cast(BinaryIO, getattr(self.stdin, "buffer", self.stdin))

    def stream(self, err: bool = False) -> TextIO:
        return self.stderr if err else self.stdout


# --------------------------------------------------------------------------- lines


def echo(env: Environment, text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """Write ``text``, escaped, and a newline to stdout (or stderr)."""
    out = env.stream(err)
    out.write(clean(text) + ("\n" if nl else ""))
    out.flush()


def warn(env: Environment, message: str) -> None:
    echo(env, f"Warning: {message}", err=True)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON for people and programs: letters kept as they are, control and
    bidi characters escaped (see :func:`escape_json`)."""
    return escape_json(json.dumps(data, ensure_ascii=False, indent=indent, default=str))


def echo_json(env: Environment, data: Any, *, indent: int | None = 2) -> None:
    env.stdout.write(json_text(data, indent=indent) + "\n")
    env.stdout.flush()


def ask(env: Environment, question: str, choices: Sequence[str], default: str) -> str:
    """Ask until one of ``choices`` is answered (empty: ``default``).

    Raises EOFError when standard input ends before an answer.
    """
    prompt = f"{question} ({', '.join(choices)}) [{default}]: "
    while True:
        env.stdout.write(prompt)
        env.stdout.flush()
        answer = env.stdin.readline()
        if not answer:
            raise EOFError
        answer = answer.strip() or default
        if answer in choices:
            return answer
        shown = ", ".join(repr(c) for c in choices)
        echo(env, f"Error: {answer!r} is not one of {shown}.", err=True)


def confirm(env: Environment, question: str) -> bool:
    """A yes/no question whose default is no. Raises EOFError at end of input."""
    env.stdout.write(f"{clean(question)} [y/N]: ")
    env.stdout.flush()
    answer = env.stdin.readline()
    if not answer:
        raise EOFError
    return answer.strip().lower() in ("y", "yes")


# --------------------------------------------------------------------------- rich


def _console(env: Environment, stream: TextIO | None = None) -> Any:
    from rich.console import Console

    out = stream or env.stdout
    tty = env.stdout_isatty if out is env.stdout else env.stderr_isatty
    colour = env.colour if out is env.stdout else (tty and env.colour)
    return Console(
        file=out,
        force_terminal=tty or colour,
        no_color=not colour,
        highlight=False,
        soft_wrap=not tty,
        width=None if tty else 200,
        emoji=False,
        markup=False,
    )


def table(
    env: Environment,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    status_column: int | None = None,
    wrap_columns: Sequence[int] = (),
    title: str | None = None,
) -> None:
    """Print an aligned table; the status column is coloured on a terminal."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = _console(env)
    tty = env.stdout_isatty
    tbl = Table(
        box=box.SIMPLE_HEAD if tty else box.ASCII2,
        show_edge=False,
        title=title,
        title_justify="left",
        pad_edge=False,
        expand=False,
    )
    for i, h in enumerate(headers):
        tbl.add_column(
            h,
            overflow="fold",
            no_wrap=i not in wrap_columns,
            max_width=72 if i in wrap_columns else None,
            ratio=None,
        )
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            text = Text(clean(value))
            if i == status_column and env.colour:
                text.stylize(STATUS_STYLE.get(str(value).split()[0] if value else "", ""))
            cells.append(text)
        tbl.add_row(*cells)
    console.print(tbl)


def line(env: Environment, text: str, *, style: str | None = None) -> None:
    from rich.text import Text

    console = _console(env)
    t = Text(clean(text))
    if style and env.colour:
        t.stylize(style)
    console.print(t)


def wrap(text: str, width: int = 72) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(clean(text), width=width)) or ""
