"""The index's change counter: how a writer learns that another one wrote.

A writer keeps some of the index in memory (document frequencies, the number of
claims, the claims' features, term bags and timelines). Every transaction that
writes the index moves one counter, in that same transaction, as it commits; a
writer reads the counter when its own transaction starts, and when it moved
since the writer last looked, another process wrote and what it kept is stale.
On SQLite writers take turns (``BEGIN IMMEDIATE``), so that read is exact. On PostgreSQL transactions overlap: a
writer whose own commit moved the counter by more than one knows another wrote
meanwhile, and drops what it kept too.

Store functions that write the index, a claim's row or the ledger (a
correction changes timelines) call :func:`note_index_write`; the count
itself happens once per transaction, just before it commits, so the counter's
row is locked only while a transaction commits.
"""

from __future__ import annotations

from sqlalchemy import bindparam, event, func, select, update
from sqlalchemy.orm import Session

from tracker.store import _sql as t

#: Set in ``session.info`` by a transaction that wrote the index.
_WRITTEN = "tracker.index_written"
#: The counter's value once this session's last index-writing transaction committed.
_COMMITTED = "tracker.index_changes"

_read = t.prebuilt(lambda: select(t.changes.c.changes).where(t.changes.c.id == 1))
_bump = t.prebuilt(
    lambda: (
        update(t.changes)
        .where(t.changes.c.id == bindparam("c_id"))
        .values(changes=t.changes.c.changes + 1)
    )
)
#: The same, saying the new value: one round trip where the database has
#: ``UPDATE ... RETURNING`` (PostgreSQL; SQLite since 3.35).
_bump_returning = t.prebuilt(lambda: _bump().returning(t.changes.c.changes))


def note_index_write(session: Session) -> None:
    """Say that this transaction writes the index: the counter moves as it commits."""
    session.info[_WRITTEN] = True


#: The advisory lock a consolidation holds alone while it folds claims
#: together, and that every transaction that may link to a claim shares
#: (PostgreSQL only; SQLite's writers take turns anyway).
CONSOLIDATION_LOCK = 0x7472636B  # "trck"
#: How long a consolidation waits for the writers in flight, polling (a
#: waiting request would queue every new writer behind it).
CONSOLIDATION_WAIT = 10.0


def index_changes(session: Session) -> int:
    """The counter as this transaction sees it.

    On PostgreSQL the transaction first shares the consolidation lock (see
    :func:`share_consolidation_lock`), so the counter is read after any
    consolidation committed, and what it folded drops what the writer kept.
    """
    share_consolidation_lock(session)
    value = session.connection().execute(_read()).scalar()
    return int(value or 0)


def share_consolidation_lock(session: Session) -> None:
    """Keep any consolidation from folding a claim away until this
    transaction ends (PostgreSQL; a no-op elsewhere): taken by every
    transaction that may link a mention to a claim or name one."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(_share_lock(), {"k": CONSOLIDATION_LOCK})


def lock_consolidation(session: Session, wait: float = CONSOLIDATION_WAIT) -> bool:
    """Hold the consolidation lock alone, once no transaction that may link
    is in flight; False if none let go within ``wait`` seconds (PostgreSQL;
    always True elsewhere). Polls rather than queues, so writers that start
    meanwhile are not held up behind it."""
    import time

    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return True
    deadline = time.monotonic() + wait
    while not conn.execute(_try_lock(), {"k": CONSOLIDATION_LOCK}).scalar():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


_share_lock = t.prebuilt(lambda: select(func.pg_advisory_xact_lock_shared(bindparam("k"))))
_try_lock = t.prebuilt(lambda: select(func.pg_try_advisory_xact_lock(bindparam("k"))))


def committed_changes(session: Session) -> int | None:
    """The counter right after this session's last index-writing commit (None: none yet)."""
    value = session.info.get(_COMMITTED)
    return None if value is None else int(value)


@event.listens_for(Session, "before_commit")
def _count_index_write(session: Session) -> None:
    if not session.info.pop(_WRITTEN, False):
        return
    # The counter's row is the last lock a transaction takes: what the ORM still
    # has to write goes first, so no writer ever waits for a row while it holds
    # the counter (on PostgreSQL, that wait could close a deadlock).
    session.flush()
    # The row is locked by the update until the commit: this is our own value.
    conn = session.connection()
    if conn.dialect.update_returning:
        value = conn.execute(_bump_returning(), {"c_id": 1}).scalar()
    else:
        conn.execute(_bump(), {"c_id": 1})
        value = conn.execute(_read()).scalar()
    session.info[_COMMITTED] = value


@event.listens_for(Session, "after_rollback")
def _forget_index_write(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


def lock_claims(session: Session, keys: list[int]) -> None:
    """Close the claim-creation race between concurrent writers.

    SQLite needs nothing: every write transaction begins IMMEDIATE, so writers
    take turns. PostgreSQL takes transaction-scoped advisory locks on ``keys``
    (an article's parties, see :func:`tracker.pipeline.lock_keys`), in sorted
    order (no deadlock), so two processes adding news of the same new claim
    cannot both create it.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    if keys:
        # One round trip: unnest gives the sorted keys in their order, and
        # the locks are taken row by row in it.
        session.execute(
            text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS BIGINT[])) AS u(k)"),
            {"keys": sorted(set(keys))},
        )
