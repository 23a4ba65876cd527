"""``tracker watch``: add what is new in feeds, pages, folders and files, every period."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from tracker import render
from tracker.cli.add import print_merges, print_result
from tracker.cli.app import App, pass_app
from tracker.cli.options import json_option, reading_options, timeout_option, verbose_option
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.pipeline import AddResult
    from tracker.watch import RoundReport


class Period(click.ParamType):  # type: ignore[type-arg]  # generic only in click's stubs
    """A period: ``30s``, ``5m``, ``1h`` (or seconds)."""

    name = "period"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (int, float)):
            return float(value)
        from tracker.watch import parse_period

        try:
            return parse_period(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@click.command("watch")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--every",
    type=Period(),
    default="15m",
    show_default=True,
    metavar="PERIOD",
    help="How often to look again: 30s, 5m, 1h...",
)
@click.option("--once", is_flag=True, help="Look once and exit (for tests and cron).")
@reading_options("source")
@timeout_option
@click.option("-q", "--quiet", is_flag=True, help="Print only each round's summary and errors.")
@verbose_option
@json_option
@pass_app
def watch_cmd(
    app: App,
    sources: tuple[str, ...],
    every: float,
    once: bool,
    glob: str | None,
    fmt: str | None,
    timeout: float | None,
    quiet: bool,
    verbose: bool,
    as_json: bool,
) -> None:
    """Follow feeds, pages, folders and files: add what is new, every PERIOD.

    A URL is asked again with the ETag and Last-Modified of its last answer,
    so an unchanged feed costs little; a folder's new and changed files are
    read. Each article added is printed as `tracker add` prints it. A source
    that fails is reported and tried again next round. Ctrl-C stops (exit
    130), and so does SIGTERM (exit 0); what was printed is stored.

    \b
    Example:
      tracker watch https://example.org/feed.xml news/ --every 5m
      tracker watch inbox/ --once
    """
    from tracker import watch

    app.verbose = app.verbose or verbose
    try:
        parsed = [watch.Source.parse(s) for s in sources]
    except TrackerError as exc:
        raise click.UsageError(str(exc)) from None
    database = app.database(immediate=True)
    watcher = watch.Watcher(
        database,
        app.settings,
        parsed,
        glob=glob,
        fmt=fmt,
        timeout=timeout,
        workers=app.settings.jobs,
    )
    failed = 0

    def on_result(result: AddResult) -> None:
        if bar is not None:
            bar.result(result)
        if result.outcome == "duplicate":
            return  # seen before: a watch reports only what is new
        if as_json:
            app.env.stdout.write(render.json_text(result.to_dict()) + "\n")
            app.env.stdout.flush()
        elif quiet:
            if result.outcome == "failed":
                print_result(app, result)
        else:
            print_result(app, result)

    def on_round(report: RoundReport) -> None:
        nonlocal failed
        # A fold undone by a failed write is a failure too, as in `add`.
        failed += report.summary.failed + len(report.not_consolidated)
        print_merges(app, report.merged, as_json=as_json, quiet=quiet)
        for why in report.not_consolidated:
            app.warn(f"claims not consolidated: {why}")
        if as_json:
            return
        if once:
            app.echo(report.summary.line())
        elif report.changed:
            now = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
            app.echo(f"{now} round {report.number}: {report.summary.line()}")

    if not once and not quiet and not as_json:
        count = f"{len(parsed)} source{'s' if len(parsed) != 1 else ''}"
        app.echo(
            f"watching {count} every {watch.describe_period(every)} (Ctrl-C to stop)", err=True
        )
    from tracker.cli.progress import Bar, shows_progress

    # A bar for each source that has something to read, on a terminal.
    bar: Bar | None = None

    def on_batch(name: str, inputs: int) -> None:
        nonlocal bar
        if shows_progress(app.env, as_json=as_json, quiet=quiet):
            bar = Bar(app.env).__enter__()
            bar.start(render.clean(name)[-40:], inputs)

    def on_batch_done() -> None:
        nonlocal bar
        if bar is not None:
            bar.finish()
            bar.__exit__(None, None, None)
            bar = None

    hooks = watch.Hooks(result=on_result, batch=on_batch, batch_done=on_batch_done)
    try:
        with watch.stop_on_sigterm():
            watcher.run(every, hooks=hooks, on_round=on_round, rounds=1 if once else None)
    except watch.Stop:
        app.echo("Stopped.", err=True)
        return
    finally:
        watcher.close()
    if failed:
        raise click.exceptions.Exit(1)
