"""The stable JSON shapes and the text forms of values. Pure: no database access.

The shapes here are documented in the README; change them only by adding keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tracker.status import Precision

if TYPE_CHECKING:
    from tracker.extract import Extraction
    from tracker.integrity import CheckReport
    from tracker.models import Article, Claim, Mention
    from tracker.store import ArticleRow, ClaimRow, ClaimTimeline
    from tracker.track_record import OutletRecord


def format_date(day: dt.date | None, precision: Precision | str | None) -> str:
    """A date shown with what is known of it: ``2023-01-23``, ``2023-01``, ``2023``."""
    if day is None:
        return "undated"
    p = Precision(precision) if precision else Precision.DAY
    if p is Precision.MONTH:
        return day.strftime("%Y-%m")
    if p is Precision.YEAR:
        return day.strftime("%Y")
    if p is Precision.UNKNOWN:
        return f"{day.isoformat()} (added)"
    return day.isoformat()


def amount_json(claim: Claim) -> dict[str, Any] | None:
    if claim.amount_low is None:
        return None
    out: dict[str, Any] = {
        "value": claim.amount_value,
        "low": claim.amount_low,
        "high": claim.amount_high,
        "vague": claim.amount_value is None,
        "text": claim.amount_text,
    }
    if claim.unit:
        out["unit"] = claim.unit
    else:
        out["currency"] = claim.currency
    return out


def claim_json(
    row: ClaimRow, today: dt.date | None = None, stale_days: int | None = None
) -> dict[str, Any]:
    """A claim's listing row. ``quiet_days``: days since its last news;
    ``stale``: open and quiet for ``stale_days`` or more (the setting's default)."""
    from tracker.config import Settings
    from tracker.timeline import is_stale, quiet_days

    claim = row.claim
    today = today or dt.date.today()
    stale_days = Settings.stale_days if stale_days is None else stale_days
    return {
        "id": claim.id,
        "text": claim.text,
        "status": row.status.value if row.status else None,
        "parties": list(claim.parties or []),
        "kind": claim.kind,
        "amount": amount_json(claim),
        "event_year": claim.event_year,
        "first_seen": row.first_seen.isoformat() if row.first_seen else None,
        "last_seen": row.last_seen.isoformat() if row.last_seen else None,
        "age_days": (today - row.first_seen).days if row.first_seen else None,
        "mentions": row.mentions,
        "sources": list(row.sources),
        "quiet_days": quiet_days(row.last_seen, today),
        "stale": is_stale(row.status, row.last_seen, today, stale_days),
    }


def history_events(ct: ClaimTimeline, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """One event per mention (and per manual status), in timeline order."""
    tl = ct.timeline.as_of(as_of) if as_of else ct.timeline
    events: list[dict[str, Any]] = []
    for step in tl.steps:
        ev = step.event
        transition = None
        if step.transition is not None and step.before is not None:
            transition = {"from": step.before.value, "to": step.after.value}
        if ev.manual:
            entry = ct.manual.get(ev.ledger_id) if ev.ledger_id is not None else None
            events.append(
                {
                    "date": ev.date.isoformat(),
                    "date_precision": "day",
                    "source": "manual",
                    "title": None,
                    "article_id": None,
                    "status": ev.status.value,
                    "quote": entry.note if entry else None,
                    "cue": "set-status",
                    "score": None,
                    "linked_by": "manual",
                    "transition": transition,
                    "label": step.label,
                    "url": None,
                }
            )
            continue
        assert ev.mention_id is not None  # an event not set by hand is a mention's
        m: Mention = ct.mentions[ev.mention_id]
        art: Article = m.article
        events.append(
            {
                "date": ev.date.isoformat(),
                "date_precision": art.date_precision.value
                if art.published
                else Precision.UNKNOWN.value,
                "source": art.source,
                "title": art.title,
                "article_id": art.id,
                "status": m.status.value,
                "quote": m.quote,
                "cue": m.cue,
                "score": None if m.score is None else round(m.score, 4),
                "linked_by": m.linked_by.value,
                "transition": transition,
                "label": step.label,
                "url": art.url,
            }
        )
    return events


def article_json(article: Article, mentions: list[Mention] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "external_id": article.external_id,
        "published": article.published.isoformat() if article.published else None,
        "date_precision": article.date_precision.value,
        "path": article.path,
        "added_at": article.added_at.isoformat(timespec="seconds"),
        "revision_of": article.revision_of_id,
        "retracted_at": (
            article.retracted_at.isoformat(timespec="seconds") if article.retracted_at else None
        ),
        "retraction_note": article.retraction_note,
    }
    if mentions is not None:
        out["mentions"] = [
            {
                "claim_id": m.claim_id,
                "status": m.status.value,
                "quote": m.quote,
                "span": [m.span_start, m.span_end],
                "cue": m.cue,
                "cue_kind": m.cue_kind,
                "confidence": m.confidence,
                "score": m.score,
                "linked_by": m.linked_by.value,
            }
            for m in mentions
        ]
    return out


def article_row_json(row: ArticleRow) -> dict[str, Any]:
    """An article in ``tracker articles --json``: its fields and the claims it speaks of."""
    out = article_json(row.article)
    out["claims"] = list(row.claim_ids)
    return out


def search_json(found: list[tuple[Claim, float]]) -> list[dict[str, Any]]:
    """Claims found by words, best first, with how well each matched (0-100+)."""
    return [
        {"id": c.id, "text": c.text, "status": c.status.value, "match": round(s, 1)}
        for c, s in found
    ]


def explain_json(ex: Extraction) -> dict[str, Any]:
    """What extraction found in an article, sentence by sentence, and the mentions."""
    return {
        "language": ex.language,
        "sentences": [
            {
                "text": s.text,
                "span": [s.start, s.end],
                "kind": s.kind,
                "parties": list(s.parties),
                "amounts": [a.text for a in s.amounts],
                "status": s.status.value if s.status else None,
                "cue": s.cue,
                "notes": list(s.notes),
                "used": s.used,
            }
            for s in ex.sentences
        ],
        "mentions": [
            {
                "status": m.status.value,
                "kind": m.kind,
                "parties": list(m.parties),
                "amount": m.amount.text if m.amount else None,
                "event_year": m.event_year,
                "quote": m.quote,
                "cue": m.cue,
                "cue_kind": m.cue_kind,
                "confidence": m.confidence,
                "notes": list(m.notes),
            }
            for m in ex.mentions
        ],
    }


def listing_limit(limit: int | None, show_all: bool, as_json: bool, table_limit: int) -> int | None:
    """How many claims a listing shows: JSON everything by default (scripts), a
    table the ``table_limit`` most recent; ``--limit`` and ``--all`` override."""
    if show_all:
        return None
    if limit is not None:
        return limit
    return None if as_json else table_limit


def check_json(report: CheckReport) -> dict[str, Any]:
    """The verdict of ``db check``: what was checked, found and repaired."""
    return {
        "ok": report.ok,
        "claims_checked": report.claims_checked,
        "problems": report.problems,
        "repaired": report.repaired,
    }


def describe_score(explanation: dict[str, Any]) -> str:
    """``parties 1.00, amount 1.00, kind 1.00, text 0.41 -> 0.76`` from a stored
    explanation (``LinkScore.to_dict()``): its own total, penalty and vetoes,
    so the line shows the score that decided (and says so when it linked by
    the margin rule, under the threshold)."""
    parts = [f"{k} {v:.2f}" for k, v in explanation.get("components", {}).items()]
    penalty = explanation.get("penalty", 1.0)
    if penalty != 1.0:
        parts.append(f"x{penalty:.2f}")
    text = ", ".join(parts) if parts else "no evidence"
    vetoes = explanation.get("vetoes") or []
    if vetoes:
        return f"{text} -> vetoed ({'; '.join(vetoes)})"
    if explanation.get("margin"):
        return f"{text} -> {explanation['total']:.2f}, far ahead of every other claim"
    return f"{text} -> {explanation['total']:.2f}"


#: A spreadsheet runs a cell that starts with one of these as a formula (a tab
#: or carriage return first can hide one from view).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: a leading ``'`` before what would be a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(row: Mapping[str, object]) -> dict[str, object]:
    return {k: spreadsheet_cell(v) for k, v in row.items()}


def outlet_json(record: OutletRecord) -> dict[str, Any]:
    """An outlet's track record (``sources --json``): counts, and each rumour it reported."""
    return {
        "outlet": record.name,
        "spellings": sorted(record.spellings),
        "rumours": record.reported,
        "first": record.first,
        "confirmed": record.confirmed,
        "denied": record.denied,
        "open": record.open,
        "resolved": record.resolved,
        "hit_rate": None if record.hit_rate is None else round(record.hit_rate, 4),
        "median_days": record.median_days,
        "claims": [
            {
                "claim_id": r.claim_id,
                "reported_on": r.reported_on.isoformat(),
                "first": r.first,
                "ending": r.ending,
                "resolved_on": r.resolved_on.isoformat() if r.resolved_on else None,
                "days": r.days,
            }
            for r in record.rumours
        ],
    }
