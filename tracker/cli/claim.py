"""One claim or one article at a time: ``history``, ``show``, ``search``, ``explain``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import as_of_option, json_option, parse_day
from tracker.cli.refs import claim_named
from tracker.errors import TrackerError


@click.command("history")
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
    from tracker import store, track_record, views
    from tracker.render import clean, line, table, wrap

    day = parse_day(as_of, "--as-of")
    with app.database().session() as session:
        found = claim_named(session, " ".join(claim))
        ct = store.claim_timeline(session, found.id)
        events = views.history_events(ct, day)
        rows = store.claim_rows(session, [found], as_of=day)
        # Asked about a day before anything was said of it: no status yet.
        row = rows[0] if rows else store.ClaimRow(found, None, None, None, 0, [])
        claim_data = views.claim_json(row, day)
        outlets = {e["source"] for e in events if e["source"] and e["linked_by"] != "manual"}
        if not as_json and outlets:
            reported = store.statement_events(session, outlets=outlets, until=day)
    if as_json:
        app.echo_json({"claim": claim_data, "events": events})
        return
    env = app.env
    line(env, f"#{claim_data['id']} {claim_data['text']}", style="bold")
    line(env, f"status: {claim_data['status'] or 'none yet'}" + (f" (as of {day})" if day else ""))
    if not events:
        app.echo("No statements" + (f" on or before {day}." if day else "."))
        return
    records = track_record.records_by_key(
        track_record.track_records(reported, as_of=day) if outlets else []
    )
    table(
        env,
        ["date", "source", "record", "status", "quote", "change"],
        [
            [
                views.format_date(dt.date.fromisoformat(e["date"]), e["date_precision"]),
                e["source"] or (f"article #{e['article_id']}" if e["article_id"] else ""),
                _record(records, e),
                e["status"],
                wrap(e["quote"] or "", 70),
                _change(e),
            ]
            for e in events
        ],
        status_column=3,
        wrap_columns=(4,),
    )
    if app.verbose:
        for e in events:
            app.echo(
                f"  article #{e['article_id']}: cue {clean(e['cue'])!s}, "
                f"score {e['score']}, linked by {e['linked_by']}"
            )


def _record(records: dict[str, Any], event: dict[str, Any]) -> str:
    """The outlet's track record beside its statement: confirmed of resolved rumours."""
    from tracker.track_record import record_of

    if event["linked_by"] == "manual":
        return ""
    found = record_of(records, event["source"])
    return found.record if found is not None else "-"


def _change(event: dict[str, Any]) -> str:
    t = event.get("transition")
    if not t:
        return ""
    text = f"{t['from']} → {t['to']}"
    if event.get("label"):
        text += f" ({event['label']})"
    return text


@click.command("show")
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

    with app.database().session() as session:
        art = store.get_article(session, article)
        mentions = store.mentions_of_article(session, art.id)
        data = views.article_json(art, mentions)
        texts = {m.claim_id: m.claim.text for m in mentions}
    if as_json:
        app.echo_json(data)
        return
    line(app.env, f"#{data['id']} {data['title'] or '(no title)'}", style="bold")
    app.echo(
        f"source: {data['source'] or '-'}   date: "
        f"{views.format_date(art.published, art.date_precision)}   language: "
        f"{data['language'] or '-'}"
    )
    if data["retracted_at"]:
        app.echo(
            f"retracted: {data['retracted_at'][:10]} ({data['retraction_note']}); "
            "its statements count in no claim"
        )
    if data["url"]:
        app.echo(f"url: {data['url']}")
    if data["path"]:
        from tracker.ingest import is_url

        if not is_url(data["path"]):
            app.echo(f"file: {data['path']}")
        elif data["path"] != data["url"]:
            app.echo(f"read from: {data['path']}")
    if not data["mentions"]:
        app.echo("No claims found in this article.")
        return
    table(
        app.env,
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


@click.command("search")
@click.argument("text", nargs=-1, required=True)
@json_option
@pass_app
def search_cmd(app: App, text: tuple[str, ...], as_json: bool) -> None:
    """Find claims by words (accents and case ignored, spelling variants tolerated).

    \b
    Example:
      tracker search helios energie
    """
    from tracker import store, views
    from tracker.render import table

    with app.database().session() as session:
        data = views.search_json(store.search_claims(session, " ".join(text)))
    if as_json:
        app.echo_json(data)
        return
    if not data:
        app.echo("No matching claims.")
        return
    table(
        app.env,
        ["id", "claim", "status", "match"],
        [[f"#{d['id']}", d["text"], d["status"], f"{d['match']:.0f}"] for d in data],
        status_column=2,
        wrap_columns=(1,),
    )


@click.command("explain")
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
    from tracker import views
    from tracker.extract import extract

    title, body, lang = _article_text(app, article)
    ex = extract(body, title=title, language=lang)
    if as_json:
        app.echo_json(views.explain_json(ex))
        return
    _print_explanation(app, ex)


def _article_text(app: App, article: str) -> tuple[str | None, str, str | None]:
    """Title, body and language of a file (read, not added) or a stored article."""
    from pathlib import Path

    if Path(article).is_file():
        from tracker.ingest import ReadError, read_inputs

        items = list(read_inputs([article], max_bytes=app.settings.max_bytes))
        arts = [i for i in items if not isinstance(i, ReadError)]
        if not arts:
            err = next(i for i in items if isinstance(i, ReadError))
            raise TrackerError(f"{err.path}: {err.message}")
        return arts[0].title, arts[0].body, arts[0].language
    from tracker import store

    with app.database().session() as session:
        art = store.get_article(session, article)
        return art.title, art.body, art.language


def _print_explanation(app: App, ex: Any) -> None:
    from tracker.render import clean

    for i, s in enumerate(ex.sentences, 1):
        mark = "*" if s.used else " "
        app.echo(f"{mark}{i:>3}. {clean(s.text)[:200]}")
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
            app.echo("       " + clean("; ".join(found)))
        for note in s.notes:
            app.echo("       - " + clean(note))
    app.echo("")
    app.echo(f"{len(ex.mentions)} claim mention(s):")
    for m in ex.mentions:
        amount = f" {m.amount.text}" if m.amount else ""
        app.echo(
            f"  {m.status.value:<11} {m.kind or '-'} {', '.join(m.party_names)}{amount}"
            f" [{m.cue_kind}: {m.cue or 'stated as fact'}]"
        )
        for note in m.notes:
            app.echo("      - " + clean(note))
