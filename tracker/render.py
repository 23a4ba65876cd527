"""Terminal output: aligned tables, status colours on a terminal, plain text in a pipe.

Everything printed passes through :func:`clean`, so text from articles (which
may carry terminal escape sequences) can never drive the user's terminal.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

STATUS_STYLE = {
    "rumor": "yellow",
    "undisclosed": "magenta",
    "confirmed": "green",
    "denied": "red",
}

# C0/C1 control characters except tab and newline; ESC starts every escape sequence.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """Printable form of any value: control characters shown as visible escapes."""
    s = "" if text is None else str(text)
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def _console(stream: TextIO | None = None) -> Any:
    from rich.console import Console

    out = stream or sys.stdout
    tty = out.isatty()
    return Console(
        file=out,
        force_terminal=tty,
        no_color=not tty,
        highlight=False,
        soft_wrap=not tty,
        width=None if tty else 200,
        emoji=False,
        markup=False,
    )


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    status_column: int | None = None,
    wrap_columns: Sequence[int] = (),
    title: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Print an aligned table; the status column is coloured on a terminal."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = _console(stream)
    tty = console.is_terminal
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
            if i == status_column and tty:
                text.stylize(STATUS_STYLE.get(str(value).split()[0] if value else "", ""))
            cells.append(text)
        tbl.add_row(*cells)
    console.print(tbl)


def line(text: str, *, style: str | None = None, stream: TextIO | None = None) -> None:
    from rich.text import Text

    console = _console(stream)
    t = Text(clean(text))
    if style and console.is_terminal:
        t.stylize(style)
    console.print(t)


def wrap(text: str, width: int = 72) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(clean(text), width=width)) or ""
