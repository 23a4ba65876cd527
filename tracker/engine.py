"""From ``--db`` (a file path or a URL) to an engine tuned for its backend.

SQLite gets foreign keys, WAL, a busy timeout and a bigger page cache;
PostgreSQL the psycopg driver. A driver's error becomes one line for the user.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import DatabaseError, first_line

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine

#: SQLite's page cache per connection (its default is 2 MB): linking reads the
#: index at random, and a big store misses a small cache on every lookup.
SQLITE_CACHE_KB = 32768
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Pages the write-ahead log may hold before SQLite copies them into the file
#: (its default is 1,000, 4 MB): ``add`` commits a group of articles at a time,
#: and checkpointing every few groups made a commit cost 12 ms instead of 5.
SQLITE_WAL_PAGES = 10_000

_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def to_url(db: str) -> URL:
    """Turn ``--db`` / ``TRACKER_DB`` (a file path or any SQLAlchemy URL) into a URL."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if _URL_RE.match(db):
        try:
            url = make_url(db)
        except ArgumentError as exc:
            raise DatabaseError(f"not a database URL: {db!r} ({exc})") from None
        if url.drivername == "postgresql":
            # psycopg 3 is the supported driver; a bare postgresql:// means it.
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(db).expanduser()
    return make_url("sqlite://").set(database=str(path.resolve()))


def describe(url: URL) -> str:
    """A printable form of the URL with any password hidden."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite":
        return None
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def check_sqlite_file(path: Path, *, check_folder: bool = True) -> None:
    """Refuse, before anything is written, a path that cannot be a tracker database."""
    if check_folder and not path.parent.is_dir():
        raise DatabaseError(f"folder does not exist: {path.parent} (for database {path})")
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    if path.exists() and path.stat().st_size > 0:
        try:
            with open(path, "rb") as fh:
                header = fh.read(16)
        except OSError as exc:
            raise DatabaseError(f"cannot read {path}: {exc.strerror}") from None
        if header != b"SQLite format 3\x00":
            raise DatabaseError(f"{path} is not a SQLite database")


def create_engine(db: str, *, immediate: bool = False, check_folder: bool = True) -> Engine:
    """An engine for ``db``. SQLite gets foreign keys, WAL and a busy timeout.

    ``immediate``: SQLite transactions start with ``BEGIN IMMEDIATE`` so two
    writers queue on the lock instead of failing on a lock upgrade.
    """
    from sqlalchemy import create_engine as sa_create_engine
    from sqlalchemy import event

    url = to_url(db)
    backend = url.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            check_sqlite_file(path, check_folder=check_folder)
        engine = sa_create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, future=True
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy, not the sqlite3 module, decide when transactions
            # begin, so SAVEPOINTs work and BEGIN IMMEDIATE is possible.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                cur.execute("PRAGMA journal_mode = WAL")
                cur.execute("PRAGMA synchronous = NORMAL")
                cur.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_PAGES}")
                # An upper bound, filled only as pages are read.
                cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            take_lock = immediate or conn.get_execution_options().get("immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if take_lock else "BEGIN")

        return engine
    if backend == "postgresql":
        try:
            return sa_create_engine(
                url, pool_pre_ping=False, connect_args={"connect_timeout": 5}, future=True
            )
        except ModuleNotFoundError:
            raise DatabaseError(
                "PostgreSQL needs the psycopg driver: pip install 'tracker[postgres]'"
            ) from None
    try:
        return sa_create_engine(url, future=True)
    except (ModuleNotFoundError, ImportError) as exc:
        raise DatabaseError(
            f"no driver for {backend} ({exc.name or exc}); tracker supports SQLite and PostgreSQL"
        ) from None
    except Exception as exc:  # an unknown dialect name
        raise DatabaseError(f"cannot use {describe(url)}: {exc}") from None


def translate_error(exc: BaseException, db: str) -> DatabaseError:
    """One line for the user from a driver error."""
    msg = first_line(exc)
    low = msg.lower()
    if "file is not a database" in low or "not a database" in low:
        return DatabaseError(f"{db} is not a SQLite database")
    if "unable to open database file" in low:
        return DatabaseError(f"cannot open database file {db}")
    if "connection" in low or "could not" in low or "timeout" in low or "refused" in low:
        return DatabaseError(f"cannot connect to {db}: {msg}")
    return DatabaseError(f"database error on {db}: {msg}")
