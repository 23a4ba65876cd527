"""Ranking of `tracker search` results: pure, on hand-made entries."""

from __future__ import annotations

import pytest

from tracker import search
from tracker.link.features import AmountValue

USD_10B = AmountValue(1e10, 1e10, 1e10, "USD")
USD_1B = AmountValue(1e9, 1e9, 1e9, "USD")
SEVERAL_B = AmountValue(None, 2e9, 9e9, "USD")


def entry(i: int, text: str, amount: AmountValue | None = None) -> search.Entry:
    return search.Entry(i, text, text.lower(), amount)


def test_query_reads_terms_and_figures() -> None:
    q = search.parse_query("Microsoft invests $10 billion in OpenAI")
    assert q.folded == "microsoft invests $10 billion in openai"
    assert "pt:microsoft" in q.terms
    assert [(a.value, a.currency) for a in q.amounts] == [(1e10, "USD")]
    assert any(t.startswith("a:") for t in q.terms)  # the figure is an index term too


def test_query_without_a_figure() -> None:
    q = search.parse_query("Halvard closes its plant")
    assert q.amounts == []


@pytest.mark.parametrize(
    ("query", "held", "delta"),
    [
        ("Microsoft OpenAI investment $10 billion", USD_10B, search.SAME_FIGURE),
        ("Microsoft OpenAI investment $10 billion", USD_1B, search.OTHER_FIGURE),
        ("Microsoft OpenAI investment $5 billion", SEVERAL_B, search.VAGUE_FIGURE),
        # No currency in the query: the number alone is compared.
        ("Microsoft OpenAI investment 10 billion", USD_10B, search.SAME_FIGURE),
        ("Microsoft OpenAI investment $10 billion", None, 0.0),
    ],
)
def test_a_figure_lifts_or_sinks(query: str, held: AmountValue | None, delta: float) -> None:
    q = search.parse_query(query)
    plain = search.score(
        search.Query(q.folded, q.terms, []), entry(1, "Microsoft / OpenAI: investment", held)
    )
    assert search.score(q, entry(1, "Microsoft / OpenAI: investment", held)) == pytest.approx(
        plain + delta
    )


def test_rank_orders_by_score_then_id_and_drops_weak_matches() -> None:
    q = search.parse_query("Microsoft OpenAI investment $10 billion")
    entries = [
        entry(3, "Microsoft / OpenAI: investment", USD_1B),
        entry(2, "Microsoft / OpenAI: investment", USD_10B),
        entry(1, "Microsoft / OpenAI: investment", USD_10B),
        entry(4, "Fermont: plant closure"),
    ]
    ranked = search.rank(q, entries, limit=10)
    assert [i for i, _ in ranked][:2] == [1, 2]
    assert 4 not in [i for i, _ in ranked]
    assert all(s >= search.MIN_SCORE for _, s in ranked)
    assert search.rank(q, entries, limit=1) == ranked[:1]
