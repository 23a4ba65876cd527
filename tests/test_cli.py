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


def _add_conversation(db_url: str, tmp_path: Path) -> None:
    from .stories import SAME_COMPANY_OTHER_DEAL, THE_CONVERSATION
    from .test_concurrency import write_articles

    paths = write_articles(tmp_path / "conv", [*THE_CONVERSATION, SAME_COMPANY_OTHER_DEAL])
    r = CliRunner().invoke(cli, ["--db", db_url, "add", *paths])
    assert r.exit_code == 0, r.output


def test_history_shows_the_transition_and_as_of(db_url: str, tmp_path: Path) -> None:
    _add_conversation(db_url, tmp_path)
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "history", "microsoft", "openai", "10", "billion"])
    assert r.exit_code == 0, r.output
    assert "rumor → undisclosed" in r.output
    assert "Wire Street" in r.output and "La Gazette Tech" in r.output
    r = runner.invoke(
        cli,
        [
            "--db",
            db_url,
            "history",
            "microsoft openai 10 billion",
            "--as-of",
            "2023-01-15",
            "--json",
        ],
    )
    data = json.loads(r.output)
    assert data["claim"]["status"] == "rumor"
    assert all(e["date"] <= "2023-01-15" for e in data["events"])
    r = runner.invoke(cli, ["--db", db_url, "rumors", "--as-of", "2023-01-15", "--json"])
    assert any(c["status"] == "rumor" and "openai" in c["parties"] for c in json.loads(r.output))


def test_search_explain_and_show(db_url: str, tmp_path: Path) -> None:
    _add_conversation(db_url, tmp_path)
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "search", "Lumen Forge", "--json"])
    found = json.loads(r.output)
    assert found and "Lumen Forge" in found[0]["text"]
    r = runner.invoke(cli, ["--db", db_url, "explain", "1", "--json"])
    data = json.loads(r.output)
    assert data["mentions"] and any(s["used"] for s in data["sentences"])
    assert any(m["status"] == "rumor" for m in data["mentions"])
    r = runner.invoke(cli, ["--db", db_url, "explain", "1"])
    assert "status=rumor" in r.output
    r = runner.invoke(cli, ["--db", db_url, "show", "1"])
    assert "Wire Street" in r.output and "rumor" in r.output


def test_corrections_from_the_command_line(db_url: str, tmp_path: Path) -> None:
    _add_conversation(db_url, tmp_path)
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


def test_review_prompts_and_records_answers(db_url: str, tmp_path: Path) -> None:
    from tracker.db import open_database
    from tracker.models import Mention, Suggestion

    _add_conversation(db_url, tmp_path)
    database = open_database(db_url)
    with database.session() as s:
        m = s.query(Mention).order_by(Mention.id.desc()).first()
        other = s.query(Mention).filter(Mention.claim_id != m.claim_id).first()
        s.add(Suggestion(mention_id=m.id, claim_id=other.claim_id, score=0.61))
    database.dispose()
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "review", "--list", "--json"])
    pending = json.loads(r.output)
    assert len(pending) >= 1
    r = runner.invoke(cli, ["--db", db_url, "review"], input="n\n" * len(pending))
    assert r.exit_code == 0, r.output
    assert "will not be suggested again" in r.output
    r = runner.invoke(cli, ["--db", db_url, "review", "--list", "--json"])
    assert json.loads(r.output) == []


def test_db_backup_copies_a_consistent_database(tmp_path: Path) -> None:
    db = str(tmp_path / "live.db")
    _add_conversation(db, tmp_path)
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

    _add_conversation(db_url, tmp_path)
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


def test_history_before_the_claim_existed_has_no_status(db_url: str, tmp_path: Path) -> None:
    _add_conversation(db_url, tmp_path)
    r = CliRunner().invoke(cli, ["--db", db_url, "history", "1", "--as-of", "2020-01-01", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["claim"]["status"] is None and data["events"] == []


def test_more_user_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "t.db")
    for args in (
        ["--db", db, "export", "-o", str(tmp_path / "missing" / "x.csv")],
        ["--db", "mysql://u@127.0.0.1/x", "rumors"],
    ):
        r = runner.invoke(cli, args)
        assert r.exit_code == 1, (args, r.output)
        assert r.output.startswith("Error: ") and "unexpected" not in r.output, r.output


def test_shell_completion_script_and_answers() -> None:
    runner = CliRunner()
    r = runner.invoke(cli, [], prog_name="tracker", env={"_TRACKER_COMPLETE": "bash_source"})
    assert r.exit_code == 0 and "_tracker_completion" in r.output
    r = runner.invoke(
        cli,
        [],
        prog_name="tracker",
        env={"_TRACKER_COMPLETE": "bash_complete", "COMP_WORDS": "tracker ru", "COMP_CWORD": "1"},
    )
    assert "rumors" in r.output
