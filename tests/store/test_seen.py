"""When a claim was first and last seen: an undated article never makes a
claim seen later than its dated coverage (it used to make it "today")."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import corrections, integrity, store
from tracker.models import utcnow
from tracker.status import Precision, Status

TODAY = dt.date.today()


@pytest.mark.parametrize(
    ("articles", "seen"),
    [
        # An undated article added today does not make the claim seen today.
        ([(dt.date(2023, 1, 10), None)], (dt.date(2023, 1, 10), dt.date(2023, 1, 10))),
        # Added before the dated coverage: it was known by then, so it is seen first.
        (
            [(dt.date(2023, 1, 10), dt.datetime(2022, 12, 1, 9, 0))],
            (dt.date(2022, 12, 1), dt.date(2023, 1, 10)),
        ),
    ],
)
def test_an_undated_article_never_makes_a_claim_seen_later(session, make, articles, seen):
    cid = make.claim()
    for published, added in articles:
        make.mention(make.article(published), cid)
        undated = make.article(None, **({"added_at": added} if added else {}))
        make.mention(undated, cid)
    assert store.claim_seen(session, cid) == seen
    corrections.refresh_claim(session, cid)
    claim = store.get_claim(session, cid)
    assert (claim.first_seen, claim.last_seen) == seen
    report = integrity.check(session)
    assert report.problems == [] and report.claims_checked == 1


def test_a_claim_only_seen_undated_is_seen_the_day_it_was_added(session, make) -> None:
    cid = make.claim()
    before = utcnow().date()
    make.mention(make.article(None), cid)
    after = utcnow().date()  # the article's day, even across midnight
    first, last = store.claim_seen(session, cid)
    assert first == last and before <= first <= after
    corrections.refresh_claim(session, cid)
    assert store.get_claim(session, cid).last_seen == first  # still listed


def test_a_partial_date_is_seen_at_the_end_of_its_period(session, make) -> None:
    cid = make.claim()
    make.mention(make.article(dt.date(2023, 1, 1), Precision.MONTH), cid)
    make.mention(make.article(None), cid)
    assert store.claim_seen(session, cid) == (dt.date(2023, 1, 31), dt.date(2023, 1, 31))


def test_manual_statuses_are_not_news(session, make) -> None:
    cid = make.claim()
    make.mention(make.article(dt.date(2023, 1, 10)), cid)
    store.record(session, cid, "set-status", to_status=Status.DENIED, effective=TODAY)
    session.flush()
    assert store.claim_seen(session, cid) == (dt.date(2023, 1, 10), dt.date(2023, 1, 10))
    assert store.claim_seen(session, make.claim("nothing")) == (None, None)
