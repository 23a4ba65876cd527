"""A progress bar for long work (``add``, ``eval``, ``watch``): on stderr, on a
terminal only, never beside JSON and never on stdout.

While the bar shows, lines the command prints (on stdout or stderr, when those
are the terminal too) appear above it: the bar is erased, the line written,
and the bar drawn again below. Piped output never carries any of it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

from tracker.render import Environment

if TYPE_CHECKING:
    from rich.progress import Progress, Task, TaskID
    from rich.text import Text


def shows_progress(env: Environment, *, as_json: bool = False, quiet: bool = False) -> bool:
    """A bar goes to stderr when it is a terminal, unless the output is JSON
    or only a summary was asked for."""
    return env.stderr_isatty and not as_json and not quiet


class Bar:
    """A rich progress bar over inputs (files, addresses), with the articles
    read so far, their rate, and the time left when the total is known."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._path: object = _NONE
        self._saved: tuple[Any, Any] | None = None
        self.articles = 0

    # -- the display ----------------------------------------------------------

    def __enter__(self) -> Bar:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(
            file=self.env.stderr,
            force_terminal=True,
            no_color=not self.env.colour,
            highlight=False,
            markup=False,
            emoji=False,
        )
        self._console = console
        articles, left = _rich_columns()
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            articles(),
            left(),
            console=console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
            refresh_per_second=8,
        )
        self._progress.start()
        # What the command prints meanwhile goes above the bar.
        self._saved = (self.env.stdout, self.env.stderr)
        if self.env.stdout_isatty:
            self.env.stdout = _Above(self, self.env.stdout)  # type: ignore[assignment]
        self.env.stderr = _Above(self, self.env.stderr)  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            for stream in (self.env.stdout, self.env.stderr):
                if isinstance(stream, _Above):
                    stream.close()
            self.env.stdout, self.env.stderr = self._saved
            self._saved = None
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def above(self, write: Callable[[], None]) -> None:
        """Run ``write`` (which prints whole lines) with the bar out of the way."""
        progress = self._progress
        live = getattr(progress, "live", None)
        render = getattr(live, "_live_render", None)
        lock = getattr(live, "_lock", None)
        if live is None or render is None or lock is None:
            write()
            return
        with lock:
            self._console.control(render.position_cursor())
            # The bar is gone: drawn again from here, not over the new lines.
            render._shape = None
            write()
            live.refresh()

    # -- what it counts -------------------------------------------------------

    def start(self, description: str, total: int | None) -> None:
        """A new count of ``total`` inputs (None: not known)."""
        assert self._progress is not None
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(description, total=total, articles=0)
        self._path = _NONE
        self.articles = 0

    def result(self, result: Any) -> None:
        """One input's result: a new input path moves the bar on by one."""
        if self._progress is None or self._task is None:
            return
        path = getattr(result, "path", None)
        if self._path is not _NONE and path != self._path:
            self._progress.advance(self._task)
        self._path = path
        if getattr(result, "article_id", None) is not None:
            self.articles += 1
        self._progress.update(self._task, articles=self.articles)

    def finish(self) -> None:
        """The count is done: the last input too."""
        if self._progress is not None and self._task is not None and self._path is not _NONE:
            self._progress.advance(self._task)
            self._path = _NONE


_NONE = object()


class _Above:
    """A stream whose whole lines are written above the bar."""

    def __init__(self, bar: Bar, stream: IO[str]) -> None:
        self._bar = bar
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            lines, self._pending = self._pending.rsplit("\n", 1)
            self._bar.above(lambda: self._put(lines + "\n"))
        return len(text)

    def _put(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()

    def flush(self) -> None:
        """Whole lines are written as they come; a partial one waits for its end."""

    def close(self) -> None:
        if self._pending:
            self._put(self._pending)
            self._pending = ""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._stream.fileno()


def _rich_columns() -> tuple[Any, Any]:
    from rich.progress import ProgressColumn, TimeRemainingColumn
    from rich.text import Text

    class Articles(ProgressColumn):
        """``42 articles, 12.5/s``."""

        def render(self, task: Task) -> Text:
            n = task.fields.get("articles", 0)
            elapsed = task.elapsed or 0.0
            rate = f", {n / elapsed:.1f}/s" if elapsed > 0.5 and n else ""
            return Text(f"{n} article{'s' if n != 1 else ''}{rate}")

    class Left(TimeRemainingColumn):
        """The time left, when the total is known."""

        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            return super().render(task)

    return Articles, Left


@contextlib.contextmanager
def progress(env: Environment, enabled: bool) -> Iterator[Bar | None]:
    """A :class:`Bar` while inside, when ``enabled``; else None."""
    if not enabled:
        yield None
        return
    with Bar(env) as bar:
        yield bar
