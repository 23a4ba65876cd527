"""Opening a database: a checked :class:`Database` and its session scope.

``--db`` becomes an engine in :mod:`tracker.engine`; the schema is brought to
head by :mod:`tracker.migrate`. The caller owns the transaction: one session
scope per command.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tracker.engine import create_engine, describe, to_url, translate_error
from tracker.errors import DatabaseError
from tracker.migrate import SchemaState, ensure_schema, revision_of

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session


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
        return revision_of(self.engine)

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
    "Database",
    "open_database",
    "session_scope",
]
