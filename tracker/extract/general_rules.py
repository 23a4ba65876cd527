"""The words of the general claim's rules, compiled once per language.

:mod:`.general` reads a headline's stance with these: denial words and
negated predicates, hearsay and its modals, questions and their answers, the
speakers that are no party, and the markers of pieces that assert nothing.
The words are the lexicons' ``[general]`` sections.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from tracker import lexicons
from tracker.extract.text import fold

__all__ = ["GeneralRules", "rules"]

#: An optional label before a headline's colon ("Exclusive: ", "Bergdahl: "),
#: as a regex fragment of the rules below.
_LABEL = r"(?:[^:]{0,80}:\s*)?"


@dataclass(frozen=True)
class GeneralRules:
    """The genre markers of one language, from its lexicon's ``[general]`` table."""

    #: Words of a market wrap ("stocks close", "le CAC 40 termine"), or a
    #: market as the headline's subject ("Stocks edge higher", "Le marché des...").
    market_wrap: re.Pattern[str]
    market_subject: re.Pattern[str]
    #: An interview, wherever the headline says so ("...: an interview with").
    interview: re.Pattern[str]
    #: Words that say how a claim is held, not what it is ("reportedly",
    #: "hoax", "rumeur"): left out of its words.
    stance_words: frozenset[str]
    #: Words that call a claim false ("hoax", "debunked", "infondé").
    denial: re.Pattern[str]
    #: A negated predicate ("has not been", "is not dead", "n'a pas").
    negation: re.Pattern[str]
    #: A self-answering question's answer ("? No", "? Non").
    answer_no: re.Pattern[str]
    answer_yes: re.Pattern[str]
    #: Hearsay: attribution, hedges and modal forms ("said to", "claims", "serait").
    hearsay: re.Pattern[str]
    #: The modals among them, and what makes one qualify a subordinate clause
    #: rather than the headline's claim: "lands a catfish which could be the
    #: biggest", "suspended for saying he could", "qui pourrait".
    modals: re.Pattern[str]
    subordinate: re.Pattern[str]
    #: A speaker that is a document, a source or an unnamed person, before a
    #: colon ("Lawmaker: ...") or before "says" at the end ("..., source says").
    speaker_prefix: re.Pattern[str]
    speaker_suffix: re.Pattern[str]
    #: A word that makes what follows a past event: "weeks after denying talks".
    recalled_before: re.Pattern[str]
    #: A denial verb after a negation undoes it: "does not rule out", "n'exclut pas".
    double_negation: re.Pattern[str]
    #: A feeling after a negation is reported, not denied: "isn't happy with".
    feeling: re.Pattern[str]
    #: Headline-ese without its verb: "Valnord blast not a gas leak".
    verbless: re.Pattern[str]
    #: Said as settled ("It's official: ..."): a confirmation, and no speaker.
    official: re.Pattern[str]


def _phrase(p: str) -> str:
    """A lexicon phrase as a regex: spaces match any run of spaces, a final
    ``*`` any word ending, `` … `` up to three words ("despite … rumo*":
    "despite mortality rumours")."""
    gap = r"(?:\s+[\w'’-]+){0,3}\s+"
    return gap.join(_plain_phrase(fold(part)) for part in p.split(" … "))


def _plain_phrase(p: str) -> str:
    stem = p.endswith("*")
    body = re.escape(p.rstrip("*")).replace("\\ ", r"\s+")
    return body + (r"\w*" if stem else "")


def _alternation(phrases: list[str]) -> str:
    return "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True)) or r"(?!x)x"


def _words(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’])(?:{_alternation(phrases)})(?![\w])")


def _negated_participle(raw: dict[str, Any]) -> str:
    """A negator then a past participle ("Not Blurred", "not posted by"),
    but not one that only withholds a confirmation ("not confirmed") or
    undoes a denial ("not ruled out"): an alternative of the negation regex,
    empty where the lexicon lists no participle endings."""
    negators, endings = raw.get("participle_negators", []), raw.get("participle_endings", [])
    if not negators or not endings:
        return ""
    kept = _alternation(raw.get("participles_not_denied", []))
    return (
        rf"|(?<![\w'’])(?:{_alternation(negators)})\s+(?!(?:{kept})(?![\w]))"
        rf"[^\W\d_]+(?:{'|'.join(map(re.escape, endings))})(?![\w])"
    )


@functools.lru_cache(maxsize=16)
def rules(language: str) -> GeneralRules:
    raw = lexicons.load(language).get("general", {})
    return GeneralRules(
        market_wrap=re.compile(rf"(?<!\w)(?:{_alternation(raw.get('market_wrap', []))})(?!\w)"),
        market_subject=re.compile(
            rf"^\W*(?:{_alternation(raw.get('market_subjects', []))})(?![\w])"
        ),
        interview=_words(raw.get("interview", [])),
        stance_words=frozenset(fold(w) for w in raw.get("stance_words", [])),
        denial=_words(raw.get("denial", [])),
        negation=re.compile(
            rf"(?:^{_LABEL}\W*(?:{_alternation(raw.get('answers_no', []))})\s*[,:!.]"
            rf"|(?<![\w'’])(?:{_alternation(raw.get('negated_predicates', []))})(?![\w])"
            rf"{_negated_participle(raw)})"
        ),
        answer_no=re.compile(rf"\?\W*(?:{_alternation(raw.get('answers_no', []))})(?![\w])"),
        answer_yes=re.compile(rf"\?\W*(?:{_alternation(raw.get('answers_yes', []))})(?![\w])"),
        hearsay=_words(raw.get("hearsay", [])),
        modals=re.compile(rf"(?:{_alternation(raw.get('modals', []))})"),
        subordinate=re.compile(
            rf"(?<![\w'’])(?:{_alternation(raw.get('subordinators', []))})"
            rf"(?:\s+[\w'’-]+){{0,2}}\s+$"
        ),
        recalled_before=re.compile(
            rf"(?<![\w'’])(?:{_alternation(raw.get('recalled_before', []))})\s+(?:\S+\s+)?$"
        ),
        double_negation=re.compile(
            rf"\s*(?:{_alternation(raw.get('double_negation', []))})(?![\w])"
        ),
        official=_words(raw.get("official", [])),
        feeling=re.compile(rf"\s*(?:{_alternation(raw.get('feelings', []))})(?![\w])"),
        verbless=_words(raw.get("verbless_negations", [])),
        speaker_prefix=re.compile(
            rf"^\W*(?:[\w.'’-]+\s+){{0,3}}(?:{_alternation(raw.get('speakers', []))})\s*:"
            # "Senator says ...", "Exclusive: police say ...": a speaker
            # that is no name, then a speech verb, opening the headline.
            rf"|^{_LABEL}\W*(?:[\w.'’-]+\s+){{0,2}}"
            rf"(?:{_alternation(raw.get('speakers_before_verb', []))})"
            rf"\s+(?:{_alternation(raw.get('speech_verbs', []))})(?![\w])"
        ),
        speaker_suffix=re.compile(
            rf"[,:(\[–—-]\s*(?:[\w.'’-]+\s+){{0,3}}(?:{_alternation(raw.get('speakers', []))})"
            rf"(?:\s+(?:{_alternation(raw.get('speech_verbs', []))}))?\W*$"
        ),
    )
