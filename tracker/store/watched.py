"""What ``tracker watch`` last saw of each URL and file: validators for a
conditional request, a file's size and modification time, a hash of the bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import WatchedSource

_watched = WatchedSource.__table__


def watch_key(source: str) -> str:
    """The fixed-width key of a URL or an absolute path."""
    return hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class WatchState:
    """What a source showed when it was last read."""

    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    size: int | None = None
    mtime_ns: int | None = None


def watched_states(session: Session, sources: Iterable[str]) -> dict[str, WatchState]:
    """The recorded state of each of these sources that has one."""
    by_key = {watch_key(s): s for s in sources}
    keys = sorted(by_key)
    found: dict[str, WatchState] = {}
    for i in range(0, len(keys), 500):  # bounded IN lists
        rows = session.execute(
            select(
                WatchedSource.key,
                WatchedSource.etag,
                WatchedSource.last_modified,
                WatchedSource.content_hash,
                WatchedSource.size,
                WatchedSource.mtime_ns,
            ).where(WatchedSource.key.in_(keys[i : i + 500]))
        )
        for r in rows:
            found[by_key[r.key]] = WatchState(
                r.etag, r.last_modified, r.content_hash, r.size, r.mtime_ns
            )
    return found


def record_watched(
    session: Session,
    source: str,
    state: WatchState | None,
    *,
    at: dt.datetime,
) -> None:
    """Note that ``source`` was looked at (``at``); with a ``state``, that it
    changed and now shows that."""
    values: dict[str, Any] = {"checked_at": at}
    if state is not None:
        values.update(
            etag=state.etag,
            last_modified=state.last_modified,
            content_hash=state.content_hash,
            size=state.size,
            mtime_ns=state.mtime_ns,
            changed_at=at,
        )
    conn = session.connection()
    insert = _insert_construct(conn.dialect.name)
    stmt = insert(_watched).values(key=watch_key(source), source=source, **values)
    stmt = stmt.on_conflict_do_update(index_elements=[_watched.c.key], set_=values)
    conn.execute(stmt)


def _insert_construct(dialect: str) -> Any:
    """The dialect's ``insert``, which knows ``ON CONFLICT``."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if dialect == "postgresql" else sqlite.insert
