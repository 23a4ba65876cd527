"""The schema: its revisions, the at-head check, alembic upgrade and downgrade, backups.

A normal command checks the schema revision with one query and never imports
alembic when the database is already at head. Alembic is loaded only to create
or upgrade a database. A SQLite file is copied beside itself before its schema
moves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.engine import SQLITE_BUSY_TIMEOUT_MS, describe, sqlite_path, translate_error
from tracker.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import URL, Connection, Engine

#: The newest migration. A test checks it equals alembic's head, so this module
#: can compare revisions without importing alembic.
HEAD_REVISION = "0006_claim_terms_clustered"
#: Every revision this version knows, oldest first (also checked by a test).
KNOWN_REVISIONS = (
    "0001_initial",
    "0002_article_sort_date",
    "0003_retractions_and_watch",
    "0004_syndication",
    "0005_index_changes",
    "0006_claim_terms_clustered",
)


#: Revisions that change nothing on PostgreSQL (a layout only SQLite has): a
#: PostgreSQL database behind head by these alone is moved on at once, as
#: there is nothing to back up first.
SQLITE_ONLY_REVISIONS = frozenset({"0006_claim_terms_clustered"})


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
    # One look at the catalogue: two (is there a version table? any table?)
    # could straddle another process's commit of a brand-new schema, and see
    # its tables but not yet its version.
    names = inspect(conn).get_table_names()
    if "alembic_version" in names:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if names:
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


def revision_of(engine: Engine) -> str | None:
    """The schema revision stamped in the database (None: empty)."""
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            return current_revision(conn)
    except DBAPIError as exc:
        raise translate_error(exc, describe(engine.url)) from None


def migrate(engine: Engine, revision: str = "head", *, down: bool = False) -> Migration:
    """Move the schema of the database up (or ``down``) to ``revision``, after
    the backup copy :func:`backup_before_migration` calls for."""
    from sqlalchemy.exc import DBAPIError

    check_revision(revision)
    before = revision_of(engine)
    target = HEAD_REVISION if revision == "head" else revision
    backup = backup_before_migration(engine.url, before, target)
    try:
        if down:
            downgrade(engine, revision)
        else:
            upgrade(engine, revision)
    except DBAPIError as exc:
        raise translate_error(exc, describe(engine.url)) from None
    except _alembic_errors() as exc:
        raise DatabaseError(str(exc)) from None
    return Migration(before, revision_of(engine), backup)


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


def ensure_schema(engine: Engine, *, auto_upgrade: bool = True) -> SchemaState:
    """Make sure the database is at head before a command uses it.

    A brand-new database is created by running the migrations. An existing
    SQLite file behind head is upgraded after a backup copy; an existing
    PostgreSQL database behind head is refused with the command to run, unless
    only revisions that change nothing there (:data:`SQLITE_ONLY_REVISIONS`)
    are missing. A revision newer than this version knows is an error.
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
        pending = KNOWN_REVISIONS[KNOWN_REVISIONS.index(rev) + 1 :]
        if pending and SQLITE_ONLY_REVISIONS.issuperset(pending):
            upgrade(engine)  # under the schema lock; nothing changes but the version
            return SchemaState(HEAD_REVISION, "upgraded")
        db_arg = url.render_as_string(hide_password=True)
        raise DatabaseError(
            f"database {shown} is at revision {rev}, behind {HEAD_REVISION}; "
            f"back it up, then run: tracker --db '{db_arg}' db upgrade"
        )
    backup = backup_before_migration(url, rev, HEAD_REVISION)
    upgrade(engine)
    return SchemaState(HEAD_REVISION, "upgraded", backup)
