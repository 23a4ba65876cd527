"""Regexes built from lexicon words: the mechanisms, with the words left to the data.

Lexicon words are folded like the text they are matched on
(:func:`tracker.extract.text.fold_aligned`), except where a rule reads the
text as written (:func:`written`, :func:`elided`: names keep their case).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from tracker.extract.phrases import PhraseSet, phrase_regex
from tracker.extract.text import fold

#: Matches nothing: the regex of an empty word list.
NOTHING = r"(?!x)x"
#: An apostrophe as written: straight or curly.
APOSTROPHE = "['’]"


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of folded literal ``words``, longest first."""
    folded = sorted({fold(w) for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in folded) or NOTHING


def stems(words: Iterable[str]) -> str:
    """Like :func:`alternation`, a trailing ``*`` marking a stem (any word ending)."""
    folded = sorted({fold(w) for w in words if w}, key=lambda w: (-len(w), w))
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in folded]
    return "|".join(parts) or NOTHING


def spaced(phrases: Iterable[str]) -> str:
    """Alternation of folded phrases in the phrase language (words apart by any spaces)."""
    folded = sorted({fold(p) for p in phrases if p}, key=lambda p: (-len(p), p))
    return "|".join(phrase_regex(p) for p in folded) or NOTHING


def glued(words: Iterable[str], space: str) -> str:
    """Alternation of folded words each followed by ``space``, except elided
    words ending in an apostrophe, glued to the next word ("l'", "d'")."""
    folded = sorted({fold(w) for w in words if w}, key=lambda w: (-len(w), w))
    parts = [re.escape(w) + ("" if w.endswith("'") else space) for w in folded]
    return "|".join(parts) or NOTHING


def written(word: str) -> str:
    """Regex for ``word`` as written in the text: an apostrophe matches either kind."""
    return "".join(APOSTROPHE if c in "'’" else re.escape(c) for c in word)


def elided(word: str) -> str:
    """Regex for an elided word as written, its first letter in either case ("l'", "L’")."""
    first = word[0]
    return f"[{re.escape(first.lower())}{re.escape(first.upper())}]" + written(word[1:])


def written_alternation(words: Iterable[str]) -> str:
    """Alternation of words as written (see :func:`written`), longest first."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(written(w) for w in ordered) or NOTHING


def words_before_regex(words: list[str]) -> re.Pattern[str]:
    """Regex matching one of ``words`` (folded) that ends a window of text."""
    return re.compile(r"(?<![\w'])(?:" + alternation(words) + r")\s+$")


def phrases_regex(phrases: list[str]) -> re.Pattern[str]:
    """One regex for a list of phrases (no payloads needed), longest first,
    built as a trie like :class:`PhraseSet`'s so scans stay fast."""
    return PhraseSet([(p, None) for p in phrases]).pattern


def core_regex(words: list[str]) -> re.Pattern[str]:
    """Digit runs, and ``words`` at a word start. Written to open on a single
    character class, which lets the regex engine skip other characters fast."""
    folded = sorted({fold(w) for w in words if w}, key=lambda w: (-len(w), w))
    firsts = "".join(sorted({w[0] for w in folded}))
    tails = "|".join(f"(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in folded)
    return re.compile(rf"[\d{re.escape(firsts)}](?:(?<=\d)\d*|(?<!\w.)(?:{tails or NOTHING}))")


def amount_regex(
    raw: Mapping[str, Any], joiners: list[str]
) -> tuple[re.Pattern[str], list[tuple[float, float]]]:
    """The regex of every amount a language writes, and the ranges of its
    vague amounts (by their group index). ``joiners`` link a scale to its
    currency ("billions of dollars", "milliards de dollars")."""
    numbers = raw.get("numbers", {})
    currencies = raw.get("currencies", {})
    units = raw.get("units", {})
    number_words = alternation(list(numbers.get("words", {})))
    scales = alternation(list(numbers.get("scales", {})))
    short = alternation(list(numbers.get("short_scales", {})))
    qualifiers = alternation(list(numbers.get("qualifiers", {})))
    prefix = alternation(list(currencies.get("prefix", {})))
    suffix = alternation(list(currencies.get("suffix", {})))
    unit_words = alternation([w for words in units.values() for w in words])
    # Digits are capped (15 before the decimal part) so a 10,000-digit run is
    # rejected by the lookarounds rather than parsed; every repetition is
    # bounded or over a class disjoint from what follows it.
    num = r"(?<![\w.,])(?:\d{1,3}(?:[ ,.]\d{3}){1,4}(?:[.,]\d{1,3})?|\d{1,15}(?:[.,]\d{1,3})?)(?![\d])"
    word_num = rf"(?<![\w])(?:{number_words})"
    de = r"(?:\s?(?:" + glued(joiners, r"\s") + r"))?"
    end = r"(?![\w])"
    vague_entries = numbers.get("vague", [])
    vague_parts = []
    ranges: list[tuple[float, float]] = []
    for i, entry in enumerate(vague_entries):
        vague_parts.append(f"(?P<v{i}>{phrase_regex(fold(entry['phrase']))})")
        ranges.append((float(entry["low"]), float(entry["high"])))
    vague = "|".join(vague_parts) or NOTHING
    # Every amount starts at a word start or a symbol: the leading lookbehind
    # lets the scan skip the inside of words at once.
    source = (
        rf"(?<!\w)(?:(?P<qual>{qualifiers})\s)?(?:"
        # A: currency before the number: $10bn, US$10bn, € 3.2 billion
        rf"(?<![\w$])(?P<a_cur>{prefix})\s?(?P<a_num>{num}|{word_num}(?=[\s-](?:{scales})))"
        rf"(?:[\s-]?(?P<a_scale>{scales}|{short}){end})?(?:\s(?:{suffix}){end})?"
        # B: currency after the number (and its scale): 10 milliards de dollars, 10 Md$
        rf"|(?P<b_num>{num}|{word_num}(?=[\s-](?:{scales})))[\s-]?"
        rf"(?:(?P<b_scale>{scales}|{short})\s?{de})?(?P<b_cur>{suffix})(?![\w$€£])"
        # C: a count with a unit: 1,500 jobs, 1 500 emplois, 8 %, 1.2 million users
        rf"|(?P<c_num>{num}|{word_num}(?=[\s-](?:{scales})))[\s-]?"
        rf"(?:(?P<c_scale>{scales})\s?{de})?(?:(?P<c_adj>[^\W\d][\w-]{{1,20}})\s)?(?P<c_unit>{unit_words})(?:(?<=%)|{end})"
        # D: a bare scaled number: 10 milliards, 1,5 milliard
        rf"|(?P<d_num>{num}|{word_num}(?=[\s-](?:{scales})))[\s-]?(?P<d_scale>{scales}){end}"
        # E: a vague amount: plusieurs milliards de dollars, multibillion-dollar
        rf"|(?:(?P<e_pre>{prefix})\s?)?(?<![\w])(?:{vague}){end}(?:\s?{de}(?P<e_cur>{suffix})(?![\w$€£]))?"
        r")"
    )
    return re.compile(source), ranges
