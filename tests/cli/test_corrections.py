"""Corrections by hand and the review of suggestions."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

from .helpers import add_conversation, run


def test_corrections_from_the_command_line(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
    runner = CliRunner()

    def claims() -> list[dict]:
        return json.loads(runner.invoke(cli, ["--db", db_url, "claims", "--json"]).output)

    ten = next(c for c in claims() if c["amount"] and c["amount"]["value"] == 1e10)
    lumen = next(c for c in claims() if c["kind"] == "acquisition")
    r = runner.invoke(cli, ["--db", db_url, "rename", str(ten["id"]), "Microsoft-OpenAI $10B"])
    assert r.exit_code == 0
    r = runner.invoke(
        cli,
        [
            "--db",
            db_url,
            "set-status",
            str(lumen["id"]),
            "denied",
            "--note",
            "called the company",
            "--date",
            "2023-02-08",
        ],
    )
    assert r.exit_code == 0, r.output
    after = {c["id"]: c for c in claims()}
    assert after[ten["id"]]["text"] == "Microsoft-OpenAI $10B"
    assert after[lumen["id"]]["status"] == "denied"
    r = runner.invoke(cli, ["--db", db_url, "history", str(lumen["id"]), "--json"])
    manual = [e for e in json.loads(r.output)["events"] if e["linked_by"] == "manual"]
    assert manual and manual[0]["quote"] == "called the company"
    r = runner.invoke(cli, ["--db", db_url, "merge", str(lumen["id"]), str(lumen["id"])])
    assert r.exit_code == 1 and "itself" in r.output


def _suggest(db_url: str) -> None:
    """Leave one suggestion pending: the last mention may belong to another claim."""
    from tracker.db import open_database
    from tracker.models import Mention, Suggestion

    database = open_database(db_url)
    with database.session() as s:
        m = s.query(Mention).order_by(Mention.id.desc()).first()
        other = s.query(Mention).filter(Mention.claim_id != m.claim_id).first()
        s.add(Suggestion(mention_id=m.id, claim_id=other.claim_id, score=0.61))
    database.dispose()


def test_review_prompts_and_records_answers(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
    _suggest(db_url)
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "review", "--list", "--json"])
    pending = json.loads(r.output)
    assert len(pending) >= 1
    r = runner.invoke(cli, ["--db", db_url, "review"], input="n\n" * len(pending))
    assert r.exit_code == 0, r.output
    assert "will not be suggested again" in r.output
    r = runner.invoke(cli, ["--db", db_url, "review", "--list", "--json"])
    assert json.loads(r.output) == []


def test_corrections_do_not_guess_a_claim_either(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
    before = run(["--db", db_url, "claims", "--json"]).stdout
    r = run(["--db", db_url, "rename", "microsoft", "Something else"])
    assert r.code == 2 and "matches several claims" in r.stderr
    r = run(["--db", db_url, "set-status", "microsoft", "denied", "--note", "x"])
    assert r.code == 2 and "matches several claims" in r.stderr
    assert run(["--db", db_url, "claims", "--json"]).stdout == before
    r = run(["--db", db_url, "rename", "lumen forge", "Microsoft buys Lumen Forge"])
    assert r.code == 0, r.stderr
    assert "Microsoft buys Lumen Forge" in run(["--db", db_url, "claims"]).stdout
