"""The linker keeps the timelines of the claims it writes in memory, so
re-deriving a claim after each article reads nothing. What it keeps must store
exactly what reading the store again stores, and must be dropped when another
writer changes a claim."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from tracker import corrections, pipeline, store
from tracker.config import load_settings
from tracker.link import linker as linker_module
from tracker.models import Claim, LedgerEntry
from tracker.status import Status

from .stories import THE_CONVERSATION, art


def _orvane(title: str, body: str, day: str, source: str = "Wire Street"):
    return art(title, body, day, source, "en")


RUMOR = _orvane(
    "Orvane in talks to buy Keldor",
    "Orvane is in talks to buy Keldor for $2 billion, people familiar with the matter said.",
    "2024-05-01",
)
CONFIRMED = _orvane(
    "Orvane buys Keldor",
    "Orvane said on Monday it has agreed to buy Keldor for $2 billion.",
    "2024-05-20",
    "Harbour Wire",
)
#: Added after the confirmation, dated before it: the timeline is re-derived.
EARLY_ECHO = _orvane(
    "Orvane eyes Keldor",
    "Orvane could buy Keldor for $2 billion, according to people close to the talks.",
    "2024-04-28",
    "Le Messager",
)


def _stored(db: str, articles: list) -> tuple[list, list]:
    """Claims' statuses and dates, and the ledger's status changes, of a new
    store at ``db`` after ``articles``."""
    from tracker.db import open_database

    database = open_database(db)
    try:
        list(pipeline.add_inputs(database, list(articles), load_settings(db)))
        with database.session() as s:
            claims = s.execute(
                select(Claim.id, Claim.status, Claim.first_seen, Claim.last_seen).order_by(Claim.id)
            ).all()
            ledger = s.execute(
                select(
                    LedgerEntry.claim_id,
                    LedgerEntry.action,
                    LedgerEntry.from_status,
                    LedgerEntry.to_status,
                    LedgerEntry.article_id,
                ).order_by(LedgerEntry.id)
            ).all()
        return [tuple(r) for r in claims], [tuple(r) for r in ledger]
    finally:
        database.dispose()


def test_kept_timelines_store_what_reading_them_again_stores(db_url, tmp_path, monkeypatch):
    from .test_pipeline import _linking_articles

    copy = dataclasses.replace(CONFIRMED, source="Other Wire", published=dt.date(2024, 5, 21))
    articles = [*_linking_articles(), RUMOR, CONFIRMED, copy, EARLY_ECHO]
    reads = []
    read = store.known_timeline

    def counted(session, claim_id):
        reads.append(claim_id)
        return read(session, claim_id)

    monkeypatch.setattr(store, "known_timeline", counted)
    kept = _stored(db_url, articles)
    kept_reads = len(reads)
    reads.clear()
    monkeypatch.setattr(
        linker_module.Linker, "timeline", lambda self, cid: store.known_timeline(self.session, cid)
    )
    read_again = _stored(str(tmp_path / "again.db"), articles)
    if db_url.startswith("postgresql"):
        # Transactions overlap there: every timeline is read when needed.
        assert kept_reads == len(reads)
    else:
        assert kept_reads < len(reads) / 2, (kept_reads, len(reads))  # the memory is used
    assert kept == read_again
    assert any(action == "status" for _, action, *_ in kept[1])


def test_a_status_set_by_hand_meanwhile_is_seen_by_a_running_add(database):
    """A writer that keeps a claim's timeline learns of a status another
    process set by hand since, and derives the next article from it."""
    from sqlalchemy.orm import Session

    settings = load_settings(database.db)
    with Session(database.engine) as writer:
        linker = linker_module.Linker(writer, settings)
        first = pipeline.add_article(writer, RUMOR, settings, linker=linker)
        writer.commit()
        (claim_id,) = {m.claim_id for m in first.mentions}
        assert linker.timeline(claim_id).state.status is Status.RUMOR  # kept in memory

        with database.session() as other:
            corrections.set_status(
                other, str(claim_id), Status.DENIED, note="denied", effective=dt.date(2024, 5, 10)
            )
            other.commit()

        second = pipeline.add_article(writer, CONFIRMED, settings, linker=linker)
        writer.commit()
    assert {m.claim_id for m in second.mentions} == {claim_id}
    assert [(t.before, t.after) for t in second.transitions] == [(Status.DENIED, Status.CONFIRMED)]
    with database.session() as s:
        assert s.get(Claim, claim_id).status is Status.CONFIRMED


def test_the_three_articles_keep_one_claim_and_its_dates(database):
    """The canonical story, added newest first, is one claim seen from its
    first article to its last, whatever order it came in."""
    list(
        pipeline.add_inputs(database, list(reversed(THE_CONVERSATION)), load_settings(database.db))
    )
    with database.session() as s:
        claims = [c for c in s.scalars(select(Claim)) if c.amount_value == 1e10 and c.first_seen]
        assert len(claims) == 1
        dates = sorted(a.published for a in THE_CONVERSATION)
        assert (claims[0].first_seen, claims[0].last_seen) == (dates[0], dates[-1])


def test_a_syndicated_copy_moves_the_change_counter(database):
    """Another writer's copy of an article adds statements to claims even
    when their status and dates stay: writers keeping those timelines must
    learn of it."""
    settings = load_settings(database.db)
    list(pipeline.add_inputs(database, [RUMOR, CONFIRMED], settings))
    with database.session() as s:
        before = store.index_changes(s)
    copy = dataclasses.replace(RUMOR, source="Other Wire", published=dt.date(2024, 5, 10))
    (result,) = pipeline.add_inputs(database, [copy], settings)
    assert result.outcome == "syndicated"
    assert result.transitions == []  # nothing of the claim's row changed
    with database.session() as s:
        assert store.index_changes(s) > before
