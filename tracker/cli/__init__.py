"""The command line: parse options, call the core, render. No SQL and no rules here.

One module per group of commands; this one holds the root group and
:func:`main`, the one place that turns a user's error into a message and an
exit code. Heavy modules (SQLAlchemy, alembic, dateparser, rich) are imported
inside the commands that need them, so ``tracker --help`` answers fast.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from tracker import __version__
from tracker.cli import (
    add,
    articles,
    claim,
    config,
    corrections,
    db,
    exchange,
    insight,
    listing,
    watch,
)
from tracker.cli.app import App, CommandGroup
from tracker.errors import TrackerError
from tracker.render import Environment, clean

__all__ = ["App", "Environment", "cli", "main"]

#: Exit statuses: 1 for a user's error, 2 for a usage error (click's), 130 for Ctrl-C.
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class RootGroup(CommandGroup):
    """The top-level group: its help ends with where the database is."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from tracker.config import default_db

        with formatter.section("Database"):
            formatter.write_text(
                "A file path or a SQLAlchemy URL (sqlite:///..., postgresql://...), "
                f"from --db, else $TRACKER_DB, else the config file, else {default_db()}"
            )
        with formatter.section("Config file"):
            formatter.write_text(
                "TOML: db, [thresholds] link/suggest/general_link/general_suggest, jobs, "
                "max_bytes, stale_days, report_author, color. From --config, else "
                "$TRACKER_CONFIG, else config.toml in $TRACKER_HOME if set, else in the "
                "user's config folder. An option beats its environment variable, which "
                "beats the file. `tracker config` shows each value and where it came from."
            )

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        # click's own way in (``cli()``, click's test runner) goes through main() too.
        main(args, prog_name=prog_name, complete_var=complete_var, **extra)


@click.group(
    cls=RootGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option("--db", metavar="PATH|URL", help="Database file or URL (see below).")
@click.option("--config", metavar="PATH", help="Read settings from this TOML file (see below).")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    help="Colours: on a terminal only (auto), always, or never.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show details: cues, scores, tracebacks.")
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def cli(
    ctx: click.Context, db: str | None, config: str | None, color: str | None, verbose: bool
) -> None:
    """Track claims in the news from rumor to confirmation.

    Add articles, then see which claims are still rumors and how each one
    moved: rumor, undisclosed, confirmed or denied.

    \b
    Example:
      tracker add sample_articles/
      tracker rumors
      tracker history 1
    """
    app = ctx.ensure_object(App)
    app.configure(db, verbose, config, color)
    ctx.call_on_close(app.close)


for command in (
    add.add_cmd,
    watch.watch_cmd,
    listing.rumors_cmd,
    listing.claims_cmd,
    claim.history_cmd,
    claim.show_cmd,
    claim.search_cmd,
    claim.explain_cmd,
    insight.sources_cmd,
    insight.report_cmd,
    articles.articles_cmd,
    corrections.link_cmd,
    corrections.unlink_cmd,
    corrections.merge_cmd,
    corrections.split_cmd,
    corrections.set_status_cmd,
    corrections.rename_cmd,
    corrections.review_cmd,
    articles.retract_cmd,
    articles.restore_cmd,
    exchange.export_cmd,
    exchange.eval_cmd,
    config.config_cmd,
    db.db_group,
):
    cli.add_command(command)


def main(
    argv: Sequence[str] | None = None, *, env: Environment | None = None, **extra: Any
) -> NoReturn:
    """Run the command line once and exit with its status.

    ``env`` is where it reads and writes (default: this process's streams).
    User errors end here as one ``Error: ...`` line on stderr and exit 1,
    usage errors as click's usage message and exit 2, Ctrl-C as
    ``Interrupted.`` and exit 130; an unexpected error as one line and exit
    1 too, unless ``--verbose`` asks for its traceback.
    """
    app = App(env)
    extra["prog_name"] = extra.get("prog_name") or "tracker"
    sys.exit(_run(app, argv, extra))


def _run(app: App, argv: Sequence[str] | None, extra: dict[str, Any]) -> int:
    env = app.env
    try:
        result = cli.main(argv, standalone_mode=False, obj=app, **extra)
        return result if isinstance(result, int) else 0
    except TrackerError as exc:
        _error(env, str(exc))
    except click.ClickException as exc:
        shown = io.StringIO()
        exc.show(file=shown)
        env.stderr.write(clean(shown.getvalue()))
        return exc.exit_code
    except click.Abort as exc:
        if _interrupted(exc):
            return _interrupt(env)
        env.stderr.write("Aborted!\n")
    except KeyboardInterrupt:
        return _interrupt(env)
    except BrokenPipeError:
        # The reader went away (``tracker claims | head``): not an error to report.
        _silence_stdout(env)
    except Exception as exc:
        from tracker.ingest import InputError

        if isinstance(exc, InputError):  # a mistake in the call, found by the readers
            _error(env, str(exc))
            return EXIT_USAGE
        if app.verbose:
            raise
        _error(
            env, f"unexpected {type(exc).__name__}: {exc} (run with --verbose for the traceback)"
        )
    return EXIT_ERROR


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` stands for Ctrl-C (click turns KeyboardInterrupt into Abort)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _interrupt(env: Environment) -> int:
    # What was reported as added is stored; running the command again resumes.
    env.stderr.write("Interrupted.\n")
    env.stderr.flush()
    return EXIT_INTERRUPTED


def _error(env: Environment, message: str) -> None:
    env.stderr.write(f"Error: {clean(message)}\n")
    env.stderr.flush()


def _silence_stdout(env: Environment) -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, env.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
