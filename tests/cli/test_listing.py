"""tracker rumors and tracker claims (and the JSON shapes of the sample corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.cli.options import known_kinds

from ..conftest import ROOT, SAMPLES
from .helpers import run

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample corpus missing")
def test_listing_json_shapes(db_url: str) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "add", str(SAMPLES)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--db", db_url, "claims", "--json"])
    claims = json.loads(r.output)
    assert claims
    keys = {
        "id",
        "text",
        "status",
        "parties",
        "kind",
        "amount",
        "first_seen",
        "last_seen",
        "mentions",
        "sources",
    }
    assert all(keys <= set(c) for c in claims)
    with_amount = [c for c in claims if c["amount"]]
    assert with_amount and all("value" in c["amount"] for c in with_amount)
    assert all(("currency" in c["amount"]) != ("unit" in c["amount"]) for c in with_amount)
    r = runner.invoke(cli, ["--db", db_url, "rumors", "--json"])
    assert {c["status"] for c in json.loads(r.output)} <= {"rumor", "undisclosed"}
    cid = claims[0]["id"]
    r = runner.invoke(cli, ["--db", db_url, "history", str(cid), "--json"])
    hist = json.loads(r.output)
    assert set(hist) == {"claim", "events"} and hist["claim"]["id"] == cid
    ev_keys = {
        "date",
        "date_precision",
        "source",
        "title",
        "article_id",
        "status",
        "quote",
        "cue",
        "score",
        "linked_by",
        "transition",
    }
    assert hist["events"] and all(ev_keys <= set(e) for e in hist["events"])
    r = runner.invoke(cli, ["--db", db_url, "export", "--format", "jsonl"])
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert rows and {
        "article_id",
        "external_id",
        "path",
        "claim_id",
        "claim_text",
        "status",
        "date",
        "source",
        "quote",
        "score",
        "linked_by",
    } <= set(rows[0])
    r = runner.invoke(cli, ["--db", db_url, "export", "--format", "csv"])
    assert r.output.splitlines()[0].startswith("article_id,external_id,path,claim_id")


def test_kind_is_one_of_the_known_kinds(tmp_path: Path) -> None:
    with open(ROOT / "tracker" / "lexicons" / "en.toml", "rb") as fh:
        english = set(tomllib.load(fh)["kinds"])
    assert set(known_kinds()) == english | {"event"}
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "claims", "--kind", "acquisitions"])
    assert r.code == 2 and r.stdout == ""
    assert "Invalid value for '--kind': 'acquisitions' is not one of" in r.stderr
    assert "'acquisition'" in r.stderr and "'event'" in r.stderr
    r = run(["--db", db, "claims", "--kind", "Acquisition"])
    assert (r.code, r.stdout) == (0, "No claims.\n")


def test_status_options_are_the_known_statuses(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "rumors", "--status", "denied"])
    assert r.code == 2 and "'denied' is not one of 'rumor', 'undisclosed'" in r.stderr
    for args in (["claims", "--status", "maybe"], ["set-status", "1", "maybe", "--note", "x"]):
        r = run(["--db", db, *args])
        assert r.code == 2 and "'rumor', 'confirmed', 'undisclosed', 'denied'" in r.stderr
