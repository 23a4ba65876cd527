"""The JSON shapes and text forms of values."""

from __future__ import annotations

import pytest

from tracker import views
from tracker.link.score import LinkScore


@pytest.mark.parametrize(
    ("score", "text"),
    [
        (
            LinkScore({"parties": 0.5, "amount": 1.0, "kind": 1.0, "text": 0.3}, penalty=0.8),
            "parties 0.50, amount 1.00, kind 1.00, text 0.30, x0.80 -> 0.48",
        ),
        (LinkScore({"parties": 1.0, "text": 0.41234}), "parties 1.00, text 0.41 -> 0.64"),
        (LinkScore({"parties": 0.0}, vetoes=["no party"]), "parties 0.00 -> vetoed (no party)"),
        (LinkScore(), "no evidence -> 0.00"),
    ],
)
def test_describe_score_shows_the_total_that_decided(score: LinkScore, text: str) -> None:
    assert views.describe_score(score.to_dict()) == text == score.describe()


@pytest.mark.parametrize(
    ("limit", "show_all", "as_json", "expected"),
    [
        (None, False, False, 50),
        (None, False, True, None),
        (7, False, False, 7),
        (7, False, True, 7),
        (7, True, False, None),
        (None, True, True, None),
    ],
)
def test_listing_limit(limit, show_all, as_json, expected) -> None:
    assert views.listing_limit(limit, show_all, as_json, 50) == expected


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Acme = Beta", "Acme = Beta"),
        ("", ""),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_spreadsheet_cell(cell: object, shown: object) -> None:
    assert views.spreadsheet_cell(cell) == shown
