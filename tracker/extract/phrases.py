"""The tiny phrase language of the lexicons, compiled to regular expressions.

A phrase is words separated by spaces, matched on folded text
(:func:`tracker.extract.text.fold_aligned`) at word boundaries:

``invest*``   a stem (``invest``, ``investment``, ``invests``)
``*erait``    any word ending so (French conditional)
``(a|b*)``    one of several words, each may carry a ``*``
``…``         a gap of zero to four words, never across ``. ; : ! ?``

All the phrases of a set are compiled into one regex whose alternatives are
grouped by first letter, so a scan over an article tests few alternatives per
word start. Every quantifier is bounded or runs over a disjoint character
class, so no input makes the regex backtrack catastrophically.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

from tracker.extract.text import fold

T = TypeVar("T")

GAP = r"(?:\s+[^\s.;:!?]{1,40}){0,4}"
_WORD_TAIL = r"\w{0,40}"  # bounded: a stem never swallows a pathological token


def _token_regex(token: str) -> str:
    """Regex for one phrase token (no spaces inside)."""
    out: list[str] = []
    i = 0
    while i < len(token):
        char = token[i]
        if char == "(":
            close = token.index(")", i)
            # Longest first, so "multibillion-dollar" wins over "multibillion".
            alts = sorted(token[i + 1 : close].split("|"), key=len, reverse=True)
            out.append("(?:" + "|".join(phrase_regex(a) for a in alts) + ")")
            i = close + 1
            continue
        out.append(_WORD_TAIL if char == "*" else re.escape(char))
        i += 1
    return "".join(out)


def _split(phrase: str) -> list[str]:
    """Split on spaces outside parentheses (``(a few|several) billion``)."""
    tokens: list[str] = []
    depth = 0
    current = ""
    for char in phrase:
        depth += char == "("
        depth -= char == ")"
        if char == " " and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += char
    if current:
        tokens.append(current)
    return tokens


def phrase_regex(phrase: str) -> str:
    """Regex source for ``phrase`` (already folded), without word boundaries."""
    parts: list[str] = []
    gap = False
    for token in _split(phrase):
        if token in ("…", "..."):
            gap = True
            continue
        if parts:
            parts.append(GAP + r"\s+" if gap else r"\s+")
        parts.append(_token_regex(token))
        gap = False
    return "".join(parts)


def _expand_leading_group(phrase: str) -> list[str]:
    """``(a|b) c`` -> ``["a c", "b c"]`` so each variant has a literal first letter."""
    if not phrase.startswith("("):
        return [phrase]
    close = phrase.index(")")
    rest = phrase[close + 1 :]
    return [alt + rest for alt in phrase[1:close].split("|")]


class PhraseMatch(Generic[T]):
    """One phrase found in a text: its span, the matched text and its payload.

    A plain slotted class, not a frozen dataclass: thousands are made per
    second and a frozen ``__init__`` costs several times more.
    """

    __slots__ = ("end", "payload", "start", "text")

    def __init__(self, start: int, end: int, text: str, payload: T) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.payload = payload

    def __repr__(self) -> str:
        return f"PhraseMatch({self.start}, {self.end}, {self.text!r}, {self.payload!r})"


class PhraseSet(Generic[T]):
    """Many phrases compiled into one scanning regex, each with a payload."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        buckets: dict[str, list[tuple[int, str, T]]] = defaultdict(list)
        residual: list[tuple[int, str, T]] = []
        for raw, payload in phrases:
            for phrase in _expand_leading_group(fold(raw).strip()):
                if not phrase:
                    continue
                # Rank by the shortest text the phrase can match, so a long
                # alternation does not outrank a longer literal phrase.
                shortest = re.sub(
                    r"\(([^()]*)\)", lambda g: min(g.group(1).split("|"), key=len), phrase
                )
                weight = len(shortest.replace("*", "").replace("...", ""))
                first = phrase[0]
                if first in "*(.":
                    residual.append((weight, phrase_regex(phrase), payload))
                else:
                    tail = phrase_regex(phrase)[len(re.escape(first)) :]
                    buckets[first].append((weight, tail, payload))
        # Each alternative ends with an empty capture group; ``lastindex`` of a
        # match names the alternative, hence its payload. Groups are numbered
        # in source order, so payloads are listed in the same order.
        self._payloads: list[T] = []
        branches: list[str] = []
        for first, alts in sorted(buckets.items()):
            alts.sort(key=lambda a: -a[0])  # longest first: leftmost-longest
            inner = []
            for _, tail, payload in alts:
                self._payloads.append(payload)
                inner.append(tail + "()")
            branches.append(re.escape(first) + "(?:" + "|".join(inner) + ")")
        residual.sort(key=lambda a: -a[0])
        for _, source, payload in residual:
            self._payloads.append(payload)
            branches.append(source + "()")
        body = "|".join(branches) if branches else r"(?!x)x"
        self._pattern = re.compile(r"(?<!\w)(?:" + body + r")(?!\w)")

    def finditer(self, folded: str) -> Iterator[PhraseMatch[T]]:
        """Non-overlapping phrase matches in ``folded`` text, left to right."""
        payloads = self._payloads
        for m in self._pattern.finditer(folded):
            yield PhraseMatch(m.start(), m.end(), m.group(), payloads[(m.lastindex or 1) - 1])
