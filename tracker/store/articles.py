"""Articles, and the mentions they hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from tracker.errors import NotFound
from tracker.models import Actor, Article, Claim, Mention, utcnow
from tracker.status import Status
from tracker.store import _sql as t
from tracker.store.changes import note_index_write

_by_hash = t.prebuilt(
    lambda: select(
        t.articles.c.id,
        t.articles.c.title,
        t.articles.c.retracted_at,
        t.articles.c.source,
        t.articles.c.url,
        t.articles.c.syndicated_of_id,
    ).where(t.articles.c.content_hash == bindparam("h"))
)
_by_url = t.prebuilt(
    lambda: (
        select(t.articles.c.id, t.articles.c.title)
        .where(t.articles.c.url == bindparam("u"))
        .order_by(t.articles.c.id.desc())
        .limit(1)
    )
)


@dataclass(frozen=True)
class ArticleRef:
    id: int
    title: str | None
    #: When the article was retracted (None: it counts).
    retracted_at: dt.datetime | None = None
    source: str | None = None
    url: str | None = None
    syndicated_of_id: int | None = None


def article_by_hash(session: Session, content_hash: str) -> ArticleRef | None:
    raw = t.sqlite_driver(session)
    if raw is not None:
        found = raw.execute(
            "SELECT id, title, retracted_at, source, url, syndicated_of_id FROM articles"
            " WHERE content_hash = ?",
            (content_hash,),
        ).fetchone()
        if found is None:
            return None
        at = found[2]  # SQLite keeps a DateTime as its ISO text
        return ArticleRef(
            found[0],
            found[1],
            dt.datetime.fromisoformat(at) if at else None,
            found[3],
            found[4],
            found[5],
        )
    row = session.connection().execute(_by_hash(), {"h": content_hash}).first()
    if row is None:
        return None
    return ArticleRef(
        row.id, row.title, row.retracted_at, row.source, row.url, row.syndicated_of_id
    )


def set_retraction(
    session: Session, article_id: int, at: dt.datetime | None, note: str | None
) -> None:
    """Mark an article retracted (``at``), or counted again (``at`` None)."""
    session.execute(
        update(Article)
        .where(Article.id == article_id)
        .values(retracted_at=at, retraction_note=note)
        .execution_options(synchronize_session="fetch")
    )


def claims_of_article(session: Session, article_id: int) -> list[int]:
    """The claims an article's mentions sit in, in id order."""
    return list(
        session.scalars(
            select(Mention.claim_id)
            .where(Mention.article_id == article_id)
            .distinct()
            .order_by(Mention.claim_id)
        )
    )


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
    return t.insert_row(session, t.articles, values, ignore_conflict_on="content_hash")


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


#: What a syndicated copy's statement takes from the first appearance's.
_COPIED = (
    "claim_id", "status", "quote", "span_start", "span_end", "cue", "cue_kind", "confidence",
    "linked_by", "language", "kind", "parties", "amount", "terms", "event_year",
)  # fmt: skip


def copy_mentions(session: Session, original_id: int, copy_id: int) -> list[int]:
    """Give article ``copy_id`` the statements of ``original_id`` (another
    appearance of the same text): the same claims, statuses and quotes.
    Returns the claims they speak of."""
    from tracker.store.changes import share_consolidation_lock

    share_consolidation_lock(session)  # no claim of theirs is folded away meanwhile
    rows = session.execute(
        select(*(t.mentions.c[name] for name in _COPIED))
        .where(t.mentions.c.article_id == original_id)
        .order_by(t.mentions.c.id)
    ).all()
    if not rows:
        return []
    # Claims gain statements: other writers must read their timelines again.
    note_index_write(session)
    now = utcnow()
    session.connection().execute(
        t.mentions.insert(),
        [
            {
                **row._asdict(),
                "article_id": copy_id,
                "score": None,
                "explanation": {"syndicated_of": original_id},
                "created_at": now,
            }
            for row in rows
        ],
    )
    return list(dict.fromkeys(row.claim_id for row in rows))


def insert_mention(session: Session, **values: Any) -> int:
    values.setdefault("linked_by", Actor.AUTO)
    values.setdefault("created_at", utcnow())
    mention_id = t.insert_row(session, t.mentions, values)
    assert mention_id is not None  # no conflict to ignore
    return mention_id


def mentions_of_article(session: Session, article_id: int) -> list[Mention]:
    return list(
        session.scalars(
            select(Mention)
            .where(Mention.article_id == article_id)
            .order_by(Mention.span_start, Mention.id)
        )
    )


def mentions_of_claim(session: Session, claim_id: int) -> list[Mention]:
    return list(
        session.scalars(select(Mention).where(Mention.claim_id == claim_id).order_by(Mention.id))
    )


def has_mentions(session: Session, claim_id: int) -> bool:
    found = session.scalar(select(Mention.id).where(Mention.claim_id == claim_id).limit(1))
    return found is not None


def get_mention(session: Session, mention_id: int) -> Mention | None:
    return session.get(Mention, mention_id)


def other_mention_in(session: Session, mention: Mention, claim_id: int) -> Mention | None:
    """Another mention of ``mention``'s article that already sits in ``claim_id``."""
    return session.scalar(
        select(Mention).where(
            Mention.article_id == mention.article_id,
            Mention.claim_id == claim_id,
            Mention.id != mention.id,
        )
    )


def add_mention(session: Session, **values: Any) -> Mention:
    """A new mention, written at once (the ORM twin of :func:`insert_mention`)."""
    mention = Mention(**values)
    session.add(mention)
    session.flush()
    return mention


def move_mention(session: Session, mention: Mention, claim_id: int, *, linked_by: Actor) -> None:
    mention.claim_id = claim_id
    mention.linked_by = linked_by
    session.flush()


def delete_mention(session: Session, mention: Mention) -> None:
    session.delete(mention)
    session.flush()


# --------------------------------------------------------------------------- exports


def mention_export_rows(session: Session) -> Iterator[tuple[Mention, Article, Claim]]:
    """Every counted mention (none of a retracted article) with its article and
    claim, by claim then date; streamed."""
    query = (
        select(Mention, Article, Claim)
        .join(Article, Article.id == Mention.article_id)
        .join(Claim, Claim.id == Mention.claim_id)
        .where(Article.retracted_at.is_(None))
        .order_by(Mention.claim_id, Article.published, Article.id)
        .execution_options(yield_per=1000)
    )
    yield from session.execute(query)  # each row unpacks as (mention, article, claim)


def article_origins(session: Session) -> list[tuple[int, str | None, str | None]]:
    """``(id, path, external_id)`` of every article, in id order."""
    rows = session.execute(
        select(Article.id, Article.path, Article.external_id).order_by(Article.id)
    )
    return [(r.id, r.path, r.external_id) for r in rows]


def mention_links(session: Session) -> list[tuple[int, int, Status]]:
    """``(article_id, claim_id, status)`` of every mention, in id order."""
    rows = session.execute(
        select(Mention.article_id, Mention.claim_id, Mention.status).order_by(Mention.id)
    )
    return [(r.article_id, r.claim_id, r.status) for r in rows]
