"""Which lexicon reads a text: the language given, else the one its stopwords vote for."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tracker import lexicons

DEFAULT_LANGUAGE = "en"
#: Whole words, apostrophes and hyphens inside them: "Jong-un" is no "un".
_GUESS_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Another language wins over the default only with this many more votes:
#: a short English headline with one French-looking word stays English.
LEAD = 2


def guess_language(text: str) -> str:
    """``"en"``, ``"fr"``... by counting each lexicon's own stopwords.

    Words that are stopwords in several languages do not vote. Defaults to
    English (or, without an English lexicon, the first language) when nothing
    votes.
    """
    voters = _voters(lexicons.directory())
    owner, letters, any_letter = voters.owner, voters.letters, voters.any_letter
    scores = dict.fromkeys(voters.languages, 0)
    for word in _GUESS_WORDS.findall(text[:4000].lower()):
        if len(word) > 1 and "'" not in word and "’" not in word:
            lang = owner.get(word)  # the common case: one plain word
            if lang is not None:
                scores[lang] += 1
        else:
            for part in _parts(word):
                lang = owner.get(part)
                if lang is not None:
                    scores[lang] += 1
        # A letter only one language writes ("rachète", "l'été") votes for it.
        if any_letter.search(word) is not None:
            chars = set(word)
            owners = [lang for lang, own in letters if own & chars]
            if len(owners) == 1:
                scores[owners[0]] += 1
    langs = voters.languages
    default = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in langs else langs[0]
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    if best != default and scores[best] < scores[default] + LEAD:
        return default
    return best if scores[best] > 0 else default


@dataclass(frozen=True)
class _Voters:
    languages: tuple[str, ...]
    #: A stopword of exactly one language -> that language.
    owner: dict[str, str]
    #: (language, the letters its lexicon calls its own), for languages with some.
    letters: tuple[tuple[str, frozenset[str]], ...]
    #: Any of those letters: most words hold none, and are done at C speed.
    any_letter: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def _voters(folder: Path) -> _Voters:
    """Who votes for what, built once per lexicon folder."""
    langs = lexicons.languages()
    sets = {lang: lexicons.stopwords(lang) for lang in langs}
    owners: dict[str, list[str]] = {}
    for lang in langs:
        for word in sets[lang]:
            owners.setdefault(word, []).append(lang)
    letters = tuple((lang, frozenset(_letters(lang))) for lang in langs if _letters(lang))
    every = "".join(sorted(set().union(*(own for _, own in letters)))) if letters else ""
    return _Voters(
        languages=langs,
        owner={w: o[0] for w, o in owners.items() if len(o) == 1},
        letters=letters,
        any_letter=re.compile(f"[{re.escape(every)}]" if every else r"(?!)"),
    )


def _letters(language: str) -> str:
    """The letters a language's lexicon calls its own (``[words] letters``)."""
    return str(lexicons.load(language).get("words", {}).get("letters", ""))


def _parts(word: str) -> list[str]:
    """The words that vote: a whole word, or both sides of an elision
    ("l'opération" votes "l'" and "opération"); a hyphenated word votes whole,
    a possessive and a lone letter not at all."""
    if "-" in word:
        return [word]
    for mark in ("'", "’"):
        if mark in word:
            head, _, tail = word.partition(mark)
            if tail == "s":  # an English possessive: "Un's", "Kim's" name someone
                return []
            return [head + "'", head, tail]
    # A lone letter ("U.S.", "N. Korea") says little about a language.
    return [word] if len(word) > 1 else []


def resolve(text: str, language: str | None) -> str:
    """``language`` when a lexicon exists for it, else the guess for ``text``."""
    if language and language in lexicons.languages():
        return language
    return guess_language(text)
