"""store/ledger.py: the ledger, and a claim's timeline read from the database."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import corrections, store
from tracker.errors import NotFound
from tracker.models import Actor
from tracker.status import Status


def test_record_and_read_the_ledger_in_order(session, make) -> None:
    cid = make.claim()
    store.record(session, cid, "rename", data={"from": "a", "to": "b"})
    store.record(session, cid, "link", actor=Actor.AUTO, note="n")
    session.flush()
    assert [(e.action, e.actor) for e in store.ledger(session, cid)] == [
        ("rename", Actor.MANUAL),
        ("link", Actor.AUTO),
    ]
    assert store.was_renamed(session, cid)
    assert not store.was_renamed(session, make.claim("never renamed"))


def test_timeline_events_order_mentions_by_date_and_manual_statuses_by_effect(
    session, make
) -> None:
    cid = make.claim()
    late, early = make.article(dt.date(2023, 3, 1)), make.article(dt.date(2023, 1, 1))
    make.mention(late, cid, Status.CONFIRMED)
    make.mention(early, cid, Status.RUMOR)
    store.record(
        session,
        cid,
        "set-status",
        to_status=Status.DENIED,
        effective=dt.date(2023, 2, 1),
    )
    session.flush()
    ct = store.claim_timeline(session, cid)
    steps = [(s.event.date, s.event.manual, s.after) for s in ct.timeline.steps]
    assert steps == [
        (dt.date(2023, 1, 1), False, Status.RUMOR),
        (dt.date(2023, 2, 1), True, Status.DENIED),
        (dt.date(2023, 3, 1), False, Status.CONFIRMED),
    ]
    assert len(ct.mentions) == 2 and len(ct.manual) == 1
    with pytest.raises(NotFound):
        store.claim_timeline(session, 999)


def test_cached_state_and_status_changes(session, make) -> None:
    cid = make.claim()
    assert store.cached_state(session, cid) == store.CachedState(Status.RUMOR, None, None)
    with pytest.raises(NotFound):
        store.cached_state(session, 999)
    art = make.article()
    store.record_status_change(session, cid, None, Status.RUMOR, article_id=art, note="x")
    (entry,) = store.ledger(session, cid)
    assert (entry.actor, entry.action, entry.to_status, entry.article_id) == (
        Actor.AUTO,
        "status",
        Status.RUMOR,
        art,
    )


def test_refresh_through_the_store_writes_the_cause(session, make) -> None:
    cid = make.claim()
    rumor, official = make.article(dt.date(2023, 1, 1)), make.article(dt.date(2023, 1, 9))
    make.mention(rumor, cid, Status.RUMOR)
    assert corrections.refresh_claim(session, cid, cause_article_id=rumor) == (None, Status.RUMOR)
    make.mention(official, cid, Status.CONFIRMED)
    assert corrections.refresh_claim(session, cid) == (Status.RUMOR, Status.CONFIRMED)
    assert corrections.refresh_claim(session, cid) == (Status.CONFIRMED, Status.CONFIRMED)
    entries = [(e.from_status, e.to_status, e.article_id) for e in store.ledger(session, cid)]
    assert entries == [(None, Status.RUMOR, rumor), (Status.RUMOR, Status.CONFIRMED, official)]
    claim = store.get_claim(session, cid)
    assert (claim.first_seen, claim.last_seen) == (dt.date(2023, 1, 1), dt.date(2023, 1, 9))
