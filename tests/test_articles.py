"""Retracting an article takes its statements out of every claim; restoring it
puts them back as they were. Listing articles, with its filters."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from tracker import articles, export, integrity, pipeline, store
from tracker.config import load_settings
from tracker.errors import TrackerError
from tracker.status import Status

from .stories import CONFIRM_FR, OFFICIAL_EN, RUMOR_EN, SAME_COMPANY_OTHER_DEAL


def _add_all(database: Any) -> list[pipeline.AddResult]:
    settings = load_settings(database.db)
    stories = [RUMOR_EN, CONFIRM_FR, OFFICIAL_EN, SAME_COMPANY_OTHER_DEAL]
    with database.session() as s:
        return [pipeline.add_article(s, a, settings) for a in stories]


def _state(database: Any) -> dict[str, Any]:
    """What every reader sees: listings, timelines, export rows, the index."""
    with database.session() as s:
        claims = {
            r.claim.id: (r.status, r.first_seen, r.last_seen, r.mentions, tuple(r.sources))
            for r in store.list_claims(s, store.ClaimFilter())
        }
        timelines = {
            cid: [(e.article_id, e.status) for e in store.timeline_events(s, cid)] for cid in claims
        }
        out = io.StringIO()
        export.write(s, "jsonl", out)
        terms = store.term_claim_counts(s)
        problems = integrity.check(s).problems
    return {
        "claims": claims,
        "timelines": timelines,
        "export": out.getvalue(),
        "terms": terms,
        "problems": problems,
    }


def test_a_retracted_article_counts_in_no_claim_until_restored(database: Any) -> None:
    added = _add_all(database)
    investment = added[0].mentions[0].claim_id
    partnership = next(m.claim_id for m in added[1].mentions if m.claim_id != investment)
    before = _state(database)
    assert before["claims"][investment][0] is Status.UNDISCLOSED

    with database.session() as s:
        articles.retract(s, str(added[2].article_id), note="a syndicated copy")
        done = articles.retract(s, str(added[1].article_id), note="wrong outlet")
    assert {c.claim_id: (c.before, c.after, c.listed) for c in done.claims} == {
        investment: (Status.UNDISCLOSED, Status.RUMOR, True),
        partnership: (Status.CONFIRMED, None, False),
    }
    after = _state(database)
    # The investment is a rumor again, said by the first article alone.
    assert after["claims"][investment][0] is Status.RUMOR
    assert after["claims"][investment][3] == 1
    assert after["timelines"][investment] == [(added[0].article_id, Status.RUMOR)]
    # The partnership had no other article: it is off the lists and out of the index.
    assert partnership not in after["claims"]
    assert f'"article_id": {added[1].article_id}' not in after["export"]
    assert after["problems"] == []
    with database.session() as s:
        ledger = [(e.action, e.article_id, e.note) for e in store.ledger(s, investment)]
        assert ("retract", added[1].article_id, "wrong outlet") in ledger
        # The change back to rumor names the statement that decides it now, and why.
        why = f"article #{added[1].article_id} retracted"
        assert ("status", added[0].article_id, why) in ledger
        art = store.get_article(s, str(added[1].article_id))
        assert art.retracted_at is not None and art.retraction_note == "wrong outlet"
        assert len(store.mentions_of_article(s, art.id)) == 2  # kept, not deleted

    with database.session() as s:
        articles.restore(s, str(added[1].article_id))
        articles.restore(s, str(added[2].article_id), note="the copy was ours")
    assert _state(database) == before


def test_adding_a_retracted_text_again_says_so_and_changes_nothing(database: Any) -> None:
    added = _add_all(database)
    with database.session() as s:
        articles.retract(s, str(added[2].article_id), note="withdrawn")
    before = _state(database)
    with database.session() as s:
        again = pipeline.add_article(s, OFFICIAL_EN, load_settings(database.db))
    assert again.outcome is pipeline.Outcome.DUPLICATE and again.retracted
    assert again.article_id == added[2].article_id and again.to_dict()["retracted"] is True
    assert _state(database) == before


def test_retracting_twice_or_restoring_a_counted_article_is_refused(database: Any) -> None:
    added = _add_all(database)
    ref = str(added[0].article_id)
    with database.session() as s:
        with pytest.raises(TrackerError, match="is not retracted"):
            articles.restore(s, ref)
        with pytest.raises(TrackerError, match="say why"):
            articles.retract(s, ref, note="  ")
        articles.retract(s, ref, note="first")
        with pytest.raises(TrackerError, match=r"already retracted \(since .*: first\)"):
            articles.retract(s, ref, note="again")


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ("wire", ("Wire Street",)),
        ("WIRE street", ("Wire Street",)),
        ("gazette", ("La Gazette Tech",)),
        ("échos", ("Les Échos", "Les Echos du Nord")),
        ("re", ("Redmond Daily", "Wire Street")),
        ("nothing", ()),
    ],
)
def test_sources_match_by_words_case_and_accents_ignored(wanted: str, found: tuple) -> None:
    names = ["La Gazette Tech", "Les Échos", "Les Echos du Nord", "Redmond Daily", "Wire Street"]
    assert articles.matching_sources(names, wanted) == found


def test_listing_filters_and_limits(database: Any) -> None:
    added = _add_all(database)
    investment = added[0].mentions[0].claim_id
    ids = [r.article_id for r in added]
    with database.session() as s:
        every = articles.list_articles(s)
        assert [r.article.id for r in every.rows] == [ids[3], ids[2], ids[1], ids[0]]
        assert every.total is None
        assert every.rows[-1].claim_ids == [investment]
        assert (
            sorted(every.rows[2].claim_ids)[0] == investment and len(every.rows[2].claim_ids) == 2
        )
        wire = articles.list_articles(s, source="wire street")
        assert [r.article.id for r in wire.rows] == [ids[3], ids[0]]
        since = articles.list_articles(s, since=dt.date(2023, 1, 23))
        assert [r.article.id for r in since.rows] == [ids[3], ids[2], ids[1]]
        about = articles.list_articles(s, claim_id=investment)
        assert [r.article.id for r in about.rows] == [ids[2], ids[1], ids[0]]
        first = articles.list_articles(s, limit=2)
        assert [r.article.id for r in first.rows] == [ids[3], ids[2]] and first.total == 4
        assert articles.list_articles(s, source="nobody").rows == []
