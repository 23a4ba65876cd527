"""What the record says: ``sources`` (each outlet's track record) and ``report`` (HTML)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import as_of_option, json_option, parse_day
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.track_record import OutletRecord


@click.command("sources")
@click.option("--since", metavar="DATE", help="Only rumours reported on or after DATE.")
@as_of_option
@json_option
@pass_app
def sources_cmd(app: App, since: str | None, as_of: str | None, as_json: bool) -> None:
    """Show each outlet's track record: the rumours it reported and how they ended.

    An outlet counts once per claim it reported as a rumour before the claim
    was settled; the claim then ended confirmed, denied, or is still open
    (undisclosed included). Hit rate: confirmed of resolved. Days: from the
    outlet's rumour to the resolution, median. Outlet names are grouped with
    accents, case and punctuation ignored.

    \b
    Example:
      tracker sources
      tracker sources --since 2023-01-01 --as-of 2023-12-31
    """
    from tracker import store, track_record, views
    from tracker.render import table

    day = parse_day(as_of, "--as-of")
    first_day = parse_day(since, "--since")
    with app.database().session() as session:
        events = store.statement_events(session, until=day)
    records = track_record.track_records(events, as_of=day, since=first_day)
    if as_json:
        app.echo_json([views.outlet_json(r) for r in records])
        return
    if not records:
        app.echo("No rumours reported" + (f" on or before {day}." if day else "."))
        return
    table(
        app.env,
        ["outlet", "rumours", "first", "confirmed", "denied", "open", "hit rate", "median days"],
        [_cells(r) for r in records],
        wrap_columns=(0,),
    )


def _cells(r: OutletRecord) -> list[object]:
    return [
        r.name,
        r.reported,
        r.first,
        r.confirmed,
        r.denied,
        r.open,
        r.hit_rate_text(),
        r.median_days_text(),
    ]


@click.command("report")
@click.argument("claims", nargs=-1)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The HTML file to write.",
)
@as_of_option
@pass_app
def report_cmd(app: App, claims: tuple[str, ...], output: str, as_of: str | None) -> None:
    """Write a report as one HTML file: each claim's timeline, the open rumours,
    and the outlets' track record.

    CLAIM... are ids or words, resolved as by history: a number is an id,
    words in a row name one claim; without any, every claim. The file needs nothing else: no network, no
    script; it prints, and reads on a phone.

    \b
    Example:
      tracker report -o report.html
      tracker report 5 castellane vireo -o two-claims.html --as-of 2024-06-30
    """
    import datetime as dt

    from tracker import report, store, track_record, views
    from tracker.cli.refs import claim_named
    from tracker.status import OPEN_STATUSES

    day = parse_day(as_of, "--as-of")
    today = day or dt.date.today()
    stale_days = app.settings.stale_days
    with app.database().session() as session:
        if claims:
            chosen = {claim_named(session, ref).id for ref in _refs(claims)}
            found = [c for cid in sorted(chosen) if (c := store.get_claim(session, cid))]
            rows = store.claim_rows(session, found, as_of=day)
        else:
            rows = store.list_claims(session, store.ClaimFilter(as_of=day), sort="id")
        timelines = store.claim_timelines(session, [r.claim.id for r in rows])
        sections = [
            report.ClaimSection(
                views.claim_json(r, today, stale_days),
                views.history_events(timelines[r.claim.id], day),
            )
            for r in rows
        ]
        events = store.statement_events(session, until=day)
    records = track_record.track_records(events, as_of=day)
    rumours = sorted(
        (report.OpenRumour(s.claim) for s in sections if s.claim["status"] in OPEN_STATUSES),
        key=lambda r: (r.claim["first_seen"] or "", r.claim["id"]),
    )
    when = f" · as of {day.isoformat()}" if day else f" · made {today.isoformat()}"
    html = report.page(sections, rumours, records, generated=when)
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(html)
    except OSError as exc:
        raise TrackerError(f"cannot write {output}: {exc.strerror}") from None
    app.echo(f"wrote {len(sections)} claims to {output}", err=True)


def _refs(words: tuple[str, ...]) -> list[str]:
    """Claim references from arguments: each id alone, words in a row together."""
    refs: list[str] = []
    run: list[str] = []
    for word in words:
        if word.strip().lstrip("#").isdigit() or " " in word.strip():
            if run:
                refs.append(" ".join(run))
                run = []
            refs.append(word)
        else:
            run.append(word)
    if run:
        refs.append(" ".join(run))
    return refs
