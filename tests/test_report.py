"""The HTML report from plain values: escaping, and the timeline picture's parts."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tracker.report import ClaimSection, OpenRumour, page, timeline_svg
from tracker.status import Status
from tracker.timeline import Event
from tracker.track_record import track_records

EVIL = '<script>alert(1)</script>"\' onmouseover="x" \x1b[2J\u202e&amp;'


def event(date: str, status: str, article: int | None = 1, transition=None, **more):
    return {
        "date": date,
        "date_precision": "day",
        "source": more.pop("source", "Wire"),
        "title": "t",
        "article_id": article,
        "status": status,
        "quote": more.pop("quote", "q"),
        "transition": transition,
        "label": None,
        "url": more.pop("url", None),
    }


def claim(cid: int = 1, text: str = "Acme / Beta: acquisition", status: str = "rumor"):
    return {
        "id": cid,
        "text": text,
        "status": status,
        "first_seen": "2023-01-01",
        "last_seen": "2023-02-01",
        "age_days": 40,
        "quiet_days": 9,
        "stale": False,
    }


def test_every_text_from_an_article_is_escaped() -> None:
    events = [
        event("2023-01-01", "rumor", source=EVIL, quote=EVIL, url=f"https://x.example/{EVIL}"),
        event("2023-02-01", "denied", 2, {"from": "rumor", "to": "denied"}, source=EVIL),
    ]
    records = track_records(
        {1: [Event(dt.date(2023, 1, 1), (0,), Status.RUMOR, 1, 1, source=EVIL)]}
    )
    html = page([ClaimSection(claim(text=EVIL), events)], [OpenRumour(claim(text=EVIL))], records)
    assert "<script" not in html and 'onmouseover="x"' not in html
    assert "&lt;script&gt;" in html and "&quot;" in html and "&amp;amp;" in html
    assert "\x1b" not in html and "\u202e" not in html
    assert "\\x1b[2J" in html and "\\u202e" in html  # shown, not obeyed
    # Every attribute value is quoted and holds no raw quote or angle bracket.
    for value in re.findall(r"=\"([^\"]*)\"", html):
        assert "<" not in value and ">" not in value


@pytest.mark.parametrize(
    ("events", "bands", "dots", "changes"),
    [
        ([event("2023-01-01", "rumor")], ["rumor"], 1, 0),
        (
            [
                event("2023-01-01", "rumor"),
                event("2023-01-05", "rumor", 2),
                event("2023-01-09", "confirmed", 3, {"from": "rumor", "to": "confirmed"}),
            ],
            ["rumor", "confirmed"],
            3,
            1,
        ),
        (
            [
                event("2023-01-01", "rumor"),
                event("2023-01-02", "denied", 2, {"from": "rumor", "to": "denied"}),
                event("2023-02-01", "confirmed", 3, {"from": "denied", "to": "confirmed"}),
                event("2023-02-03", "denied", None, {"from": "confirmed", "to": "denied"}),
            ],
            ["rumor", "denied", "confirmed", "denied"],
            4,
            3,
        ),
    ],
)
def test_timeline_parts(events, bands, dots, changes) -> None:
    svg = timeline_svg(events, 1)
    assert re.findall(r'data-band="(\w+)"', svg) == bands
    assert len(re.findall(r'class="dot"', svg)) == dots
    assert len(re.findall(r"data-transition=", svg)) == changes
    assert 'data-event="manual"' in svg or all(e["article_id"] for e in events)
    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_dots_on_one_day_are_stacked() -> None:
    svg = timeline_svg([event("2023-01-01", "rumor", i) for i in (1, 2, 3)], 1)
    ys = re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)
    assert len(set(ys)) == 3
