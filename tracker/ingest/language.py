"""Guess an article's language from the share of stopwords it uses.

The languages are those of the lexicon folder in use, and their stopwords
are :func:`tracker.lexicons.stopwords`: adding a language means adding its
files there. A word listed for two languages carries no signal and is
dropped from both.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

from tracker import lexicons

#: Only the start of a text is read: enough for a stable guess, and it keeps
#: the cost flat whatever the article's length.
SAMPLE_CHARS = 2000
#: Below this many stopword hits the guess is noise ("OpenAI Microsoft Azure").
MIN_HITS = 3
#: The winner needs this many times the runner-up's hits, else it is a tie.
MIN_LEAD = 1.5

#: Evidence enough: past this many hits with this lead, reading on cannot
#: change the answer, so the rest of the sample is skipped.
SETTLED_HITS = 30
SETTLED_LEAD = 3
_CHECK_EVERY = 32

# French elisions ("l'éditeur", "qu'il") are split at the apostrophe, so "l"
# and "qu" can be listed as French stopwords. Splitting on whitespace and
# stripping punctuation from the odd token is twice as fast as a \w regex.
_PUNCTUATION = string.punctuation + "«»“”‘’…–—"


def stopword_table() -> dict[str, str]:
    """Map each unambiguous stopword to its language code, for the lexicon
    folder in use."""
    return _stopword_table(lexicons.directory())


def known_languages() -> frozenset[str]:
    """Language codes that have a stopword list."""
    return frozenset(stopword_table().values())


@lru_cache(maxsize=8)
def _stopword_table(folder: Path) -> dict[str, str]:
    # ``folder`` keys the cache; the lexicons look it up again, to the same answer.
    owners: dict[str, set[str]] = {}
    for language in lexicons.languages():
        for word in lexicons.stopwords(language):
            owners.setdefault(word, set()).add(language)
    return {word: langs.pop() for word, langs in owners.items() if len(langs) == 1}


def detect_language(text: str) -> str | None:
    """Return the language code of ``text`` ("en", "fr"), or ``None`` when unsure.

    Unsure means fewer than :data:`MIN_HITS` stopwords in the first
    :data:`SAMPLE_CHARS` characters, or a runner-up within :data:`MIN_LEAD`.
    """
    lookup = stopword_table().get
    counts: dict[str, int] = {}
    # str.replace, not str.translate: translate is slow on non-ASCII text.
    tokens = text[:SAMPLE_CHARS].lower().replace("'", " ").replace("’", " ").split()
    for index, token in enumerate(tokens, start=1):
        lang = lookup(token)
        if lang is None and not token.isalpha():
            lang = lookup(token.strip(_PUNCTUATION))
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + 1
        if index % _CHECK_EVERY == 0 and _decide(counts, SETTLED_HITS, SETTLED_LEAD):
            break
    return _decide(counts, MIN_HITS, MIN_LEAD)


def _decide(counts: dict[str, int], min_hits: int, min_lead: float) -> str | None:
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=counts.__getitem__)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    if ranked[0] < min_hits or ranked[0] < min_lead * runner_up:
        return None
    return best
