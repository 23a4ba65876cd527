"""schema.org ClaimReview (JSON-LD) for a claim and its timeline. Pure.

One ClaimReview per claim: the claim's text is ``claimReviewed``; the claim
itself (``itemReviewed``, a ``Claim``) appears in every article that spoke of
it (``appearance``), the earliest one first (``firstAppearance``, whose outlet
is the claim's ``author``); the review's rating is the claim's status on the
scale below; the review is dated by the claim's last change of status.

The rating scale (``ratingValue`` from ``worstRating`` 1 to ``bestRating`` 5),
named by ``alternateName``:

====  ===========  ================================================
5     confirmed    the event and its figure are confirmed
4     undisclosed  the event is confirmed, its figure is not
3     rumor        reported, neither confirmed nor denied
1     denied       denied, called off or blocked
====  ===========  ================================================

2 is not used: no status says "mostly false".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.views import format_date

CONTEXT = "https://schema.org"
BEST_RATING, WORST_RATING = 5, 1
RATING = {"confirmed": 5, "undisclosed": 4, "rumor": 3, "denied": 1}


def rating(status: str) -> dict[str, Any]:
    """The ``Rating`` of a status on the scale above."""
    return {
        "@type": "Rating",
        "ratingValue": RATING[status],
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": status,
        "name": status,
    }


def _date(event: Mapping[str, Any]) -> str | None:
    """An article's date as far as it is known (``2023-01`` for a month), or None
    for an undated one (its date is only the day it was added)."""
    if event.get("date_precision") in (None, "unknown"):
        return None
    return format_date(dt.date.fromisoformat(event["date"]), event["date_precision"])


def organization(name: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": name}


def appearance(event: Mapping[str, Any]) -> dict[str, Any]:
    """The article a statement comes from, as a ``CreativeWork``."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if event.get("url"):
        work["url"] = event["url"]
    work["headline"] = event.get("title") or event.get("quote") or ""
    published = _date(event)
    if published:
        work["datePublished"] = published
    if event.get("source"):
        work["publisher"] = organization(event["source"])
    return work


def last_change(events: Sequence[Mapping[str, Any]]) -> str | None:
    """The day the claim last changed status (its first statement counts as one)."""
    day = None
    for i, e in enumerate(events):
        if i == 0 or e.get("transition"):
            day = e["date"]
    return day


def claim_review(
    claim: Mapping[str, Any],
    events: Sequence[Mapping[str, Any]],
    *,
    author: str,
    url: str | None = None,
) -> dict[str, Any]:
    """The ClaimReview of one claim (``views.claim_json``) and its events
    (``views.history_events``, in timeline order). ``url``: the page that
    publishes this review, when there is one."""
    articles = [e for e in events if e.get("article_id") is not None]
    item: dict[str, Any] = {
        "@type": "Claim",
        "appearance": [appearance(e) for e in articles],
    }
    if articles:
        first = articles[0]
        item["firstAppearance"] = appearance(first)
        if first.get("source"):
            item["author"] = organization(first["source"])
        if _date(first):
            item["datePublished"] = _date(first)
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim["text"],
        "itemReviewed": item,
        "reviewRating": rating(claim["status"]),
        "author": organization(author),
    }
    changed = last_change(events)
    if changed:
        review["datePublished"] = changed
    if url:
        review["url"] = url
    return review
