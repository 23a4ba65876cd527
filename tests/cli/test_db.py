"""tracker db: current, upgrade, backup, check."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

from .helpers import add_conversation


def test_db_current_and_upgrade(db_url: str) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "db", "upgrade"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--db", db_url, "db", "current", "--json"])
    data = json.loads(r.output)
    assert data["at_head"] is True and data["revision"] == data["head"]


def test_db_backup_copies_a_consistent_database(tmp_path: Path) -> None:
    db = str(tmp_path / "live.db")
    add_conversation(db, tmp_path)
    target = tmp_path / "copy.db"
    r = CliRunner().invoke(cli, ["--db", db, "db", "backup", str(target)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["--db", str(target), "claims", "--json"])
    live = CliRunner().invoke(cli, ["--db", db, "claims", "--json"])
    assert json.loads(r.output) == json.loads(live.output) != []
    again = CliRunner().invoke(cli, ["--db", db, "db", "backup", str(target)])
    assert again.exit_code == 1 and "exists" in again.output


def test_db_check_finds_and_repairs_a_wrong_cached_status(db_url: str, tmp_path: Path) -> None:
    from sqlalchemy import text

    from tracker.db import create_engine

    add_conversation(db_url, tmp_path)
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "db", "check"])
    assert r.exit_code == 0 and "ok" in r.output, r.output
    engine = create_engine(db_url)
    with engine.begin() as conn:  # damage: a cached status no timeline supports
        conn.execute(text("UPDATE claims SET status = 'denied'"))
        conn.execute(text("UPDATE term_stats SET df = df + 5"))
    engine.dispose()
    r = runner.invoke(cli, ["--db", db_url, "db", "check", "--json"])
    report = json.loads(r.output)
    assert r.exit_code == 1 and report["problems"]
    r = runner.invoke(cli, ["--db", db_url, "db", "check", "--repair"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--db", db_url, "db", "check", "--json"])
    assert json.loads(r.output)["problems"] == []
    statuses = {
        c["status"]
        for c in json.loads(runner.invoke(cli, ["--db", db_url, "claims", "--json"]).output)
    }
    assert "denied" not in statuses
