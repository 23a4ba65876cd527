"""Exports: claims with their mentions, as JSON, JSON Lines or CSV. Streams rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from tracker import store, views

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Columns of ``jsonl`` and ``csv``: one row per mention. Stable; add only.
MENTION_COLUMNS = (
    "article_id",
    "external_id",
    "path",
    "claim_id",
    "claim_text",
    "status",
    "date",
    "date_precision",
    "source",
    "title",
    "quote",
    "cue",
    "score",
    "linked_by",
    "claim_status",
    "url",
    "amount",
    "currency_or_unit",
    "parties",
)


def _number(value: float) -> int | float:
    """A whole figure as an integer (``10000000000``, not ``1e10``)."""
    return int(value) if float(value).is_integer() else value


def amount_cells(amount: dict[str, Any] | None) -> tuple[object, str | None]:
    """The mention's figure for a spreadsheet: its value, or ``low-high`` for a
    range; and its currency or unit. Pure."""
    if not amount:
        return None, None
    unit = amount.get("currency") or amount.get("unit")
    if amount.get("value") is not None:
        return _number(amount["value"]), unit
    low, high = amount.get("low"), amount.get("high")
    if low is None or high is None:
        return None, unit
    return f"{_number(low)}-{_number(high)}", unit


def mention_rows(session: Session) -> Iterator[dict[str, Any]]:
    """One row per counted mention, with the columns of :data:`MENTION_COLUMNS`."""
    for mention, article, claim in store.mention_export_rows(session):
        amount, unit = amount_cells(mention.amount)
        yield {
            "article_id": article.id,
            "external_id": article.external_id,
            "path": article.path,
            "claim_id": claim.id,
            "claim_text": claim.text,
            "status": mention.status.value,
            "date": article.published.isoformat() if article.published else None,
            "date_precision": article.date_precision.value,
            "source": article.source,
            "title": article.title,
            "quote": mention.quote,
            "cue": mention.cue,
            "score": None if mention.score is None else round(mention.score, 4),
            "linked_by": mention.linked_by.value,
            "claim_status": claim.status.value,
            "url": article.url,
            "amount": amount,
            "currency_or_unit": unit,
            "parties": "; ".join(mention.parties or []),
        }


def write_csv(
    session: Session,
    out: TextIO,
    *,
    guard: bool = False,
    excel: bool = False,
    escape: Callable[[str], str] | None = None,
) -> int:
    """Write the mention rows as CSV; returns how many.

    ``guard``: a cell a spreadsheet would run as a formula gets a leading ``'``.
    ``excel``: a UTF-8 byte order mark first and CRLF line ends, so that a
    spreadsheet opened by a double-click reads accents right. ``escape``: applied
    to each text cell (the terminal's escaping), never to the line ends.
    """
    writer = csv.DictWriter(
        out, fieldnames=MENTION_COLUMNS, lineterminator="\r\n" if excel else "\n"
    )
    if excel:
        out.write("\ufeff")
    writer.writeheader()
    n = 0
    for row in mention_rows(session):
        if guard:
            row = views.spreadsheet_row(row)
        if escape is not None:
            row = {k: escape(v) if isinstance(v, str) else v for k, v in row.items()}
        writer.writerow(row)
        n += 1
    return n


def write(
    session: Session,
    fmt: str,
    out: TextIO,
    *,
    author: str = "tracker",
    base_url: str | None = None,
) -> int:
    """Write the export to ``out``; returns the number of rows (claims for json
    and claimreview).

    ``claimreview``: a JSON-LD list of schema.org ClaimReview objects, signed by
    ``author``; with ``base_url`` (the page the report is published at) each
    review's ``url`` is ``base_url#claim-ID``, the claim's section in the report.
    """
    if fmt == "jsonl":
        n = 0
        for row in mention_rows(session):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        return write_csv(session, out)
    if fmt == "json":
        rows = store.list_claims(session, store.ClaimFilter(), sort="id")
        out.write("[")
        for i, claim_row in enumerate(rows):
            data = views.claim_json(claim_row)
            data["events"] = views.history_events(store.claim_timeline(session, claim_row.claim.id))
            out.write(("," if i else "") + "\n  " + json.dumps(data, ensure_ascii=False))
        out.write("\n]\n")
        return len(rows)
    if fmt == "claimreview":
        from tracker.claimreview import claim_review

        reviewed = store.list_claims(session, store.ClaimFilter(), sort="id")
        out.write("[")
        for i, reviewed_row in enumerate(reviewed):
            claim_id = reviewed_row.claim.id
            events = views.history_events(store.claim_timeline(session, claim_id))
            url = f"{base_url}#claim-{claim_id}" if base_url else None
            review = claim_review(views.claim_json(reviewed_row), events, author=author, url=url)
            out.write(("," if i else "") + "\n  " + json.dumps(review, ensure_ascii=False))
        out.write("\n]\n")
        return len(reviewed)
    raise ValueError(f"unknown export format {fmt!r}")
