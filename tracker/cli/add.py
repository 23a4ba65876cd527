"""``tracker add``: read articles, find their claims, link them."""

from __future__ import annotations

from typing import Any

import click

from tracker import render
from tracker.cli.app import App, pass_app
from tracker.cli.options import (
    Megabytes,
    json_option,
    parse_day,
    reading_options,
    timeout_option,
    verbose_option,
)


@click.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@reading_options("input")
@click.option("--date", "date_", metavar="DATE", help="Publication date (for a single article).")
@click.option("--source", metavar="NAME", help="Outlet name (for a single article).")
@click.option("--title", metavar="TEXT", help="Title (for a single article).")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language, if not detected.")
@click.option(
    "--max-size", metavar="MB", type=Megabytes(), help="Refuse files over MB (default 5)."
)
@timeout_option
@click.option("--dry-run", is_flag=True, help="Show what would be added and linked; write nothing.")
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    metavar="N",
    help="Worker processes that read claims from articles while this one links "
    "them (default: one per spare core, at least one; none when reading stdin).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary (and errors).")
@verbose_option
@json_option
@pass_app
def add_cmd(
    app: App,
    paths: tuple[str, ...],
    glob: str | None,
    fmt: str | None,
    date_: str | None,
    source: str | None,
    title: str | None,
    lang: str | None,
    max_size: float | None,
    timeout: float | None,
    dry_run: bool,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    as_json: bool,
) -> None:
    """Add articles from files, folders, URLs, feeds, JSON Lines or '-' (stdin).

    Each article is read, its claims found, and each claim linked to the one on
    record or recorded as new; at the end, two claims that turned out to tell
    one story are merged, and said so. Adding the same text twice does nothing. A URL
    (http:// or https://) is fetched: a feed gives one article per entry, a web
    page one article; each keeps its address.

    \b
    Example:
      tracker add sample_articles/
      tracker add news/ --glob '*.md'
      tracker add https://example.org/feed.xml https://example.org/news/story.html
      curl -s https://example.org/feed.xml | tracker add - --format feed
    """
    from tracker import pipeline
    from tracker.ingest import apply_overrides, read_inputs

    app.verbose = app.verbose or verbose
    _one_article_only(paths, title=title, source=source, date=date_)
    if date_ is not None:
        parse_day(date_, "--date")
    max_bytes = app.settings.max_bytes if max_size is None else Megabytes.to_bytes(max_size)
    database = app.database(immediate=True)
    stdin = app.env.stdin_bytes if "-" in paths else None
    items = read_inputs(
        list(paths), fmt=fmt, glob=glob, max_bytes=max_bytes, stdin=stdin, timeout=timeout
    )

    def prepare(article: Any) -> Any:
        return apply_overrides(article, date=date_, source=source, title=title, lang=lang)

    from tracker.cli.progress import progress, shows_progress
    from tracker.ingest import count_inputs
    from tracker.link import consolidate

    summary = pipeline.BatchSummary()
    joined: set[int] = set()
    shown = shows_progress(app.env, as_json=as_json, quiet=quiet)
    with progress(app.env, shown) as bar:
        if bar is not None:
            bar.start("adding", count_inputs(list(paths), glob=glob))
        for result in pipeline.add_inputs(
            database,
            items,
            app.settings,
            dry_run=dry_run,
            prepare=prepare,
            workers=_workers(app, jobs, stdin is not None),
        ):
            summary.count(result)
            if not dry_run:
                joined |= consolidate.joined_claims(result)
            if as_json:
                app.env.stdout.write(render.json_text(result.to_dict()) + "\n")
                app.env.stdout.flush()
            elif not quiet or result.outcome == "failed":
                print_result(app, result)
            if bar is not None:
                bar.result(result)
        if bar is not None:
            bar.finish()
    consolidated = _consolidate(app, joined, as_json=as_json, quiet=quiet)
    if not as_json:
        app.echo(summary.line(dry_run))
    if summary.failed or not consolidated:
        raise click.exceptions.Exit(1)


def _consolidate(app: App, joined: set[int], *, as_json: bool, quiet: bool) -> bool:
    """Fold together the claims this run showed to tell one story, and say
    so; False (and why, on stderr) when that failed and was undone."""
    from sqlalchemy.exc import SQLAlchemyError

    from tracker.errors import TrackerError
    from tracker.link import consolidate
    from tracker.workers import describe_error

    try:
        merged = consolidate.after_run(app.database(), app.settings, joined)
    except (SQLAlchemyError, TrackerError, OSError) as exc:
        # The articles are stored; only the folding is undone, whole.
        app.warn(f"claims not consolidated: {describe_error(exc)}")
        return False
    print_merges(app, merged, as_json=as_json, quiet=quiet)
    return True


def print_merges(app: App, merged: list[Any], *, as_json: bool, quiet: bool) -> None:
    """Claims folded together at the end of a run: a line each, or a JSON line."""
    for m in merged:
        if as_json:
            app.env.stdout.write(render.json_text({"merged": m.to_dict()}) + "\n")
        elif not quiet:
            app.echo(
                f"merged claim #{m.claim_id} into #{m.into_id}: their words agree by {m.score:.2f}"
            )


def _workers(app: App, jobs: int | None, stdin: bool) -> int | None:
    """--jobs, else (unless standard input is read) the setting, else automatic."""
    if jobs is not None:
        return jobs
    if stdin:
        # Standard input may be a live stream: by default each article is then
        # stored as soon as it arrives, not held back for a worker's chunk.
        return 0
    return app.settings.jobs


def _one_article_only(paths: tuple[str, ...], **overrides: str | None) -> None:
    """--title, --source and --date describe one article: refuse them for several."""
    import os

    given = [f"--{name}" for name, value in overrides.items() if value is not None]
    if not given:
        return
    folders = [p for p in paths if p != "-" and os.path.isdir(p)]
    if len(paths) > 1:
        why = f"{len(paths)} inputs were given"
    elif folders:
        why = f"{folders[0]} is a folder"
    else:
        return
    one = len(given) == 1
    raise click.UsageError(
        f"{' and '.join(given)} describe{'s' if one else ''} a single article, but {why}: "
        f"name one file, or leave {'it' if one else 'them'} out"
    )


def print_result(app: App, result: Any) -> None:
    """One input's lines: what became of it and of each statement it makes."""
    from tracker.render import clean

    if result.outcome == "failed":
        app.echo(f"Error: {clean(result.input)}: {clean(result.error)}", err=True)
        return
    for w in result.warnings:
        app.warn(f"{clean(result.input)}: {clean(w)}")
    if result.outcome == "duplicate":
        app.echo(f"{clean(result.input)}: already added as #{result.article_id}")
        if result.retracted:
            app.echo(
                f"  retracted: its statements count in no claim "
                f"(tracker restore {result.article_id} counts them again)"
            )
        return
    head = f"{clean(result.input)}: {result.outcome} as #{result.article_id}"
    if result.revision_of:
        head += f" (new revision of #{result.revision_of})"
    if result.syndicated_of:
        head += f" (the text of #{result.syndicated_of}, from another outlet or address)"
    app.echo(head)
    for m in result.mentions:
        how = "new claim" if m.action == "new" else f"linked, score {m.score:.2f}"
        app.echo(f"  {m.status.value:<11} #{m.claim_id} {clean(m.claim_text)} ({how})")
        if app.verbose:
            cue = f"cue {m.cue!r} ({m.cue_kind})" if m.cue else f"({m.cue_kind})"
            app.echo(f"      {cue}: {clean(m.quote)[:160]}")
            if m.explanation:
                from tracker.views import describe_score

                app.echo(f"      score: {describe_score(m.explanation)}")
        if m.suggestion:
            app.echo(
                f"      possible match: #{m.suggestion['claim_id']}, "
                f"score {m.suggestion['score'] * 100:.0f} (see `tracker review`)"
            )
    for t in result.transitions:
        if t.before is not None:
            app.echo(f"  #{t.claim_id}: {t.before.value} -> {t.after.value}")
