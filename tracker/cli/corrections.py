"""Corrections by hand: ``link``, ``unlink``, ``merge``, ``split``, ``set-status``,
``rename`` and ``review``. Each is one transaction in ``tracker.corrections``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import json_option, parse_day, status_choice
from tracker.cli.refs import claim_named


def _claim(session: Any, ref: str) -> str:
    """The id of the claim ``ref`` names; ambiguous words are a usage error."""
    return str(claim_named(session, ref).id)


def _correct(app: App, action: Callable[[Any], Any]) -> None:
    with app.database(immediate=True).session() as session:
        change = action(session)
    app.echo(change.message)


@click.command("link")
@click.argument("article")
@click.argument("claim")
@click.option("--status", type=status_choice(), help="What the article says of it.")
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
        lambda s: corrections.link(
            s, article, _claim(s, claim), status=Status(status) if status else None
        ),
    )


@click.command("unlink")
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

    _correct(app, lambda s: corrections.unlink(s, article, _claim(s, claim)))


@click.command("merge")
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

    _correct(app, lambda s: corrections.merge(s, _claim(s, claim), _claim(s, into_claim)))


@click.command("split")
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

    _correct(app, lambda s: corrections.split(s, _claim(s, claim), list(articles)))


@click.command("set-status")
@click.argument("claim")
@click.argument("status", type=status_choice())
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

    day = parse_day(date_, "--date")
    _correct(
        app,
        lambda s: corrections.set_status(
            s, _claim(s, claim), Status(status), note=note, effective=day
        ),
    )


@click.command("rename")
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

    _correct(app, lambda s: corrections.rename(s, _claim(s, claim), text))


@click.command("review")
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
    from tracker.render import ask, clean

    with app.database().session() as session:
        items = corrections.pending(session)
    if as_json or list_only:
        data = [item.to_dict() for item in items]
        if as_json:
            app.echo_json(data)
        elif not data:
            app.echo("No suggestions to review.")
        else:
            for d in data:
                app.echo(
                    f"#{d['suggestion_id']}: article #{d['article_id']} "
                    f"(claim #{d['claim_id']}) may be claim #{d['suggested_claim_id']} "
                    f"{d['suggested_claim']} (score {d['score'] * 100:.0f})"
                )
        return
    if not items:
        app.echo("No suggestions to review.")
        return
    for item in items:
        app.echo("")
        app.echo(f"Article #{item.article_id}: {clean(item.quote)[:200]}")
        app.echo(f"  now in:      #{item.claim_id} {clean(item.claim)}")
        app.echo(
            f"  may be:      #{item.suggested_claim_id} {clean(item.suggested_claim)} "
            f"(score {item.score * 100:.0f})"
        )
        # Asked outside any transaction: nobody waits on the database while we do.
        try:
            answer = ask(app.env, "Same claim?", ["y", "n", "s", "q"], default="s")
        except EOFError:
            raise click.Abort() from None
        if answer == "q":
            break
        if answer == "s":
            continue
        with app.database().session() as session:
            change = corrections.answer(session, item.suggestion_id, same=answer == "y")
        app.echo(change.message)
