"""Listings of articles: filters, newest first, and the claims each speaks of."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tracker.models import Article, Mention


@dataclass(frozen=True)
class ArticleFilter:
    #: Only articles from these outlets (exact names); None: any outlet.
    sources: tuple[str, ...] | None = None
    since: dt.date | None = None
    claim_id: int | None = None


@dataclass
class ArticleRow:
    article: Article
    claim_ids: list[int] = field(default_factory=list)


def _article_query(flt: ArticleFilter) -> Select[Any]:
    query = select(Article)
    if flt.sources is not None:
        query = query.where(Article.source.in_(flt.sources))
    if flt.since is not None:
        query = query.where(Article.sort_date >= flt.since)
    if flt.claim_id is not None:
        query = query.where(
            Article.id.in_(select(Mention.article_id).where(Mention.claim_id == flt.claim_id))
        )
    return query


def list_articles(
    session: Session, flt: ArticleFilter, *, limit: int | None = None
) -> list[ArticleRow]:
    """Articles matching ``flt``, newest first (by the date the timeline orders
    them by), each with the claims its mentions sit in."""
    query = _article_query(flt).order_by(Article.sort_date.desc(), Article.id.desc())
    if limit is not None:
        query = query.limit(limit)
    articles = list(session.scalars(query))
    return article_rows(session, articles)


#: Articles per batch when a listing reads the claims they speak of.
_CHUNK = 500


def article_rows(session: Session, articles: Sequence[Article]) -> list[ArticleRow]:
    rows = {a.id: ArticleRow(a) for a in articles}
    ids = list(rows)
    for i in range(0, len(ids), _CHUNK):
        pairs = session.execute(
            select(Mention.article_id, Mention.claim_id)
            .where(Mention.article_id.in_(ids[i : i + _CHUNK]))
            .distinct()
            .order_by(Mention.article_id, Mention.claim_id)
        )
        for article_id, claim_id in pairs:
            rows[article_id].claim_ids.append(claim_id)
    return list(rows.values())


def count_articles(session: Session, flt: ArticleFilter) -> int:
    sub = _article_query(flt).with_only_columns(Article.id).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def source_names(session: Session) -> list[str]:
    """Every outlet name articles carry, once each."""
    return sorted(s for s in session.scalars(select(Article.source).distinct()) if s is not None)
