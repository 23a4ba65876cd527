"""tracker add URL...: feeds and pages fetched from a local site."""

from __future__ import annotations

import json
from pathlib import Path

from ..web import HTML, PAGE, STORY, Page, Site, rss
from .helpers import run


def test_urls_are_added_and_a_failing_one_is_reported_alone(site: Site, tmp_path: Path) -> None:
    feed = site.put("/feed.xml", Page(rss("Harbour Wire", STORY)))
    page = site.put("/quillon.html", Page(PAGE, HTML))
    broken = site.put("/broken.xml", Page(b"down", "text/plain", status=500))
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "add", feed, broken, page])
    assert r.code == 1, r.stderr
    assert r.stderr == f"Error: {broken}: HTTP 500 Internal Server Error\n"
    assert "Traceback" not in r.stdout + r.stderr
    assert f"{feed}#{STORY[0]['link']}: added as #1" in r.stdout  # the entry's guid
    assert f"{page}: added as #4" in r.stdout
    assert "added 4, 0 duplicates, 1 failed" in r.stdout
    shown = json.loads(run(["--db", db, "show", "4", "--json"]).stdout)
    assert shown["url"] == page and shown["source"] == "Harbour Wire"
    entry = json.loads(run(["--db", db, "show", "2", "--json"]).stdout)
    assert entry["url"] == site.url(STORY[1]["link"])
    # The page's own address needs no second line; an entry names its feed.
    assert f"url: {page}" in run(["--db", db, "show", "4"]).stdout
    assert "read from" not in run(["--db", db, "show", "4"]).stdout
    assert f"read from: {feed}" in run(["--db", db, "show", "2"]).stdout


def test_adding_an_unchanged_url_again_is_a_no_op(site: Site, tmp_path: Path) -> None:
    feed = site.put("/feed.xml", Page(rss("Harbour Wire", STORY)))
    page = site.put("/quillon.html", Page(PAGE, HTML))
    db = str(tmp_path / "t.db")
    assert run(["--db", db, "add", feed, page]).code == 0
    claims = run(["--db", db, "claims", "--json"]).stdout
    r = run(["--db", db, "add", feed, page])
    assert r.code == 0, r.stderr
    assert r.stdout.endswith("added 0, 4 duplicates, 0 failed, claims: 0 new, 0 updated\n")
    assert f"{page}: already added as #4" in r.stdout
    assert run(["--db", db, "claims", "--json"]).stdout == claims
    # A page whose text changed is a new revision of the one at its address.
    site.put("/quillon.html", Page(PAGE.replace(b"would appeal", b"will appeal"), HTML))
    r = run(["--db", db, "add", page])
    assert f"{page}: revision as #5 (new revision of #4)" in r.stdout, r.stdout


def test_a_timeout_is_one_line_and_the_option_sets_it(site: Site, tmp_path: Path) -> None:
    slow = site.put("/slow.xml", Page(rss("Wire", STORY), delay=1.0))
    r = run(["--db", str(tmp_path / "t.db"), "add", "--timeout", "0.2", slow])
    assert r.code == 1
    assert r.stderr == f"Error: {slow}: no answer within 0.2s (timed out)\n"
