"""The typed data model. Alembic migrations create and upgrade it; nothing else does.

Tables, in the order data flows:

* ``articles``: one row per distinct text (``content_hash`` is unique).
* ``claims``: a checkable statement, with its cached status and matching key.
* ``mentions``: what one article says of one claim (status, quote, cue, score).
* ``claim_terms`` / ``term_stats``: the inverted index used to retrieve link
  candidates without scanning claims, and the document frequencies for IDF.
* ``ledger``: append-only record of status changes and manual corrections.
* ``suggestions``: possible matches kept for ``tracker review``.
* ``rejections``: pairs a user has said must not be linked again.
* ``watched_sources``: what ``tracker watch`` last saw of each URL and file.
* ``index_changes``: one counter, moved by every transaction that writes the
  index, so a writer knows when another one has written.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tracker.status import Precision, Status

__all__ = [
    "Actor",
    "Article",
    "Base",
    "Claim",
    "ClaimTerm",
    "IndexChanges",
    "LedgerEntry",
    "Mention",
    "Precision",
    "Rejection",
    "Status",
    "Suggestion",
    "TermStat",
    "WatchedSource",
]

#: Constraint names are fixed so SQLite batch migrations and PostgreSQL agree.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Actor(str, enum.Enum):
    """Who made a link or a ledger entry."""

    AUTO = "auto"
    MANUAL = "manual"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    """``name`` is the column's: it names the CHECK constraint, unique per table."""
    # Stored as plain strings with a CHECK: readable in SQL, portable, and
    # adding a value is a batch migration rather than an ALTER TYPE.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=12,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


def period_end(day: dt.date, precision: Precision) -> dt.date:
    """The last day of the period a partial date stands for."""
    if precision is Precision.YEAR:
        return dt.date(day.year, 12, 31)
    if precision is Precision.MONTH:
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return day


def sort_date_of(published: dt.date | None, precision: Precision, added_at: dt.datetime) -> dt.date:
    """The date the timeline orders an article by: published, else the day it
    was added. A partial date counts from the end of its period: an article
    dated only ``2023-01`` is surely known by January 31st, not surely by the
    1st, so it never jumps ahead of dated January coverage it may answer."""
    if published is None:
        return added_at.date()
    return period_end(published, precision)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012 - SQLAlchemy reads it
        dt.datetime: DateTime(),
        dt.date: Date(),
        str: Text(),
    }


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None]
    body: Mapped[str]
    source: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000), index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    external_id: Mapped[str | None] = mapped_column(String(500), index=True)
    published: Mapped[dt.date | None]
    date_precision: Mapped[Precision] = mapped_column(
        _enum(Precision, "date_precision"), default=Precision.UNKNOWN
    )
    path: Mapped[str | None]
    location: Mapped[str | None] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: When the same URL comes back with a changed text, the new row points here.
    revision_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL")
    )

    mentions: Mapped[list[Mention]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )

    #: The date the timeline orders by (see :func:`sort_date_of`), indexed so
    #: "as of" questions and date listings are range scans.
    sort_date: Mapped[dt.date | None] = mapped_column(index=True)
    #: When the article was retracted: its statements then count in no timeline
    #: (the rows stay, so ``tracker restore`` can bring them back).
    retracted_at: Mapped[dt.datetime | None]
    retraction_note: Mapped[str | None]
    #: The same text published by another outlet or at another address: this
    #: row is another appearance of that article (its statements are the
    #: first appearance's). No foreign key: see migrations/versions/0004.
    syndicated_of_id: Mapped[int | None] = mapped_column(index=True)


class Claim(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    #: Normalized, stance-free matching key (folded words, sorted parties, amount).
    key: Mapped[str]
    kind: Mapped[str | None] = mapped_column(String(40))
    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    amount_value: Mapped[float | None] = mapped_column(Float)
    amount_low: Mapped[float | None] = mapped_column(Float)
    amount_high: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(8))
    unit: Mapped[str | None] = mapped_column(String(40))
    amount_text: Mapped[str | None] = mapped_column(String(200))
    event_year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[Status] = mapped_column(_enum(Status, "status"), default=Status.RUMOR)
    first_seen: Mapped[dt.date | None]
    last_seen: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: A merged claim keeps its row (so old ids still resolve) and points here.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))

    mentions: Mapped[list[Mention]] = relationship(back_populates="claim")

    __table_args__ = (
        Index("ix_claims_status_last_seen", "status", "last_seen"),
        Index("ix_claims_merged_into_id", "merged_into_id"),
    )


class Mention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    status: Mapped[Status] = mapped_column(_enum(Status, "status"))
    quote: Mapped[str]
    span_start: Mapped[int]
    span_end: Mapped[int]
    cue: Mapped[str | None] = mapped_column(String(300))
    cue_kind: Mapped[str | None] = mapped_column(String(60))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    #: The link score that attached the mention to its claim (None: it created the claim).
    score: Mapped[float | None] = mapped_column(Float)
    linked_by: Mapped[Actor] = mapped_column(_enum(Actor, "linked_by"), default=Actor.AUTO)
    language: Mapped[str | None] = mapped_column(String(8))
    # The mention's own features, kept so a split or merge can rebuild a claim's index.
    kind: Mapped[str | None] = mapped_column(String(40))
    parties: Mapped[list[str]] = mapped_column(JSON, default=list)
    amount: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_year: Mapped[int | None] = mapped_column(Integer)
    #: Why the link was made: the score components, for `history -v` and `explain`.
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="mentions")
    claim: Mapped[Claim] = relationship(back_populates="mentions")

    __table_args__ = (
        UniqueConstraint("article_id", "claim_id", name="uq_mentions_article_id_claim_id"),
        Index("ix_mentions_claim_id", "claim_id"),
    )


class ClaimTerm(Base):
    """Inverted index: which claims carry a term, and how often (their centroid)."""

    __tablename__ = "claim_terms"

    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    weight: Mapped[int] = mapped_column(Integer, default=1)

    # On SQLite the rows are stored in (term, claim_id) order, weight beside
    # them: a posting list is one range of one b-tree (migration 0006).
    __table_args__ = (Index("ix_claim_terms_claim_id", "claim_id"), {"sqlite_with_rowid": False})


class TermStat(Base):
    """Document frequency of a term over live claims, for IDF weights."""

    __tablename__ = "term_stats"

    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    df: Mapped[int] = mapped_column(Integer, default=0)


class LedgerEntry(Base):
    """Append-only: never updated, never deleted."""

    __tablename__ = "ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[Actor] = mapped_column(_enum(Actor, "actor"))
    #: status, set-status, link, unlink, merge, split, rename, accept, reject
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[Status | None] = mapped_column(_enum(Status, "from_status"))
    to_status: Mapped[Status | None] = mapped_column(_enum(Status, "to_status"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    #: For a manual status: the moment it takes effect on the timeline.
    effective: Mapped[dt.date | None]
    note: Mapped[str | None]
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Suggestion(Base):
    """A possible match between a mention and another claim, awaiting review."""

    __tablename__ = "suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("mention_id", "claim_id", name="uq_suggestions_mention_id_claim_id"),
        Index("ix_suggestions_state", "state"),
    )


class Rejection(Base):
    """A pair the user said is not the same claim: never linked or suggested again.

    ``claim_id`` with ``other_claim_id`` rejects two claims as one; with
    ``article_id`` it rejects one article's mention from a claim.
    """

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    other_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None]

    __table_args__ = (Index("ix_rejections_claim_id", "claim_id"),)


class WatchedSource(Base):
    """What ``tracker watch`` last saw of one URL or one file, so that the next
    round asks only for what changed.

    A URL keeps the validators of its last answer (``etag``, ``last_modified``)
    for a conditional request, and a file its size and modification time; both
    keep a hash of the bytes last read, so an unchanged answer from a server that
    sends no validators is not read again.
    """

    __tablename__ = "watched_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of ``source``: a fixed-width unique key, whatever the URL's length.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    #: The URL, or the file's absolute path.
    source: Mapped[str]
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    #: The last round that looked at it, and the last one that found it changed.
    checked_at: Mapped[dt.datetime | None]
    changed_at: Mapped[dt.datetime | None]


class IndexChanges(Base):
    """One row: how many transactions have written the inverted index.

    A writer that keeps index figures in memory reads it as each transaction
    starts; when it moved, another process wrote, and those figures are stale.
    """

    __tablename__ = "index_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    changes: Mapped[int] = mapped_column(BigInteger, default=0)
