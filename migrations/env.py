"""Alembic environment: one migration chain for SQLite (batch mode) and PostgreSQL.

Runs on the connection handed over in ``config.attributes["connection"]`` (the
tracker and the tests do this), else on ``sqlalchemy.url`` from the config,
else on the tracker's own settings (``TRACKER_DB`` or the default file).

On SQLite a migration runs inside the caller's transaction with foreign keys
on, and SQLite cannot switch them off there. Batch mode's copy of a table
drops the original, which deletes its rows first and fires the ON DELETE
actions of the tables that refer to it: a migration must not copy a table
that others refer to (articles, claims, mentions). Alter it in place instead
(``op.add_column``, ``op.drop_column`` on SQLite 3.35+, ``op.create_index``);
tests/test_db.py checks that a round trip keeps every row.
"""

from __future__ import annotations

from alembic import context

from tracker.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        from sqlalchemy.engine import Engine

        if isinstance(connection, Engine):  # pytest-alembic hands over an engine
            with connection.begin() as conn:
                _configure(conn)
                with context.begin_transaction():
                    context.run_migrations()
            return
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return

    from tracker.config import load_settings
    from tracker.engine import create_engine

    url = config.get_main_option("sqlalchemy.url") or load_settings().db
    engine = create_engine(url)
    with engine.begin() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
