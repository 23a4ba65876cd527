"""Data in and out for other tools: ``export`` and ``eval``."""

from __future__ import annotations

import click

from tracker.cli.app import App, pass_app
from tracker.cli.options import json_option
from tracker.errors import TrackerError


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
@pass_app
def export_cmd(app: App, fmt: str, output: str | None) -> None:
    """Export claims with their mentions.

    On standard output, control characters found in articles are escaped:
    as \\uXXXX in JSON (the data reads back the same), visibly in CSV. A file
    written with -o holds the CSV cells as they are stored.

    \b
    Example:
      tracker export --format csv -o claims.csv
    """
    from tracker import export
    from tracker.render import EscapingWriter, clean, escape_json

    with app.database().session() as session:
        if output:
            try:
                fh = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise TrackerError(f"cannot write {output}: {exc.strerror}") from None
            with fh:
                n = export.write(
                    session, fmt, fh if fmt == "csv" else EscapingWriter(fh, escape_json)
                )
            app.echo(f"wrote {n} rows to {output}", err=True)
        else:
            escape = clean if fmt == "csv" else escape_json
            export.write(session, fmt, EscapingWriter(app.env.stdout, escape))


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

    report = evaluate.run(labels, list(articles), app.settings)
    if as_json:
        app.echo_json(report.to_dict())
    else:
        app.echo(report.text())
