"""Text from articles never drives the terminal: every command, every field.

A store is built from hostile inputs (a file name, title, source, URL, quote
and names carrying escape sequences, an OSC title change, C1 controls and bidi
overrides), then every command runs on it, in a pipe and on a terminal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..web import HTML, Page, Site
from .helpers import Run, run

#: Everything the tests below forbid in output, written out apart from the code under test.
PAYLOAD = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x85\u202e\u2066\u200f\u061c"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: On a terminal, the tables' own colours and bold are escape sequences too, and
#: so are the progress bar's: hide and show the cursor, erase a line, go up one.
OWN_STYLE = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\?25[lh]|\r?\x1b\[[0-9]*[AK]")


def _assert_safe(r: Run, args: list[str], tty: bool) -> None:
    for name, text in (("stdout", r.stdout), ("stderr", r.stderr)):
        if "--excel" in args and name == "stdout":
            text = text.replace("\r\n", "\n")  # its own line ends, asked for
        if tty:
            text = OWN_STYLE.sub("", text)
        bad = FORBIDDEN.search(text)
        assert bad is None, f"{args}: {bad.group()!r} reached {name}:\n{text}"


def _write_inputs(folder: Path) -> list[str]:
    folder.mkdir()
    jsonl = folder / "wire.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "id": f"x{PAYLOAD}1",
                "title": f"Acme{PAYLOAD} agrees to buy Beta Systems",
                "source": f"Wire{PAYLOAD}",
                "url": f"https://evil.example/{PAYLOAD}",
                "date": "2023-02-01",
                "lang": "en",
                "body": f"Ac\u202eme Corp has agreed to acquire Beta{PAYLOAD} Systems for $5 "
                f"million, the company said{PAYLOAD} on Tuesday.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    named = folder / f"evil{PAYLOAD}name.txt"
    named.write_text(
        f"title: Gamma{PAYLOAD} Labs to cut 300 jobs\nsource: Ticker{PAYLOAD}\n"
        f"date: 2023-03-01\n\nGamma Labs{PAYLOAD} announced on Wednesday that it will "
        f"cut 300 jobs at its plant{PAYLOAD}.\n",
        encoding="utf-8",
    )
    feed = folder / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Evil&#x1b;]0;feed&#x07; Wire</title><item>"
        "<title>Delta Foods&#x1b;[2J reportedly in talks to buy Epsilon&#x202e; Farms</title>"
        "<link>https://evil.example/&#x1b;]8;;http://x&#x1b;\\&#x9b;31m&#x202e;</link>"
        "<guid>evil-feed-1</guid><description>Delta Foods is in talks to buy Epsilon Farms "
        "for $40 million&#x1b;]0;pwned&#x07;, according to people familiar with the matter."
        "</description><pubDate>Mon, 06 Mar 2023 10:00:00 GMT</pubDate></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    return [str(jsonl), str(named), str(feed)]


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[str, list[str]]:
    db = str(tmp_path / "t.db")
    paths = _write_inputs(tmp_path / "in")
    r = run(["--db", db, "add", "-v", *paths])
    assert r.code == 0, r.stderr
    _assert_safe(r, ["add", "-v"], tty=False)
    # A suggestion to review, and a claim renamed and set by hand with hostile text.
    from tracker.db import open_database
    from tracker.models import Mention, Suggestion

    database = open_database(db)
    with database.session() as s:
        m = s.query(Mention).order_by(Mention.id.desc()).first()
        other = s.query(Mention).filter(Mention.claim_id != m.claim_id).first()
        s.add(Suggestion(mention_id=m.id, claim_id=other.claim_id, score=0.61))
    database.dispose()
    return db, paths


def _serve_hostile(site: Site, paths: list[str]) -> dict[str, str]:
    """The hostile feed, and a page carrying the payload, served by address."""
    feed = site.put("/evil.xml", Page(Path(paths[2]).read_bytes()))
    page = site.put(
        "/evil.html",
        Page(
            (
                f"<html><head><title>Zeta{PAYLOAD} Corp fined</title></head><body><article>"
                f"<p>Zeta Corp{PAYLOAD} was fined 3 million euros by the regulator on Monday, "
                "the regulator said in a statement.</p></article></body></html>"
            ).encode(),
            HTML,
        ),
    )
    broken = site.put("/broken", Page(f"no{PAYLOAD}".encode(), "text/plain", status=500))
    return {"feed": feed, "page": page, "broken": broken}


def _commands(db: str, paths: list[str], tmp_path: Path, urls: dict[str, str]) -> list[list[str]]:
    labels = tmp_path / "in" / "labels.jsonl"
    labels.write_text(
        json.dumps({"type": "story", "story": f"s{PAYLOAD}", "final_status": "rumor"})
        + "\n"
        + json.dumps(
            {
                "type": "article",
                "path": Path(paths[1]).name,
                "claims": [{"story": f"s{PAYLOAD}", "status": "confirmed"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    claims = [str(i) for i in range(1, 4)]
    articles = [str(i) for i in range(1, 4)]
    return [
        ["add", *paths],
        ["add", "--json", *paths],
        ["add", "--dry-run", "-v", paths[1]],
        ["rumors"],
        ["rumors", "--json"],
        ["claims"],
        ["claims", "--json", "--all"],
        *(["history", c] for c in claims),
        ["history", "1", "--json"],
        ["-v", "history", "2"],
        ["history", "gamma", "labs"],
        ["history", f"nothing{PAYLOAD}"],
        *(["show", a] for a in articles),
        ["show", "1", "--json"],
        ["show", f"x{PAYLOAD}1"],
        ["show", f"missing{PAYLOAD}"],
        ["search", "acme"],
        ["search", "delta", "--json"],
        *(["explain", a] for a in articles),
        ["explain", "1", "--json"],
        ["explain", paths[1]],
        ["explain", f"{paths[1]}{PAYLOAD}"],
        ["export"],
        ["export", "--format", "jsonl"],
        ["export", "--format", "csv"],
        ["export", "--format", "claimreview", "--base-url", f"https://x.example/{PAYLOAD}"],
        ["sources"],
        ["sources", "--json"],
        ["sources", "--as-of", "2023-02-15"],
        ["rumors", "--stale"],
        ["rumors", "--fresh", "--as-of", "2023-03-02"],
        ["report", "-o", str(tmp_path / "report.html")],
        ["report", "1", "gamma", "labs", "-o", str(tmp_path / f"report{PAYLOAD}.html")],
        ["report", f"nothing{PAYLOAD}", "-o", str(tmp_path / "none.html")],
        ["review", "--list"],
        ["review", "--list", "--json"],
        ["review"],
        ["rename", "2", f"Gamma{PAYLOAD} Labs"],
        ["set-status", "2", "denied", "--note", f"called{PAYLOAD} them"],
        ["history", "2"],
        ["claims"],
        ["link", "1", "2"],
        ["unlink", "1", "2"],
        ["merge", "2", "2"],
        ["split", "2", "1"],
        ["eval", str(labels), paths[1]],
        ["db", "current"],
        ["db", "current", "--json"],
        ["db", "path"],
        ["db", "check"],
        ["db", "check", "--json"],
        ["db", "history"],
        ["--db", f"{db}{PAYLOAD}.db", "rumors"],
        ["claims", "--status", f"x{PAYLOAD}"],
        ["add", urls["feed"], urls["page"], urls["broken"]],
        ["add", "-v", "--quiet", urls["page"], paths[1]],
        ["add", f"{urls['page']}{PAYLOAD}"],
        ["watch", "--once", urls["feed"], urls["page"], urls["broken"], str(Path(paths[0]).parent)],
        ["watch", "--once", "--json", str(Path(paths[0]).parent)],
        ["watch", "--once", f"{paths[1]}{PAYLOAD}"],
        ["watch", "--every", f"5{PAYLOAD}", paths[1]],
        ["articles"],
        ["articles", "--json", "--all"],
        ["articles", "--source", f"wire{PAYLOAD}"],
        ["articles", "--claim", "1", "--since", "2023-01-01"],
        ["articles", "--claim", f"gamma{PAYLOAD}"],
        ["retract", "2", "--note", f"withdrawn{PAYLOAD}"],
        ["show", "2"],
        ["articles"],
        ["add", paths[1]],
        ["retract", "2", "--note", "again"],
        ["restore", "2"],
        ["retract", f"x{PAYLOAD}1", "--note", f"n{PAYLOAD}"],
        ["restore", f"x{PAYLOAD}1"],
        ["export", "--format", "csv", "--excel"],
        ["config"],
        ["config", "--json"],
        ["--config", f"{tmp_path}/c{PAYLOAD}.toml", "config"],
        ["--config", str(tmp_path / "bad.toml"), "config"],
    ]


@pytest.mark.parametrize("tty", [False, True], ids=["pipe", "terminal"])
def test_no_control_character_from_an_article_reaches_the_terminal(
    hostile: tuple[str, list[str]], tmp_path: Path, tty: bool, site: Site
) -> None:
    db, paths = hostile
    urls = _serve_hostile(site, paths)
    # A config file with a hostile key and value.
    (tmp_path / "bad.toml").write_text(f'"colour{PAYLOAD}" = "x{PAYLOAD}"\n', encoding="utf-8")
    for args in _commands(db, paths, tmp_path, urls):
        r = run(["--db", db, *args], stdin="s\n", stdout_isatty=tty, stderr_isatty=tty)
        _assert_safe(r, args, tty)
        if tty:
            assert "\x1b[2J" not in r.stdout and "\x1b]" not in r.stdout, args


def test_the_hostile_text_is_stored_and_shown_escaped(hostile: tuple[str, list[str]]) -> None:
    db, paths = hostile
    r = run(["--db", db, "show", "3"])
    # The feed's control character references are dropped when it is read
    # (its text is kept); the bidi override stays and is shown, not executed.
    assert "url: https://evil.example/]8;;http://x" in r.stdout
    assert "\\u202e" in r.stdout
    r = run(["--db", db, "show", "2"])
    assert f"file: {paths[1]}" not in r.stdout
    assert "name.txt" in r.stdout and "\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\x85" in r.stdout


def test_the_report_shows_article_text_escaped(hostile: tuple[str, list[str]], tmp_path) -> None:
    db, _paths = hostile
    page = tmp_path / "report.html"
    r = run(["--db", db, "report", "-o", str(page)])
    assert r.code == 0, r.stderr
    html = page.read_text(encoding="utf-8")
    bad = FORBIDDEN.search(html)
    assert bad is None, f"{bad.group()!r} reached the report"
    # Readers drop C0 controls; the bidi overrides that remain are shown, not obeyed.
    assert "Acme[2J]0;pwned31m\\u202e\\u2066" in html
    assert "<script" not in html


def test_json_escapes_losslessly(hostile: tuple[str, list[str]]) -> None:
    db, paths = hostile
    r = run(["--db", db, "show", "2", "--json"])
    assert "\\u009b" in r.stdout and "\\u202e" in r.stdout
    assert json.loads(r.stdout)["path"] == paths[1]
    r = run(["--db", db, "export", "--format", "jsonl"])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert paths[1] in {row["path"] for row in rows}
    r = run(["--db", db, "export"])
    assert json.loads(r.stdout)
