"""Which lexicon reads a text: the language given, else the one its stopwords vote for."""

from __future__ import annotations

import re

from tracker import lexicons

DEFAULT_LANGUAGE = "en"
_GUESS_WORDS = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str:
    """``"en"``, ``"fr"``... by counting each lexicon's own stopwords.

    Words that are stopwords in several languages do not vote. Defaults to
    English (or, without an English lexicon, the first language) when nothing
    votes.
    """
    langs = lexicons.languages()
    sets = {lang: lexicons.stopwords(lang) for lang in langs}
    scores = dict.fromkeys(langs, 0)
    for word in _GUESS_WORDS.findall(text[:4000].lower()):
        owners = [lang for lang in langs if word in sets[lang]]
        if len(owners) == 1:
            scores[owners[0]] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang == DEFAULT_LANGUAGE))
    if scores[best] > 0:
        return best
    return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in langs else langs[0]


def resolve(text: str, language: str | None) -> str:
    """``language`` when a lexicon exists for it, else the guess for ``text``."""
    if language and language in lexicons.languages():
        return language
    return guess_language(text)
