"""Derive a claim's status history from its dated mentions. Pure.

Events are ordered by the article's date (then by when it was added), never by
the order of ``add``: adding an older article later re-derives the timeline.

Rules, for a new statement ``s`` against the current status ``c``:

* the first statement sets the status;
* ``rumor`` never changes a known status (an echo after a resolution);
* ``denied`` changes any other status (a confirmed claim later denied is denied);
* ``undisclosed`` and ``confirmed`` overturn a denial, and otherwise only move
  forward: rumor -> undisclosed -> confirmed;
* a manual status set by a user applies as is, at its date.

A claim is *seen* from its first article's date to its last one's. An undated
article is placed at the day it was added, which bounds its real date from
above: it may make a claim seen earlier, never later (unless no article of the
claim is dated), so importing an old undated file does not make a claim news
of today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.status import OPEN_STATUSES, Status

_RANK = {Status.RUMOR: 0, Status.UNDISCLOSED: 1, Status.CONFIRMED: 2}


@dataclass(frozen=True)
class Event:
    """One dated statement about a claim: a mention, or a manual correction."""

    date: dt.date
    order: tuple[object, ...]  # tie-breakers after the date: (added_at, id)
    status: Status
    article_id: int | None = None
    mention_id: int | None = None
    ledger_id: int | None = None  # for a manual status: its ledger entry
    manual: bool = False
    source: str | None = None
    #: False for an article with no published date (``date`` is the day it was added).
    dated: bool = True


@dataclass(frozen=True)
class Step:
    event: Event
    before: Status | None
    after: Status

    @property
    def transition(self) -> tuple[Status | None, Status] | None:
        """``(from, to)`` when this event changed the status (the first one included)."""
        if self.before == self.after:
            return None
        return (self.before, self.after)

    @property
    def label(self) -> str | None:
        """A readable name for notable transitions."""
        if self.before is Status.DENIED and self.after in (Status.CONFIRMED, Status.UNDISCLOSED):
            return "denial overturned"
        if self.manual_override:
            return "set by hand"
        return None

    @property
    def manual_override(self) -> bool:
        return self.event.manual


@dataclass
class Timeline:
    steps: list[Step] = field(default_factory=list)

    @property
    def status(self) -> Status | None:
        return self.steps[-1].after if self.steps else None

    @property
    def transitions(self) -> list[Step]:
        return [s for s in self.steps if s.transition is not None and s.before is not None]

    @property
    def seen(self) -> tuple[dt.date | None, dt.date | None]:
        """``(first, last)``: when the claim was first and last seen in the news.

        Manual statuses are not news. An undated article counts for the first
        date, and for the last only when no article is dated.
        """
        news = [s.event for s in self.steps if not s.event.manual]
        if not news:
            return None, None
        dated = [e.date for e in news if e.dated]
        return min(e.date for e in news), max(dated or [e.date for e in news])

    def as_of(self, day: dt.date) -> Timeline:
        return Timeline([s for s in self.steps if s.event.date <= day])


def next_status(current: Status | None, said: Status) -> Status:
    """The status after a statement ``said``, given the ``current`` one."""
    if current is None:
        return said
    if said is Status.RUMOR:
        return current
    if said is Status.DENIED:
        return Status.DENIED
    if current is Status.DENIED:
        return said
    return said if _RANK[said] > _RANK[current] else current


def derive(events: Iterable[Event]) -> Timeline:
    """The timeline of a claim from its events, in date order."""
    steps: list[Step] = []
    current: Status | None = None
    for event in sorted(events, key=lambda e: (e.date, e.order)):
        after = event.status if event.manual else next_status(current, event.status)
        steps.append(Step(event, current, after))
        current = after
    return Timeline(steps)


def quiet_days(last_seen: dt.date | None, today: dt.date) -> int | None:
    """Days without news of a claim: from the last article that spoke of it to ``today``."""
    return None if last_seen is None else (today - last_seen).days


def is_stale(status: Status | None, last_seen: dt.date | None, today: dt.date, days: int) -> bool:
    """Whether an open claim has had no news for ``days`` days or more (a
    resolved claim is settled, never stale)."""
    quiet = quiet_days(last_seen, today)
    return status in OPEN_STATUSES and quiet is not None and quiet >= days


def stale_cutoff(today: dt.date, days: int) -> dt.date:
    """The last day on which the last news of a claim leaves it stale on ``today``."""
    return today - dt.timedelta(days=days)
