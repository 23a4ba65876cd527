"""The tiny phrase language of the lexicons, compiled to regular expressions.

A phrase is words separated by spaces, matched on folded text
(:func:`tracker.extract.text.fold_aligned`) at word boundaries:

``invest*``   a stem (``invest``, ``investment``, ``invests``)
``*erait``    any word ending so (French conditional)
``(a|b*)``    one of several words, each may carry a ``*``
``…``         a gap of zero to four words, never across ``. ; : ! ?``

The phrases of a set are indexed by their first letters, so a scan over an
article tests few alternatives per word start (see :class:`PhraseSet`). Every quantifier is bounded or runs over a disjoint character
class, so no input makes the regex backtrack catastrophically.
"""

from __future__ import annotations

import re
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
    """Many phrases compiled into one scanning regex, each with a payload.

    The alternatives form a trie on the first letters of the phrases (up to
    :data:`KEY` letters), so at a word start the regex engine rejects most
    words after a few character tests instead of trying every phrase that
    shares their first letter. Matches are leftmost, then longest (phrases
    of one key are tried longest first), never overlapping.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        root: _Node[T] = _Node()
        residual: list[tuple[int, int, str, T]] = []
        order = 0
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
                order += 1
                source = phrase_regex(phrase)
                key = _KEY_RE.match(phrase)
                if key is None or not source.startswith(key.group()):
                    residual.append((weight, order, source, payload))
                    continue
                node = root
                for char in key.group():
                    node = node.children.setdefault(char, _Node())
                node.members.append((weight, order, source[len(key.group()) :], payload))
        # Each alternative ends with an empty capture group; ``lastindex`` of a
        # match names the alternative, hence its payload. Groups are numbered
        # in source order, so payloads are listed in the same order.
        self._payloads: list[T] = []
        branches = [root.render(self._payloads)] if root.children else []
        residual.sort(key=lambda r: (-r[0], r[1]))
        for _, _, source, payload in residual:
            self._payloads.append(payload)
            branches.append(source + "()")
        body = "|".join(b for b in branches if b) or r"(?!x)x"
        self._pattern = re.compile(r"(?<!\w)(?:" + body + r")(?!\w)")

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled scanning regex."""
        return self._pattern

    def finditer(self, folded: str) -> Iterator[PhraseMatch[T]]:
        """Non-overlapping phrase matches in ``folded`` text, left to right."""
        payloads = self._payloads
        for m in self._pattern.finditer(folded):
            yield PhraseMatch(m.start(), m.end(), m.group(), payloads[(m.lastindex or 1) - 1])


#: How many leading letters of the phrases the trie indexes.
KEY = 4
_KEY_RE = re.compile(rf"[^\W_]{{1,{KEY}}}")


class _Node(Generic[T]):
    """A trie node: phrases keyed by the letters on the path to it."""

    def __init__(self) -> None:
        self.children: dict[str, _Node[T]] = {}
        self.members: list[tuple[int, int, str, T]] = []  # weight, order, tail, payload

    def render(self, payloads: list[T]) -> str:
        """Regex source of this node (its children first, then its own
        phrases, longest first); appends payloads in group order."""
        alternatives = [
            re.escape(char) + "(?:" + child.render(payloads) + ")"
            for char, child in sorted(self.children.items())
        ]
        for _, _, tail, payload in sorted(self.members, key=lambda m: (-m[0], m[1])):
            payloads.append(payload)
            alternatives.append(tail + "()")
        return "|".join(alternatives)
