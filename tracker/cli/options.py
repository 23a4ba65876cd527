"""Options and values shared by several commands."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any

import click

from tracker.config import DEFAULT_TABLE_LIMIT
from tracker.status import Status


def known_kinds() -> tuple[str, ...]:
    """The kinds of event a claim can have: the ``[kinds.*]`` tables of the
    lexicons, and the kind of a claim made by a headline alone."""
    from tracker import lexicons
    from tracker.kinds import UNKNOWN_KIND

    kinds = {UNKNOWN_KIND}
    for language in lexicons.languages():
        kinds.update(lexicons.load(language).get("kinds", {}))
    return tuple(sorted(kinds))


class LazyChoice(click.Choice[str]):
    """A choice whose values are read on first use (help, completion, a value
    to check), not when the command line is imported."""

    def __init__(self, load: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        self._load = load
        self._choices: tuple[str, ...] | None = None
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, values: tuple[str, ...]) -> None:
        # click's Choice declares ``choices`` a plain attribute: it stays settable.
        self._choices = values


def status_choice(statuses: Iterable[Status] = tuple(Status)) -> click.Choice[str]:
    return click.Choice([s.value for s in statuses])


class Megabytes(click.FloatRange):
    """A size in megabytes: a finite number above 0 (0 is not "the default")."""

    name = "size in MB"

    def __init__(self) -> None:
        super().__init__(min=0, min_open=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        size = super().convert(value, param, ctx)
        if not math.isfinite(size):
            self.fail(f"{size} is not in the range {self._describe_range()}.", param, ctx)
        return size

    @staticmethod
    def to_bytes(size: float) -> int:
        return max(1, int(size * 1024 * 1024))


def parse_day(value: str | None, option: str) -> dt.date | None:
    """Parse a date option with the same rules as article dates."""
    if value is None:
        return None
    from tracker.ingest import parse_date

    day, _precision = parse_date(value)
    if day is None:
        raise click.BadParameter(f"cannot read {value!r} as a date", param_hint=option)
    return day


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (stable shape).")(f)


def reading_options(inputs: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--glob`` and ``--format``, for commands that read ``inputs`` ("input", "source")."""

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        f = click.option(
            "--format",
            "fmt",
            type=click.Choice(["text", "markdown", "html", "feed", "jsonl"]),
            help=f"Read every {inputs} as this format instead of detecting it.",
        )(f)
        return click.option(
            "--glob", metavar="PATTERN", help="In folders, only files matching (e.g. '*.md')."
        )(f)

    return decorate


def timeout_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        metavar="SECONDS",
        help="For URLs: wait at most this long to connect and for each part of the answer "
        "(default 20).",
    )(f)


def verbose_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-v", "--verbose", is_flag=True, help="Show cues, quotes and link scores.")(
        f
    )


def as_of_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--as-of", metavar="DATE", help="Answer as of DATE: what was known then.")(
        f
    )


def listing_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--sort",
        type=click.Choice(["last_seen", "first_seen", "age", "id"]),
        default="last_seen",
        show_default=True,
        help="Order of the rows.",
    )(f)
    f = click.option("--all", "show_all", is_flag=True, help="Show every matching claim.")(f)
    f = click.option(
        "--limit",
        type=click.IntRange(min=1),
        help=f"Show at most N claims (tables default to {DEFAULT_TABLE_LIMIT}, JSON to all).",
    )(f)
    f = click.option("--since", metavar="DATE", help="Only claims seen on or after DATE.")(f)
    f = click.option("--entity", metavar="NAME", help="Only claims about NAME (accents ignored).")(
        f
    )
    return f
