"""Suggestions kept for ``tracker review``, and the pairs a person kept apart."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from tracker.models import Article, Mention, Rejection, Suggestion, utcnow
from tracker.store import _sql as t


def insert_suggestion(session: Session, **values: Any) -> None:
    values.setdefault("state", "pending")
    values.setdefault("created_at", utcnow())
    t.insert_row(session, t.suggestions, values)


def pending_suggestions(session: Session) -> list[Suggestion]:
    """Suggestions still to decide, best first; those of a retracted article's
    statements wait (they come back if it is restored)."""
    return list(
        session.scalars(
            select(Suggestion)
            .join(Mention, Mention.id == Suggestion.mention_id)
            .join(Article, Article.id == Mention.article_id)
            .where(Suggestion.state == "pending", Article.retracted_at.is_(None))
            .order_by(Suggestion.score.desc(), Suggestion.id)
        )
    )


def get_suggestion(session: Session, suggestion_id: int) -> Suggestion | None:
    return session.get(Suggestion, suggestion_id)


def close_moot_suggestions(session: Session) -> None:
    """A suggestion whose mention already sits in the suggested claim has nothing
    left to decide: it goes stale."""
    in_claim = select(Mention.claim_id).where(Mention.id == Suggestion.mention_id).scalar_subquery()
    session.execute(
        update(Suggestion)
        .where(Suggestion.state == "pending", Suggestion.claim_id == in_claim)
        .values(state="stale")
        .execution_options(synchronize_session=False)
    )


def close_suggestions_to(session: Session, claim_id: int, state: str) -> None:
    """Close the pending suggestions that point at a claim (it was merged away)."""
    session.execute(
        update(Suggestion)
        .where(Suggestion.claim_id == claim_id, Suggestion.state == "pending")
        .values(state=state)
    )


def add_rejection(
    session: Session,
    claim_id: int,
    *,
    other_claim_id: int | None = None,
    article_id: int | None = None,
    note: str | None = None,
) -> None:
    """Keep a claim apart from another claim, or from an article's mention."""
    session.add(
        Rejection(
            claim_id=claim_id, other_claim_id=other_claim_id, article_id=article_id, note=note
        )
    )


def rejections_of(session: Session, claim_id: int) -> list[Rejection]:
    """The rejections recorded from a claim's side."""
    return list(session.scalars(select(Rejection).where(Rejection.claim_id == claim_id)))


_rejected_by_claim = t.prebuilt(
    lambda: select(Rejection.claim_id, Rejection.other_claim_id, Rejection.article_id).where(
        or_(Rejection.claim_id == bindparam("cid"), Rejection.other_claim_id == bindparam("cid"))
    )
)


def rejected_claims(session: Session, claim_id: int | None, article_id: int | None) -> set[int]:
    """Claims the user said must not be linked to this claim or this article."""
    if article_id is None and claim_id is not None:
        # The write path's question (a suggestion about to be made): prebuilt.
        rows = session.execute(_rejected_by_claim(), {"cid": claim_id}).all()
        return _rejected(rows, claim_id)
    conds = []
    if claim_id is not None:
        conds.append(Rejection.claim_id == claim_id)
        conds.append(Rejection.other_claim_id == claim_id)
    if article_id is not None:
        conds.append(Rejection.article_id == article_id)
    if not conds:
        return set()
    rows = session.execute(
        select(Rejection.claim_id, Rejection.other_claim_id, Rejection.article_id).where(
            or_(*conds)
        )
    ).all()
    return _rejected(rows, claim_id)


def _rejected(rows: Any, claim_id: int | None) -> set[int]:
    out: set[int] = set()
    for a, b, art in rows:
        if art is not None:
            out.add(a)
        elif claim_id is not None and b is not None:
            out.add(b if a == claim_id else a)
    out.discard(claim_id)
    return out


def worked_on_by_people(session: Session, claim_ids: Iterable[int]) -> set[int]:
    """The claims among ``claim_ids`` a person has worked on: any correction in
    their ledger (a split, a status, a name, a link, a retraction) or a pair
    kept apart. The tracker folds none of them on its own."""
    from tracker.models import Actor, LedgerEntry

    ids = set(claim_ids)
    if not ids:
        return set()
    found = set(
        session.scalars(
            select(LedgerEntry.claim_id).where(
                LedgerEntry.claim_id.in_(ids), LedgerEntry.actor == Actor.MANUAL
            )
        )
    )
    pairs = session.execute(
        select(Rejection.claim_id, Rejection.other_claim_id).where(
            or_(Rejection.claim_id.in_(ids), Rejection.other_claim_id.in_(ids))
        )
    )
    for a, b in pairs:
        found.update(x for x in (a, b) if x in ids)
    return found
