"""The stance-free matching key of a mention.

Folded, lightly stemmed content words; lexicon words mapped to concept tokens
shared across languages (``investir``, ``invest`` -> ``investment``); cue
words, stopwords, numbers and party names removed, since matching weighs
parties and amounts on their own and a stance must not change the key.
"""

from __future__ import annotations

import re

from tracker.extract import lexicon as _lexicon
from tracker.extract.language import resolve
from tracker.extract.lexicon import Lexicon
from tracker.extract.text import fold

_WORD = re.compile(r"[^\W\d_][\w'-]{1,40}")


def stem(word: str, lex: Lexicon) -> str:
    """A light stem: plural and possessive endings only (the lexicon's ``[terms]``)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4:
        for ending, replacement in lex.stem_rewrites:
            if word.endswith(ending):
                return word[: -len(ending)] + replacement
        if word[-1] in lex.plural_letters and word[-2] not in lex.keep_after:
            return word[:-1]
    return word


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces (same length)."""
    if not spans:
        return text
    n = len(text)
    parts: list[str] = []
    pos = 0
    for a, b in sorted((max(a, 0), min(b, n)) for a, b in spans):
        if b <= pos:
            continue
        a = max(a, pos)
        parts.append(text[pos:a])
        parts.append(" " * (b - a))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def terms_of(
    folded: str,
    span: tuple[int, int],
    blocked: list[tuple[int, int]],
    lex: Lexicon,
    words: bool = True,
) -> list[str]:
    """Terms of the sentence ``folded[span]``; ``blocked`` spans (cues,
    names, amounts) contribute nothing. A funding round's letter becomes a
    token of its own (``Series B``, ``série B`` -> ``round_b``) so rounds of
    one company stay apart. ``words=False``: concept tokens only."""
    s0, s1 = span
    # Blank out blocked spans instead of testing every word against them.
    sentence = _blank(folded[s0:s1], [(a - s0, b - s0) for a, b in blocked if a < s1 and b > s0])
    out = ["round_" + m.group(1) for m in lex.round_label.finditer(sentence)]
    concepts = list(lex.concepts.finditer(sentence))
    out.extend(m.payload for m in concepts)
    if not words:
        return out
    sentence = _blank(sentence, [(m.start, m.end) for m in concepts])
    elision = lex.rules.term_elision
    for m in _WORD.finditer(sentence):
        word = elision.sub("", m.group()).strip("'-")
        if len(word) < 3 or word in lex.stopwords or lex.is_ordinary(word):
            continue
        out.append(stem(word, lex))
    return out


def key_terms(text: str, language: str | None = None) -> list[str]:
    """The stance-free matching words of free text (a user's search query), as
    :func:`tracker.extract.extract` computes them for a mention, so both meet
    in the index."""
    folded = fold(text)
    return terms_of(folded, (0, len(folded)), [], _lexicon.get(resolve(text, language)))
