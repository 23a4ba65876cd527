"""Matching keys: the index terms of a mention or a claim. Pure.

Terms carry a prefix that says what they are, so one inverted index serves
every kind of evidence:

``p:`` a whole party name, ``pt:`` one token of a party name (aliases such as
``helios`` for ``helios energie``), ``k:`` the event kind, ``a:`` a precise
figure, ``y:`` an event year, ``w:`` a stance-free content word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from tracker.extract.text import fold
from tracker.link.features import AmountValue

__all__ = [
    "amount_term",
    "fold",
    "mention_terms",
    "name_twins",
    "query_terms",
    "retrieval_terms",
    "text_bag",
]

#: Terms of these families make up the text bag compared by cosine.
BAG_PREFIXES = ("w:", "pt:", "k:")
#: A term carried by more claims than this is too common to retrieve by: its
#: posting list would dominate the cost. A fixed number, not a share of the
#: store, so a lookup reads at most ``limit * RETRIEVAL_CAP`` index rows however
#: many claims are on record (a claim is still found through its rarer terms).
RETRIEVAL_CAP = 200
#: Families used to retrieve candidates, strongest evidence first.
RETRIEVAL_PREFIXES = ("a:", "p:", "pt:", "k:", "y:", "w:")

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def amount_term(amount: AmountValue) -> str | None:
    """``a:USD:1e10``: precise figures to three significant digits."""
    if amount.value is None or amount.value <= 0 or not math.isfinite(amount.value):
        return None
    return f"a:{amount.dimension}:{float(f'{amount.value:.3g}'):g}"


def mention_terms(
    parties: Sequence[str],
    kind: str | None,
    amount: AmountValue | None,
    event_year: int | None,
    words: Iterable[str],
) -> Counter[str]:
    """All index terms of one mention, with counts."""
    terms: Counter[str] = Counter()
    for party in parties:
        terms[f"p:{party}"] += 1
        for token in party.split():
            if len(token) > 1:
                terms[f"pt:{token}"] += 1
    if kind:
        terms[f"k:{kind}"] += 1
    if amount is not None:
        term = amount_term(amount)
        if term:
            terms[term] += 1
    if event_year:
        terms[f"y:{event_year}"] += 1
    for word in words:
        if word:
            terms[f"w:{word}"] += 1
    return terms


def text_bag(terms: Mapping[str, float]) -> dict[str, float]:
    """The part of a term set that cosine similarity compares."""
    return {t: float(n) for t, n in terms.items() if t.startswith(BAG_PREFIXES)}


#: A general claim is found by its words, names included: one family, rarest first.
GENERAL_RETRIEVAL_PREFIXES = ("a:", "w:", "pt:")


def name_twins(terms: Iterable[str], *, general: bool) -> list[str]:
    """The other form of a mention's names: a general mention's words as party
    tokens (``w:lenovo`` -> ``pt:lenovo``), a typed mention's party tokens as
    words (``pt:lenovo`` -> ``w:lenovo``). General claims are indexed by their
    words, names included; typed claims by their parties' tokens."""
    if general:
        return sorted({f"pt:{t[2:]}" for t in terms if t.startswith("w:") and len(t) > 3})
    return sorted({f"w:{t[3:]}" for t in terms if t.startswith("pt:")})


def retrieval_terms(
    terms: Iterable[str],
    df: Mapping[str, int],
    *,
    limit: int = 10,
    general: bool = False,
    twins: Sequence[str] = (),
) -> list[str]:
    """The few terms worth looking up: structured evidence first, then rare words
    (for a ``general`` mention: its rarest words and name tokens). ``twins``
    (:func:`name_twins`) are looked up too: for a general mention among its
    words, for a typed one right after its party tokens.

    Terms carried by more than :data:`RETRIEVAL_CAP` claims are skipped (their
    posting lists are long and say little), so a lookup costs the same however
    large the store grows.
    """
    cap = RETRIEVAL_CAP
    chosen: list[str] = []
    if general:
        pool = sorted(
            (
                t
                for t in {*terms, *twins}
                if t.startswith(GENERAL_RETRIEVAL_PREFIXES) and 0 < df.get(t, 0) <= cap
            ),
            key=lambda t: (df.get(t, 0), t),
        )
        return pool[:limit]
    families: list[Iterable[str]] = [
        [t for t in set(terms) if t.startswith(prefix)] for prefix in RETRIEVAL_PREFIXES
    ]
    families.insert(RETRIEVAL_PREFIXES.index("pt:") + 1, twins)
    for family in families:
        for term in sorted(family, key=lambda t: (df.get(t, 0), t)):
            if 0 < df.get(term, 0) <= cap and term not in chosen:
                chosen.append(term)
    return chosen[:limit]


def query_terms(text: str) -> list[str]:
    """Index terms for a free-text query (``tracker search``, ``history TEXT``)."""
    from tracker.extract import key_terms

    words = _WORD_RE.findall(fold(text))
    terms = [f"pt:{w}" for w in words if len(w) > 1]
    terms += [f"w:{w}" for w in key_terms(text)]
    return terms
