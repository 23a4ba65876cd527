"""The command line: parse options, call the core, render. No SQL and no rules here.

Heavy modules (SQLAlchemy, alembic, dateparser, rich) are imported inside the
commands that need them, so ``tracker --help`` answers fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from tracker import __version__
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.config import Settings
    from tracker.db import Database


class App:
    """What every command receives: settings, verbosity, and the database on demand."""

    def __init__(self, db: str | None, verbose: bool) -> None:
        self._db_option = db
        self.verbose = verbose
        self._settings: Settings | None = None
        self._database: Database | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from tracker.config import load_settings

            self._settings = load_settings(self._db_option)
        return self._settings

    def database(self, *, immediate: bool = False) -> Database:
        """Open the database (creating or upgrading it as needed) once per command."""
        if self._database is None:
            from tracker.config import default_db
            from tracker.db import open_database

            db = self.settings.db
            if db == default_db():
                # The default location is ours to create; a user-given folder is not.
                from pathlib import Path

                Path(db).parent.mkdir(parents=True, exist_ok=True)
            self._database = open_database(db, immediate=immediate)
            state = self._database.state
            if state is not None and state.action == "upgraded" and state.backup is not None:
                warn(f"database upgraded to {state.revision}; backup kept at {state.backup}")
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


def warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


class TrackerGroup(click.Group):
    """One place turns user errors into ``Error: ...`` and exit 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:
            # The reader went away (``tracker claims | head``): not an error.
            sys.stderr.close()
            raise click.exceptions.Exit(1) from None
        except Exception as exc:
            app = ctx.obj
            if isinstance(app, App) and app.verbose:
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (run with --verbose for the traceback)"
            ) from None
        finally:
            app = ctx.obj
            if isinstance(app, App):
                app.close()

    def list_commands(self, ctx: click.Context) -> list[str]:
        # Keep the order in which commands were declared: the order of the workflow.
        return list(self.commands)


class RootGroup(TrackerGroup):
    """The top-level group: its help ends with where the database is."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from tracker.config import default_db

        with formatter.section("Database"):
            formatter.write_text(
                "A file path or a SQLAlchemy URL (sqlite:///..., postgresql://...), "
                f"from --db, else $TRACKER_DB, else {default_db()}"
            )


@click.group(
    cls=RootGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option("--db", metavar="PATH|URL", help="Database file or URL (see below).")
@click.option("-v", "--verbose", is_flag=True, help="Show details: cues, scores, tracebacks.")
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context, db: str | None, verbose: bool) -> None:
    """Track claims in the news from rumor to confirmation.

    Add articles, then see which claims are still rumors and how each one
    moved: rumor, undisclosed, confirmed or denied.

    \b
    Example:
      tracker add sample_articles/
      tracker rumors
      tracker history 1
    """
    ctx.obj = App(db, verbose)


def pass_app(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.pass_obj(f)


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (stable shape).")(f)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(message: str) -> NoReturn:
    raise TrackerError(message)


# --------------------------------------------------------------------------- db


@cli.group("db", cls=TrackerGroup)
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
    from tracker.db import describe, to_url

    click.echo(describe(to_url(app.settings.db)))


@db_group.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def db_upgrade(app: App, revision: str) -> None:
    """Upgrade the schema to REVISION (default: head), backing up SQLite first.

    \b
    Example:
      tracker --db postgresql://localhost/news db upgrade
    """
    from tracker import db as dbmod

    database = dbmod.Database(app.settings.db, create=False)
    app._database = database
    before = _revision(database)
    path = dbmod.sqlite_path(database.url)
    if before is not None and before != dbmod.HEAD_REVISION and path is not None:
        backup = dbmod.backup_sqlite(path, suffix=f"before-{dbmod.HEAD_REVISION}")
        click.echo(f"backup: {backup}")
    _run_alembic(lambda: dbmod.upgrade(database.engine, revision), database)
    click.echo(f"database {dbmod.describe(database.url)} at {_revision(database)}")


@db_group.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def db_downgrade(app: App, revision: str, yes: bool) -> None:
    """Downgrade the schema to REVISION ('base' drops every table).

    \b
    Example:
      tracker db downgrade base --yes
    """
    from tracker import db as dbmod

    if not yes:
        click.confirm(f"Downgrade {app.settings.db} to {revision}? Data may be lost", abort=True)
    database = dbmod.Database(app.settings.db, create=False)
    app._database = database
    _run_alembic(lambda: dbmod.downgrade(database.engine, revision), database)
    click.echo(f"database {dbmod.describe(database.url)} at {_revision(database) or 'base'}")


@db_group.command("current")
@json_option
@pass_app
def db_current(app: App, as_json: bool) -> None:
    """Print the schema revision of the database and whether it is at head.

    \b
    Example:
      tracker db current
    """
    from tracker import db as dbmod

    database = dbmod.Database(app.settings.db, create=False)
    app._database = database
    rev = _revision(database)
    data = {
        "database": dbmod.describe(database.url),
        "revision": rev,
        "head": dbmod.HEAD_REVISION,
        "at_head": rev == dbmod.HEAD_REVISION,
    }
    if as_json:
        echo_json(data)
        return
    state = "(head)" if data["at_head"] else f"(head is {dbmod.HEAD_REVISION})"
    click.echo(f"{rev or 'empty'} {state}")


@db_group.command("history")
@pass_app
def db_history(app: App) -> None:
    """List the migrations this version knows, oldest first.

    \b
    Example:
      tracker db history
    """
    from alembic.script import ScriptDirectory

    from tracker.db import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    for rev in reversed(list(script.walk_revisions())):
        click.echo(f"{rev.revision}  {rev.doc}")


def _revision(database: Database) -> str | None:
    from sqlalchemy.exc import DBAPIError

    from tracker.db import current_revision, describe, translate_error

    try:
        with database.engine.connect() as conn:
            return current_revision(conn)
    except DBAPIError as exc:
        raise translate_error(exc, describe(database.url)) from None


def _run_alembic(step: Callable[[], None], database: Database) -> None:
    from sqlalchemy.exc import DBAPIError

    from tracker.db import describe, translate_error

    try:
        step()
    except DBAPIError as exc:
        raise translate_error(exc, describe(database.url)) from None
    except Exception as exc:
        # alembic's CommandError: unknown revision and the like.
        if type(exc).__name__ in ("CommandError", "ResolutionError"):
            raise TrackerError(str(exc)) from None
        raise


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="tracker")


if __name__ == "__main__":  # pragma: no cover
    main()
