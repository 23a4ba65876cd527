"""What the store's modules share: the tables, and statements built once.

Hot paths use the tables directly: Core statements skip the ORM's per-row work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Table, event
from sqlalchemy.orm import Session

from tracker.models import (
    Article,
    Claim,
    ClaimTerm,
    IndexChanges,
    LedgerEntry,
    Mention,
    Suggestion,
    TermStat,
)

# SQLAlchemy types ``__table__`` as any FromClause; a declarative model's is a Table.
articles = cast(Table, Article.__table__)
claims = cast(Table, Claim.__table__)
mentions = cast(Table, Mention.__table__)
terms = cast(Table, ClaimTerm.__table__)
stats = cast(Table, TermStat.__table__)
ledger = cast(Table, LedgerEntry.__table__)
suggestions = cast(Table, Suggestion.__table__)
changes = cast(Table, IndexChanges.__table__)


def prebuilt(build: Callable[[], Any]) -> Callable[[], Any]:
    """Build a statement once, on first use: the hot path then only binds values
    (constructing a statement costs more than running it on SQLite)."""
    cache: list[Any] = []

    def get() -> Any:
        if not cache:
            cache.append(build())
        return cache[0]

    return get


def per_dialect(build: Callable[[Callable[..., Any]], Any]) -> Callable[[str], Any]:
    """Like :func:`prebuilt`, for statements spelled per dialect (``ON
    CONFLICT``): ``build`` gets the dialect's ``insert`` construct, once per
    dialect."""
    cache: dict[str, Any] = {}

    def get(dialect: str) -> Any:
        stmt = cache.get(dialect)
        if stmt is None:
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                stmt = build(pg_insert)
            else:
                from sqlalchemy.dialects.sqlite import insert as sqlite_insert

                stmt = build(sqlite_insert)
            cache[dialect] = stmt
        return stmt

    return get


def sqlite_driver(session: Any) -> Any | None:
    """The session's sqlite3 connection, in the transaction the session began;
    None on other backends.

    The write path's hottest statements, whose values need no type conversion
    (terms, counts, ids), run on it directly: SQLAlchemy's own work per
    ``execute`` costs more than SQLite takes to run them. SQLAlchemy stays the
    schema and query layer everywhere else, and on every other backend. The
    connection is remembered as the transaction begins and forgotten as it
    ends (asking the session for it costs as much as a statement).
    """
    info = session.info
    if _DRIVER in info:
        return info[_DRIVER]
    conn = session.connection()  # begins the transaction: remembered from now
    if conn.dialect.name != "sqlite":
        return None
    return conn.connection.driver_connection


_DRIVER = "tracker.sqlite_driver"


@event.listens_for(Session, "after_begin")
def _remember_driver(session: Session, transaction: Any, connection: Any) -> None:
    if connection.dialect.name == "sqlite":
        session.info[_DRIVER] = connection.connection.driver_connection
    else:
        session.info[_DRIVER] = None


@event.listens_for(Session, "after_transaction_end")
def _forget_driver(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_DRIVER, None)


def marks(n: int) -> str:
    """``?, ?, ?``: the placeholders of an ``IN`` list of ``n`` values."""
    return ", ".join("?" * n)


@contextmanager
def savepoint(session: Any) -> Iterator[None]:
    """A savepoint around one article's writes: released when the block ends,
    rolled back (and the error raised again) when it fails.

    On SQLite it is spoken on the driver's connection: the block writes with
    Core statements only, so the session has no ORM state to save or restore,
    and SQLAlchemy's nested transaction costs several times the statement.
    """
    raw = sqlite_driver(session)
    if raw is None:
        with session.begin_nested():
            yield
        return
    session.flush()
    raw.execute("SAVEPOINT tracker_article")
    try:
        yield
        session.flush()
    except BaseException:
        raw.execute("ROLLBACK TO tracker_article")
        raw.execute("RELEASE tracker_article")
        raise
    raw.execute("RELEASE tracker_article")
