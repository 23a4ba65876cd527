"""The command line: help everywhere, one-line errors, JSON shapes, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tracker.cli import cli

from .conftest import SAMPLES


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


@pytest.mark.parametrize(
    ("path", "cmd"), list(all_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_help_with_an_example(path, cmd) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert cmd.get_short_help_str().strip(), f"{path} has no summary"
    if not isinstance(cmd, click.Group) or path == ("db",):
        assert "Example:" in result.output, f"{' '.join(path)} --help shows no example"


def test_version_and_root_help_name_the_database() -> None:
    r = CliRunner().invoke(cli, ["--version"])
    assert r.exit_code == 0 and "tracker" in r.output
    r = CliRunner().invoke(cli, ["--help"])
    assert "TRACKER_DB" in r.output and "tracker.db" in r.output


def test_user_errors_are_one_line_exit_1(tmp_path: Path) -> None:
    runner = CliRunner()
    notdb = tmp_path / "notes.txt"
    notdb.write_text("hello")
    cases = [
        ["--db", str(notdb), "rumors"],
        ["--db", str(tmp_path / "missing" / "x.db"), "claims"],
        ["--db", str(tmp_path / "t.db"), "history", "999"],
        ["--db", str(tmp_path / "t.db"), "show", "999"],
    ]
    for args in cases:
        r = runner.invoke(cli, args)
        assert r.exit_code == 1, (args, r.output)
        assert r.output.startswith("Error: "), (args, r.output)
        assert "Traceback" not in r.output
        assert len(r.output.strip().splitlines()) == 1, r.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "claims", "--status", "maybe"])
    assert r.exit_code == 2
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "rumors", "--as-of", "soon-ish"])
    assert r.exit_code == 2 and "cannot read" in r.output


def test_db_current_and_upgrade(db_url: str) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "db", "upgrade"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["--db", db_url, "db", "current", "--json"])
    data = json.loads(r.output)
    assert data["at_head"] is True and data["revision"] == data["head"]


def test_tracker_db_env_var_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("TRACKER_DB", str(target))
    r = CliRunner().invoke(cli, ["db", "path"])
    assert r.output.strip() == str(target)
    r = CliRunner().invoke(cli, ["rumors"])
    assert r.exit_code == 0 and target.exists()


def test_add_reports_bad_inputs_and_adds_the_rest(db_url: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "title: Brightwell Foods to cut 300 jobs\nsource: Test Wire\ndate: 2023-03-01\n\n"
        "Brightwell Foods announced on Wednesday that it will cut 300 jobs at its Leeds plant.\n"
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "add", str(good), str(empty), str(tmp_path / "nope")])
    assert r.exit_code == 1
    assert "empty" in r.output and "nope" in r.output
    assert "added 1" in r.output and "2 failed" in r.output
    r2 = runner.invoke(cli, ["--db", db_url, "add", str(good)])
    assert r2.exit_code == 0
    assert "already added as #1" in r2.output


def test_add_json_shape(db_url: str, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "title: Quorra Mobility buys Parkly\ndate: 2023-05-02\n\n"
        "Quorra Mobility has acquired Parkly for an undisclosed sum, the company said.\n"
    )
    r = CliRunner().invoke(cli, ["--db", db_url, "add", "--json", str(f)])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output.splitlines()[0])
    assert set(rec) >= {"input", "outcome", "article_id", "error", "mentions", "transitions"}
    assert rec["outcome"] == "added" and rec["article_id"] == 1


def test_add_stdin(db_url: str) -> None:
    text = "date: 2023-06-01\n\nNorvane Robotics confirmed it will cut 200 jobs in Lyon.\n"
    r = CliRunner().invoke(cli, ["--db", db_url, "add", "-"], input=text)
    assert r.exit_code == 0, r.output
    assert "added 1" in r.output


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


def test_escape_sequences_never_reach_the_terminal(db_url: str, tmp_path: Path) -> None:
    f = tmp_path / "evil.txt"
    f.write_text(
        "title: Acme\x1b[2J buys Beta\ndate: 2023-01-01\n\n"
        "Acme Corp has agreed to acquire Beta Systems\x1b]0;pwned\x07 for $5 million.\n"
    )
    runner = CliRunner()
    runner.invoke(cli, ["--db", db_url, "add", str(f)])
    for args in (["claims"], ["show", "1"], ["history", "1"]):
        r = runner.invoke(cli, ["--db", db_url, *args])
        assert "\x1b" not in r.output and "\x07" not in r.output, args
