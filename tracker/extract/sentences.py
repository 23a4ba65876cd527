"""Sentence splitting that survives abbreviations, figures and French typography."""

from __future__ import annotations

import re

from tracker.extract import lexicon as _lexicon
from tracker.extract.language import resolve
from tracker.extract.lexicon import Lexicon
from tracker.extract.text import fold_aligned

# A run of terminal punctuation, optional closing quotes or brackets (French
# puts a space before »), then whitespace. Each part is a single class
# repeated, and the classes are disjoint from what follows: linear time.
_BOUNDARY = re.compile(r"[.!?…]{1,50}((?:\s?[»\"”'’)\]]){0,3})(?=\s)|\n[ \t]*\n")
_WORD_BEFORE_REVERSED = re.compile(r"[^\s«\"“(\[]{1,30}")
_SOFT_NEWLINE = re.compile(r"\n")
_NEXT_OK = re.compile(r"\s*([^\s])")
_OPENERS = set("«\"“‘'([-–—•*0123456789")
_SPLIT_AFTER_LINE = set('.!?…:»"”')


def _is_boundary(text: str, folded: str, m: re.Match[str], lex: Lexicon, begin: int) -> bool:
    if m.group().startswith("\n"):
        return True  # a blank line always ends a sentence (title, paragraph)
    nxt = _NEXT_OK.match(text, m.end())
    if nxt is None:
        return True
    char = nxt.group(1)
    if char.islower() or char in ",;:)":
        return False
    if not (char.isupper() or char in _OPENERS or not char.isalnum()):
        return False
    punct = folded[m.start() : m.start() + 1]
    if punct != "." or folded[m.start() : m.start() + 2] == "..":
        return True
    # The word before the period: matched on the reversed text, so the
    # regex runs once instead of from every one of the 30 positions.
    before = _WORD_BEFORE_REVERSED.match(folded[max(begin, m.start() - 30) : m.start()][::-1])
    if before is None:
        return True
    word = before.group()[::-1].lstrip("'")
    if len(word) == 1 and word.isalpha():
        return False  # an initial or "M." (monsieur): never the end
    if word in lex.abbreviations:
        if word not in lex.final_abbreviations:
            return False
        # "Acme Inc. The deal..." ends; "Acme Inc. said" does not.
        next_word = re.match(r"\s*(\w+)", folded[m.end() : m.end() + 40])
        return bool(next_word and next_word.group(1) in lex.stopwords)
    return True


def split_spans(text: str, folded: str, lex: Lexicon, begin: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text[begin:]``, whitespace trimmed, as offsets into
    ``text`` (read in place: a long text is not copied)."""
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(folded, begin):
        if _is_boundary(text, folded, m, lex, begin):
            cuts.append(m.end())
    # A single newline ends a sentence only after terminal punctuation, or
    # when the line reads as a heading or list item (no final punctuation
    # and a capital after it).
    for m in _SOFT_NEWLINE.finditer(text, begin):
        j = m.start()
        while j > begin and text[j - 1].isspace():
            j -= 1
        prev = text[j - 1 : j] if j > begin else ""
        nxt = _NEXT_OK.match(text, m.end())
        if (
            prev
            and nxt
            and (prev in _SPLIT_AFTER_LINE or nxt.group(1).isupper() or nxt.group(1) in _OPENERS)
        ):
            cuts.append(m.end())
    spans: list[tuple[int, int]] = []
    start = begin
    for cut in [*sorted(set(cuts)), len(text)]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, whitespace trimmed.

    Survives abbreviations (``Inc.``, ``M.``, ``U.S.``), figures (``$1.5bn``,
    ``3,2``), quotes and French spacing before ``? ! : ;``. A blank line always
    ends a sentence.
    """
    return split_spans(text, fold_aligned(text), _lexicon.get(resolve(text, language)))
