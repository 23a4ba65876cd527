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


# --------------------------------------------------------------------------- options

STATUS_CHOICES = ("rumor", "confirmed", "undisclosed", "denied")


def _day(value: str | None, option: str) -> Any:
    """Parse a date option with the same rules as article dates."""
    if value is None:
        return None
    from tracker.ingest import parse_date

    day, _precision = parse_date(value)
    if day is None:
        raise click.BadParameter(f"cannot read {value!r} as a date", param_hint=option)
    return day


def as_of_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--as-of", metavar="DATE", help="Answer as of DATE: what was known then.")(
        f
    )


# --------------------------------------------------------------------------- add


@cli.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--glob", metavar="PATTERN", help="In folders, only files matching (e.g. '*.md').")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "feed", "jsonl"]),
    help="Read every input as this format instead of detecting it.",
)
@click.option("--date", "date_", metavar="DATE", help="Publication date for these articles.")
@click.option("--source", metavar="NAME", help="Outlet name for these articles.")
@click.option("--title", metavar="TEXT", help="Title (for a single article).")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language, if not detected.")
@click.option("--max-size", metavar="MB", type=float, help="Refuse files over MB (default 5).")
@click.option("--dry-run", is_flag=True, help="Show what would be added and linked; write nothing.")
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    metavar="N",
    help="Worker processes that read claims from articles while this one links "
    "them (default: one per spare core, at least one; none when reading stdin).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show cues, quotes and link scores.")
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
    dry_run: bool,
    jobs: int | None,
    verbose: bool,
    as_json: bool,
) -> None:
    """Add articles from files, folders, feeds, JSON Lines or '-' (stdin).

    Each article is read, its claims found, and each claim linked to the one on
    record or recorded as new. Adding the same text twice does nothing.

    \b
    Example:
      tracker add sample_articles/
      tracker add news/ --glob '*.md'
      curl -s https://example.org/feed.xml | tracker add - --format feed
    """
    from tracker import pipeline
    from tracker.ingest import apply_overrides, read_inputs

    app.verbose = app.verbose or verbose
    if date_ is not None:
        _day(date_, "--date")
    max_bytes = int(max_size * 1024 * 1024) if max_size else app.settings.max_bytes
    database = app.database(immediate=True)
    stdin = sys.stdin.buffer if "-" in paths else None
    items = read_inputs(list(paths), fmt=fmt, glob=glob, max_bytes=max_bytes, stdin=stdin)

    def prepare(article: Any) -> Any:
        return apply_overrides(article, date=date_, source=source, title=title, lang=lang)

    summary = pipeline.BatchSummary()
    progress = _progress(as_json)
    for result in pipeline.add_inputs(
        database,
        items,
        app.settings,
        dry_run=dry_run,
        prepare=prepare,
        # Standard input may be a live stream: by default each article is then
        # stored as soon as it arrives, not held back for a worker's chunk.
        workers=0 if jobs is None and stdin is not None else jobs,
    ):
        summary.count(result)
        if as_json:
            import json

            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, default=str))
        else:
            _print_add_result(result, app.verbose)
        if progress is not None:
            progress(result)
    if not as_json:
        if progress is not None:
            click.echo("", err=True)
        click.echo(summary.line(dry_run))
    if summary.failed:
        raise click.exceptions.Exit(1)


def _progress(as_json: bool) -> Callable[[Any], None] | None:
    """A counter on stderr when the per-article lines go elsewhere (stdout
    redirected) and stderr is a terminal to show it on."""
    if not sys.stderr.isatty() or (sys.stdout.isatty() and not as_json):
        return None
    state = {"n": 0}

    def tick(_result: Any) -> None:
        state["n"] += 1
        if state["n"] % 50 == 0:
            click.echo(f"\r{state['n']} inputs...", err=True, nl=False)

    return tick


def _print_add_result(result: Any, verbose: bool) -> None:
    from tracker.render import clean

    if result.outcome == "failed":
        click.echo(f"Error: {clean(result.input)}: {clean(result.error)}", err=True)
        return
    for w in result.warnings:
        warn(f"{clean(result.input)}: {clean(w)}")
    if result.outcome == "duplicate":
        click.echo(f"{clean(result.input)}: already added as #{result.article_id}")
        return
    head = f"{clean(result.input)}: {result.outcome} as #{result.article_id}"
    if result.revision_of:
        head += f" (new revision of #{result.revision_of})"
    click.echo(head)
    for m in result.mentions:
        how = "new claim" if m.action == "new" else f"linked, score {m.score:.2f}"
        click.echo(f"  {m.status.value:<11} #{m.claim_id} {clean(m.claim_text)} ({how})")
        if verbose:
            cue = f"cue {m.cue!r} ({m.cue_kind})" if m.cue else f"({m.cue_kind})"
            click.echo(f"      {cue}: {clean(m.quote)[:160]}")
            if m.explanation:
                from tracker.match import LinkScore

                ls = LinkScore(components=dict(m.explanation["components"]))
                click.echo(f"      score: {ls.describe()}")
        if m.suggestion:
            click.echo(
                f"      possible match: #{m.suggestion['claim_id']}, "
                f"score {m.suggestion['score'] * 100:.0f} (see `tracker review`)"
            )
    for t in result.transitions:
        if t.before is not None:
            click.echo(f"  #{t.claim_id}: {t.before.value} -> {t.after.value}")


# --------------------------------------------------------------------------- listings


def _claim_rows(
    app: App,
    statuses: tuple[str, ...],
    entity: str | None,
    kind: str | None,
    since: str | None,
    as_of: str | None,
    sort: str,
    limit: int | None,
) -> tuple[list[Any], int | None]:
    from tracker import store
    from tracker.status import Status

    flt = store.ClaimFilter(
        statuses=tuple(Status(s) for s in statuses),
        entity=entity,
        kind=kind,
        since=_day(since, "--since"),
        as_of=_day(as_of, "--as-of"),
    )
    database = app.database()
    with database.session() as session:
        rows = store.list_claims(session, flt, sort=sort, limit=limit)
        total = None
        if limit is not None and len(rows) == limit:
            total = store.count_matching(session, flt)
    return rows, total


#: A table on a terminal shows this many claims unless --limit or --all says otherwise.
DEFAULT_TABLE_LIMIT = 50


def _limit(limit: int | None, show_all: bool, as_json: bool) -> int | None:
    """JSON gets everything by default (scripts); a table the most recent claims."""
    if show_all:
        return None
    if limit is not None:
        return limit
    return None if as_json else DEFAULT_TABLE_LIMIT


def _print_claims(
    found: tuple[list[Any], int | None], as_json: bool, empty: str, as_of: Any = None
) -> None:
    rows, total = found
    import datetime as dt

    from tracker import views
    from tracker.render import table

    today = as_of or dt.date.today()
    if as_json:
        echo_json([views.claim_json(r, today) for r in rows])
        return
    if not rows:
        click.echo(empty)
        return
    table(
        ["id", "claim", "status", "first seen", "last seen", "sources", "age"],
        [
            [
                f"#{r.claim.id}",
                r.claim.text,
                r.status.value,
                r.first_seen or "",
                r.last_seen or "",
                len(r.sources) or r.mentions,
                f"{(today - r.first_seen).days}d" if r.first_seen else "",
            ]
            for r in rows
        ],
        status_column=2,
        wrap_columns=(1,),
    )
    if total is not None and total > len(rows):
        click.echo(f"showing {len(rows)} of {total:,}; use --limit N or --all", err=True)


def listing_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--sort",
        type=click.Choice(["last_seen", "first_seen", "age", "id"]),
        default="last_seen",
        show_default=True,
        help="Order of the rows.",
    )(f)
    f = click.option("--all", "show_all", is_flag=True, help="Show every matching claim.")(f)
    f = click.option(
        "--limit",
        type=click.IntRange(min=1),
        help=f"Show at most N claims (tables default to {DEFAULT_TABLE_LIMIT}, JSON to all).",
    )(f)
    f = click.option("--since", metavar="DATE", help="Only claims seen on or after DATE.")(f)
    f = click.option("--entity", metavar="NAME", help="Only claims about NAME (accents ignored).")(
        f
    )
    return f


@cli.command("rumors")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["rumor", "undisclosed"]),
    help="Only this open status (repeatable).",
)
@listing_options
@as_of_option
@json_option
@pass_app
def rumors_cmd(
    app: App,
    statuses: tuple[str, ...],
    entity: str | None,
    since: str | None,
    limit: int | None,
    show_all: bool,
    sort: str,
    as_of: str | None,
    as_json: bool,
) -> None:
    """List open claims: rumors, and confirmed events whose figure is undisclosed.

    \b
    Example:
      tracker rumors
      tracker rumors --entity openai --as-of 2023-01-15
    """
    found = _claim_rows(
        app,
        statuses or ("rumor", "undisclosed"),
        entity,
        None,
        since,
        as_of,
        sort,
        _limit(limit, show_all, as_json),
    )
    _print_claims(found, as_json, "No open claims.", _day(as_of, "--as-of"))


@cli.command("claims")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUS_CHOICES),
    help="Only claims with this status (repeatable).",
)
@click.option("--kind", metavar="KIND", help="Only this kind of event (investment, layoffs...).")
@listing_options
@as_of_option
@json_option
@pass_app
def claims_cmd(
    app: App,
    statuses: tuple[str, ...],
    kind: str | None,
    entity: str | None,
    since: str | None,
    limit: int | None,
    show_all: bool,
    sort: str,
    as_of: str | None,
    as_json: bool,
) -> None:
    """List claims, whatever their status.

    \b
    Example:
      tracker claims --status denied
      tracker claims --kind acquisition --json
    """
    found = _claim_rows(
        app, statuses, entity, kind, since, as_of, sort, _limit(limit, show_all, as_json)
    )
    _print_claims(found, as_json, "No claims.", _day(as_of, "--as-of"))


@cli.command("history")
@click.argument("claim", nargs=-1, required=True)
@as_of_option
@json_option
@pass_app
def history_cmd(app: App, claim: tuple[str, ...], as_of: str | None, as_json: bool) -> None:
    """Show a claim's timeline: every source, date, quote and status change.

    CLAIM is a claim id or words from it; ambiguous words list the choices.

    \b
    Example:
      tracker history 1
      tracker history microsoft openai investment
    """
    from tracker import store, views
    from tracker.render import clean, line, table, wrap

    day = _day(as_of, "--as-of")
    database = app.database()
    with database.session() as session:
        found = store.resolve_claim(session, " ".join(claim))
        ct = store.claim_timeline(session, found.id)
        events = views.history_events(ct, day)
        rows = store.claim_rows(session, [found], as_of=day)
        # Asked about a day before anything was said of it: no status yet.
        row = rows[0] if rows else store.ClaimRow(found, None, None, None, 0, [])
        claim_data = views.claim_json(row, day)
    if as_json:
        echo_json({"claim": claim_data, "events": events})
        return
    line(f"#{claim_data['id']} {claim_data['text']}", style="bold")
    line(f"status: {claim_data['status'] or 'none yet'}" + (f" (as of {day})" if day else ""))
    if not events:
        click.echo("No statements" + (f" on or before {day}." if day else "."))
        return
    table(
        ["date", "source", "status", "quote", "change"],
        [
            [
                views.format_date(_date(e["date"]), e["date_precision"]),
                e["source"] or (f"article #{e['article_id']}" if e["article_id"] else ""),
                e["status"],
                wrap(e["quote"] or "", 70),
                _change(e),
            ]
            for e in events
        ],
        status_column=2,
        wrap_columns=(3,),
    )
    if app.verbose:
        for e in events:
            click.echo(
                f"  article #{e['article_id']}: cue {clean(e['cue'])!s}, "
                f"score {e['score']}, linked by {e['linked_by']}"
            )


def _date(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def _change(event: dict[str, Any]) -> str:
    t = event.get("transition")
    if not t:
        return ""
    text = f"{t['from']} → {t['to']}"
    if event.get("label"):
        text += f" ({event['label']})"
    return text


@cli.command("show")
@click.argument("article")
@json_option
@pass_app
def show_cmd(app: App, article: str, as_json: bool) -> None:
    """Show an article (by id, external id or URL) and the claims it speaks of.

    \b
    Example:
      tracker show 3
    """
    from tracker import store, views
    from tracker.render import line, table, wrap

    database = app.database()
    with database.session() as session:
        art = store.get_article(session, article)
        mentions = store.mentions_of_article(session, art.id)
        data = views.article_json(art, mentions)
        texts = {m.claim_id: m.claim.text for m in mentions}
    if as_json:
        echo_json(data)
        return
    line(f"#{data['id']} {data['title'] or '(no title)'}", style="bold")
    click.echo(
        f"source: {data['source'] or '-'}   date: "
        f"{views.format_date(art.published, art.date_precision)}   language: "
        f"{data['language'] or '-'}"
    )
    if data["url"]:
        click.echo(f"url: {data['url']}")
    if data["path"]:
        click.echo(f"file: {data['path']}")
    if not data["mentions"]:
        click.echo("No claims found in this article.")
        return
    table(
        ["claim", "status", "quote", "cue"],
        [
            [
                f"#{m['claim_id']} {texts[m['claim_id']]}",
                m["status"],
                wrap(m["quote"], 60),
                m["cue"] or m["cue_kind"] or "",
            ]
            for m in data["mentions"]
        ],
        status_column=1,
        wrap_columns=(0, 2),
    )


@cli.command("search")
@click.argument("text", nargs=-1, required=True)
@json_option
@pass_app
def search_cmd(app: App, text: tuple[str, ...], as_json: bool) -> None:
    """Find claims by words (accents and case ignored, spelling variants tolerated).

    \b
    Example:
      tracker search helios energie
    """
    from tracker import store
    from tracker.render import table

    database = app.database()
    with database.session() as session:
        found = store.search_claims(session, " ".join(text))
        data = [
            {"id": c.id, "text": c.text, "status": c.status.value, "match": round(s, 1)}
            for c, s in found
        ]
    if as_json:
        echo_json(data)
        return
    if not data:
        click.echo("No matching claims.")
        return
    table(
        ["id", "claim", "status", "match"],
        [[f"#{d['id']}", d["text"], d["status"], f"{d['match']:.0f}"] for d in data],
        status_column=2,
        wrap_columns=(1,),
    )


@cli.command("explain")
@click.argument("article")
@json_option
@pass_app
def explain_cmd(app: App, article: str, as_json: bool) -> None:
    """Show, sentence by sentence, what was found in an article and why.

    ARTICLE is an article id in the database, or a file to read without adding it.

    \b
    Example:
      tracker explain 4
      tracker explain sample_articles/articles/some-article.txt
    """
    from pathlib import Path

    from tracker.extract import extract
    from tracker.render import clean

    if Path(article).is_file():
        from tracker.ingest import ReadError, read_inputs

        items = list(read_inputs([article], max_bytes=app.settings.max_bytes))
        arts = [i for i in items if not isinstance(i, ReadError)]
        if not arts:
            err = next(i for i in items if isinstance(i, ReadError))
            raise TrackerError(f"{err.path}: {err.message}")
        title, body, lang = arts[0].title, arts[0].body, arts[0].language
    else:
        from tracker import store

        database = app.database()
        with database.session() as session:
            art = store.get_article(session, article)
            title, body, lang = art.title, art.body, art.language
    ex = extract(body, title=title, language=lang)
    if as_json:
        echo_json(
            {
                "language": ex.language,
                "sentences": [
                    {
                        "text": s.text,
                        "span": [s.start, s.end],
                        "kind": s.kind,
                        "parties": list(s.parties),
                        "amounts": [a.text for a in s.amounts],
                        "status": s.status.value if s.status else None,
                        "cue": s.cue,
                        "notes": list(s.notes),
                        "used": s.used,
                    }
                    for s in ex.sentences
                ],
                "mentions": [
                    {
                        "status": m.status.value,
                        "kind": m.kind,
                        "parties": list(m.parties),
                        "amount": m.amount.text if m.amount else None,
                        "event_year": m.event_year,
                        "quote": m.quote,
                        "cue": m.cue,
                        "cue_kind": m.cue_kind,
                        "confidence": m.confidence,
                        "notes": list(m.notes),
                    }
                    for m in ex.mentions
                ],
            }
        )
        return
    for i, s in enumerate(ex.sentences, 1):
        mark = "*" if s.used else " "
        click.echo(f"{mark}{i:>3}. {clean(s.text)[:200]}")
        found = []
        if s.kind:
            found.append(f"kind={s.kind}")
        if s.parties:
            found.append("parties=" + ", ".join(s.parties))
        if s.amounts:
            found.append("amounts=" + ", ".join(a.text for a in s.amounts))
        if s.status:
            found.append(f"status={s.status.value}" + (f" (cue {s.cue!r})" if s.cue else ""))
        if found:
            click.echo("       " + clean("; ".join(found)))
        for note in s.notes:
            click.echo("       - " + clean(note))
    click.echo("")
    click.echo(f"{len(ex.mentions)} claim mention(s):")
    for m in ex.mentions:
        amount = f" {m.amount.text}" if m.amount else ""
        click.echo(
            f"  {m.status.value:<11} {m.kind or '-'} {', '.join(m.party_names)}{amount}"
            f" [{m.cue_kind}: {m.cue or 'stated as fact'}]"
        )
        for note in m.notes:
            click.echo("      - " + clean(note))


# --------------------------------------------------------------------------- corrections


def _correct(app: App, action: Callable[[Any], Any]) -> None:
    database = app.database(immediate=True)
    with database.session() as session:
        change = action(session)
    click.echo(change.message)


@cli.command("link")
@click.argument("article")
@click.argument("claim")
@click.option("--status", type=click.Choice(STATUS_CHOICES), help="What the article says of it.")
@pass_app
def link_cmd(app: App, article: str, claim: str, status: str | None) -> None:
    """Link an article to a claim by hand (the link is kept by later adds).

    \b
    Example:
      tracker link 12 3
    """
    from tracker import corrections
    from tracker.status import Status

    _correct(
        app,
        lambda s: corrections.link(s, article, claim, status=Status(status) if status else None),
    )


@cli.command("unlink")
@click.argument("article")
@click.argument("claim")
@pass_app
def unlink_cmd(app: App, article: str, claim: str) -> None:
    """Detach an article from a claim; the pair is never linked or suggested again.

    \b
    Example:
      tracker unlink 12 3
    """
    from tracker import corrections

    _correct(app, lambda s: corrections.unlink(s, article, claim))


@cli.command("merge")
@click.argument("claim")
@click.argument("into_claim")
@pass_app
def merge_cmd(app: App, claim: str, into_claim: str) -> None:
    """Merge CLAIM into INTO_CLAIM (the old id keeps pointing to the new claim).

    \b
    Example:
      tracker merge 7 3
    """
    from tracker import corrections

    _correct(app, lambda s: corrections.merge(s, claim, into_claim))


@cli.command("split")
@click.argument("claim")
@click.argument("articles", nargs=-1, required=True)
@pass_app
def split_cmd(app: App, claim: str, articles: tuple[str, ...]) -> None:
    """Move ARTICLES' statements out of CLAIM into a new claim.

    \b
    Example:
      tracker split 3 14 15
    """
    from tracker import corrections

    _correct(app, lambda s: corrections.split(s, claim, list(articles)))


@cli.command("set-status")
@click.argument("claim")
@click.argument("status", type=click.Choice(STATUS_CHOICES))
@click.option("--note", required=True, help="Why (kept in the ledger).")
@click.option("--date", "date_", metavar="DATE", help="From when it holds (default: today).")
@pass_app
def set_status_cmd(app: App, claim: str, status: str, note: str, date_: str | None) -> None:
    """Set a claim's status by hand; later-dated articles still apply after it.

    \b
    Example:
      tracker set-status 3 confirmed --note "press release on the company site"
    """
    from tracker import corrections
    from tracker.status import Status

    day = _day(date_, "--date")
    _correct(
        app, lambda s: corrections.set_status(s, claim, Status(status), note=note, effective=day)
    )


@cli.command("rename")
@click.argument("claim")
@click.argument("text")
@pass_app
def rename_cmd(app: App, claim: str, text: str) -> None:
    """Give a claim a clearer text.

    \b
    Example:
      tracker rename 3 "Microsoft invests $10B in OpenAI"
    """
    from tracker import corrections

    _correct(app, lambda s: corrections.rename(s, claim, text))


@cli.command("review")
@click.option("--list", "list_only", is_flag=True, help="Only list pending suggestions.")
@json_option
@pass_app
def review_cmd(app: App, list_only: bool, as_json: bool) -> None:
    """Accept or reject possible matches the tracker was unsure of.

    For each suggestion answer y (same claim: link), n (different: never suggest
    again), s (skip) or q (quit).

    \b
    Example:
      tracker review
      tracker review --list --json
    """
    from tracker import corrections

    database = app.database()
    with database.session() as session:
        items = corrections.pending(session)
    if as_json or list_only:
        data = [item.to_dict() for item in items]
        if as_json:
            echo_json(data)
        elif not data:
            click.echo("No suggestions to review.")
        else:
            for d in data:
                click.echo(
                    f"#{d['suggestion_id']}: article #{d['article_id']} "
                    f"(claim #{d['claim_id']}) may be claim #{d['suggested_claim_id']} "
                    f"{d['suggested_claim']} (score {d['score'] * 100:.0f})"
                )
        return
    if not items:
        click.echo("No suggestions to review.")
        return
    from tracker.render import clean

    for item in items:
        click.echo("")
        click.echo(f"Article #{item.article_id}: {clean(item.quote)[:200]}")
        click.echo(f"  now in:      #{item.claim_id} {clean(item.claim)}")
        click.echo(
            f"  may be:      #{item.suggested_claim_id} {clean(item.suggested_claim)} "
            f"(score {item.score * 100:.0f})"
        )
        # Asked outside any transaction: nobody waits on the database while we do.
        answer = click.prompt("Same claim?", type=click.Choice(["y", "n", "s", "q"]), default="s")
        if answer == "q":
            break
        if answer == "s":
            continue
        with app.database().session() as session:
            change = corrections.answer(session, item.suggestion_id, same=answer == "y")
        click.echo(change.message)


# --------------------------------------------------------------------------- export and eval


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv"]),
    default="json",
    show_default=True,
    help="json: claims with mentions; jsonl/csv: one row per mention.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to a file instead of stdout.",
)
@pass_app
def export_cmd(app: App, fmt: str, output: str | None) -> None:
    """Export claims with their mentions.

    \b
    Example:
      tracker export --format csv -o claims.csv
    """
    from tracker import export

    database = app.database()
    with database.session() as session:
        if output:
            try:
                fh = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise TrackerError(f"cannot write {output}: {exc.strerror}") from None
            with fh:
                n = export.write(session, fmt, fh)
            click.echo(f"wrote {n} rows to {output}", err=True)
        else:
            export.write(session, fmt, sys.stdout)


@cli.command("eval")
@click.argument("labels", type=click.Path(exists=True, dir_okay=False))
@click.argument("articles", nargs=-1)
@json_option
@pass_app
def eval_cmd(app: App, labels: str, articles: tuple[str, ...], as_json: bool) -> None:
    """Measure the tracker against labelled articles, in a temporary database.

    ARTICLES default to the folder that holds LABELS.

    \b
    Example:
      tracker eval sample_articles/labels.jsonl
    """
    from tracker import evaluate

    report = evaluate.run(labels, list(articles), app.settings)
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo(report.text())


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
    from tracker import integrity

    database = app.database(immediate=repair)
    with database.session() as session:
        report = integrity.check(session, repair=repair)
    if as_json:
        echo_json(
            {
                "ok": report.ok,
                "claims_checked": report.claims_checked,
                "problems": report.problems,
                "repaired": report.repaired,
            }
        )
    else:
        for p in report.problems:
            click.echo(f"problem: {p}")
        for r in report.repaired:
            click.echo(f"repaired: {r}")
        click.echo(
            f"checked {report.claims_checked} claims: "
            + (
                "ok"
                if not report.problems
                else "repaired"
                if report.ok
                else f"{len(report.problems)} problem(s)"
            )
        )
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

    from tracker import db as dbmod

    database = app.database()
    source = dbmod.sqlite_path(database.url)
    if source is None:
        raise TrackerError("db backup copies SQLite files; for PostgreSQL use pg_dump")
    target = Path(path).expanduser()
    if target.exists():
        raise TrackerError(f"{target} exists; choose a new file")
    if not target.parent.is_dir():
        raise TrackerError(f"folder does not exist: {target.parent}")
    dbmod.copy_sqlite(source, target)
    click.echo(f"backed up {source} to {target}")


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
