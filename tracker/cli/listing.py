"""``tracker rumors`` and ``tracker claims``: tables (or JSON) of claims."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import (
    LazyChoice,
    as_of_option,
    json_option,
    known_kinds,
    listing_options,
    parse_day,
    status_choice,
)
from tracker.status import OPEN_STATUSES, Status

if TYPE_CHECKING:
    from tracker.store import ClaimFilter, ClaimRow


@click.command("rumors")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=status_choice(OPEN_STATUSES),
    help="Only this open status (repeatable).",
)
@click.option(
    "--stale/--fresh",
    "stale",
    default=None,
    help="Only claims with no news for TRACKER_STALE_DAYS days (default 90) / only the others.",
)
@listing_options
@as_of_option
@json_option
@pass_app
def rumors_cmd(
    app: App,
    statuses: tuple[str, ...],
    stale: bool | None,
    entity: str | None,
    since: str | None,
    limit: int | None,
    show_all: bool,
    sort: str,
    as_of: str | None,
    as_json: bool,
) -> None:
    """List open claims: rumors, and confirmed events whose figure is undisclosed.

    The age is counted from the first news, and "quiet" from the last; a
    claim quiet for TRACKER_STALE_DAYS days (default 90) is stale.

    \b
    Example:
      tracker rumors
      tracker rumors --entity openai --as-of 2023-01-15
      tracker rumors --stale --as-of 2024-06-30
    """
    import dataclasses

    from tracker.timeline import stale_cutoff

    flt = _filter(statuses or [s.value for s in OPEN_STATUSES], entity, None, since, as_of)
    if stale is not None:
        cutoff = stale_cutoff(flt.as_of or dt.date.today(), app.settings.stale_days)
        if stale:
            flt = dataclasses.replace(flt, last_seen_until=cutoff)
        else:
            flt = dataclasses.replace(flt, last_seen_after=cutoff)
    _list(app, flt, sort, limit, show_all, as_json, "No open claims.", quiet=True)


@click.command("claims")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=status_choice(),
    help="Only claims with this status (repeatable).",
)
@click.option(
    "--kind",
    type=LazyChoice(known_kinds, case_sensitive=False),
    help="Only this kind of event.",
)
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
    flt = _filter(statuses, entity, kind, since, as_of)
    _list(app, flt, sort, limit, show_all, as_json, "No claims.")


def _filter(
    statuses: Any, entity: str | None, kind: str | None, since: str | None, as_of: str | None
) -> ClaimFilter:
    from tracker import store

    return store.ClaimFilter(
        statuses=tuple(Status(s) for s in statuses),
        entity=entity,
        kind=kind,
        since=parse_day(since, "--since"),
        as_of=parse_day(as_of, "--as-of"),
    )


def _list(
    app: App,
    flt: ClaimFilter,
    sort: str,
    limit: int | None,
    show_all: bool,
    as_json: bool,
    empty: str,
    *,
    quiet: bool = False,
) -> None:
    from tracker import store, views
    from tracker.render import table

    limit = views.listing_limit(limit, show_all, as_json, app.settings.table_limit)
    with app.database().session() as session:
        rows = store.list_claims(session, flt, sort=sort, limit=limit)
        total = None
        if limit is not None and len(rows) == limit:
            total = store.count_matching(session, flt)
    today = flt.as_of or dt.date.today()
    if as_json:
        app.echo_json([views.claim_json(r, today, app.settings.stale_days) for r in rows])
        return
    if not rows:
        app.echo(empty)
        return
    table(
        app.env,
        ["id", "claim", "status", "first seen", "last seen", "sources", "age"],
        [_cells(r, today, app.settings.stale_days if quiet else None) for r in rows],
        status_column=2,
        wrap_columns=(1,),
    )
    if total is not None and total > len(rows):
        app.echo(f"showing {len(rows)} of {total:,}; use --limit N or --all", err=True)


def _cells(row: ClaimRow, today: dt.date, stale_days: int | None) -> list[object]:
    """A listing row; with ``stale_days``, the age says how long the claim has
    been quiet and a stale claim is marked so."""
    from tracker.timeline import is_stale, quiet_days

    status = row.status.value if row.status else ""
    age = f"{(today - row.first_seen).days}d" if row.first_seen else ""
    if stale_days is not None:
        quiet = quiet_days(row.last_seen, today)
        if quiet is not None:
            age += f", quiet {quiet}d"
        if is_stale(row.status, row.last_seen, today, stale_days):
            status += " (stale)"
    return [
        f"#{row.claim.id}",
        row.claim.text,
        status,
        row.first_seen or "",
        row.last_seen or "",
        len(row.sources) or row.mentions,
        age,
    ]
