"""``tracker db ...``: create, migrate, inspect, check and copy the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli.app import App, CommandGroup, pass_app
from tracker.cli.options import json_option
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.db import Database
    from tracker.migrate import Migration


@click.group("db", cls=CommandGroup)
def db_group() -> None:
    """Create, upgrade and inspect the database.

    \b
    Example:
      tracker --db ./news.db db upgrade
      tracker db current
    """


@db_group.command("path")
@pass_app
def db_path(app: App) -> None:
    """Print the database in use (password hidden).

    \b
    Example:
      tracker db path
    """
    from tracker.engine import describe, to_url

    app.echo(describe(to_url(app.settings.db)))


@db_group.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def db_upgrade(app: App, revision: str) -> None:
    """Upgrade the schema to REVISION (default: head), backing up SQLite first.

    \b
    Example:
      tracker --db postgresql://localhost/news db upgrade
    """
    from tracker import migrate

    database = app.database(check_schema=False)
    done = migrate.migrate(database.engine, revision)
    _report(app, database, done)


@db_group.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def db_downgrade(app: App, revision: str, yes: bool) -> None:
    """Downgrade the schema to REVISION ('base' drops every table).

    A SQLite file is copied first (NAME.before-REVISION.bak), as for an upgrade.

    \b
    Example:
      tracker db downgrade base --yes
    """
    from tracker import migrate
    from tracker.render import confirm

    if not yes:
        try:
            agreed = confirm(
                app.env, f"Downgrade {app.settings.db} to {revision}? Data may be lost"
            )
        except EOFError:
            agreed = False
        if not agreed:
            raise click.Abort()
    database = app.database(check_schema=False)
    done = migrate.migrate(database.engine, revision, down=True)
    _report(app, database, done)


def _report(app: App, database: Database, done: Migration) -> None:
    from tracker.engine import describe

    if done.backup is not None:
        app.echo(f"backup: {done.backup}")
    app.echo(f"database {describe(database.url)} at {done.after or 'base'}")


@db_group.command("current")
@json_option
@pass_app
def db_current(app: App, as_json: bool) -> None:
    """Print the schema revision of the database and whether it is at head.

    \b
    Example:
      tracker db current
    """
    from tracker.engine import describe
    from tracker.migrate import HEAD_REVISION

    database = app.database(check_schema=False)
    rev = database.revision()
    data = {
        "database": describe(database.url),
        "revision": rev,
        "head": HEAD_REVISION,
        "at_head": rev == HEAD_REVISION,
    }
    if as_json:
        app.echo_json(data)
        return
    state = "(head)" if data["at_head"] else f"(head is {HEAD_REVISION})"
    app.echo(f"{rev or 'empty'} {state}")


@db_group.command("history")
@pass_app
def db_history(app: App) -> None:
    """List the migrations this version knows, oldest first.

    \b
    Example:
      tracker db history
    """
    from alembic.script import ScriptDirectory

    from tracker.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    for rev in reversed(list(script.walk_revisions())):
        app.echo(f"{rev.revision}  {rev.doc}")


@db_group.command("check")
@click.option("--repair", is_flag=True, help="Re-derive cached statuses and index counts.")
@json_option
@pass_app
def db_check(app: App, repair: bool, as_json: bool) -> None:
    """Verify the store: SQLite integrity, foreign keys, orphan mentions, cached
    statuses against re-derived ones, index counts.

    \b
    Example:
      tracker db check
      tracker db check --repair
    """
    from tracker import integrity, views

    with app.database(immediate=repair).session() as session:
        report = integrity.check(session, repair=repair)
    if as_json:
        app.echo_json(views.check_json(report))
    else:
        for p in report.problems:
            app.echo(f"problem: {p}")
        for r in report.repaired:
            app.echo(f"repaired: {r}")
        if not report.problems:
            verdict = "ok"
        elif report.ok:
            verdict = "repaired"
        else:
            verdict = f"{len(report.problems)} problem(s)"
        app.echo(f"checked {report.claims_checked} claims: {verdict}")
    if not report.ok:
        raise click.exceptions.Exit(1)


@db_group.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@pass_app
def db_backup(app: App, path: str) -> None:
    """Copy a SQLite database to PATH with the online backup API (safe while in use).

    \b
    Example:
      tracker db backup ~/tracker-2024-01-01.db
    """
    from pathlib import Path

    from tracker.engine import sqlite_path
    from tracker.migrate import copy_sqlite

    database = app.database()
    source = sqlite_path(database.url)
    if source is None:
        raise TrackerError("db backup copies SQLite files; for PostgreSQL use pg_dump")
    target = Path(path).expanduser()
    if target.exists():
        raise TrackerError(f"{target} exists; choose a new file")
    if not target.parent.is_dir():
        raise TrackerError(f"folder does not exist: {target.parent}")
    copy_sqlite(source, target)
    app.echo(f"backed up {source} to {target}")
