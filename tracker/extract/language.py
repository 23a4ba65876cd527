"""Which lexicon reads a text: the language given, else the one its stopwords vote for."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
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
    scores = dict.fromkeys(voters.languages, 0)
    votes, votes_of = voters.votes, voters.votes_of
    if len(votes) > _VOTES_KEPT:
        votes.clear()
    # Each distinct word once, its votes counted as often as it occurs.
    for word, count in Counter(_GUESS_WORDS.findall(text[:4000].lower())).items():
        langs = votes.get(word)
        if langs is None:
            langs = votes[word] = votes_of(word)
        for lang in langs:
            scores[lang] += count
    langs = voters.languages
    default = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in langs else langs[0]
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    if best != default and scores[best] < scores[default] + LEAD:
        return default
    return best if scores[best] > 0 else default


#: At most this many distinct words' votes are kept per lexicon folder.
_VOTES_KEPT = 100_000


@dataclass(frozen=True)
class _Voters:
    languages: tuple[str, ...]
    #: A stopword of exactly one language -> that language.
    owner: dict[str, str]
    #: (language, the letters its lexicon calls its own), for languages with some.
    letters: tuple[tuple[str, frozenset[str]], ...]
    #: Any of those letters: most words hold none, and are done at C speed.
    any_letter: re.Pattern[str]
    #: word -> the languages it votes for (once each, or twice), as learnt.
    votes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def votes_of(self, word: str) -> tuple[str, ...]:
        """The votes of one word: as a stopword of one language (or, elided,
        by its parts), and by a letter only one language writes ("rachète")."""
        owner = self.owner
        if len(word) > 1 and "'" not in word and "’" not in word:
            found = [owner[word]] if word in owner else []
        else:
            found = [owner[part] for part in _parts(word) if part in owner]
        if self.any_letter.search(word) is not None:
            chars = set(word)
            owners = [lang for lang, own in self.letters if own & chars]
            if len(owners) == 1:
                found.append(owners[0])
        return tuple(found)


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
