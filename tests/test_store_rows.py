"""One row written straight to the driver (the write path's inserts and
updates) is stored exactly as SQLAlchemy's own insert stores it: the same
text for dates, enums and JSON (None included), the same defaults."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from tracker.models import Actor
from tracker.status import Status
from tracker.store import _sql as t

NOW = dt.datetime(2024, 5, 1, 12, 30, 0)  # no microseconds: the format must still hold them
CLAIM = {
    "text": "Orvane / Keldor: acquisition, $2B",
    "key": "orvane keldor acquisition",
    "kind": "acquisition",
    "parties": ["orvane", "keldor"],
    "amount_value": 2e9,
    "currency": "USD",
    "status": Status.RUMOR,
    "first_seen": dt.date(2024, 4, 30),
    "created_at": NOW,
    "updated_at": NOW,
}


def _raw(session, table: str, row_id: int) -> dict:
    row = session.execute(text(f"SELECT * FROM {table} WHERE id = :i"), {"i": row_id}).mappings()
    out = dict(row.one())
    out.pop("id")
    return out


def test_a_row_written_to_the_driver_reads_as_sqlalchemy_writes_it(database) -> None:
    with database.session() as s:
        core = s.execute(t.claims.insert().returning(t.claims.c.id), CLAIM).scalar_one()
        fast = t.insert_row(s, t.claims, dict(CLAIM))
        assert fast is not None and fast != core
        assert _raw(s, "claims", fast) == _raw(s, "claims", core)

        mention = {
            "article_id": t.insert_row(
                s, t.articles, {"content_hash": "h1", "body": "b", "added_at": NOW}
            ),
            "claim_id": fast,
            "status": Status.CONFIRMED,
            "quote": "Orvane bought Keldor.",
            "span_start": 0,
            "span_end": 21,
            "explanation": None,  # JSON null, as the ORM writes it
            "amount": {"value": 2e9},
            "created_at": NOW,
        }
        one = s.execute(t.mentions.insert().returning(t.mentions.c.id), mention).scalar_one()
        other = t.insert_row(s, t.articles, {"content_hash": "h2", "body": "b", "added_at": NOW})
        two = t.insert_row(s, t.mentions, {**mention, "article_id": other})
        assert two is not None
        stored = _raw(s, "mentions", two)
        assert {**stored, "article_id": None} == {**_raw(s, "mentions", one), "article_id": None}
        assert stored["linked_by"] in (Actor.AUTO.value, Actor.AUTO.name)  # a column default
        assert stored["parties"] is not None  # ``default=list``, filled in

        changes = {"status": Status.DENIED, "last_seen": dt.date(2024, 5, 2), "updated_at": NOW}
        s.execute(t.claims.update().where(t.claims.c.id == core).values(changes))
        t.update_row(s, t.claims, fast, changes)
        assert _raw(s, "claims", fast) == _raw(s, "claims", core)
        status = s.execute(select(t.claims.c.status).where(t.claims.c.id == fast)).scalar()
        assert status is Status.DENIED
        s.rollback()


def test_a_conflicting_row_is_not_written(database) -> None:
    with database.session() as s:
        values = {"content_hash": "same", "body": "one", "added_at": NOW}
        first = t.insert_row(s, t.articles, dict(values), ignore_conflict_on="content_hash")
        again = t.insert_row(
            s, t.articles, {**values, "body": "two"}, ignore_conflict_on="content_hash"
        )
        assert first is not None and again is None
        bodies = s.execute(select(t.articles.c.body)).scalars().all()
        assert bodies == ["one"]
        # The next row's id is its own, not the last one read before the conflict
        # (SQLite's driver path reads lastrowid, and rowcount for an ignored row).
        third = t.insert_row(
            s, t.articles, {**values, "content_hash": "other", "body": "three"},
            ignore_conflict_on="content_hash",
        )  # fmt: skip
        ids = dict(s.execute(select(t.articles.c.body, t.articles.c.id)).all())
        assert (first, third) == (ids["one"], ids["three"]) and first != third
        s.rollback()


def test_rows_written_to_the_driver_stay_inside_a_savepoint(database) -> None:
    """``begin_nested()`` speaks its SAVEPOINT lazily, on SQLAlchemy's next
    statement: a row written to the driver first must still be inside it."""
    from tracker import pipeline
    from tracker.config import load_settings

    from .stories import RUMOR_EN

    settings = load_settings(database.db)
    with database.session() as s:
        first = t.insert_row(s, t.articles, {"content_hash": "kept", "body": "b", "added_at": NOW})
        for _ in range(3):
            nested = s.begin_nested()
            result = pipeline.add_article(s, RUMOR_EN, settings)
            assert result.outcome == "added"  # the undone article is not seen again
            t.insert_row(s, t.articles, {"content_hash": "undone", "body": "b", "added_at": NOW})
            nested.rollback()
        hashes = s.execute(select(t.articles.c.content_hash)).scalars().all()
        assert hashes == ["kept"] and first is not None
        assert s.execute(select(t.mentions.c.id)).first() is None
        s.rollback()
