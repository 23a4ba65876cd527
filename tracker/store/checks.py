"""The queries behind ``tracker db check``, and its repairs."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from tracker.models import Article, Claim, ClaimTerm, Mention, TermStat
from tracker.store import _sql as t
from tracker.store.changes import note_index_write
from tracker.store.claims import live


def sqlite_checks(session: Session) -> tuple[list[str], list[tuple[Any, ...]]] | None:
    """SQLite's own checks: ``integrity_check``'s messages (``["ok"]`` when the
    file is whole) and ``foreign_key_check``'s rows ``(table, rowid, parent,
    fkid)``. None on other backends."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    messages = list(session.execute(text("PRAGMA integrity_check")).scalars())
    broken = [tuple(row) for row in session.execute(text("PRAGMA foreign_key_check"))]
    return messages, broken


def count_orphan_mentions(session: Session) -> int:
    """Mentions that point to no claim."""
    query = select(func.count()).select_from(Mention).where(~Mention.claim_id.in_(select(Claim.id)))
    return session.scalar(query) or 0


def _listed_but_empty() -> tuple[Any, ...]:
    return (Claim.last_seen.is_not(None), ~Claim.id.in_(select(Mention.claim_id)))


def count_listed_without_mentions(session: Session) -> int:
    """Claims on the lists (they have a last_seen date) that hold no mention."""
    query = select(func.count()).select_from(Claim).where(*_listed_but_empty())
    return session.scalar(query) or 0


def unlist_claims_without_mentions(session: Session) -> None:
    """Take the claims that hold no mention off the lists."""
    note_index_write(session)  # their dates change: what writers keep of them too
    session.execute(
        t.claims.update().where(*_listed_but_empty()).values(first_seen=None, last_seen=None)
    )


def count_mentions_on_merged(session: Session) -> int:
    """Mentions that sit on a claim merged into another."""
    merged = select(Claim.id).where(Claim.merged_into_id.is_not(None))
    query = select(func.count()).select_from(Mention).where(Mention.claim_id.in_(merged))
    return session.scalar(query) or 0


def live_claims_with_mentions(session: Session) -> Iterator[Claim]:
    """Every live claim that holds a mention of an article not retracted, streamed."""
    counted = (
        select(Mention.claim_id)
        .join(Article, Article.id == Mention.article_id)
        .where(Article.retracted_at.is_(None))
    )
    yield from session.scalars(live(select(Claim)).where(Claim.id.in_(counted)))


def term_claim_counts(session: Session) -> dict[str, int]:
    """How many claims carry each term, counted from the index itself."""
    rows = session.execute(select(ClaimTerm.term, func.count()).group_by(ClaimTerm.term))
    return {term: n for term, n in rows}


def recorded_frequencies(session: Session) -> dict[str, int]:
    """The document frequency recorded for each term."""
    return {term: df for term, df in session.execute(select(TermStat.term, TermStat.df))}


def set_frequencies(
    session: Session, frequencies: Mapping[str, int], *, recorded: Collection[str]
) -> None:
    """Write these document frequencies: update the ``recorded`` terms, add the others."""
    if frequencies:
        note_index_write(session)
    for term in sorted(frequencies):  # sorted: writers lock rows in one order
        n = frequencies[term]
        if term in recorded:
            session.execute(t.stats.update().where(TermStat.term == term).values(df=n))
        else:
            session.add(TermStat(term=term, df=n))
