"""tracker articles, retract and restore: what they print."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import add_conversation, run


def test_articles_lists_newest_first_with_filters(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
    r = run(["--db", db_url, "articles"])
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [c.strip() for c in lines[0].split("|")] == ["id", "date", "source", "title", "claims"]
    assert lines[2].startswith("#4 | 2023-02-07 | Wire Street")
    assert lines[-1].startswith("#1 | 2023-01-10 | Wire Street")
    assert "#1, #2" in r.stdout  # the French article speaks of two claims
    r = run(["--db", db_url, "articles", "--source", "WIRE", "--since", "2023-01-11"])
    assert [line.split(" | ")[0] for line in r.stdout.splitlines()[2:]] == ["#4"]
    r = run(["--db", db_url, "articles", "--claim", "1", "--json"])
    data = json.loads(r.stdout)
    assert [a["id"] for a in data] == [3, 2, 1]
    assert data[1]["claims"] == [1, 2] and data[0]["retracted_at"] is None
    r = run(["--db", db_url, "articles", "--limit", "1"])
    assert len(r.stdout.splitlines()) == 3
    assert r.stderr == "showing 1 of 4; use --limit N or --all\n"
    assert run(["--db", db_url, "articles", "--source", "nobody"]).stdout == "No articles.\n"
    r = run(["--db", db_url, "articles", "--since", "soon"])
    assert r.code == 2 and "cannot read 'soon' as a date" in r.stderr


def test_retract_and_restore_print_what_became_of_each_claim(db_url: str, tmp_path: Path) -> None:
    add_conversation(db_url, tmp_path)
    r = run(["--db", db_url, "retract", "3", "--note", "a syndicated copy"])
    assert r.code == 0, r.stderr
    assert r.stdout == (
        "retracted article #3\n  #1 Microsoft / OpenAI: investment, $10B: still undisclosed\n"
    )
    r = run(["--db", db_url, "retract", "2", "--note", "wrong outlet"])
    assert r.stdout.splitlines() == [
        "retracted article #2",
        "  #1 Microsoft / OpenAI: investment, $10B: undisclosed -> rumor",
        "  #2 Microsoft / OpenAI: partnership, $2B–$9.99B (vague): no statement left, off the lists",
    ]
    r = run(["--db", db_url, "rumors"])
    assert "#1 | Microsoft / OpenAI: investment, $10B | rumor" in r.stdout
    assert "Redmond Daily" not in run(["--db", db_url, "history", "1"]).stdout
    shown = run(["--db", db_url, "show", "2"]).stdout
    assert "retracted: " in shown and "(wrong outlet); its statements count in no claim" in shown
    assert "#2 | 2023-01-23 | La Gazette Tech" in run(["--db", db_url, "articles"]).stdout
    assert "#1, #2 (retracted)" in run(["--db", db_url, "articles"]).stdout
    r = run(["--db", db_url, "retract", "2", "--note", "again"])
    assert r.code == 1 and r.stderr.startswith("Error: article #2 is already retracted (since ")
    r = run(["--db", db_url, "retract", "2"])
    assert r.code == 2 and "Missing option '--note'" in r.stderr

    # Its text added again is recognised, and said to be retracted.
    r = run(["--db", db_url, "add", str(tmp_path / "conv" / "0001.txt")])
    assert "already added as #2\n  retracted: its statements count in no claim " in r.stdout
    assert "(tracker restore 2 counts them again)" in r.stdout

    r = run(["--db", db_url, "restore", "2"])
    assert r.stdout.splitlines() == [
        "restored article #2",
        "  #1 Microsoft / OpenAI: investment, $10B: rumor -> undisclosed",
        "  #2 Microsoft / OpenAI: partnership, $2B–$9.99B (vague): unlisted -> confirmed",
    ]
    r = run(["--db", db_url, "restore", "2"])
    assert r.code == 1 and r.stderr == "Error: article #2 is not retracted\n"
    assert run(["--db", db_url, "db", "check"]).code == 0
