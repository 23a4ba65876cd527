"""Figures in text, normalized: money, counts with a unit, percentages.

One compiled regex per language (built from the lexicon's number words,
scales, currencies and units) finds the figures; this module turns each match
into an :class:`~tracker.extract.types.Amount`.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as _lexicon
from tracker.extract.language import resolve
from tracker.extract.lexicon import Lexicon
from tracker.extract.text import fold_aligned
from tracker.extract.types import Amount

#: Figures above this are not amounts but noise (or an attack); dropped.
MAX_VALUE = 1e15
#: An amount starts at most LEAD characters before its first digit or scale
#: word ("approximately US$ 10bn") and ends within REACH characters after it.
LEAD = 40
REACH = 120

_STARTS = re.compile(r"(?<!\w)\S")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_MULTI_DOTS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_number(raw: str, decimal_mark: str, scaled: bool) -> float | None:
    """Read a digit string by the language's ``decimal_mark`` and its shape.

    ``1,500`` is 1500 with a decimal point (English), ``3,2`` is 3.2 with a
    decimal comma (French); with both marks the last one is the decimal mark
    (``1,500.5`` / ``1.500,5``); spaces group thousands (``1 500``). With a
    decimal comma a lone ``1.500`` is 1500, unless ``scaled`` (a scale word
    follows: ``1.5 milliard``).
    """
    comma = decimal_mark == ","
    text = raw.replace(" ", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        other = "." if decimal == "," else ","
        text = text.replace(other, "").replace(decimal, ".")
    elif "," in text:
        if (not comma and _COMMA_THOUSANDS.fullmatch(text)) or text.count(",") > 1:
            text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
    elif "." in text and (
        _MULTI_DOTS.fullmatch(text) or (comma and not scaled and _DOT_THOUSANDS.fullmatch(text))
    ):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:  # pragma: no cover - the regex only lets numbers through
        return None


def _number(lex: Lexicon, raw: str, scaled: bool) -> float | None:
    if raw[0].isdigit():
        return parse_number(raw, lex.decimal_mark, scaled)
    return lex.number_words.get(raw)


def _scale(lex: Lexicon, raw: str | None) -> float:
    if not raw:
        return 1.0
    return lex.scales.get(raw) or lex.short_scales.get(raw) or 1.0


def parse_amounts(sentence: str, language: str) -> list[tuple[Amount, int, int]]:
    """Amounts in ``sentence`` with their spans, normalized.

    Money in base units with an ISO currency (``$10bn`` -> 1e10 USD), counts
    with a canonical unit (``1 500 emplois`` -> 1500 jobs), percentages with
    unit ``%``; vague amounts (``plusieurs milliards``) have ``value=None``
    and a ``low``/``high`` range. Years are not amounts.
    """
    lex = _lexicon.get(resolve(sentence, language))
    return find_amounts(sentence, fold_aligned(sentence), lex)


def find_amounts(
    text: str, folded: str, lex: Lexicon, start: int = 0, end: int | None = None
) -> list[tuple[Amount, int, int]]:
    """Amounts in ``text[start:end]`` (``folded`` is its aligned fold), with
    spans into ``text``."""
    out: list[tuple[Amount, int, int]] = []
    end = len(folded) if end is None else end
    # Every amount holds a core (a digit, a scale word, "multi"), at most
    # LEAD characters after its start: search only around cores. Same matches
    # as one scan of the span, at a fraction of the cost.
    last = start
    match = lex.amount_regex.match
    for core in lex.amount_core.finditer(folded, start, end):
        p = core.start()
        if p < last:
            continue
        # The leftmost match starting at a word start up to the core, as a
        # scan would find it (a later one belongs to a later core).
        stop = min(end, p + REACH)
        m = None
        for s in _STARTS.finditer(folded, max(last, p - LEAD), p + 1):
            m = match(folded, s.start(), stop)
            if m is not None:
                break
        if m is None:
            continue
        last = m.end()
        amount = _to_amount(m, text, lex)
        if amount is not None:
            out.append((amount, m.start(), m.end()))
    return _ranges(out, text, folded, lex)


#: Figures further apart than this are two figures, not one range.
RANGE_MAX_RATIO = 10.0


def _ranges(
    found: list[tuple[Amount, int, int]], text: str, folded: str, lex: Lexicon
) -> list[tuple[Amount, int, int]]:
    """Join two figures of one dimension written as a range into one vague
    figure: the value is unknown, the range is what the text admits ("$1.5bn-$2bn",
    "$1.5 billion to $2 billion", "between $1.5 billion and $2 billion", "entre
    1,5 et 2 milliards d'euros": the lexicons' ``[figures]`` words)."""
    rules = lex.rules
    out: list[tuple[Amount, int, int]] = []
    i = 0
    while i < len(found):
        a, s1, e1 = found[i]
        if i + 1 < len(found):
            b, s2, e2 = found[i + 1]
            gap = folded[e1:s2]
            joined = (
                a.value is not None
                and b.value is not None
                and (a.currency, a.unit) == (b.currency, b.unit)
                and 0 < a.value < b.value <= a.value * RANGE_MAX_RATIO
                and rules.range_gap.match(gap) is not None
                and (
                    gap.strip() not in rules.range_and
                    or rules.between.search(folded, max(0, s1 - 12), s1) is not None
                )
            )
            if joined:
                # ``joined`` holds only for two precise figures.
                assert a.value is not None and b.value is not None
                rng = Amount(
                    None, a.value, b.value, currency=a.currency, unit=a.unit,
                    text=text[s1:e2], qualifier=a.qualifier,
                )  # fmt: skip
                out.append((rng, s1, e2))
                i += 2
                continue
        out.append(found[i])
        i += 1
    return out


def _to_amount(m: re.Match[str], text: str, lex: Lexicon) -> Amount | None:
    groups = m.groupdict()
    qualifier = lex.qualifiers.get(groups["qual"]) if groups["qual"] else None
    span_text = text[m.start() : m.end()]
    vague = (
        groups["a_num"] is None
        and groups["b_num"] is None
        and groups["c_num"] is None
        and groups["d_num"] is None
    )
    if vague:
        index = next(
            int(k[1:]) for k, v in groups.items() if k.startswith("v") and k[1:].isdigit() and v
        )
        low, high = lex.vague[index]
        currency: str | None = None
        if groups["e_pre"]:
            currency = lex.prefix_currencies.get(groups["e_pre"])
        elif groups["e_cur"]:
            currency = lex.suffix_currencies.get(groups["e_cur"])
        else:
            vague_text = groups[f"v{index}"]
            for word, code in lex.vague_currencies:
                if word in vague_text:
                    currency = code
        return Amount(None, low, high, currency=currency, text=span_text, qualifier=qualifier)
    currency = None
    unit: str | None = None
    if groups["a_num"] is not None:
        raw_num, raw_scale = groups["a_num"], groups["a_scale"]
        currency = lex.prefix_currencies.get(groups["a_cur"])
    elif groups["b_num"] is not None:
        raw_num, raw_scale = groups["b_num"], groups["b_scale"]
        currency = lex.suffix_currencies.get(groups["b_cur"])
    elif groups["c_num"] is not None:
        raw_num, raw_scale = groups["c_num"], groups["c_scale"]
        unit = lex.units.get(groups["c_unit"], groups["c_unit"])
        if groups["c_adj"] and (groups["c_adj"] in lex.units or groups["c_adj"] in lex.stopwords):
            return None  # "8 % of jobs", "25 du classement": not a count of jobs
        if raw_scale is None and unit != "%" and _YEAR.fullmatch(raw_num):
            return None  # "in 2019 jobs..." is a year, not a count
    else:
        raw_num, raw_scale = groups["d_num"], groups["d_scale"]
    number = _number(lex, raw_num, raw_scale is not None)
    if number is None:
        return None
    value = number * _scale(lex, raw_scale)
    if not 0 < value <= MAX_VALUE:
        return None
    return Amount(
        value, value, value, currency=currency, unit=unit, text=span_text, qualifier=qualifier
    )
