"""export --format claimreview: schema.org ClaimReview JSON-LD, checked property by property.

The properties checked are those schema.org defines for ClaimReview, Claim and
Rating (https://schema.org/ClaimReview, https://schema.org/Claim), and those
Google's fact-check structured data documentation lists as required or
recommended (https://developers.google.com/search/docs/appearance/structured-data/factcheck):

* ClaimReview: claimReviewed, reviewRating, url (required); author,
  datePublished, itemReviewed (recommended);
* Claim (itemReviewed): appearance, author, datePublished, firstAppearance
  (recommended);
* Rating (reviewRating): alternateName (required); bestRating, name,
  ratingValue, worstRating (recommended);
* author: an Organization with a name.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from click.testing import CliRunner

from tracker.cli import cli

from ..conftest import SAMPLES
from .helpers import run

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample corpus missing")

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
BASE = "https://example.org/tracker/report.html"


@pytest.fixture
def reviews(db_url: str, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    r = CliRunner().invoke(cli, ["--db", db_url, "add", str(SAMPLES)])
    assert r.exit_code == 0, r.output
    monkeypatch.setenv("TRACKER_REPORT_AUTHOR", "Desk of Claims")
    r = run(["--db", db_url, "export", "--format", "claimreview", "--base-url", BASE])
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)


def _organization(value: Any) -> str:
    assert value["@type"] == "Organization" and value["name"].strip()
    return value["name"]


def test_every_required_and_recommended_property(reviews: list[dict[str, Any]]) -> None:
    assert len(reviews) == 20
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        # Required.
        assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
        rating = review["reviewRating"]
        assert review["url"].startswith(BASE + "#claim-")
        # Recommended.
        assert _organization(review["author"]) == "Desk of Claims"
        assert DATE.match(review["datePublished"])
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        # Rating: alternateName required; the rest recommended, on the documented scale.
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] in ("confirmed", "undisclosed", "rumor", "denied")
        assert rating["name"] == rating["alternateName"]
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        assert (
            rating["ratingValue"]
            == {"confirmed": 5, "undisclosed": 4, "rumor": 3, "denied": 1}[rating["alternateName"]]
        )
        # Claim: appearance, author, datePublished, firstAppearance.
        works = item["appearance"]
        assert works and all(w["@type"] == "CreativeWork" and w["headline"] for w in works)
        assert item["firstAppearance"] == works[0]
        assert DATE.match(item["datePublished"])
        assert _organization(item["author"]) == works[0]["publisher"]["name"]
        for w in works:
            if "datePublished" in w:
                assert DATE.match(w["datePublished"])
            if "publisher" in w:
                _organization(w["publisher"])


def test_the_microsoft_openai_review(reviews: list[dict[str, Any]]) -> None:
    [review] = [r for r in reviews if r["claimReviewed"].startswith("Microsoft / OpenAI / ChatGPT")]
    assert review["url"] == BASE + "#claim-5"
    assert review["reviewRating"]["alternateName"] == "undisclosed"
    assert review["datePublished"] == "2023-01-23"  # the day it became undisclosed
    works = review["itemReviewed"]["appearance"]
    # Every article: six, the undated-to-the-day French one with its month.
    assert [w.get("datePublished") for w in works] == [
        "2023-01-10",
        "2023-01-11",
        "2023-01-23",
        "2023-01",
        "2023-02-08",
        "2023-02-14",
    ]
    assert works[0] == {
        "@type": "CreativeWork",
        "url": "https://www.techwire.example/2023/01/10/microsoft-openai-10-billion-talks",
        "headline": "Microsoft in talks to invest $10 billion in ChatGPT maker OpenAI",
        "datePublished": "2023-01-10",
        "publisher": {"@type": "Organization", "name": "TechWire"},
    }
    assert review["itemReviewed"]["author"]["name"] == "TechWire"
    # A denial overturned: reviewed on the confirmation.
    [castellane] = [r for r in reviews if r["claimReviewed"].startswith("Castellane")]
    assert castellane["datePublished"] == "2023-10-30"
    assert castellane["reviewRating"]["ratingValue"] == 5


def test_it_is_json_ld(reviews: list[dict[str, Any]]) -> None:
    """Expanded by a JSON-LD processor, with schema.org's context served locally
    (no network): every term becomes a schema.org IRI."""
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld is not installed")

    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }

    expanded = jsonld.expand(reviews, {"documentLoader": loader})
    assert len(expanded) == len(reviews)
    for node in expanded:
        assert node["@type"] == ["https://schema.org/ClaimReview"]
        keys = {k for k in node if not k.startswith("@")}
        assert all(k.startswith("https://schema.org/") for k in keys), keys
        assert "https://schema.org/itemReviewed" in keys


def test_without_a_base_url_there_is_no_url_and_the_author_defaults(db_url: str) -> None:
    r = CliRunner().invoke(cli, ["--db", db_url, "add", str(SAMPLES / "articles")])
    assert r.exit_code == 0, r.output
    r = run(["--db", db_url, "export", "--format", "claimreview"])
    data = json.loads(r.stdout)
    assert data and all("url" not in d for d in data)
    assert {d["author"]["name"] for d in data} == {"tracker"}
    r = run(["--db", db_url, "export", "--format", "csv", "--base-url", BASE])
    assert r.code == 2 and "--base-url applies to --format claimreview only" in r.stderr
