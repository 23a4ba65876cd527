"""Regression guard over the labelled sentence set (``sentences.jsonl``).

The floors are the values measured with ``measure_status.py`` minus a small
margin: a rule change that loses accuracy on the set fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.extract import measure_status

STATUS_ACCURACY_FLOOR = 0.97  # measured 0.994
PER_STATUS_RECALL_FLOOR = 0.9
KIND_ACCURACY_FLOOR = 0.90  # measured 0.942
AMOUNT_ACCURACY_FLOOR = 0.95  # measured 0.987


@pytest.fixture(scope="module")
def rows() -> list[measure_status.Row]:
    return measure_status.predict(measure_status.load())


def test_set_is_large_and_bilingual() -> None:
    raw = measure_status.load()
    langs = Counter(r["lang"] for r in raw)
    assert len(raw) >= 120 and langs["fr"] >= 50
    assert {r["status"] for r in raw} >= {"rumor", "confirmed", "undisclosed", "denied"}
    assert all(set(r) == {"text", "lang", "status", "kind", "amount"} for r in raw)


def test_status_accuracy(rows: list[measure_status.Row]) -> None:
    assert measure_status.accuracy(rows) >= STATUS_ACCURACY_FLOOR


def test_per_status_recall(rows: list[measure_status.Row]) -> None:
    for label, (_, recall, support) in measure_status.per_status(rows).items():
        if support:
            assert recall >= PER_STATUS_RECALL_FLOOR, label


def test_kind_and_amount_accuracy(rows: list[measure_status.Row]) -> None:
    claims = [r for r in rows if r.status != "none"]
    kind = sum(r.kind == r.predicted_kind for r in claims) / len(claims)
    amount = sum(measure_status._close(r.amount, r.predicted_amount) for r in claims) / len(claims)
    assert kind >= KIND_ACCURACY_FLOOR
    assert amount >= AMOUNT_ACCURACY_FLOOR


def test_report_prints_table_and_matrix(rows: list[measure_status.Row]) -> None:
    text = measure_status.report(rows)
    assert "precision" in text and "confusion" in text
    assert text.count("\n") > 12
