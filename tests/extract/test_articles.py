"""Regression guard over the labelled short articles (``articles.jsonl``).

The floors are the values measured with ``measure_articles.py`` minus a small
margin: a rule change that makes extraction noisier (more mentions than the
article asserts, wrong actor first, wrong status) or deafer fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.extract import measure_articles

PRECISION_FLOOR = 0.95  # measured 1.000 on 116 articles (0.500 before the precision work)
RECALL_FLOOR = 0.95  # measured 0.992 (0.750 before; 0.812 before the withheld-figure work)
PARTY_NOISE_CEILING = 0.12  # measured 0.077 (0.364 before)


@pytest.fixture(scope="module")
def scored() -> list[measure_articles.Scored]:
    return measure_articles.score(measure_articles.load())


def test_set_is_large_varied_and_bilingual() -> None:
    rows = measure_articles.load()
    langs = Counter(r["lang"] for r in rows)
    assert len(rows) >= 30 and langs["fr"] >= 12 and langs["en"] >= 12
    claims = [c for r in rows for c in r["claims"]]
    assert {c["status"] for c in claims} >= {"rumor", "confirmed", "undisclosed", "denied"}
    assert any(not r["claims"] for r in rows)  # articles that assert nothing
    assert any(not r["body"] for r in rows)  # wire flashes: a headline alone
    kinds = {k for c in claims for k in ([c["kind"]] if isinstance(c["kind"], str) else c["kind"])}
    assert len(kinds) >= 10


def test_mention_precision_and_recall(scored: list[measure_articles.Scored]) -> None:
    precision, recall = measure_articles.precision_recall(scored)
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


def test_parties_of_correct_mentions_are_clean(scored: list[measure_articles.Scored]) -> None:
    assert measure_articles.party_noise(scored) <= PARTY_NOISE_CEILING


def test_articles_without_claims_yield_no_mention(scored: list[measure_articles.Scored]) -> None:
    noisy = [s.id for s in scored if not s.labels and s.mentions]
    assert noisy == []


def test_report_lists_misses() -> None:
    rows = measure_articles.load()[:3]
    text = measure_articles.report(measure_articles.score(rows), verbose=True)
    assert "precision" in text and "recall" in text
