"""The figures of a claim: which sums a sentence's claim can have, and which it has.

Prices per share ("$47.50 a share") are never a deal's total; a sum per
period ("EUR 6bn a year") counts only when no other sum is there; share-price
moves and the valuation of a round are no claim's figure. A sentence with a
sum, a rumour cue and a word naming a report or source, but no event word
("Rumours had put the envelope at about $3bn", "les rumeurs tablaient sur une
enveloppe de 10 milliards"), is a *rumoured figure* of the article's main
claim (its first candidate): it takes that claim's kind, parties and year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.extract.sentence import SentenceInfo
from tracker.extract.text import CLAUSE_BREAK
from tracker.extract.types import Amount
from tracker.kinds import table as kind_table
from tracker.status import Status

if TYPE_CHECKING:
    from tracker.extract.families import CueFamily
    from tracker.extract.lexicon import Lexicon
    from tracker.extract.phrases import PhraseMatch

#: Money verbs count next to a sum at least this large: "$24 a share" or a
#: "$2,499" robot is paid, but is no deal's figure.
MIN_MONEY = 1e5
_MONEY_GAP_AFTER = 45
_MONEY_GAP_BEFORE = 20
_MONEY_BREAK = re.compile(r"[;:()!?]")


def money_near(
    folded: str, match: PhraseMatch[str], amounts: list[tuple[Amount, int, int]], lex: Lexicon
) -> bool:
    """A sum of money (with its currency) inside a money verb's phrase, right
    after it ("pumped $2bn into", "apporté un milliard de dollars à") or just
    before it ("a $10bn commitment")."""
    per_period = lex.rules.per_period
    for amount, a, b in amounts:
        if amount.unit is not None or amount.currency is None:
            continue
        if per_period.match(folded, b):
            continue  # "EUR 6bn a year in payments", "$24 a share": a rate, no deal
        if (amount.value if amount.value is not None else amount.high) < MIN_MONEY:
            continue
        if match.start <= a and b <= match.end:
            return True
        if 0 <= a - match.end <= _MONEY_GAP_AFTER and not _MONEY_BREAK.search(folded, match.end, a):
            return True
        if 0 <= match.start - b <= _MONEY_GAP_BEFORE and not CLAUSE_BREAK.search(
            folded, b, match.start
        ):
            return True
    return False


#: Cue families that can give a figure-only sentence a rumoured figure.
_HEARSAY_FAMILIES = frozenset({"unnamed_source", "outlet_source", "reported", "recall", "talks"})


def hearsay_figure(
    folded: str, span: tuple[int, int], cue_hits: Sequence[PhraseMatch[CueFamily]], lex: Lexicon
) -> bool:
    """A sentence with a rumour cue, a word naming a report and a figure: it
    may hold the rumoured figure of the article's claim (see :mod:`tracker.extract.article`)."""
    return (
        any(m.payload.family in _HEARSAY_FAMILIES for m in cue_hits)
        and lex.amount_core.search(folded, span[0], span[1]) is not None
        and lex.hearsay.search(folded, span[0], span[1]) is not None
    )


def rumored_figure(info: SentenceInfo, folded: str, lex: Lexicon) -> bool:
    """No event word, a rumour decided by a named report or source, and a sum
    of money: "Rumours had put the envelope at about $3bn", "les rumeurs
    tablaient sur une enveloppe de 10 milliards". A bare conditional ("les
    ventes seraient tombées à...") is no report of a figure."""
    decision = info.decision
    if decision.status is not Status.RUMOR or decision.cue_kind not in _HEARSAY_FAMILIES:
        return False
    if lex.hearsay.search(folded, info.start, info.end) is None:
        return False
    return any(a.unit is None and a.value is not None for a, _, _ in info.amounts)


def attach_figures(
    candidates: list[SentenceInfo], figures: list[SentenceInfo]
) -> list[SentenceInfo]:
    """Give each figure-only rumour sentence the kind, parties and year of the
    article's main claim (its first candidate), as a rumoured figure of it.
    A sentence naming other parties only speaks of something else."""
    main = candidates[0]
    keys = main.party_keys
    for info in figures:
        cue = info.decision.cue
        if cue is not None:
            # "Trade press had pegged it at...", "Bloomberg reports put...":
            # a name right before the cue is the source, not a party.
            info.parties = [e for e in info.parties if not 0 <= cue.start - e.end <= 1]
        if info.parties and not (info.party_keys & keys):
            info.notes.append("a rumoured figure of other parties than the main claim's: not used")
            continue
        kind = main.kind
        amount = choose_amount(kind, info.amounts)
        if amount is None or amount.unit == "%":
            continue
        info.kind = kind
        info.amount = amount
        info.ranked = list(main.ranked)
        info.parties = [e for e, _ in info.ranked]
        info.event_year = main.event_year
        info.inherited = True
        info.figure_only = True
        info.notes.append(
            f"no event word: the rumoured figure {amount.text!r} of the main claim "
            f"(sentence {main.index}, {kind})"
        )
    attached = [f for f in figures if f.figure_only]
    return sorted(candidates + attached, key=lambda c: c.index)


def claim_amounts(
    folded: str,
    amounts: list[tuple[Amount, int, int]],
    kind: str | None,
    kinds: Sequence[PhraseMatch[str]],
    market_move: bool,
    lex: Lexicon,
) -> list[tuple[Amount, int, int]]:
    """The figures a claim of the sentence can have: without share-price
    moves ("shares jumped 35%"), and without the valuation of a round or an
    investment ("raise $250m at a $3bn valuation")."""
    if not amounts:
        return amounts
    # "$47.50 a share" is a price per share, never a deal's total: left out. A
    # sum per period ("EUR 6bn a year") stays unless another sum is there too.
    per_unit, per_period = lex.rules.per_unit, lex.rules.per_period
    amounts = [h for h in amounts if not per_unit.match(folded, h[2])]
    rates = [h for h in amounts if h[0].currency and per_period.match(folded, h[2])]
    if rates and len(rates) < sum(1 for h in amounts if h[0].currency):
        amounts = [h for h in amounts if h not in rates]
    if market_move:
        amounts = [h for h in amounts if h[0].unit != "%"]
    table = kind_table()
    if kind in table.at_a_valuation:
        valuations = [m for m in kinds if m.payload == table.valuation]
        if valuations:
            amounts = [h for h in amounts if not _valuation_figure(folded, h, valuations)]
    return amounts


def _valuation_figure(
    folded: str, hit: tuple[Amount, int, int], valuations: Sequence[PhraseMatch[str]]
) -> bool:
    _, start, end = hit
    for v in valuations:
        if v.start <= start <= v.end + 45:
            return True  # "valued at $3bn", "would value it at roughly $3bn"
        if end <= v.start and not folded[end : v.start].strip(" -"):
            return True  # "a $3bn valuation"
    return False


def choose_amount(kind: str | None, amounts: Sequence[tuple[Amount, int, int]]) -> Amount | None:
    """The figure a claim is about: money first; jobs first for layoffs;
    a precise sum before a vague one ("a multibillion-dollar investment...
    reported at about $10bn")."""
    if not amounts:
        return None
    values = [a for a, _, _ in amounts]
    money = sorted((a for a in values if a.unit is None), key=lambda a: a.value is None)
    counts = [a for a in values if a.unit not in (None, "%")]
    percent = [a for a in values if a.unit == "%"]
    counts_first = kind in kind_table().counts_first
    order = [counts, percent, money] if counts_first else [money, counts, percent]
    for bucket in order:
        if bucket:
            return bucket[0]
    return None  # pragma: no cover - every amount lands in a bucket


def amount_rank(kind: str | None, amount: Amount | None) -> int:
    if amount is None:
        return 3
    if amount.unit == "%":
        return 2
    money_first = kind not in kind_table().counts_first
    return (0 if amount.unit is None else 1) if money_first else (1 if amount.unit is None else 0)


def precise_money(amount: Amount | None) -> bool:
    return amount is not None and amount.unit is None and amount.value is not None


def vague_money(amount: Amount | None) -> bool:
    return amount is not None and amount.unit is None and amount.value is None
