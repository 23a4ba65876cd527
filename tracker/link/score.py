"""Scoring a mention against a candidate claim. Pure: values in, values out.

Candidate *retrieval* (the inverted index) lives in :mod:`tracker.store`; the
choice between candidates in :mod:`tracker.link.decision`; this module only
says how well two things agree and why.

A score is an object with named components (parties, amount, kind, text), each
in [0, 1], weighted and normalised over the components both sides have. Some
disagreements are not a matter of degree and veto the match outright: a
different figure (``$10B`` vs ``$1B``), no party in common, a different kind of
event, a different year. A vague figure (``multibillion``) agrees with a precise
one inside its range.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tracker import kinds
from tracker.config import MatchSettings
from tracker.link.features import AmountValue, Features

#: Kinds, their groups and which pairs may be one event come from the kinds
#: table (``tracker/lexicons/kinds.toml``), shared with extraction.
UNKNOWN_KIND = kinds.unknown_kind()

#: The unit of a share of something: a stake, a fall in sales.
PERCENT = "%"


@functools.lru_cache(maxsize=1)
def _settings() -> MatchSettings:
    """The defaults of ``link/weights.toml``, for callers that pass no settings."""
    return MatchSettings()


@dataclass
class LinkScore:
    """An explainable score: components, vetoes, and the total."""

    components: dict[str, float] = field(default_factory=dict)
    vetoes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    penalty: float = 1.0
    #: ``typed``: a known kind of event on both sides, scored on parties,
    #: figure, kind and words; ``general``: a claim of no known kind on
    #: either side, scored on what the texts say, names included.
    mode: str = "typed"
    #: The components' weights (``MatchSettings.weights``); a general score has
    #: one component, its text.
    weights: Mapping[str, float] = field(default_factory=lambda: _settings().weights)

    @property
    def total(self) -> float:
        if self.vetoes:
            return 0.0
        used = {k: v for k, v in self.components.items() if k in self.weights}
        weight = sum(self.weights[k] for k in used)
        if not used or weight <= 0:
            return 0.0
        return self.penalty * sum(self.weights[k] * v for k, v in used.items()) / weight

    def describe(self) -> str:
        """``parties 1.00, amount 1.00, kind 1.00, text 0.41 -> 0.76``."""
        parts = [f"{k} {v:.2f}" for k, v in self.components.items()]
        if self.penalty != 1.0:
            parts.append(f"x{self.penalty:.2f}")
        text = ", ".join(parts) if parts else "no evidence"
        if self.vetoes:
            return f"{text} -> vetoed ({'; '.join(self.vetoes)})"
        return f"{text} -> {self.total:.2f}"

    def to_dict(self) -> dict[str, object]:
        return {
            "total": round(self.total, 4),
            "components": {k: round(v, 4) for k, v in self.components.items()},
            "vetoes": list(self.vetoes),
            "notes": list(self.notes),
            "penalty": self.penalty,
            "mode": self.mode,
        }


# --------------------------------------------------------------------------- components


#: A short name stands for a longer one only through a distinctive word.
ALIAS_MIN_LENGTH = 4


@functools.lru_cache(maxsize=1 << 16)
def _same_party(a: str, b: str, similarity: float = 88.0) -> bool:
    """One party under two names: equal, an alias, or a spelling variant.

    Aliasing: every word of the shorter name appears in the longer one and one
    of them is distinctive ("helios" = "helios energie", "valmont" = "olympique
    de valmont"). "north korea" and "south korea" share a word but neither
    contains the other, so they stay two parties.
    """
    if a == b:
        return True
    ta, tb = set(a.split()), set(b.split())
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if short and short <= long_ and max(len(w) for w in short) >= ALIAS_MIN_LENGTH:
        return True
    return fuzz.ratio(a, b, score_cutoff=similarity) > 0


#: The first parties of a mention are its actor and counterparty; the rest are
#: bystanders (a city, a chief executive) that should not decide a match.
PRINCIPAL_PARTIES = 2


def score_parties(
    mention: Sequence[str], claim: Sequence[str], settings: MatchSettings | None = None
) -> tuple[float | None, str | None]:
    """Share of the mention's principal parties (actor, counterparty) the claim knows.

    None when either side has none; a veto reason when they share no party at all.
    """
    if not mention or not claim:
        return None, None
    similarity = (settings or _settings()).party_similarity
    known = [m for m in mention if any(_same_party(m, c, similarity) for c in claim)]
    if not known:
        return 0.0, f"no party in common ({', '.join(mention)} vs {', '.join(claim)})"
    principal = mention[:PRINCIPAL_PARTIES]
    # Against the claim's own principal count: a claim that only knows "Hestia"
    # agrees fully with "Norvane, Hestia"; "Microsoft, OpenAI" against
    # "Microsoft, Anthropic" agrees by half.
    within = min(len(principal), len(claim[:PRINCIPAL_PARTIES]))
    return min(1.0, sum(1 for m in principal if m in known) / within), None


def score_amount(
    mention: AmountValue | None,
    claim: AmountValue | None,
    settings: MatchSettings | None = None,
) -> tuple[float | None, str | None]:
    """Agreement of two figures; a conflicting figure is a veto."""
    if mention is None or claim is None:
        return None, None
    m = settings or _settings()
    if mention.dimension != claim.dimension:
        if PERCENT in (mention.unit, claim.unit) and not (mention.unit and claim.unit):
            # A stake (57%) and a price (EUR 3.4bn) are two facets of one deal.
            return None, None
        if mention.unit or claim.unit:
            # Jobs vs dollars: a different kind of figure, about a different fact.
            return 0.0, f"different units ({mention.dimension} vs {claim.dimension})"
        # Dollars vs euros: may be a conversion of the same figure; weak evidence.
        return m.currency_mismatch, None
    if not mention.vague and not claim.vague:
        a, b = mention.value or 0.0, claim.value or 0.0
        tolerance = (
            m.approximate_tolerance
            if mention.approximate or claim.approximate
            else m.amount_tolerance
        )
        if a == b or abs(a - b) <= tolerance * max(abs(a), abs(b)):
            return 1.0, None
        low, high = sorted((abs(a), abs(b)))
        if low > 0 and high / low <= m.amount_revision_ratio:
            return m.amount_revision, None
        return 0.0, f"different figures ({_short(a)} vs {_short(b)})"
    if mention.vague and claim.vague:
        overlap = min(mention.high, claim.high) >= max(mention.low, claim.low)
        return (m.vague_overlap, None) if overlap else (0.0, "vague figures do not overlap")
    precise, vague = (claim, mention) if mention.vague else (mention, claim)
    value = precise.value or 0.0
    # "Several billion" may well be ten: vague words have soft edges.
    if vague.low / m.vague_slack <= value <= vague.high * m.vague_slack:
        return m.vague_inside, None
    return 0.0, f"{_short(value)} is outside the vague range"


def _short(v: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(v) >= size:
            return f"{v / size:g}{suffix}"
    return f"{v:g}"


def score_kind(
    mention: str | None, claim: str | None, settings: MatchSettings | None = None
) -> tuple[float | None, str | None]:
    if not mention or not claim or UNKNOWN_KIND in (mention, claim):
        # An event of no known kind says nothing for or against: no component.
        return None, None
    if mention == claim:
        return 1.0, None
    table = kinds.table()
    if table.link_pair(mention, claim):
        return (settings or _settings()).kind_compatible, None
    if (
        table.generic in (mention, claim)
        and {mention, claim} - {table.generic} <= table.transactions
    ):
        return table.generic_link_score, None
    return 0.0, f"different events ({mention} vs {claim})"


def cosine(a: Mapping[str, float], b: Mapping[str, float], idf: Mapping[str, float]) -> float:
    """IDF-weighted cosine of two bags of terms."""
    if not a or not b:
        return 0.0
    dot = 0.0
    for term, wa in a.items():
        wb = b.get(term)
        if wb:
            w = idf.get(term, 1.0)
            dot += wa * wb * w * w
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum((w * idf.get(t, 1.0)) ** 2 for t, w in a.items()))
    nb = math.sqrt(sum((w * idf.get(t, 1.0)) ** 2 for t, w in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def idf_weights(df: Mapping[str, int], n_claims: int) -> dict[str, float]:
    """Smoothed IDF: rare terms weigh more; unseen terms weigh the most."""
    n = max(n_claims, 1)
    return {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}


def is_general(kind: str | None) -> bool:
    """A claim of no known kind of event (a headline's general claim)."""
    return kind is None or kind == UNKNOWN_KIND


def structure(
    mention: Features, claim: Features, settings: MatchSettings | None = None
) -> LinkScore:
    """Everything ``score`` compares except the texts: parties, figure, kind,
    year, with their vetoes and penalty (no ``text`` component yet)."""
    m = settings or _settings()
    if is_general(mention.kind) or is_general(claim.kind):
        return _general_structure(mention, claim, m)
    result = LinkScore(weights=m.weights)
    for name, (value, veto) in (
        ("parties", score_parties(mention.parties, claim.parties, m)),
        ("amount", score_amount(mention.amount, claim.amount, m)),
        ("kind", score_kind(mention.kind, claim.kind, m)),
    ):
        if value is not None:
            result.components[name] = value
        if veto:
            result.vetoes.append(veto)
    if (
        mention.event_year is not None
        and claim.event_year is not None
        and mention.event_year != claim.event_year
    ):
        result.vetoes.append(f"different years ({mention.event_year} vs {claim.event_year})")
    if len(mention.parties) >= 2 and len(claim.parties) >= 2:
        share = result.components.get("parties", 1.0)
        if 0.0 < share < 1.0:
            # Microsoft-OpenAI against Microsoft-Anthropic: one side differs.
            result.penalty = m.counterparty_penalty
            result.notes.append("a counterparty differs")
    if "amount" not in result.components and (mention.amount is None) != (claim.amount is None):
        result.notes.append("only one side has a figure")
    return result


def _general_structure(mention: Features, claim: Features, m: MatchSettings) -> LinkScore:
    """A general claim on either side: its parties come from a headline's
    capitals and may be noise, so they neither score nor veto; only what is
    certain on both sides vetoes (two precise figures that differ, two years)."""
    result = LinkScore(mode="general", weights=m.weights)
    if mention.amount is not None and claim.amount is not None:
        value, veto = score_amount(mention.amount, claim.amount, m)
        if veto and not (mention.amount.vague or claim.amount.vague):
            result.vetoes.append(veto)
        elif value is not None:
            result.notes.append(f"figures agree by {value:.2f}")
    if (
        mention.event_year is not None
        and claim.event_year is not None
        and mention.event_year != claim.event_year
    ):
        result.vetoes.append(f"different years ({mention.event_year} vs {claim.event_year})")
    return result


def with_text(
    partial: LinkScore,
    mention: Features,
    claim: Features,
    idf: Mapping[str, float],
    *,
    mention_words: tuple[dict[str, float], dict[str, float]] | None = None,
) -> LinkScore:
    """``partial`` (from :func:`structure`) completed with the texts' cosine.

    In the general mode the texts are compared word for word, names included
    (a name's tokens and the same word in a sentence are one term), without
    the kind that every general claim shares. ``mention_words`` is
    ``plain_words(mention.bag, idf)`` when the caller has it (it is the same
    for every candidate)."""
    components = dict(partial.components)
    if partial.mode == "general":
        a, a_idf = mention_words or plain_words(mention.bag, idf)
        b, b_idf = plain_words(claim.bag, idf)
        components["text"] = cosine(a, b, {**b_idf, **a_idf})
    else:
        components["text"] = cosine(mention.bag, claim.bag, idf)
    return LinkScore(
        components=components,
        vetoes=list(partial.vetoes),
        notes=list(partial.notes),
        penalty=partial.penalty,
        mode=partial.mode,
        weights=partial.weights,
    )


def plain_words(
    bag: Mapping[str, float], idf: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """A bag keyed by the word alone (``pt:foley`` and ``w:foley`` are one
    word, counted once), without kinds; each word keeps the highest weight and
    the highest IDF of its forms."""
    words: dict[str, float] = {}
    weights: dict[str, float] = {}
    for term, w in bag.items():
        if term.startswith("w:"):
            word = term[2:]
        elif term.startswith("pt:"):
            word = term[3:]
        else:
            continue
        if word == UNKNOWN_KIND:
            continue
        words[word] = max(words.get(word, 0.0), 1.0 + math.log(w) if w >= 1.0 else w)
        weights[word] = max(weights.get(word, 0.0), idf.get(term, 1.0))
    return words, weights


def score(
    mention: Features,
    claim: Features,
    idf: Mapping[str, float],
    settings: MatchSettings | None = None,
) -> LinkScore:
    """Compare a mention with what a claim has accumulated."""
    return with_text(structure(mention, claim, settings), mention, claim, idf)


def upper_bound(partial: LinkScore) -> float:
    """The best total a pair scored by :func:`structure` can reach, whatever
    the texts say (0 when vetoed). Lets the linker skip loading the term bags
    of claims that could not reach a threshold."""
    return LinkScore(
        components={**partial.components, "text": 1.0},
        vetoes=partial.vetoes,
        penalty=partial.penalty,
        mode=partial.mode,
        weights=partial.weights,
    ).total
