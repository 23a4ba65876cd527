"""store/articles.py: articles and the mentions they hold, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tracker import store
from tracker.errors import NotFound
from tracker.models import Actor, Article, Mention, Suggestion
from tracker.status import Precision, Status


@pytest.mark.parametrize(
    ("published", "precision", "sort_date"),
    [
        (dt.date(2023, 1, 23), Precision.DAY, dt.date(2023, 1, 23)),
        (dt.date(2023, 2, 1), Precision.MONTH, dt.date(2023, 2, 28)),
        (dt.date(2022, 1, 1), Precision.YEAR, dt.date(2022, 12, 31)),
        (None, Precision.UNKNOWN, dt.date(2024, 5, 6)),  # the day it was added
    ],
)
def test_insert_article_orders_by_the_end_of_a_partial_date(
    session, make, published, precision, sort_date
) -> None:
    article_id = make.article(published, precision, added_at=dt.datetime(2024, 5, 6, 7, 8))
    assert session.get(Article, article_id).sort_date == sort_date


def test_lookups_by_hash_url_and_reference(session, make) -> None:
    first = make.article(url="https://example.org/a", external_id="wire-1")
    second = make.article(url="https://example.org/a")
    found = store.article_by_hash(session, f"{1:064d}")
    assert found is not None
    assert (found.id, found.title, found.url) == (first, "title 1", "https://example.org/a")
    assert found.retracted_at is None and found.syndicated_of_id is None
    assert store.article_by_hash(session, "f" * 64) is None
    assert store.latest_by_url(session, "https://example.org/a").id == second
    assert store.latest_by_url(session, "https://example.org/none") is None
    assert store.get_article(session, first).id == first
    assert store.get_article(session, f"#{second}").id == second
    assert store.get_article(session, "wire-1").id == first
    assert store.get_article(session, "https://example.org/a").id == second  # the latest
    with pytest.raises(NotFound, match="no article 'nothing'"):
        store.get_article(session, "nothing")


def test_mentions_of_an_article_and_of_a_claim(session, make) -> None:
    a1, a2 = make.article(), make.article()
    c1, c2 = make.claim(), make.claim("Other")
    late = make.mention(a1, c1, span_start=50, span_end=60)
    early = make.mention(a1, c2, span_start=5, span_end=9)
    other = make.mention(a2, c1)
    assert [m.id for m in store.mentions_of_article(session, a1)] == [early, late]
    assert [m.id for m in store.mentions_of_claim(session, c1)] == [late, other]
    assert store.has_mentions(session, c1)
    assert not store.has_mentions(session, make.claim("Empty"))
    assert store.get_mention(session, early).claim_id == c2
    assert store.get_mention(session, 10_000) is None
    assert store.mention_links(session) == [
        (a1, c1, Status.RUMOR),
        (a1, c2, Status.RUMOR),
        (a2, c1, Status.RUMOR),
    ]


def test_moving_and_deleting_mentions(session, make) -> None:
    a1, a2 = make.article(), make.article()
    c1, c2 = make.claim(), make.claim("Other")
    m1 = store.get_mention(session, make.mention(a1, c1))
    m2 = store.get_mention(session, make.mention(a1, c2))
    m3 = store.get_mention(session, make.mention(a2, c1))
    # The article of m1 already speaks of c2 (m2); the one of m3 does not.
    assert store.other_mention_in(session, m1, c2).id == m2.id
    assert store.other_mention_in(session, m3, c2) is None
    store.move_mention(session, m3, c2, linked_by=Actor.MANUAL)
    assert [m.id for m in store.mentions_of_claim(session, c2)] == [m2.id, m3.id]
    assert m3.linked_by is Actor.MANUAL
    store.insert_suggestion(session, mention_id=m1.id, claim_id=c2, score=0.6)
    store.delete_mention(session, m1)
    assert store.get_mention(session, m1.id) is None
    # Its suggestions go with it (ON DELETE CASCADE).
    assert session.scalar(select(func.count()).select_from(Suggestion)) == 0


def test_add_mention_is_written_at_once(session, make) -> None:
    a, c = make.article(), make.claim()
    mention = store.add_mention(
        session,
        article_id=a,
        claim_id=c,
        status=Status.CONFIRMED,
        quote="q",
        span_start=0,
        span_end=1,
        linked_by=Actor.MANUAL,
        parties=[],
        terms=[],
    )
    assert mention.id is not None
    assert store.mention_links(session) == [(a, c, Status.CONFIRMED)]


def test_export_rows_stream_by_claim_then_date(session, make) -> None:
    late = make.article(dt.date(2023, 3, 1))
    early = make.article(dt.date(2023, 1, 1))
    c1, c2 = make.claim(), make.claim("Other")
    make.mention(late, c1)
    make.mention(early, c1)
    make.mention(late, c2)
    rows = [(m.claim_id, a.id, c.id) for m, a, c in store.mention_export_rows(session)]
    assert rows == [(c1, early, c1), (c1, late, c1), (c2, late, c2)]
    assert all(isinstance(m, Mention) for m, _a, _c in store.mention_export_rows(session))


def test_article_origins(session, make) -> None:
    a = make.article(path="/x/a.txt")
    b = make.article(path="/x/feed.jsonl", external_id="e1")
    assert store.article_origins(session) == [(a, "/x/a.txt", None), (b, "/x/feed.jsonl", "e1")]


def test_inserting_a_stored_text_again_returns_none_and_changes_nothing(database) -> None:
    values = dict(
        content_hash="c" * 64,
        title="t",
        body="b",
        published=dt.date(2023, 1, 2),
        date_precision=Precision.DAY,
    )
    with database.session() as s:
        first = store.insert_article(s, **values)
        assert isinstance(first, int)
        assert store.insert_article(s, **{**values, "body": "other"}) is None
        s.commit()
        assert s.scalar(select(func.count()).select_from(Article)) == 1
        assert s.get(Article, first).body == "b"
