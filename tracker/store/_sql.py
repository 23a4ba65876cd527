"""What the store's modules share: the tables, and statements built once.

Hot paths use the tables directly: Core statements skip the ORM's per-row work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
            stmt = cache[dialect] = build(dialect_insert(dialect))
        return stmt

    return get


def dialect_insert(dialect: str) -> Callable[..., Any]:
    """The ``insert`` construct of a dialect that speaks ``ON CONFLICT``."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


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
    # Begins the transaction, or the savepoint ``begin_nested()`` left pending
    # (SQLAlchemy speaks it on its next statement, and a write spoken on the
    # driver before it would land outside it): remembered from now.
    conn = session.connection()
    driver = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
    info[_DRIVER] = driver
    return driver


_DRIVER = "tracker.sqlite_driver"


@event.listens_for(Session, "after_begin")
def _remember_driver(session: Session, transaction: Any, connection: Any) -> None:
    if connection.dialect.name == "sqlite":
        session.info[_DRIVER] = connection.connection.driver_connection
    else:
        session.info[_DRIVER] = None


@event.listens_for(Session, "after_transaction_create")
def _savepoint_pending(session: Session, transaction: Any) -> None:
    # A nested transaction's SAVEPOINT is spoken lazily: the next ask for the
    # driver goes through the session, which speaks it first.
    if transaction.nested:
        session.info.pop(_DRIVER, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_driver(session: Session, transaction: Any) -> None:
    if transaction.parent is None or transaction.nested:
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


@contextmanager
def undone_on_error(session: Any, *, whole: bool) -> Iterator[None]:
    """One article's writes, undone if they fail: in its :func:`savepoint`,
    or, ``whole``, with the transaction (for an article committed on its own,
    which then needs no savepoint: two round trips fewer on PostgreSQL)."""
    if not whole:
        with savepoint(session):
            yield
        return
    try:
        yield
        session.flush()  # inside the block, as a savepoint would: a failure is this article's
    except BaseException:
        session.rollback()
        raise


# --------------------------------------------------------------------------- one row, fast


@dataclass(frozen=True)
class _RowPlan:
    """A write of one row, spelled once for SQLite: its SQL, each value's
    conversion (the column type's bind processor on this dialect), and the
    Python-side defaults of the columns it leaves out."""

    sql: str
    columns: tuple[str, ...]
    processors: tuple[Callable[[Any], Any] | None, ...]
    defaults: tuple[tuple[str, Any], ...]  # (column, ColumnDefault) filled when absent


_ROW_PLANS: dict[tuple[str, str, tuple[str, ...], str], _RowPlan] = {}


def _plan(session: Any, kind: str, table: Table, columns: tuple[str, ...], extra: str) -> _RowPlan:
    key = (kind, table.name, columns, extra)
    plan = _ROW_PLANS.get(key)
    if plan is not None:
        return plan
    dialect = session.get_bind().dialect
    quote = dialect.identifier_preparer.quote
    defaults: tuple[tuple[str, Any], ...] = ()
    if kind == "insert":
        defaults = tuple(
            (c.name, c.default)
            for c in table.columns
            if c.name not in columns and c.default is not None and not c.primary_key
        )
        names = (*columns, *(name for name, _ in defaults))
        sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({marks(len(names))}){extra}"
        )
    else:
        names = (*columns[1:], columns[0])  # SET ..., WHERE id
        sets = ", ".join(f"{quote(n)} = ?" for n in columns[1:])
        sql = f"UPDATE {quote(table.name)} SET {sets} WHERE {quote(columns[0])} = ?"
    processors = tuple(table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names)
    plan = _ROW_PLANS[key] = _RowPlan(sql, names, processors, defaults)
    return plan


def _bound(plan: _RowPlan, values: dict[str, Any]) -> list[Any]:
    for name, default in plan.defaults:
        values[name] = default.arg(None) if default.is_callable else default.arg
    return [
        v if p is None else p(v)
        for v, p in zip((values[n] for n in plan.columns), plan.processors, strict=True)
    ]


def insert_row(
    session: Any, table: Table, values: dict[str, Any], *, ignore_conflict_on: str | None = None
) -> int | None:
    """Insert one row and return its id (None when ``ignore_conflict_on``, a
    unique column, already holds the value: nothing is written).

    On SQLite the row goes straight to the driver, converted as SQLAlchemy
    would convert it (each column type's bind processor, the columns' Python
    defaults): the insert costs what SQLite takes, not several times that in
    SQLAlchemy's per-call work. Elsewhere it is an ordinary Core insert.
    """
    raw = sqlite_driver(session)
    if raw is None:
        return _core_insert(session, table, values, ignore_conflict_on)
    extra = f" ON CONFLICT ({ignore_conflict_on}) DO NOTHING" if ignore_conflict_on else ""
    plan = _plan(session, "insert", table, tuple(values), extra)
    # lastrowid, not RETURNING: SQLite has RETURNING only since 3.35.
    cursor = raw.execute(plan.sql, _bound(plan, dict(values)))
    return int(cursor.lastrowid) if cursor.rowcount else None


def update_row(session: Any, table: Table, row_id: int, values: dict[str, Any]) -> None:
    """``UPDATE table SET values WHERE id = row_id``, straight to the driver on
    SQLite (see :func:`insert_row`), a Core update elsewhere."""
    raw = sqlite_driver(session)
    if raw is None:
        stmt = _core_update(table, tuple(sorted(values)))
        params = {f"u_{c}": v for c, v in values.items()}
        session.connection().execute(stmt, {**params, "u_id": row_id})
        return
    plan = _plan(session, "update", table, ("id", *values), "")
    raw.execute(plan.sql, _bound(plan, {"id": row_id, **values}))


_CORE: dict[tuple[Any, ...], Any] = {}


def _core_update(table: Table, columns: tuple[str, ...]) -> Any:
    """``UPDATE table SET columns WHERE id``, built once per set of columns
    (building a statement costs more than running it)."""
    key = ("update", table.name, columns)
    stmt = _CORE.get(key)
    if stmt is None:
        from sqlalchemy import bindparam, update

        stmt = _CORE[key] = (
            update(table)
            .where(table.c.id == bindparam("u_id"))
            .values({c: bindparam(f"u_{c}") for c in columns})
        )
    return stmt


def _core_insert(
    session: Any, table: Table, values: dict[str, Any], ignore_conflict_on: str | None
) -> int | None:
    """A Core insert returning the id, built once per table (and conflict rule)."""
    conn = session.connection()
    key = ("insert", conn.dialect.name, table.name, ignore_conflict_on)
    stmt = _CORE.get(key)
    if stmt is None:
        if ignore_conflict_on is None:
            stmt = table.insert().returning(table.c.id)
        else:
            stmt = (
                dialect_insert(conn.dialect.name)(table)
                .on_conflict_do_nothing(index_elements=[table.c[ignore_conflict_on]])
                .returning(table.c.id)
            )
        _CORE[key] = stmt
    found = conn.execute(stmt, values).scalar()
    return None if found is None else int(found)
