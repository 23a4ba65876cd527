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

    from tracker.engine import create_engine

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


def _revision_in(path: Path) -> str | None:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()


def test_db_upgrade_and_downgrade_back_up_sqlite_first(tmp_path: Path) -> None:
    from tracker.migrate import HEAD_REVISION, KNOWN_REVISIONS

    db = tmp_path / "t.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "rumors"]).exit_code == 0
    older = KNOWN_REVISIONS[0]
    r = runner.invoke(cli, ["--db", str(db), "db", "downgrade", older, "--yes"])
    assert r.exit_code == 0, r.output
    down_copy = tmp_path / f"t.db.before-{older}.bak"
    assert f"backup: {down_copy}" in r.output and f"at {older}" in r.output
    assert _revision_in(down_copy) == HEAD_REVISION
    r = runner.invoke(cli, ["--db", str(db), "db", "upgrade"])
    assert r.exit_code == 0, r.output
    up_copy = tmp_path / f"t.db.before-{HEAD_REVISION}.bak"
    assert f"backup: {up_copy}" in r.output and _revision_in(up_copy) == older
    # A second downgrade keeps the first one's copy.
    r = runner.invoke(cli, ["--db", str(db), "db", "downgrade", older, "--yes"])
    assert r.exit_code == 0, r.output
    assert f"backup: {tmp_path / f't.db.before-{older}.2.bak'}" in r.output
    assert _revision_in(down_copy) == HEAD_REVISION
    # Nothing to keep, nothing copied: already there, or empty.
    r = runner.invoke(cli, ["--db", str(db), "db", "downgrade", older, "--yes"])
    assert "backup" not in r.output
    runner.invoke(cli, ["--db", str(db), "db", "downgrade", "base", "--yes"])
    r = runner.invoke(cli, ["--db", str(db), "db", "downgrade", "base", "--yes"])
    assert r.exit_code == 0 and "backup" not in r.output and "at base" in r.output


def test_an_unknown_revision_is_refused_before_any_copy(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "rumors"]).exit_code == 0
    for args in (["upgrade", "zzz"], ["downgrade", "zzz", "--yes"]):
        r = runner.invoke(cli, ["--db", str(db), "db", *args])
        assert r.exit_code == 1, r.output
        assert r.output == "Error: Can't locate revision identified by 'zzz'\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".bak") == []


def test_downgrade_asks_first(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "rumors"]).exit_code == 0
    r = runner.invoke(cli, ["--db", str(db), "db", "downgrade", "base"], input="n\n")
    assert r.exit_code == 1 and "Data may be lost [y/N]" in r.output and "Aborted!" in r.output
    assert runner.invoke(cli, ["--db", str(db), "db", "current"]).output.endswith("(head)\n")
    r = runner.invoke(cli, ["--db", str(db), "db", "downgrade", "base"], input="y\n")
    assert r.exit_code == 0 and "at base" in r.output
