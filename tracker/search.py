"""Ranking the claims ``tracker search`` finds. Pure: values in, values out.

The store retrieves candidates from the index with the query's terms
(:func:`tracker.store.search_claims`); this module says how well each one
resembles the query: a fuzzy likeness of texts, lifted by a figure the query
shares with the claim and sunk by one that conflicts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.link.features import AmountValue, amount_from
from tracker.link.score import score_amount

#: Below this a claim is not shown.
MIN_SCORE = 50.0
#: A figure in the query that the claim holds too, exactly / inside a vague range.
SAME_FIGURE = 20.0
VAGUE_FIGURE = 5.0
#: A figure in the query that conflicts with the claim's.
OTHER_FIGURE = -25.0
#: The claim's matching key is compared by parts, which says a little less.
KEY_FACTOR = 0.9


@dataclass(frozen=True)
class Query:
    """A search text, read once: folded, with its index terms and its figures."""

    folded: str
    terms: list[str]
    amounts: list[AmountValue]


@dataclass(frozen=True)
class Entry:
    """What ranking reads of a claim."""

    id: int
    text: str
    key: str
    amount: AmountValue | None


def parse_query(text: str) -> Query:
    """The terms and figures of a search text (``10 billion``, ``10 milliards``)."""
    from tracker.extract import guess_language, parse_amounts
    from tracker.link.keys import amount_term, fold, query_terms

    amounts = [
        value
        for a, _start, _end in parse_amounts(text, guess_language(text))
        if (value := amount_from(a.value, a.low, a.high, a.currency, a.unit)) is not None
    ]
    terms = query_terms(text)
    terms += [term for term in (amount_term(a) for a in amounts if a.currency) if term]
    return Query(fold(text), terms, amounts)


def score(query: Query, entry: Entry) -> float:
    """How well a claim answers the query, on rapidfuzz's 0-100 scale (plus or
    minus what its figure says)."""
    from rapidfuzz import fuzz

    from tracker.link.keys import fold

    s = max(
        fuzz.token_set_ratio(query.folded, fold(entry.text)),
        fuzz.partial_ratio(query.folded, fold(entry.key)) * KEY_FACTOR,
    )
    held = entry.amount
    for amount in query.amounts:
        if held is not None and amount.dimension == "?":
            # "10 billion" with no currency: compare the number alone.
            amount = dataclasses.replace(amount, currency=held.currency, unit=held.unit)
        agreement, veto = score_amount(amount, held)
        if veto:
            s += OTHER_FIGURE
        elif agreement == 1.0:
            s += SAME_FIGURE
        elif agreement is not None and agreement >= 0.8:
            s += VAGUE_FIGURE  # a vague range agrees, but says less
    return float(s)


def rank(query: Query, entries: Iterable[Entry], *, limit: int) -> list[tuple[int, float]]:
    """``(claim id, score)`` of the entries worth showing, best first (ties: lower id)."""
    scored = sorted(((e.id, score(query, e)) for e in entries), key=lambda r: (-r[1], r[0]))
    return [r for r in scored if r[1] >= MIN_SCORE][:limit]
