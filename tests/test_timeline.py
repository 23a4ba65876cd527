"""Status over time: rules, order by date, as-of."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.status import Status
from tracker.timeline import Event, derive, next_status

R, C, U, D = Status.RUMOR, Status.CONFIRMED, Status.UNDISCLOSED, Status.DENIED


@pytest.mark.parametrize(
    ("current", "said", "after"),
    [
        (None, R, R),
        (R, U, U),
        (U, C, C),
        (R, C, C),
        (C, U, C),  # a figure withheld later does not undo a confirmed figure
        (C, R, C),  # a rumor echo after a resolution changes nothing
        (D, R, D),
        (C, D, D),  # confirmed then denied: denied
        (D, C, C),  # denial overturned
        (D, U, U),
        (U, D, D),
    ],
)
def test_next_status(current, said, after) -> None:
    assert next_status(current, said) is after


def ev(day: int, status: Status, order: int = 0, manual: bool = False) -> Event:
    return Event(dt.date(2023, 1, day), (order,), status, article_id=day, manual=manual)


def test_order_by_date_not_by_insertion() -> None:
    forward = derive([ev(10, R), ev(17, U), ev(24, C)])
    backward = derive([ev(24, C), ev(17, U), ev(10, R)])
    assert [s.after for s in forward.steps] == [s.after for s in backward.steps] == [R, U, C]
    assert [(s.before, s.after) for s in forward.transitions] == [(R, U), (U, C)]


def test_denial_overturned_label() -> None:
    tl = derive([ev(1, R), ev(5, D), ev(9, C)])
    assert tl.status is C
    assert tl.steps[-1].label == "denial overturned"


def test_as_of() -> None:
    tl = derive([ev(10, R), ev(17, U), ev(24, C)])
    assert tl.as_of(dt.date(2023, 1, 20)).status is U
    assert tl.as_of(dt.date(2023, 1, 5)).status is None


def test_manual_status_applies_as_is_and_later_articles_still_count() -> None:
    tl = derive([ev(10, C), ev(12, D, manual=True)])
    assert tl.status is D
    tl2 = derive([ev(10, C), ev(12, D, manual=True), ev(20, C)])
    assert tl2.status is C


@pytest.mark.parametrize(
    ("day", "precision", "end"),
    [
        (dt.date(2023, 1, 1), "month", dt.date(2023, 1, 31)),
        (dt.date(2024, 2, 1), "month", dt.date(2024, 2, 29)),
        (dt.date(2023, 12, 1), "month", dt.date(2023, 12, 31)),
        (dt.date(2023, 1, 1), "year", dt.date(2023, 12, 31)),
        (dt.date(2023, 1, 9), "day", dt.date(2023, 1, 9)),
    ],
)
def test_partial_dates_order_at_the_end_of_their_period(day, precision, end) -> None:
    from tracker.models import period_end, sort_date_of
    from tracker.status import Precision

    assert period_end(day, Precision(precision)) == end
    added = dt.datetime(2030, 5, 6, 7, 8)
    assert sort_date_of(day, Precision(precision), added) == end
    assert sort_date_of(None, Precision.UNKNOWN, added) == dt.date(2030, 5, 6)


def seen_of(*events: tuple[int, bool, bool]) -> tuple[dt.date | None, dt.date | None]:
    """``(day of January 2023, dated, manual)`` per event."""
    return derive(
        Event(dt.date(2023, 1, d), (i,), R, article_id=i, manual=m, dated=dated)
        for i, (d, dated, m) in enumerate(events)
    ).seen


@pytest.mark.parametrize(
    ("events", "first", "last"),
    [
        ([], None, None),
        ([(10, True, False), (20, True, False)], 10, 20),
        # An undated article (placed at the day it was added) is never the last seen...
        ([(10, True, False), (25, False, False)], 10, 10),
        # ... but it was known by then, so it may be the first.
        ([(5, False, False), (10, True, False)], 5, 10),
        # With nothing dated, the day it was added is all there is.
        ([(5, False, False), (25, False, False)], 5, 25),
        # Manual statuses are not news.
        ([(10, True, False), (28, True, True)], 10, 10),
        ([(28, True, True)], None, None),
    ],
)
def test_seen_dates(events, first, last) -> None:
    day = {None: None} | {d: dt.date(2023, 1, d) for d in range(1, 32)}
    assert seen_of(*events) == (day[first], day[last])


@pytest.mark.parametrize(
    ("status", "last", "days", "quiet", "stale"),
    [
        (R, 1, 90, 89, False),
        (R, 0, 90, 90, True),  # quiet for exactly the period: stale
        (U, 0, 90, 90, True),  # an undisclosed figure is open too
        (C, 0, 90, 90, False),  # settled: never stale
        (D, 0, 90, 90, False),
        (R, 80, 10, 10, True),
        (None, None, 90, None, False),  # nothing said yet
    ],
)
def test_quiet_days_and_stale(status, last, days, quiet, stale) -> None:
    from tracker.timeline import is_stale, quiet_days, stale_cutoff

    today = dt.date(2023, 4, 1)
    last_seen = None if last is None else dt.date(2023, 1, 1) + dt.timedelta(days=last)
    assert quiet_days(last_seen, today) == quiet
    assert is_stale(status, last_seen, today, days) is stale
    if last_seen is not None and status in (R, U):
        assert (last_seen <= stale_cutoff(today, days)) is stale
