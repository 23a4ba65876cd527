"""Articles: ``articles`` lists them, ``retract`` takes one's statements out of
every claim, ``restore`` counts them again."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import json_option, parse_day
from tracker.cli.refs import claim_named
from tracker.config import DEFAULT_TABLE_LIMIT

if TYPE_CHECKING:
    from tracker.articles import Retraction
    from tracker.store import ArticleRow


@click.command("articles")
@click.option("--source", metavar="NAME", help="Only outlets whose name contains NAME.")
@click.option("--since", metavar="DATE", help="Only articles dated on or after DATE.")
@click.option("--claim", metavar="CLAIM", help="Only articles that speak of CLAIM (id or words).")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help=f"Show at most N articles (tables default to {DEFAULT_TABLE_LIMIT}, JSON to all).",
)
@click.option("--all", "show_all", is_flag=True, help="Show every matching article.")
@json_option
@pass_app
def articles_cmd(
    app: App,
    source: str | None,
    since: str | None,
    claim: str | None,
    limit: int | None,
    show_all: bool,
    as_json: bool,
) -> None:
    """List articles, newest first: id, date, source, title and the claims each speaks of.

    \b
    Example:
      tracker articles --source courier --since 2023-01-01
      tracker articles --claim 5 --json
    """
    from tracker import articles, views

    day = parse_day(since, "--since")
    limit = views.listing_limit(limit, show_all, as_json, app.settings.table_limit)
    with app.database().session() as session:
        claim_id = claim_named(session, claim).id if claim is not None else None
        listing = articles.list_articles(
            session, source=source, since=day, claim_id=claim_id, limit=limit
        )
        data = [views.article_row_json(r) for r in listing.rows]
        cells = [_cells(r) for r in listing.rows]
    if as_json:
        app.echo_json(data)
        return
    if not cells:
        app.echo("No articles.")
        return
    from tracker.render import table

    table(app.env, ["id", "date", "source", "title", "claims"], cells, wrap_columns=(3,))
    if listing.total is not None and listing.total > len(cells):
        app.echo(f"showing {len(cells)} of {listing.total:,}; use --limit N or --all", err=True)


def _cells(row: ArticleRow) -> list[object]:
    from tracker import views

    art = row.article
    claims = ", ".join(f"#{c}" for c in row.claim_ids)
    if art.retracted_at is not None:
        claims = f"{claims} (retracted)".strip()
    return [
        f"#{art.id}",
        views.format_date(art.published, art.date_precision),
        art.source or "",
        art.title or "",
        claims,
    ]


@click.command("retract")
@click.argument("article")
@click.option("--note", required=True, help="Why (kept in the ledger and on the article).")
@pass_app
def retract_cmd(app: App, article: str, note: str) -> None:
    """Take an article's statements out of every claim, and re-derive those claims.

    The article stays stored; adding its text again says it is retracted, and
    `tracker restore` counts it again. ARTICLE is an id, external id or URL.

    \b
    Example:
      tracker retract 12 --note "the outlet withdrew the story"
    """
    from tracker import articles

    with app.database(immediate=True).session() as session:
        done = articles.retract(session, article, note=note)
    _report(app, done)


@click.command("restore")
@click.argument("article")
@click.option("--note", help="Why (kept in the ledger).")
@pass_app
def restore_cmd(app: App, article: str, note: str | None) -> None:
    """Count a retracted article's statements again, and re-derive its claims.

    \b
    Example:
      tracker restore 12
    """
    from tracker import articles

    with app.database(immediate=True).session() as session:
        done = articles.restore(session, article, note=note)
    _report(app, done)


def _report(app: App, done: Retraction) -> None:
    app.echo(done.message)
    for c in done.claims:
        if not c.listed:
            app.echo(f"  #{c.claim_id} {c.text}: no statement left, off the lists")
        elif c.before != c.after and c.after is not None:
            before = c.before.value if c.before is not None else "unlisted"
            app.echo(f"  #{c.claim_id} {c.text}: {before} -> {c.after.value}")
        else:
            app.echo(f"  #{c.claim_id} {c.text}: still {c.after.value if c.after else '-'}")
