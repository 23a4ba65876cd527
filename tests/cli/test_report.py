"""tracker report: the HTML file, read back by a real browser, and escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

from .. import browser
from ..conftest import SAMPLES
from .helpers import run

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample corpus missing")
needs_chromium = pytest.mark.skipif(
    browser.chromium() is None,
    reason="the report's browser tests need chromium (neither chromium nor chromium-browser "
    "is on PATH; .ci/run installs Debian's)",
)
AS_OF = "2024-06-30"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The sample corpus, its report as of a fixed day, and every claim's history."""
    folder = tmp_path_factory.mktemp("report")
    db = str(folder / "t.db")
    r = CliRunner().invoke(cli, ["--db", db, "add", str(SAMPLES)])
    assert r.exit_code == 0, r.output
    page = folder / "report.html"
    r = CliRunner().invoke(cli, ["--db", db, "report", "-o", str(page), "--as-of", AS_OF])
    assert r.exit_code == 0, r.output
    claims = json.loads(run(["--db", db, "claims", "--json", "--as-of", AS_OF]).stdout)
    histories = {
        c["id"]: json.loads(run(["--db", db, "history", str(c["id"]), "--json"]).stdout)
        for c in claims
    }
    return {"db": db, "page": page, "claims": claims, "histories": histories}


def test_the_file_stands_alone(sample: dict[str, object]) -> None:
    html = Path(sample["page"]).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # Nothing fetched: no script, no external stylesheet, image or font.
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html.replace('href="https://www.', ""))
    assert "url(" not in html
    assert "@media print" in html and 'name="viewport"' in html


def _source(event: dict[str, object]) -> str:
    """How the report names who made a statement."""
    if event["article_id"] is None:
        return "set by hand"
    return str(event["source"] or f"article #{event['article_id']}")


@needs_chromium
def test_the_browser_sees_every_claim_event_and_transition(sample: dict[str, object]) -> None:
    found = browser.elements(browser.dump_dom(Path(sample["page"])))
    sections = {a["data-claim"] for tag, a, _ in found if tag == "section" and "data-claim" in a}
    histories = sample["histories"]
    assert sections == {str(cid) for cid in histories}
    for cid, history in histories.items():
        mine = [(tag, a) for tag, a, claim in found if claim == str(cid)]
        dots = [a for tag, a in mine if tag in ("circle", "rect") and "data-event" in a]
        items = [a for tag, a in mine if tag == "li" and "data-event" in a]
        wanted = [
            (str(e["article_id"]) if e["article_id"] else "manual", e["status"])
            for e in history["events"]
        ]
        assert [(a["data-event"], a["data-status"]) for a in dots] == wanted, cid
        assert [(a["data-event"], a["data-status"]) for a in items] == wanted, cid
        changes = [(a["data-transition"], a["data-source"]) for tag, a in mine if tag == "g"]
        assert changes == [
            (f"{e['transition']['from']}→{e['transition']['to']}", _source(e))
            for e in history["events"]
            if e["transition"]
        ], cid
    # The Castellane denial, overturned: both changes, with their sources.
    castellane = [a for tag, a, claim in found if claim == "13" and tag == "g"]
    assert [(a["data-transition"], a["data-source"]) for a in castellane] == [
        ("rumor→denied", "Capital Hebdo"),
        ("denied→confirmed", "Le Journal de l'Éco"),
    ]
    # Open rumours as of the day, with their age; every outlet's bar.
    open_rows = [a["data-open-claim"] for tag, a, _ in found if "data-open-claim" in a]
    assert open_rows == ["5", "16", "17", "19"]
    outlets = {a["data-outlet"]: a for tag, a, _ in found if tag == "g" and "data-outlet" in a}
    assert (
        outlets["Capital Hebdo"]["data-confirmed"],
        outlets["Capital Hebdo"]["data-denied"],
    ) == (
        "1",
        "1",
    )
    assert len(outlets) == 8


@needs_chromium
def test_the_screenshot_is_not_blank(sample: dict[str, object], tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    browser.screenshot(Path(sample["page"]), png, 1200, 2000)
    width, height, _rows = browser.png_pixels(png.read_bytes())
    assert (width, height) == (1200, 2000)
    seen = browser.colours(png.read_bytes(), step=3)
    assert len(seen) > 10
    # The status colours of the bars and bands are drawn.
    for hex_colour in ("1e8449", "c0392b", "d99a00"):
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
        assert rgb in seen, hex_colour


def test_named_claims_only(sample: dict[str, object], tmp_path: Path) -> None:
    page = tmp_path / "two.html"
    r = run(["--db", sample["db"], "report", "5", "castellane", "vireo", "-o", str(page)])
    assert r.code == 0, r.stderr
    assert r.stderr == f"wrote 2 claims to {page}\n"
    html = page.read_text(encoding="utf-8")
    assert re.findall(r'<section class="claim" id="claim-(\d+)"', html) == ["5", "13"]
    r = run(["--db", sample["db"], "report", "microsoft", "-o", str(page)])
    assert r.code == 2 and "matches several claims" in r.stderr
    r = run(["--db", sample["db"], "report", "1", "-o", str(tmp_path / "no" / "r.html")])
    assert r.code == 1 and r.stderr.startswith("Error: cannot write")
