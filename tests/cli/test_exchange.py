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


@pytest.mark.parametrize(
    ("amount", "cells"),
    [
        (None, (None, None)),
        ({"value": 1e10, "low": 1e10, "high": 1e10, "currency": "USD"}, (10000000000, "USD")),
        ({"value": 3.25e9, "low": 3.25e9, "high": 3.25e9, "currency": "EUR"}, (3.25e9, "EUR")),
        ({"value": 1500, "low": 1500, "high": 1500, "unit": "jobs"}, (1500, "jobs")),
        ({"value": None, "low": 1.5e9, "high": 2e9, "currency": "USD"},
         ("1500000000-2000000000", "USD")),
    ],
)  # fmt: skip
def test_amount_cells(amount, cells) -> None:  # type: ignore[no-untyped-def]
    from tracker.export import amount_cells

    assert amount_cells(amount) == cells


FRENCH = (
    "title: Mercadier rachète Valmont pour 3,2 milliards d'euros\n"
    "source: Les Échos du Rhône\ndate: 2023-05-02\nurl: https://presse.example/valmont\n"
    "lang: fr\n\n"
    "Le groupe Mercadier a annoncé mardi le rachat de Valmont Énergie pour 3,2 milliards "
    "d'euros, a indiqué la société dans un communiqué.\n"
)


def test_csv_has_url_amount_unit_and_parties(tmp_path: Path) -> None:
    f = tmp_path / "fr.txt"
    f.write_text(FRENCH, encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert run(["--db", db, "add", str(f)]).code == 0
    (row,) = _csv(run(["--db", db, "export", "--format", "csv"]).stdout)
    assert row["url"] == "https://presse.example/valmont"
    assert (row["amount"], row["currency_or_unit"]) == ("3200000000", "EUR")
    assert "mercadier" in row["parties"].split("; ")
    assert row["source"] == "Les Échos du Rhône"
    # The same keys in JSON Lines.
    (line,) = run(["--db", db, "export", "--format", "jsonl"]).stdout.splitlines()
    data = json.loads(line)
    assert (data["url"], data["amount"], data["currency_or_unit"]) == (
        "https://presse.example/valmont",
        3200000000,
        "EUR",
    )


def test_excel_csv_has_a_bom_and_crlf_and_keeps_accents(tmp_path: Path) -> None:
    f = tmp_path / "fr.txt"
    f.write_text(FRENCH, encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert run(["--db", db, "add", str(f)]).code == 0
    out = tmp_path / "claims.csv"
    r = run(["--db", db, "export", "--excel", "-o", str(out)])
    assert r.code == 0 and r.stderr == f"wrote 1 rows to {out}\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfarticle_id,")
    assert raw.count(b"\r\n") == 2 and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    assert "Les Échos du Rhône" in text
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["amount"] == "3200000000"
    # To standard output too; --excel means CSV, and only CSV.
    r = run(["--db", db, "export", "--excel"])
    assert r.stdout.startswith("\ufeffarticle_id,") and r.stdout.endswith("\r\n")
    r = run(["--db", db, "export", "--excel", "--format", "json"])
    assert r.code == 2 and "--excel applies to --format csv only" in r.stderr


def test_excel_csv_still_guards_formula_cells(formula_db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert run(["--db", formula_db, "export", "--excel", "-o", str(out)]).code == 0
    rows = _csv(out.read_bytes().decode("utf-8-sig"))
    assert {r["source"] for r in rows} == {"'" + f for f in FORMULAS}
