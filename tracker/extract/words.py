"""The words of one article, gathered once: is a capitalised word a name here?

Both questions are answered from indexes built on first use, in one pass over
the article each, so that asking them for every sentence costs no more than
the article's length (a search of the whole text per word made a 5 MB article
take minutes).
"""

from __future__ import annotations

import re

from tracker.extract.text import UP, UPPER

_LOWER_WORD = re.compile(r"(?<!\w)[^\W\d_A-Z" + re.escape(UPPER) + r"]\w*")
_MID_CAPITAL = re.compile(r"[\w,;] (" + UP + r"\w*)")
_CAPITAL = re.compile(UP)
_WORD_RUN = re.compile(r"\w*")
_LAST_WORD = re.compile(r"[^\W\d_][\w'’-]*$")
_POSSESSIVE = re.compile(r"['’]s$")


class ArticleWords:
    """Words of one article, gathered once on first use (linear time)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None
        self._mid: set[str] | None = None
        self._after_lower: dict[str, list[int]] | None = None
        self._seen: dict[str, bool] = {}

    def lower_elsewhere(self, word: str) -> bool:
        """A sentence-initial word also written lower-case in the article,
        and never capitalised mid-sentence (which "Total", "Orange" are)."""
        if not word[1:].islower():
            return False  # "OpenAI", "BNP": internal capitals mark a name
        if self._lower is None:
            self._lower = set(_LOWER_WORD.findall(self.text))
            self._mid = set(_MID_CAPITAL.findall(self.text))
        assert self._mid is not None
        return word.lower() in self._lower and word not in self._mid

    def seen_mid_sentence(self, phrase: str) -> bool:
        """``phrase`` also occurs after a lower-case word or a comma."""
        known = self._seen.get(phrase)
        if known is None:
            if _CAPITAL.match(phrase) is not None:
                known = self._seen_after_lower(phrase)
            else:  # "eBay Inc", "d'Orange Bank": rare at a sentence start
                known = self._seen_by_search(phrase)
            self._seen[phrase] = known
        return known

    def _seen_after_lower(self, phrase: str) -> bool:
        """:meth:`seen_mid_sentence` for a phrase opening on a capital, from the
        positions of the capitals that follow a lower-case word or a comma,
        indexed by the word they open."""
        index = self._after_lower
        if index is None:
            index = self._after_lower = {}
            text = self.text
            for cap in _CAPITAL.finditer(text):
                pos = cap.start()
                if _after_lower(text, pos):
                    # ``\w*`` matches everywhere, the empty string included.
                    key = _WORD_RUN.match(text, pos).group()  # type: ignore[union-attr]
                    index.setdefault(key, []).append(pos)
        # The phrase holds a space, so an occurrence of it opens on the same word.
        key = _WORD_RUN.match(phrase).group()  # type: ignore[union-attr]  # as above
        return any(self.text.startswith(phrase, pos) for pos in index.get(key, ()))

    def _seen_by_search(self, phrase: str) -> bool:
        pos = self.text.find(phrase)
        while pos >= 0:
            if _after_lower(self.text, pos):
                return True
            pos = self.text.find(phrase, pos + 1)
        return False


def _after_lower(text: str, pos: int) -> bool:
    """The word before ``pos`` opens on a lower-case letter or is a possessive,
    or a comma comes just before, on the same line: "bought by Acme", "Japan's
    Acme", "Acme, Bolt". A capitalised word ending in lower case ("Photo App")
    is no such word, and a line break starts afresh (a title, then its body)."""
    before = text[max(0, pos - 40) : pos]
    stripped = before.rstrip()
    if not stripped or "\n" in before[len(stripped) :]:
        return False
    if stripped[-1] == ",":
        return True
    if not stripped[-1].islower():
        return False
    word = _LAST_WORD.search(stripped)
    return word is not None and (
        word.group()[0].islower() or _POSSESSIVE.search(word.group()) is not None
    )
