"""The HTML report: one self-contained page (inline CSS and SVG, no script, no
network) with each claim's timeline, the open rumours and the outlets' track
record. Pure: it takes the views' shapes and returns text.

Every text from an article goes through :func:`text`: control and bidi
characters are shown as visible escapes (as on a terminal), then the text is
HTML-escaped, in element content and attribute values alike.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.render import clean
from tracker.track_record import OutletRecord
from tracker.views import format_date

#: Status colours, chosen apart for colour-blind readers and on paper.
COLOURS = {
    "rumor": "#d99a00",
    "undisclosed": "#8e44ad",
    "confirmed": "#1e8449",
    "denied": "#c0392b",
}
NEUTRAL = "#7f8c8d"

#: The timeline picture's drawing box (user units; the SVG scales to its column).
WIDTH, PAD = 800, 14
LABEL_ROWS, LABEL_STEP = 3, 14
BAND_H, DOT_R, DOT_STEP = 18, 5, 12


def text(value: object) -> str:
    """Safe text for HTML (element content or a quoted attribute)."""
    return html.escape(clean(value), quote=True)


@dataclass(frozen=True)
class ClaimSection:
    """One claim of the report: its listing row and its events (the views' shapes)."""

    claim: Mapping[str, Any]
    events: Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class OpenRumour:
    claim: Mapping[str, Any]  # views.claim_json, with age_days, quiet_days and stale


def _day(event: Mapping[str, Any]) -> dt.date:
    return dt.date.fromisoformat(event["date"])


def _shown_date(event: Mapping[str, Any]) -> str:
    return format_date(_day(event), event.get("date_precision"))


def _source(event: Mapping[str, Any]) -> str:
    if event.get("article_id") is None:
        return "set by hand"
    return event.get("source") or f"article #{event['article_id']}"


def _change(event: Mapping[str, Any]) -> str:
    t = event.get("transition")
    if not t:
        return ""
    label = f" ({event['label']})" if event.get("label") else ""
    return f"{t['from']} → {t['to']}{label}"


# --------------------------------------------------------------------------- timeline


def timeline_svg(events: Sequence[Mapping[str, Any]], claim_id: int) -> str:
    """A claim's timeline: status bands over time, a dot per article coloured by
    what it asserts (its quote as hover text), and each change of status marked
    with the source that caused it."""
    if not events:
        return ""
    days = [_day(e) for e in events]
    start, end = min(days), max(days)
    if end == start:  # one day of news: the band spans the picture
        end = start + dt.timedelta(days=1)
    span = (end - start).days
    inner = WIDTH - 2 * PAD
    changes = [(e, d) for e, d in zip(events, days, strict=True) if e.get("transition")]
    band_y = 6 + LABEL_STEP * min(len(changes), LABEL_ROWS)
    dot_y = band_y + BAND_H + 14

    def x(day: dt.date) -> float:
        return round(PAD + inner * (day - start).days / span, 1)

    parts: list[str] = []
    # Bands: the claim's status from each change to the next, to the last news.
    status, since = None, start
    bands: list[tuple[str, dt.date, dt.date]] = []
    for e, day in zip(events, days, strict=True):
        t = e.get("transition")
        after = t["to"] if t else (status or e["status"])
        if after != status:
            if status is not None:
                bands.append((status, since, day))
            status, since = after, day
    if status is not None:
        bands.append((status, since, end))
    for st, a, b in bands:
        width = max(x(b) - x(a), 3.0)
        parts.append(
            f'<rect class="band" data-band="{text(st)}" x="{x(a)}" y="{band_y}" '
            f'width="{width:.1f}" height="{BAND_H}" fill="{COLOURS.get(st, NEUTRAL)}">'
            f"<title>{text(st)} from {a.isoformat()}</title></rect>"
        )
    # Dots, stacked when several fall on one day.
    stack: dict[float, int] = {}
    top = dot_y
    for e, day in zip(events, days, strict=True):
        cx = x(day)
        k = stack.get(cx, 0)
        stack[cx] = k + 1
        cy = dot_y + k * DOT_STEP
        top = max(top, cy)
        hover = f"{_shown_date(e)} · {_source(e)} · {e['status']}"
        if e.get("quote"):
            hover += f": {e['quote']}"
        key = "manual" if e.get("article_id") is None else str(e["article_id"])
        colour = COLOURS.get(e["status"], NEUTRAL)
        shape = (
            f'<rect x="{cx - DOT_R}" y="{cy - DOT_R}" width="{2 * DOT_R}" height="{2 * DOT_R}" '
            f'transform="rotate(45 {cx} {cy})"'
            if key == "manual"
            else f'<circle cx="{cx}" cy="{cy}" r="{DOT_R}"'
        )
        tag = "rect" if key == "manual" else "circle"
        parts.append(
            f'{shape} class="dot" data-event="{text(key)}" data-status="{text(e["status"])}" '
            f'fill="{colour}"><title>{text(hover)}</title></{tag}>'
        )
    # Changes of status, with their source, labels staggered over three rows.
    for i, (e, day) in enumerate(changes):
        t = e["transition"]
        cx = x(day)
        row_y = 12 + LABEL_STEP * (i % LABEL_ROWS)
        anchor = "start" if cx < WIDTH * 0.25 else "end" if cx > WIDTH * 0.75 else "middle"
        label = f"→ {t['to']} · {_source(e)}"
        parts.append(
            f'<g class="change" data-transition="{text(t["from"])}→{text(t["to"])}" '
            f'data-source="{text(_source(e))}">'
            f'<line x1="{cx}" y1="{row_y + 3}" x2="{cx}" y2="{band_y + BAND_H + 4}"/>'
            f'<text x="{cx}" y="{row_y}" text-anchor="{anchor}">{text(label)}</text>'
            f"<title>{text(_change(e))} on {text(_shown_date(e))} by {text(_source(e))}</title>"
            "</g>"
        )
    height = top + DOT_R + 22
    parts.append(
        f'<text class="axis" x="{PAD}" y="{height - 4}">{start.isoformat()}</text>'
        f'<text class="axis" x="{WIDTH - PAD}" y="{height - 4}" text-anchor="end">'
        f"{end.isoformat()}</text>"
    )
    title = f"Timeline of claim #{claim_id}"
    return (
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{text(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{text(title)}</title>" + "".join(parts) + "</svg>"
    )


def _events_list(events: Sequence[Mapping[str, Any]]) -> str:
    items = []
    for e in events:
        key = "manual" if e.get("article_id") is None else str(e["article_id"])
        source = text(_source(e))
        if e.get("url"):
            source = f'<a href="{text(e["url"])}" rel="noreferrer">{source}</a>'
        change = _change(e)
        items.append(
            f'<li data-event="{text(key)}" data-status="{text(e["status"])}">'
            f'<span class="when">{text(_shown_date(e))}</span> '
            f'<span class="src">{source}</span> '
            f'<span class="badge {text(e["status"])}">{text(e["status"])}</span>'
            + (f' <span class="change">{text(change)}</span>' if change else "")
            + (f"<blockquote>{text(e['quote'])}</blockquote>" if e.get("quote") else "")
            + "</li>"
        )
    return '<ol class="events">' + "".join(items) + "</ol>"


def claim_html(section: ClaimSection) -> str:
    c = section.claim
    status = c.get("status") or "none"
    seen = ""
    if c.get("first_seen"):
        seen = f"first seen {c['first_seen']}, last seen {c['last_seen']}"
    return (
        f'<section class="claim" id="claim-{int(c["id"])}" data-claim="{int(c["id"])}" '
        f'data-status="{text(status)}">'
        f'<h3><span class="id">#{int(c["id"])}</span> {text(c["text"])} '
        f'<span class="badge {text(status)}">{text(status)}</span></h3>'
        f'<p class="meta">{text(seen)} · {len(section.events)} statements</p>'
        + f'<div class="figure">{timeline_svg(section.events, int(c["id"]))}</div>'
        + _events_list(section.events)
        + "</section>"
    )


# --------------------------------------------------------------------------- open rumours


def open_rumours_html(rumours: Sequence[OpenRumour]) -> str:
    if not rumours:
        return "<p>No open rumours.</p>"
    rows = []
    for r in rumours:
        c = r.claim
        stale = ' <span class="stale">stale</span>' if c.get("stale") else ""
        rows.append(
            f'<tr data-open-claim="{int(c["id"])}">'
            f'<td><a href="#claim-{int(c["id"])}">#{int(c["id"])}</a></td>'
            f"<td>{text(c['text'])}</td>"
            f'<td><span class="badge {text(c["status"])}">{text(c["status"])}</span>{stale}</td>'
            f"<td>{text(c['first_seen'])}</td><td>{text(c['last_seen'])}</td>"
            f'<td class="num">{text(c["age_days"])}d</td>'
            f'<td class="num">{text(c["quiet_days"])}d</td></tr>'
        )
    return (
        '<div class="scroll"><table class="open"><thead><tr><th>claim</th><th></th>'
        "<th>status</th><th>first seen</th><th>last seen</th><th>age</th><th>quiet</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
    )


# --------------------------------------------------------------------------- track record


def records_svg(records: Sequence[OutletRecord]) -> str:
    """The outlets' track record as bars: each outlet's rumours, confirmed,
    denied and still open, with its hit rate."""
    if not records:
        return "<p>No outlet reported a rumour.</p>"
    row_h, label_w, right_w = 26, 250, 150
    bar_w = WIDTH - label_w - right_w
    most = max(r.reported for r in records)
    parts = []
    for i, r in enumerate(records):
        y = 8 + i * row_h
        parts.append(
            f'<g class="outlet" data-outlet="{text(r.name)}" data-confirmed="{r.confirmed}" '
            f'data-denied="{r.denied}" data-open="{r.open}">'
            f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{text(r.name)}</text>'
        )
        x0 = float(label_w)
        for ending, n, colour in (
            ("confirmed", r.confirmed, COLOURS["confirmed"]),
            ("denied", r.denied, COLOURS["denied"]),
            ("open", r.open, COLOURS["rumor"]),
        ):
            if not n:
                continue
            w = bar_w * n / most
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 8}" '
                f'fill="{colour}" data-ending="{ending}"><title>{text(r.name)}: {n} {ending}'
                "</title></rect>"
            )
            x0 += w
        parts.append(f'<text x="{x0 + 6:.1f}" y="{y + 14}">{text(r.hit_rate_text())}</text></g>')
    height = 8 + len(records) * row_h + 4
    return (
        f'<svg class="records" viewBox="0 0 {WIDTH} {height}" role="img" '
        'aria-label="Outlets\' track record" xmlns="http://www.w3.org/2000/svg">'
        "<title>Outlets' track record</title>" + "".join(parts) + "</svg>"
    )


def records_table(records: Sequence[OutletRecord]) -> str:
    rows = "".join(
        f'<tr data-record="{text(r.name)}"><td>{text(r.name)}</td>'
        f'<td class="num">{r.reported}</td><td class="num">{r.first}</td>'
        f'<td class="num">{r.confirmed}</td><td class="num">{r.denied}</td>'
        f'<td class="num">{r.open}</td><td class="num">{text(r.hit_rate_text())}</td>'
        f'<td class="num">{text(r.median_days_text())}</td></tr>'
        for r in records
    )
    return (
        '<div class="scroll"><table><thead><tr><th>outlet</th><th>rumours</th><th>first</th>'
        "<th>confirmed</th><th>denied</th><th>open</th><th>hit rate</th><th>median days</th>"
        "</tr></thead><tbody>" + rows + "</tbody></table></div>"
    )


# --------------------------------------------------------------------------- page

STYLE = """
:root { color-scheme: light; --ink: #1c2833; --muted: #5d6d7e; --rule: #d5dbdb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.meta, .when, .legend, .axis { color: var(--muted); }
.meta { margin: 0 0 .5rem; font-size: .9rem; }
nav ol { columns: 2 22rem; padding-left: 1.5rem; margin: .25rem 0; }
nav a { color: inherit; }
section.claim { border-top: 1px solid var(--rule); padding: 1rem 0; break-inside: avoid-page; }
svg { display: block; width: 100%; height: auto; font: 11px system-ui, sans-serif; }
svg.timeline line { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 2 2; }
svg .dot { stroke: #fff; stroke-width: 1.5; }
svg.records text { font-size: 12px; }
.badge { display: inline-block; padding: 0 .45em; border-radius: .6em; color: #fff;
  font-size: .8rem; font-weight: 600; vertical-align: .1em; background: #7f8c8d; }
.badge.rumor { background: #d99a00; } .badge.undisclosed { background: #8e44ad; }
.badge.confirmed { background: #1e8449; } .badge.denied { background: #c0392b; }
.stale { font-size: .8rem; color: var(--muted); border: 1px solid var(--rule);
  border-radius: .6em; padding: 0 .4em; }
ol.events { list-style: none; padding: 0; margin: .5rem 0 0; }
ol.events li { padding: .35rem 0; border-bottom: 1px dotted var(--rule); }
.src { font-weight: 600; } .change { font-style: italic; }
blockquote { margin: .2rem 0 0 1rem; padding-left: .6rem; border-left: 3px solid var(--rule);
  overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.legend span { margin-right: 1rem; white-space: nowrap; }
.legend span.how { white-space: normal; }
.figure { overflow-x: auto; }
.legend i { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
  vertical-align: -.05em; margin-right: .3em; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: .75rem; }
  nav ol { columns: 1; }
  .figure svg { min-width: 560px; }
  th, td { padding: .25rem .3rem; }
}
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  section.claim, tr, svg { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _legend() -> str:
    return (
        '<p class="legend">'
        + "".join(f'<span><i style="background:{c}"></i>{s}</span>' for s, c in COLOURS.items())
        + '<span class="how">bands: the claim\'s status · dots: what each article says · '
        "dashed lines: changes, with their source</span></p>"
    )


def page(
    sections: Iterable[ClaimSection],
    rumours: Sequence[OpenRumour],
    records: Sequence[OutletRecord],
    *,
    title: str = "Claims report",
    generated: str = "",
) -> str:
    """The whole report as one HTML document."""
    sections = list(sections)
    toc = "".join(
        f'<li><a href="#claim-{int(s.claim["id"])}">#{int(s.claim["id"])} '
        f"{text(s.claim['text'])}</a></li>"
        for s in sections
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{text(title)}</h1>"
        f'<p class="meta">{len(sections)} claims, {len(rumours)} open rumours, '
        f"{len(records)} outlets{text(generated)}</p>"
        f'<nav aria-label="Claims"><ol>{toc}</ol></nav>'
        '<h2 id="open">Open rumours</h2>' + open_rumours_html(rumours) + ""
        '<h2 id="records">Outlets\' track record</h2>'
        + f'<div class="figure">{records_svg(records)}</div>'
        + records_table(records)
        + '<h2 id="claims">Claims</h2>'
        + _legend()
        + "".join(claim_html(s) for s in sections)
        + "</main></body></html>\n"
    )
