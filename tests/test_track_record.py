"""Outlets' track record, from plain events: grouping, counting once, endings, days."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tracker.status import Status
from tracker.timeline import Event, derive
from tracker.track_record import (
    fold_outlet,
    outcome,
    record_of,
    records_by_key,
    track_records,
)

R, C, U, D = Status.RUMOR, Status.CONFIRMED, Status.UNDISCLOSED, Status.DENIED
_ids = itertools.count(1)


def day(n: int) -> dt.date:
    return dt.date(2023, 1, 1) + dt.timedelta(days=n)


def said(n: int, status: Status, source: str | None, article: int | None = None) -> Event:
    """A statement on day ``n`` (from 2023-01-01) by ``source``."""
    art = next(_ids) if article is None else article
    return Event(day(n), (n, art), status, article_id=art, mention_id=art, source=source)


def by_hand(n: int, status: Status) -> Event:
    return Event(day(n), (n, 1 << 62), status, ledger_id=n, manual=True, source="manual")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Les Échos", "Les Echos"),
        ("Les Échos", "LES ECHOS"),
        ("Le Journal de l'Éco", "Le journal de l’Eco"),
        ("TechWire", "Tech-Wire"),
        ("TechWire", "techwire."),
        ("Reuters", " Reuters "),
        ("Süddeutsche Zeitung", "Suddeutsche zeitung"),
    ],
)
def test_spellings_of_one_outlet_fold_together(a: str, b: str) -> None:
    assert fold_outlet(a) == fold_outlet(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("TechWire", "TechWire — Deals & Products"),
        ("Les Echos", "L'Echo"),
        ("Financial Courier", "Financial Times"),
    ],
)
def test_other_outlets_stay_apart(a: str, b: str) -> None:
    assert fold_outlet(a) != fold_outlet(b)


@pytest.mark.parametrize(
    ("events", "status", "resolved"),
    [
        ([said(0, R, "A")], R, None),
        ([said(0, R, "A"), said(5, U, "B")], U, None),  # undisclosed: still open
        ([said(0, R, "A"), said(5, C, "B")], C, 5),
        ([said(0, R, "A"), said(2, D, "B")], D, 2),
        # A denial overturned: resolved on the confirmation.
        ([said(0, R, "A"), said(1, D, "B"), said(30, C, "C")], C, 30),
        # An echo after the resolution changes nothing.
        ([said(0, R, "A"), said(5, C, "B"), said(9, R, "C")], C, 5),
        # A second confirmation does not move the resolution.
        ([said(0, R, "A"), said(5, C, "B"), said(9, C, "C")], C, 5),
        # A status set by hand resolves too.
        ([said(0, R, "A"), by_hand(7, D)], D, 7),
    ],
)
def test_outcome(events: list[Event], status: Status, resolved: int | None) -> None:
    got = outcome(derive(events))
    assert got.status is status
    assert got.resolved_on == (None if resolved is None else day(resolved))


def _one(records, name):
    found = [r for r in records if r.name == name]
    assert len(found) == 1, [r.name for r in records]
    return found[0]


def test_an_outlet_counts_once_per_claim() -> None:
    # Two articles of one outlet on a claim, and the same text received again
    # under another spelling of its name: one rumour, dated by the first.
    events = {
        1: [
            said(0, R, "Les Échos"),
            said(3, R, "Les Échos"),
            said(4, R, "LES ECHOS"),
            said(10, C, "Wire"),
        ]
    }
    [rec] = track_records(events)
    assert rec.name == "Les Échos" and rec.key == "lesechos"
    assert (rec.reported, rec.confirmed, rec.resolved) == (1, 1, 1)
    assert rec.rumours[0].reported_on == day(0) and rec.rumours[0].days == 10
    assert rec.spellings == {"Les Échos": 2, "LES ECHOS": 1}


def test_most_common_spelling_is_shown() -> None:
    events = {
        1: [said(0, R, "Les Echos"), said(10, C, "Wire")],
        2: [said(20, R, "Les Échos"), said(25, D, "Wire")],
        3: [said(30, R, "Les Échos")],
    }
    rec = _one(track_records(events), "Les Échos")
    assert rec.reported == 3 and rec.hit_rate_text() == "0.50 (1/2)"
    assert rec.median_days == 7.5 and rec.median_days_text() == "7.5d"


@pytest.mark.parametrize(
    ("events", "counts", "hit", "median"),
    [
        # reported, first, confirmed, denied, open
        ({1: [said(0, R, "A"), said(9, C, "B")]}, (1, 1, 1, 0, 0), "1.00 (1/1)", "9d"),
        ({1: [said(0, R, "A"), said(2, D, "B")]}, (1, 1, 0, 1, 0), "0.00 (0/1)", "2d"),
        ({1: [said(0, R, "A")]}, (1, 1, 0, 0, 1), "- (0/0)", "-"),
        ({1: [said(0, R, "A"), said(4, U, "B")]}, (1, 1, 0, 0, 1), "- (0/0)", "-"),
        # Another outlet broke it: A repeated it.
        (
            {1: [said(0, R, "B"), said(3, R, "A"), said(9, C, "B")]},
            (1, 0, 1, 0, 0),
            "1.00 (1/1)",
            "6d",
        ),
        # Tied on the day: both first.
        (
            {1: [said(0, R, "B"), said(0, R, "A"), said(9, C, "B")]},
            (1, 1, 1, 0, 0),
            "1.00 (1/1)",
            "9d",
        ),
        # A's rumour after the confirmation is an echo: no record.
        ({1: [said(0, R, "B"), said(9, C, "B"), said(12, R, "A")]}, None, None, None),
        # A's rumour after a denial later overturned counts, resolved on the confirmation.
        (
            {1: [said(0, R, "B"), said(1, D, "C"), said(5, R, "A"), said(20, C, "C")]},
            (1, 0, 1, 0, 0),
            "1.00 (1/1)",
            "15d",
        ),
        # A confirming is not A reporting a rumour.
        ({1: [said(0, R, "B"), said(3, C, "A")]}, None, None, None),
    ],
)
def test_record_of_outlet_a(events, counts, hit, median) -> None:
    rec = records_by_key(track_records(events)).get("a")
    if counts is None:
        assert rec is None
        return
    assert (rec.reported, rec.first, rec.confirmed, rec.denied, rec.open) == counts
    assert rec.hit_rate_text() == hit and rec.median_days_text() == median


def test_as_of_knows_only_what_was_said_by_then() -> None:
    events = {1: [said(0, R, "A"), said(10, D, "B"), said(40, C, "B")]}
    [rec] = [r for r in track_records(events, as_of=day(5)) if r.key == "a"]
    assert (rec.open, rec.resolved) == (1, 0)
    rec = records_by_key(track_records(events, as_of=day(20)))["a"]
    assert (rec.denied, rec.rumours[0].days) == (1, 10)
    rec = records_by_key(track_records(events))["a"]
    assert (rec.confirmed, rec.rumours[0].days) == (1, 40)
    assert track_records(events, as_of=day(-1)) == []


def test_since_keeps_later_rumours_and_first_stays_by_all() -> None:
    events = {
        1: [said(0, R, "A"), said(5, C, "B")],
        2: [said(50, R, "B"), said(60, R, "A"), said(70, D, "B")],
    }
    rec = records_by_key(track_records(events, since=day(30)))["a"]
    assert [r.claim_id for r in rec.rumours] == [2]
    assert (rec.first, rec.denied) == (0, 1)


def test_no_outlet_and_statuses_set_by_hand_are_no_ones() -> None:
    events = {1: [said(0, R, None), said(1, R, "  "), by_hand(3, C)]}
    assert track_records(events) == []


def test_record_of_any_spelling() -> None:
    recs = records_by_key(track_records({1: [said(0, R, "Les Échos"), said(2, C, "X")]}))
    assert record_of(recs, "les echos").record == "1/1"
    assert record_of(recs, "Other") is None and record_of(recs, None) is None


def test_most_rumours_first_then_by_name() -> None:
    events = {
        1: [said(0, R, "b"), said(0, R, "a")],
        2: [said(0, R, "b")],
    }
    assert [r.name for r in track_records(events)] == ["b", "a"]
