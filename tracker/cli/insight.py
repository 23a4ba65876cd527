"""What the record says: ``sources`` (each outlet's track record) and ``report`` (HTML)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import as_of_option, json_option, parse_day

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
