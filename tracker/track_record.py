"""Outlets' track record: the rumours each outlet reported, and how they ended. Pure.

Input is every dated statement of the claims concerned (the events the
timeline is derived from, each with its article's outlet); output is one
:class:`OutletRecord` per outlet that reported a rumour.

The rules, for one outlet and one claim:

* the outlet *reported the rumour* when one of its articles states the claim
  as a rumour on or before the claim's resolution (or at any time while the
  claim is open); a rumour dated after the resolution is an echo of settled
  news and does not count;
* an outlet counts once per claim, whatever the number of its articles on it
  (two articles, or the same text received twice under two titles); its
  rumour is dated by its earliest one;
* the claim ended *confirmed* or *denied* by its status (as of the day asked);
  *open* otherwise, ``undisclosed`` included: the event was confirmed but not
  the figure the rumour carried, so the rumour is not settled;
* the resolution is the day the claim took its final status (the last
  change into it: a denial later overturned resolves on the confirmation);
* the outlet was *first* when no other outlet reported the rumour earlier
  (outlets tied on the day are all first).

Outlet names are folded for grouping (accents, case, punctuation and spaces
ignored: ``Les Échos`` = ``Les Echos`` = ``LES ECHOS``) and shown in their most
common spelling. Statements with no outlet, and statuses set by hand, are no
outlet's.
"""

from __future__ import annotations

import datetime as dt
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tracker import timeline
from tracker.status import Status

#: How a claim ended, for an outlet's record.
CONFIRMED, DENIED, OPEN = "confirmed", "denied", "open"
RESOLVED_STATUSES = (Status.CONFIRMED, Status.DENIED)


def fold_outlet(name: str) -> str:
    """The key outlets are grouped by: letters and digits only, accents and case folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept.casefold() if c.isalnum())


@dataclass(frozen=True)
class ClaimOutcome:
    """How a claim stands: its status and, when resolved, since when."""

    status: Status | None
    resolved_on: dt.date | None = None

    @property
    def ending(self) -> str:
        if self.status is Status.CONFIRMED:
            return CONFIRMED
        if self.status is Status.DENIED:
            return DENIED
        return OPEN


def outcome(tl: timeline.Timeline) -> ClaimOutcome:
    """The claim's status, and the day it took it last when that status is a resolution."""
    status = tl.status
    if status not in RESOLVED_STATUSES:
        return ClaimOutcome(status)
    resolved_on = None
    for step in tl.steps:
        if step.after is status and step.before is not status:
            resolved_on = step.event.date
    return ClaimOutcome(status, resolved_on)


@dataclass(frozen=True)
class Rumour:
    """One outlet's rumour on one claim, and how the claim ended."""

    claim_id: int
    outlet: str  # the folded key
    reported_on: dt.date
    first: bool
    ending: str  # confirmed, denied or open
    resolved_on: dt.date | None

    @property
    def days(self) -> int | None:
        """Days from the rumour to the resolution (None while open)."""
        if self.resolved_on is None:
            return None
        return (self.resolved_on - self.reported_on).days


@dataclass
class OutletRecord:
    """An outlet's rumours and how they ended."""

    key: str
    spellings: Counter[str] = field(default_factory=Counter)
    rumours: list[Rumour] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The most common spelling (on a tie, the one seen first)."""
        return self.spellings.most_common(1)[0][0] if self.spellings else self.key

    def _count(self, ending: str) -> int:
        return sum(1 for r in self.rumours if r.ending == ending)

    @property
    def reported(self) -> int:
        return len(self.rumours)

    @property
    def first(self) -> int:
        return sum(1 for r in self.rumours if r.first)

    @property
    def confirmed(self) -> int:
        return self._count(CONFIRMED)

    @property
    def denied(self) -> int:
        return self._count(DENIED)

    @property
    def open(self) -> int:
        return self._count(OPEN)

    @property
    def resolved(self) -> int:
        return self.confirmed + self.denied

    @property
    def hit_rate(self) -> float | None:
        """Confirmed ÷ resolved (None before anything is resolved)."""
        return self.confirmed / self.resolved if self.resolved else None

    @property
    def median_days(self) -> float | None:
        days = [r.days for r in self.rumours if r.days is not None]
        return float(statistics.median(days)) if days else None

    @property
    def record(self) -> str:
        """``2/3``: confirmed of resolved."""
        return f"{self.confirmed}/{self.resolved}"

    def hit_rate_text(self) -> str:
        """``0.67 (2/3)``, or ``- (0/0)`` before anything is resolved."""
        rate = "-" if self.hit_rate is None else f"{self.hit_rate:.2f}"
        return f"{rate} ({self.record})"

    def median_days_text(self) -> str:
        days = self.median_days
        if days is None:
            return "-"
        return f"{days:.0f}d" if days == int(days) else f"{days:.1f}d"


def track_records(
    events_by_claim: Mapping[int, Iterable[timeline.Event]],
    *,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
) -> list[OutletRecord]:
    """Every outlet that reported a rumour, with its record; most rumours first.

    ``as_of``: only what was known that day (statements dated after it are
    left out, statuses are those of that day). ``since``: only rumours
    reported on or after that day (an outlet is still *first* by all rumours).
    """
    records: dict[str, OutletRecord] = {}
    for claim_id in sorted(events_by_claim):
        tl = timeline.derive(events_by_claim[claim_id])
        if as_of is not None:
            tl = tl.as_of(as_of)
        if not tl.steps:
            continue
        end = outcome(tl)
        earliest: dict[str, dt.date] = {}
        seen_articles: set[tuple[str, int | None]] = set()
        for step in tl.steps:
            ev = step.event
            if ev.manual or not ev.source or not ev.source.strip():
                continue
            key = fold_outlet(ev.source)
            if not key:
                continue
            rec = records.setdefault(key, OutletRecord(key))
            if (key, ev.article_id) not in seen_articles:
                seen_articles.add((key, ev.article_id))
                rec.spellings[ev.source.strip()] += 1
            if ev.status is not Status.RUMOR:
                continue
            if end.resolved_on is not None and ev.date > end.resolved_on:
                continue  # an echo of settled news
            if key not in earliest or ev.date < earliest[key]:
                earliest[key] = ev.date
        if not earliest:
            continue
        first_day = min(earliest.values())
        for key, day in earliest.items():
            if since is not None and day < since:
                continue
            records[key].rumours.append(
                Rumour(claim_id, key, day, day == first_day, end.ending, end.resolved_on)
            )
    found = [r for r in records.values() if r.rumours]
    found.sort(key=lambda r: (-r.reported, r.name.casefold(), r.key))
    return found


def records_by_key(records: Iterable[OutletRecord]) -> dict[str, OutletRecord]:
    return {r.key: r for r in records}


def record_of(records: Mapping[str, OutletRecord], source: str | None) -> OutletRecord | None:
    """The record of the outlet ``source`` names (any spelling), if it reported a rumour."""
    if not source:
        return None
    return records.get(fold_outlet(source))
