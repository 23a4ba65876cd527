"""Suggestions kept for ``tracker review``, and the pairs a person kept apart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tracker.models import Rejection, Suggestion, utcnow
from tracker.store import _sql as t


def insert_suggestion(session: Session, **values: Any) -> None:
    values.setdefault("state", "pending")
    values.setdefault("created_at", utcnow())
    session.connection().execute(t.suggestions.insert(), values)


def pending_suggestions(session: Session) -> list[Suggestion]:
    return list(
        session.scalars(
            select(Suggestion)
            .where(Suggestion.state == "pending")
            .order_by(Suggestion.score.desc(), Suggestion.id)
        )
    )


def rejected_claims(session: Session, claim_id: int | None, article_id: int | None) -> set[int]:
    """Claims the user said must not be linked to this claim or this article."""
    conds = []
    if claim_id is not None:
        conds.append(Rejection.claim_id == claim_id)
        conds.append(Rejection.other_claim_id == claim_id)
    if article_id is not None:
        conds.append(Rejection.article_id == article_id)
    if not conds:
        return set()
    out: set[int] = set()
    for a, b, art in session.execute(
        select(Rejection.claim_id, Rejection.other_claim_id, Rejection.article_id).where(
            or_(*conds)
        )
    ):
        if art is not None:
            out.add(a)
        elif claim_id is not None:
            out.add(b if a == claim_id else a)
    out.discard(claim_id)  # type: ignore[arg-type]
    return out
