"""The stance-free matching key of a mention.

Folded, lightly stemmed content words; lexicon words mapped to concept tokens
shared across languages (``investir``, ``invest`` -> ``investment``); cue
words, stopwords, numbers and party names removed, since matching weighs
parties and amounts on their own and a stance must not change the key.
"""

from __future__ import annotations

import re

from tracker.extract.lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_][\w'-]{1,40}")
_ELIDED = re.compile(r"^(?:[dljnsmt]|qu)'")


def stem(word: str, language: str) -> str:
    """A light stem: plural and possessive endings only (both languages)."""
    if word.endswith("'s"):
        word = word[:-2]
    if language == "en" and len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word[-1] in "sx" and word[-2] not in "su":
        return word[:-1]
    return word


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[max(a, 0) : b] = " " * (min(b, len(text)) - max(a, 0))
    return "".join(chars)


def terms_of(
    folded: str,
    span: tuple[int, int],
    blocked: list[tuple[int, int]],
    lex: Lexicon,
) -> list[str]:
    """Terms of the sentence ``folded[span]``; ``blocked`` spans (cues,
    names, amounts) contribute nothing."""
    s0, s1 = span
    out: list[str] = []
    # Blank out blocked spans instead of testing every word against them.
    sentence = _blank(folded[s0:s1], [(a - s0, b - s0) for a, b in blocked if a < s1 and b > s0])
    concepts = list(lex.concepts.finditer(sentence))
    out.extend(m.payload for m in concepts)
    sentence = _blank(sentence, [(m.start, m.end) for m in concepts])
    for m in _WORD.finditer(sentence):
        word = _ELIDED.sub("", m.group()).strip("'-")
        if len(word) < 3 or word in lex.stopwords or lex.is_ordinary(word):
            continue
        out.append(stem(word, lex.language))
    return out
