"""The words of one article, gathered once: is a capitalised word a name here?"""

from __future__ import annotations

import re

from tracker.extract.text import UP, UPPER

_LOWER_WORD = re.compile(r"(?<!\w)[^\W\d_A-Z" + re.escape(UPPER) + r"]\w*")
_MID_CAPITAL = re.compile(r"[\w,;] (" + UP + r"\w*)")


class ArticleWords:
    """Words of one article, gathered once on first use (linear time)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None
        self._mid: set[str] | None = None

    def lower_elsewhere(self, word: str) -> bool:
        """A sentence-initial word also written lower-case in the article,
        and never capitalised mid-sentence (which "Total", "Orange" are)."""
        if not word[1:].islower():
            return False  # "OpenAI", "BNP": internal capitals mark a name
        lower = word.lower()
        if lower not in self.text:
            return False  # the common case, at C speed
        if self._lower is None:
            self._lower = set(_LOWER_WORD.findall(self.text))
            self._mid = set(_MID_CAPITAL.findall(self.text))
        assert self._mid is not None
        return lower in self._lower and word not in self._mid

    def seen_mid_sentence(self, phrase: str) -> bool:
        """``phrase`` also occurs after a lower-case word or a comma."""
        pos = self.text.find(phrase)
        while pos >= 0:
            before = self.text[max(0, pos - 3) : pos].rstrip()
            if before and (before[-1].islower() or before[-1] == ","):
                return True
            pos = self.text.find(phrase, pos + 1)
        return False
