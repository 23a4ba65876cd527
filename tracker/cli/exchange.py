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
@click.option(
    "--raw-csv",
    is_flag=True,
    help="Write CSV cells exactly as stored, even those a spreadsheet would run as formulas.",
)
@pass_app
def export_cmd(app: App, fmt: str, output: str | None, raw_csv: bool) -> None:
    """Export claims with their mentions.

    In CSV, a cell that starts with =, +, -, @, a tab or a carriage return gets
    a leading ' so that a spreadsheet shows it as text instead of running it
    (--raw-csv: as stored). On standard output, control characters found in
    articles are escaped: as \\uXXXX in JSON (the data reads back the same),
    visibly in CSV; a file written with -o holds the CSV cells as stored.

    \b
    Example:
      tracker export --format csv -o claims.csv
    """
    from tracker.render import EscapingWriter, clean, escape_json

    if raw_csv and fmt != "csv":
        raise click.UsageError("--raw-csv applies to --format csv only")
    write = _writer(fmt, guard=not raw_csv)
    with app.database().session() as session:
        if output:
            try:
                fh = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise TrackerError(f"cannot write {output}: {exc.strerror}") from None
            with fh:
                n = write(session, fh if fmt == "csv" else EscapingWriter(fh, escape_json))
            app.echo(f"wrote {n} rows to {output}", err=True)
        else:
            escape = clean if fmt == "csv" else escape_json
            write(session, EscapingWriter(app.env.stdout, escape))


def _writer(fmt: str, *, guard: bool) -> Callable[[Session, Any], int]:
    """How to write ``fmt``: export's own writer, or CSV with its formula cells guarded."""
    from tracker import export

    if fmt != "csv" or not guard:
        return lambda session, out: export.write(session, fmt, out)

    def write_guarded(session: Session, out: Any) -> int:
        import csv

        from tracker.views import spreadsheet_row

        writer = csv.DictWriter(out, fieldnames=export.MENTION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        n = 0
        for row in export.mention_rows(session):
            writer.writerow(spreadsheet_row(row))
            n += 1
        return n

    return write_guarded


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
