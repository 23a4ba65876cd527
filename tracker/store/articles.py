"""Articles, and the mentions they hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from tracker.errors import NotFound
from tracker.models import Actor, Article, Mention, utcnow
from tracker.store import _sql as t

_by_hash = t.prebuilt(
    lambda: select(t.articles.c.id, t.articles.c.title).where(
        t.articles.c.content_hash == bindparam("h")
    )
)
_by_url = t.prebuilt(
    lambda: (
        select(t.articles.c.id, t.articles.c.title)
        .where(t.articles.c.url == bindparam("u"))
        .order_by(t.articles.c.id.desc())
        .limit(1)
    )
)
_article_insert = t.per_dialect(
    lambda insert: (
        insert(t.articles)
        .on_conflict_do_nothing(index_elements=[t.articles.c.content_hash])
        .returning(t.articles.c.id)
    )
)


@dataclass(frozen=True)
class ArticleRef:
    id: int
    title: str | None


def article_by_hash(session: Session, content_hash: str) -> ArticleRef | None:
    row = session.connection().execute(_by_hash(), {"h": content_hash}).first()
    return ArticleRef(row.id, row.title) if row else None


def latest_by_url(session: Session, url: str) -> ArticleRef | None:
    row = session.connection().execute(_by_url(), {"u": url}).first()
    return ArticleRef(row.id, row.title) if row else None


def insert_article(session: Session, **values: Any) -> int | None:
    """Insert an article; None when one with the same ``content_hash`` exists
    (stored meanwhile by another writer): no error, no savepoint needed."""
    from tracker.models import sort_date_of

    values.setdefault("added_at", utcnow())
    values["sort_date"] = sort_date_of(
        values.get("published"), values["date_precision"], values["added_at"]
    )
    conn = session.connection()
    return conn.execute(_article_insert(conn.dialect.name), values).scalar()


def get_article(session: Session, ref: str | int) -> Article:
    """An article by id, external id, or URL."""
    text = str(ref).strip().lstrip("#")
    article: Article | None = None
    if text.isdigit():
        article = session.get(Article, int(text))
    if article is None:
        article = session.scalar(
            select(Article)
            .where(or_(Article.external_id == text, Article.url == text))
            .order_by(Article.id.desc())
            .limit(1)
        )
    if article is None:
        raise NotFound(f"no article {ref!r} (give an article id, external id or URL)")
    return article


# --------------------------------------------------------------------------- mentions


def insert_mention(session: Session, **values: Any) -> int:
    values.setdefault("linked_by", Actor.AUTO)
    values.setdefault("created_at", utcnow())
    return (
        session.connection()
        .execute(t.mentions.insert().returning(t.mentions.c.id), values)
        .scalar_one()
    )


def mentions_of_article(session: Session, article_id: int) -> list[Mention]:
    return list(
        session.scalars(
            select(Mention)
            .where(Mention.article_id == article_id)
            .order_by(Mention.span_start, Mention.id)
        )
    )
