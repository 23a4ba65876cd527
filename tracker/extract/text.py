"""Folding and small text helpers shared by the extraction steps."""

from __future__ import annotations

import functools
import re
import unicodedata

# Characters whose one-character fold we precompute for ``fold_aligned``:
# Latin-1, Latin Extended-A/B, and the punctuation news text uses.
_SPACES = "\u00a0\u202f\u2009\u2007\u2008\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000"
_QUOTES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'"}
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-"}

#: Capital letters of the Latin scripts, and a class matching one of them.
UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
UP = "[" + re.escape(UPPER) + "]"
#: Marks that end a clause: what a rule looking for "the same clause" must not cross.
CLAUSE_BREAK = re.compile(r"[,;:()«»\"“”–—]")


def fold(text: str) -> str:
    """Accent- and case-fold ``text``: NFKD, drop combining marks, casefold.

    ``"Hélios Énergie"`` -> ``"helios energie"``. Curly apostrophes become
    ``'`` and exotic spaces a plain space, so folded keys compare equal across
    typographic conventions. Used for names, lexicon phrases and matching.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().translate(_PUNCT_TABLE)


@functools.lru_cache(maxsize=65536)
def _fold_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().translate(_PUNCT_TABLE)


def fold_word(text: str) -> str:
    """:func:`fold` with a cache, for the short strings (words, names)
    extraction folds over and over; long strings bypass the cache."""
    return _fold_word(text) if len(text) <= 64 else fold(text)


def _build_aligned_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        folded = fold(char)
        # Only one-character folds keep offsets aligned; others stay as they are
        # (lower-cased when that is one character too).
        if len(folded) == 1 and folded != char:
            table[code] = folded
        elif len(folded) != 1 and len(char.lower()) == 1 and char.lower() != char:
            table[code] = char.lower()
    for char in _SPACES:
        table[ord(char)] = " "
    for src, dst in {**_QUOTES, **_DASHES}.items():
        table[ord(src)] = dst
    return table


_PUNCT_TABLE: dict[int, str] = {ord(c): " " for c in _SPACES} | {
    ord(k): v for k, v in {**_QUOTES, **_DASHES}.items()
}
_ALIGNED_TABLE = _build_aligned_table()


def fold_aligned(text: str) -> str:
    """Fold ``text`` one character for one character, keeping offsets.

    Lower-cases and strips accents from Latin letters, maps typographic
    apostrophes to ``'`` and non-breaking or thin spaces to ``' '``. Unlike
    :func:`fold`, the result has the same length as ``text``, so a regex match
    on it gives spans into the original. Runs at C speed: ``str.lower``, then
    ``str.translate`` on the runs of non-ASCII characters only.
    """
    if text.isascii():
        return text.translate(_ALIGNED_TABLE)  # CPython's ASCII fast path
    if len(text) <= _FOLD_CHUNK:
        return _fold_aligned(text)
    # A long text is folded a chunk at a time, cut at white space (where
    # lower-casing has no context to lose): the substitution's list of pieces
    # then stays small instead of growing to several times the text.
    parts = []
    start = 0
    while start < len(text):
        end = start + _FOLD_CHUNK
        if end < len(text):
            cut = text.rfind(" ", start + 1, end)
            end = cut if cut > start else end
        parts.append(_fold_aligned(text[start:end]))
        start = end
    return "".join(parts)


def _fold_aligned(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        return text.translate(_ALIGNED_TABLE)  # a character lower-cases to two
    return _NON_ASCII.sub(_fold_run, lowered)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_FOLD_CHUNK = 1 << 16


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_ALIGNED_TABLE)
