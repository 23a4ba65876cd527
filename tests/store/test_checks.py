"""store/checks.py: the queries behind `tracker db check`, and its repairs."""

from __future__ import annotations

import datetime as dt

from tracker import store


def test_sqlite_checks_only_on_sqlite(session) -> None:
    result = store.sqlite_checks(session)
    if session.get_bind().dialect.name == "sqlite":
        assert result == (["ok"], [])
    else:
        assert result is None


def test_claim_and_mention_counts(session, make) -> None:
    art = make.article()
    listed_empty, live, merged = make.claim("empty"), make.claim("live"), make.claim("merged")
    make.mention(art, live)
    make.mention(art, merged)
    store.update_claim(session, listed_empty, last_seen=dt.date(2023, 1, 1))
    store.update_claim(session, live, last_seen=dt.date(2023, 1, 1))
    store.update_claim(session, merged, merged_into_id=live)
    assert store.count_orphan_mentions(session) == 0
    assert store.count_mentions_on_merged(session) == 1
    assert [c.id for c in store.live_claims_with_mentions(session)] == [live]
    assert store.count_listed_without_mentions(session) == 1
    store.unlist_claims_without_mentions(session)
    assert store.count_listed_without_mentions(session) == 0
    session.expire_all()
    assert store.get_claim(session, listed_empty).last_seen is None
    assert store.get_claim(session, live).last_seen == dt.date(2023, 1, 1)


def test_frequencies_recounted_from_the_index(session, make) -> None:
    c1, c2 = make.claim("c1"), make.claim("c2")
    store.add_terms(session, c1, {"p:acme": 1, "w:deal": 1})
    store.add_terms(session, c2, {"p:acme": 2})
    assert store.term_claim_counts(session) == {"p:acme": 2, "w:deal": 1}
    store.insert_or_increment_df(session, ["p:acme", "w:ghost"], delta=3)
    recorded = store.recorded_frequencies(session)
    assert recorded == {"p:acme": 5, "w:deal": 1, "w:ghost": 3}
    store.clear_terms(session, c1)
    store.set_frequencies(session, {"p:acme": 2, "w:ghost": 0, "w:new": 4}, recorded=recorded)
    session.flush()
    assert store.recorded_frequencies(session) == {
        "p:acme": 2,
        "w:deal": 0,
        "w:ghost": 0,
        "w:new": 4,
    }
