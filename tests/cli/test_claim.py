"""history, show, search, explain."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

from .helpers import add_conversation, run


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


def test_history_shows_the_transition_and_as_of(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
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


def test_history_before_the_claim_existed_has_no_status(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
    r = CliRunner().invoke(cli, ["--db", db_url, "history", "1", "--as-of", "2020-01-01", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["claim"]["status"] is None and data["events"] == []


def test_search_explain_and_show(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
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


def test_history_words_that_fit_several_claims_list_them(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
    # "microsoft" fits three claims equally (each scores 100): none is picked.
    r = run(["--db", db_url, "history", "microsoft"])
    assert r.code == 2 and r.stdout == ""
    assert "Usage: tracker history" in r.stderr
    assert "Error: 'microsoft' matches several claims about equally well; name one by id:" in (
        r.stderr
    )
    listed = [line for line in r.stderr.splitlines() if line.startswith("  #")]
    assert len(listed) == 3 and all("Microsoft" in line for line in listed)
    # A clearly best match, an exact text and an id still name one claim.
    r = run(["--db", db_url, "history", "microsoft", "openai", "10", "billion", "--json"])
    assert r.code == 0 and json.loads(r.stdout)["claim"]["amount"]["value"] == 1e10
    text = json.loads(r.stdout)["claim"]["text"]
    r = run(["--db", db_url, "history", text, "--json"])
    assert r.code == 0 and json.loads(r.stdout)["claim"]["text"] == text
    r = run(["--db", db_url, "history", "#1", "--json"])
    assert r.code == 0 and json.loads(r.stdout)["claim"]["id"] == 1
    r = run(["--db", db_url, "history", "nothing", "like", "it"])
    assert r.code == 1 and r.stderr.startswith("Error: no claim matches 'nothing like it'")
