"""Data in and out for other tools: ``export`` and ``eval``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import json_option
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv", "claimreview"]),
    help="json: claims with mentions (the default); jsonl/csv: one row per mention; "
    "claimreview: schema.org ClaimReview JSON-LD, one per claim.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to a file instead of stdout.",
)
@click.option(
    "--raw-csv",
    is_flag=True,
    help="Write CSV cells exactly as stored, even those a spreadsheet would run as formulas.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="CSV for spreadsheets: a UTF-8 byte order mark and CRLF line ends (implies csv).",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="claimreview: where the report is published; each review's url is URL#claim-ID.",
)
@pass_app
def export_cmd(
    app: App,
    fmt: str | None,
    output: str | None,
    raw_csv: bool,
    excel: bool,
    base_url: str | None,
) -> None:
    """Export claims with their mentions.

    In CSV, a cell that starts with =, +, -, @, a tab or a carriage return gets
    a leading ' so that a spreadsheet shows it as text instead of running it
    (--raw-csv: as stored). claimreview rates each claim on a scale from 1
    (denied) to 5 (confirmed): rumor 3, undisclosed 4; the reviews are signed by
    TRACKER_REPORT_AUTHOR (default "tracker"). --excel starts the file with a UTF-8 byte order
    mark and ends lines with CRLF, so that accents survive a double-click. On
    standard output, control characters found in articles are escaped: as
    \\uXXXX in JSON (the data reads back the same), visibly in CSV; a file
    written with -o holds the CSV cells as stored.

    \b
    Example:
      tracker export --format csv -o claims.csv
      tracker export --excel -o claims.csv
      tracker export --format claimreview --base-url https://example.org/report.html
    """
    from tracker.render import EscapingWriter, clean, escape_json

    if excel and fmt not in (None, "csv"):
        raise click.UsageError("--excel applies to --format csv only")
    fmt = fmt or ("csv" if excel else "json")
    if base_url and fmt != "claimreview":
        raise click.UsageError("--base-url applies to --format claimreview only")
    author = app.settings.report_author or "tracker"
    if raw_csv and fmt != "csv":
        raise click.UsageError("--raw-csv applies to --format csv only")
    with app.database().session() as session:
        if output:
            try:
                fh = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise TrackerError(f"cannot write {output}: {exc.strerror}") from None
            with fh:
                if fmt == "csv":
                    n = _csv(session, fh, raw_csv, excel, escape=None)
                else:
                    n = _other(session, fmt, EscapingWriter(fh, escape_json), author, base_url)
            app.echo(f"wrote {n} rows to {output}", err=True)
        elif fmt == "csv":
            # Cells are escaped one by one, so CRLF line ends stay line ends.
            _csv(session, app.env.stdout, raw_csv, excel, escape=clean)
            app.env.stdout.flush()
        else:
            _other(session, fmt, EscapingWriter(app.env.stdout, escape_json), author, base_url)


def _csv(
    session: Session, out: Any, raw: bool, excel: bool, *, escape: Callable[[str], str] | None
) -> int:
    from tracker import export

    return export.write_csv(session, out, guard=not raw, excel=excel, escape=escape)


def _other(session: Session, fmt: str, out: Any, author: str, base_url: str | None) -> int:
    from tracker import export

    return export.write(session, fmt, out, author=author, base_url=base_url)


@click.command("eval")
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
    from tracker.cli.progress import progress, shows_progress

    with progress(app.env, shows_progress(app.env, as_json=as_json)) as bar:
        report = evaluate.run(
            labels,
            list(articles),
            app.settings,
            on_start=(lambda total: bar.start("evaluating", total)) if bar else None,
            on_result=bar.result if bar else None,
        )
    if as_json:
        app.echo_json(report.to_dict())
    else:
        app.echo(report.text())
