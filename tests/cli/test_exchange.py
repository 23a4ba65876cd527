"""tracker export (formula cells guarded in CSV) and tracker eval."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .helpers import run

# (Reading strips a leading tab or carriage return; views' tests cover those.)
FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def formula_db(tmp_path: Path) -> str:
    db = str(tmp_path / "t.db")
    rows = [
        {
            "id": f"f{i}",
            "title": f"{start} Acme agrees to buy Beta{i} Systems",
            "source": start,
            "date": "2023-02-01",
            "lang": "en",
            "body": f"Acme Corp has agreed to acquire Beta{i} Systems for ${i + 1} million.",
        }
        for i, start in enumerate(FORMULAS)
    ]
    f = tmp_path / "f.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    r = run(["--db", db, "add", str(f)])
    assert r.code == 0, r.stderr
    return db


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(formula_db: str) -> None:
    r = run(["--db", formula_db, "export", "--format", "csv"])
    assert r.code == 0, r.stderr
    rows = _csv(r.stdout)
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column in ("source", "title"):
            assert row[column].startswith("'"), row[column]
        # Other cells are left alone, negative-looking or not.
        assert not row["claim_text"].startswith("'") and not row["date"].startswith("'")
    shown = {row["source"] for row in rows}
    assert '\'=HYPERLINK("http://x")' in shown and "'@SUM(A1)" in shown and "'-2+3" in shown


def test_raw_csv_writes_cells_as_stored(formula_db: str, tmp_path: Path) -> None:
    target = tmp_path / "raw.csv"
    r = run(["--db", formula_db, "export", "--format", "csv", "--raw-csv", "-o", str(target)])
    assert r.code == 0, r.stderr
    with open(target, newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    assert {row["source"] for row in raw} == set(FORMULAS)
    guarded = tmp_path / "guarded.csv"
    run(["--db", formula_db, "export", "--format", "csv", "-o", str(guarded)])
    with open(guarded, newline="", encoding="utf-8") as fh:
        safe = list(csv.DictReader(fh))
    # The guarded export is the raw one, cell for cell, but for the leading quote.
    assert list(safe[0]) == list(raw[0])
    for s_row, r_row in zip(safe, raw, strict=True):
        for key, value in r_row.items():
            quoted = value[:1] in ("=", "+", "-", "@", "\t", "\r")
            assert s_row[key] == ("'" + value if quoted else value), key


def test_raw_csv_is_for_csv_only(formula_db: str) -> None:
    r = run(["--db", formula_db, "export", "--raw-csv"])
    assert r.code == 2 and "--raw-csv applies to --format csv only" in r.stderr


def test_eval_shows_a_bar_on_a_terminal_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ..conftest import SAMPLES
    from .helpers import run

    labels = str(SAMPLES / "labels.jsonl")
    r = run(["--db", str(tmp_path / "t.db"), "eval", labels], stderr_isatty=True)
    assert r.code == 0, r.stderr
    assert "evaluating" in r.stderr and "\x1b" not in r.stdout
    r = run(["--db", str(tmp_path / "t.db"), "eval", labels, "--json"], stderr_isatty=True)
    assert "evaluating" not in r.stderr
