"""ClaimReview objects from plain claim and event values."""

from __future__ import annotations

import pytest

from tracker.claimreview import appearance, claim_review, last_change, rating


@pytest.mark.parametrize(
    ("status", "value"), [("confirmed", 5), ("undisclosed", 4), ("rumor", 3), ("denied", 1)]
)
def test_rating_scale(status: str, value: int) -> None:
    assert rating(status) == {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": status,
        "name": status,
    }


def event(date: str, *, precision: str = "day", transition: bool = False, **more):
    base = {
        "date": date,
        "date_precision": precision,
        "source": "Wire",
        "title": "Acme buys Beta",
        "article_id": 1,
        "quote": "Acme bought Beta.",
        "url": "https://wire.example/1",
        "transition": {"from": "rumor", "to": "confirmed"} if transition else None,
    }
    return {**base, **more}


@pytest.mark.parametrize(
    ("ev", "work"),
    [
        (
            event("2023-01-10"),
            {
                "@type": "CreativeWork",
                "url": "https://wire.example/1",
                "headline": "Acme buys Beta",
                "datePublished": "2023-01-10",
                "publisher": {"@type": "Organization", "name": "Wire"},
            },
        ),
        # Dated to the month: that much is said, no more.
        (event("2023-01-31", precision="month", url=None, source=None), {
            "@type": "CreativeWork", "headline": "Acme buys Beta", "datePublished": "2023-01",
        }),
        # Undated (its date is the day it was added), untitled: the quote heads it.
        (event("2024-05-02", precision="unknown", url=None, title=None), {
            "@type": "CreativeWork", "headline": "Acme bought Beta.",
            "publisher": {"@type": "Organization", "name": "Wire"},
        }),
    ],
)  # fmt: skip
def test_appearance(ev, work) -> None:
    assert appearance(ev) == work


@pytest.mark.parametrize(
    ("events", "day"),
    [
        ([], None),
        ([event("2023-01-10")], "2023-01-10"),
        ([event("2023-01-10"), event("2023-02-01", transition=True)], "2023-02-01"),
        ([event("2023-01-10"), event("2023-02-01", transition=True), event("2023-03-01")],
         "2023-02-01"),
    ],
)  # fmt: skip
def test_last_change(events, day) -> None:
    assert last_change(events) == day


def test_a_status_set_by_hand_is_no_appearance() -> None:
    manual = event("2023-03-01", transition=True, article_id=None, source="manual")
    review = claim_review(
        {"text": "Acme / Beta: acquisition", "status": "denied"},
        [event("2023-01-10"), manual],
        author="Desk",
        url="https://desk.example/r.html#claim-1",
    )
    assert len(review["itemReviewed"]["appearance"]) == 1
    assert review["datePublished"] == "2023-03-01"
    assert review["url"] == "https://desk.example/r.html#claim-1"
    assert review["author"] == {"@type": "Organization", "name": "Desk"}
