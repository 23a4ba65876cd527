"""Engines, session scope, and the schema gate (alembic upgrade / at-head checks).

A normal command checks the schema revision with one query and never imports
alembic when the database is already at head. Alembic is loaded only to create
or upgrade a database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import DatabaseError, first_line

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import URL, Connection, Engine
    from sqlalchemy.orm import Session

#: The newest migration. A test checks it equals alembic's head, so this module
#: can compare revisions without importing alembic.
HEAD_REVISION = "0003_retractions_and_watch"
#: Every revision this version knows, oldest first (also checked by a test).
KNOWN_REVISIONS = ("0001_initial", "0002_article_sort_date", "0003_retractions_and_watch")

#: SQLite's page cache per connection (its default is 2 MB): linking reads the
#: index at random, and a big store misses a small cache on every lookup.
SQLITE_CACHE_KB = 32768
SQLITE_BUSY_TIMEOUT_MS = 30_000

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


# --------------------------------------------------------------------------- alembic


def migrations_dir() -> Path:
    """The migration scripts: inside the installed package, or the source checkout's."""
    here = Path(__file__).resolve().parent
    installed = here / "migrations"
    if (installed / "env.py").is_file():
        return installed
    source = here.parent / "migrations"
    if (source / "env.py").is_file():
        return source
    raise DatabaseError("migration scripts are missing from this installation")


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An alembic Config that runs on ``connection`` (cookbook: sharing a connection)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the database, or None for an empty database."""
    from sqlalchemy import inspect, text

    # Ask the catalogue first rather than failing a SELECT: a failed statement
    # would abort the caller's transaction (and its locks) on PostgreSQL.
    inspector = inspect(conn)
    if inspector.has_table("alembic_version"):
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if inspector.get_table_names():
        raise DatabaseError("this database has tables but is not a tracker database")
    return None


#: Key of the PostgreSQL advisory lock held while migrating.
SCHEMA_LOCK_KEY = 0x7472_6B72  # "trkr"


@contextlib.contextmanager
def schema_lock(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the schema lock: one migrator at a time.

    SQLite: an IMMEDIATE transaction (the write lock). PostgreSQL: a
    transaction-scoped advisory lock. Two processes opening a brand-new
    database at once then create it once.
    """
    from sqlalchemy import text

    with engine.connect() as conn:
        conn.execution_options(immediate=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK_KEY})
            yield conn


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with schema_lock(engine) as conn:
        command.upgrade(alembic_config(conn), revision)


def create_if_empty(engine: Engine) -> bool:
    """Run the migrations on an empty database; False if another process did first."""
    from alembic import command

    with schema_lock(engine) as conn:
        if current_revision(conn) is not None:
            return False
        command.upgrade(alembic_config(conn), "head")
        return True


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)


def backup_sqlite(path: Path, suffix: str | None = None) -> Path:
    """Copy a SQLite file beside itself (``NAME.SUFFIX.bak``); returns the copy's path.

    An older copy of that name is kept: the new one is ``NAME.SUFFIX.2.bak``, and so on.
    """
    stamp = suffix or dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{stamp}.{n}.bak")
    copy_sqlite(path, target)
    return target


def backup_before_migration(url: URL, current: str | None, target: str) -> Path | None:
    """The backup rule, for every migration up or down: a SQLite file whose
    schema is about to move from ``current`` to ``target`` is first copied
    beside itself (``NAME.before-TARGET.bak``).

    None when there is nothing to copy: an empty database, one already at
    ``target``, PostgreSQL (back it up with its own tools), or memory.
    """
    path = sqlite_path(url)
    if path is None or current is None or current == target:
        return None
    return backup_sqlite(path, suffix=f"before-{target}")


def _alembic_errors() -> tuple[type[Exception], ...]:
    """Alembic's errors for a revision it cannot find or reach (a user's mistake)."""
    from alembic.script.revision import RevisionError
    from alembic.util.exc import CommandError

    return (CommandError, RevisionError)


def check_revision(revision: str) -> None:
    """Refuse, before anything is copied or changed, a revision name this
    version does not know (relative forms such as ``-1`` are left to alembic)."""
    if revision in ("head", "heads", "base") or any(c in revision for c in "+-@:"):
        return
    from alembic.script import ScriptDirectory

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except _alembic_errors() as exc:
        raise DatabaseError(str(exc)) from None


@dataclass
class Migration:
    """What ``tracker db upgrade`` or ``downgrade`` did."""

    before: str | None
    after: str | None
    #: The copy made first (SQLite only), or None.
    backup: Path | None


def migrate(database: Database, revision: str = "head", *, down: bool = False) -> Migration:
    """Move the schema of ``database`` up (or ``down``) to ``revision``, after
    the backup copy :func:`backup_before_migration` calls for."""
    from sqlalchemy.exc import DBAPIError

    check_revision(revision)
    before = database.revision()
    target = HEAD_REVISION if revision == "head" else revision
    backup = backup_before_migration(database.url, before, target)
    try:
        if down:
            downgrade(database.engine, revision)
        else:
            upgrade(database.engine, revision)
    except DBAPIError as exc:
        raise translate_error(exc, describe(database.url)) from None
    except _alembic_errors() as exc:
        raise DatabaseError(str(exc)) from None
    return Migration(before, database.revision(), backup)


def copy_sqlite(path: Path, target: Path) -> None:
    """Copy a SQLite database with the online backup API: consistent even while
    other processes write to it."""
    import sqlite3

    src = sqlite3.connect(str(path), timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


@dataclass
class SchemaState:
    revision: str | None
    action: str  # "ok", "created", "upgraded"
    backup: Path | None = None


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


def ensure_schema(engine: Engine, *, auto_upgrade: bool = True) -> SchemaState:
    """Make sure the database is at head before a command uses it.

    A brand-new database is created by running the migrations. An existing
    SQLite file behind head is upgraded after a backup copy; an existing
    PostgreSQL database behind head is refused with the command to run. A
    revision newer than this version knows is an error.
    """
    from sqlalchemy.exc import DBAPIError

    url = engine.url
    shown = describe(url)
    try:
        with engine.connect() as conn:
            rev = current_revision(conn)
    except DBAPIError as exc:
        raise translate_error(exc, shown) from None
    if rev == HEAD_REVISION:
        return SchemaState(rev, "ok")
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"database {shown} is at revision {rev}, which this version of tracker does "
            f"not know (newest known: {HEAD_REVISION}); upgrade tracker"
        )
    if rev is None:
        try:
            created = create_if_empty(engine)
        except DBAPIError as exc:
            raise translate_error(exc, shown) from None
        if not created:
            return ensure_schema(engine, auto_upgrade=auto_upgrade)
        return SchemaState(HEAD_REVISION, "created")
    if not auto_upgrade:
        raise DatabaseError(f"database {shown} is at revision {rev}, behind {HEAD_REVISION}")
    path = sqlite_path(url)
    if path is None:
        db_arg = url.render_as_string(hide_password=True)
        raise DatabaseError(
            f"database {shown} is at revision {rev}, behind {HEAD_REVISION}; "
            f"back it up, then run: tracker --db '{db_arg}' db upgrade"
        )
    backup = backup_before_migration(url, rev, HEAD_REVISION)
    upgrade(engine)
    return SchemaState(HEAD_REVISION, "upgraded", backup)


# --------------------------------------------------------------------------- sessions


@contextlib.contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any exception.

    The caller owns the transaction; store functions never commit.
    """
    from sqlalchemy.orm import Session

    session = Session(engine, expire_on_commit=False, autoflush=True)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class Database:
    """An opened, schema-checked database: what commands get from the CLI frame."""

    def __init__(self, db: str, *, immediate: bool = False, create: bool = True) -> None:
        self.db = db
        self.engine = create_engine(db, immediate=immediate)
        self.url = self.engine.url
        self.state: SchemaState | None = None
        if create:
            self.state = ensure_schema(self.engine)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    def revision(self) -> str | None:
        """The schema revision stamped in the database (None: empty)."""
        from sqlalchemy.exc import DBAPIError

        try:
            with self.engine.connect() as conn:
                return current_revision(conn)
        except DBAPIError as exc:
            raise translate_error(exc, describe(self.url)) from None

    def session(self) -> contextlib.AbstractContextManager[Session]:
        return session_scope(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(db: str, *, immediate: bool = False, check_schema: bool = True) -> Database:
    """Open ``db`` (path or URL) and bring its schema to head, or raise DatabaseError.

    ``check_schema=False`` leaves the schema as it is (for the commands that
    inspect or migrate it).
    """
    try:
        return Database(db, immediate=immediate, create=check_schema)
    except DatabaseError:
        raise
    except Exception as exc:  # driver errors at connect time
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            raise translate_error(exc, describe(to_url(db))) from None
        raise


__all__ = [
    "HEAD_REVISION",
    "Database",
    "Migration",
    "SchemaState",
    "alembic_config",
    "backup_before_migration",
    "backup_sqlite",
    "create_engine",
    "current_revision",
    "downgrade",
    "ensure_schema",
    "migrate",
    "migrations_dir",
    "open_database",
    "session_scope",
    "to_url",
    "upgrade",
]
