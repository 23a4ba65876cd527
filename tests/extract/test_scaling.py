"""Extraction does work in proportion to the article, not to its square.

A long article is many short ones in a row: each copy of the labelled articles
gets names of its own, so no two copies speak of the same parties. The
pairwise questions extraction asks (may this sentence join that claim?) must
then grow with the number of sentences, and the article's text must be read
once, not once per word.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from tracker.extract import extract, merge, undisclosed
from tracker.extract.words import ArticleWords

ARTICLES = Path(__file__).resolve().parent / "articles.jsonl"
_MID_NAME = re.compile(r"[a-z,;] ([A-Z][a-z]{2,})\b")


def _suffix(k: int) -> str:
    letters = ""
    while True:
        k, r = divmod(k, 26)
        letters += string.ascii_lowercase[r]
        if not k:
            return letters


def _renamed(text: str, names: set[str], tag: str) -> str:
    return re.sub(
        r"\b[A-Z][a-z]{2,}\b", lambda m: m.group() + tag if m.group() in names else m.group(), text
    )


def long_article(copies: int) -> str:
    """``copies`` labelled articles in a row, each with names of its own."""
    rows = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if r.get("lang") == "en"]
    parts = []
    for k in range(copies):
        row = rows[k % len(rows)]
        text = f"{row.get('title') or ''}.\n\n{row['body']}"
        parts.append(_renamed(text, set(_MID_NAME.findall(text)), _suffix(k)))
    return "\n\n".join(parts)


def _pairwise_questions(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    calls = 0

    def counted(a: str | None, b: str | None) -> bool:
        nonlocal calls
        calls += 1
        return original(a, b)

    original = merge.kinds_compatible
    monkeypatch.setattr(merge, "kinds_compatible", counted)
    monkeypatch.setattr(undisclosed, "kinds_compatible", counted)
    extract(text, language="en")
    return calls


def test_claims_are_merged_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    small = _pairwise_questions(monkeypatch, long_article(60))
    large = _pairwise_questions(monkeypatch, long_article(240))
    # Four times the sentences: about four times the questions (a scan of
    # every claim for every sentence asks sixteen times as many).
    assert large <= 5 * small


class _CountingText(str):
    """The article's text, counting the searches made in it."""

    searches = 0

    def __contains__(self, other: object) -> bool:
        type(self).searches += 1
        return super().__contains__(other)  # type: ignore[operator]

    def find(self, *args: object) -> int:  # type: ignore[override]
        type(self).searches += 1
        return super().find(*args)  # type: ignore[arg-type]


def _seen_mid_sentence_by_search(text: str, phrase: str) -> bool:
    """The plain definition: some occurrence follows, on the same line, a word
    written in lower case or a comma."""
    pos = text.find(phrase)
    while pos >= 0:
        line = text[:pos].rsplit("\n", 1)[-1].rstrip()
        if line.endswith(",") or re.search(r"(?<!\w)[a-z]\w*$", line):
            return True
        pos = text.find(phrase, pos + 1)
    return False


def test_the_words_of_an_article_are_read_once() -> None:
    plain = long_article(40)
    text = _CountingText(plain)
    words = ArticleWords(text)
    capitalised = sorted(set(re.findall(r"\b[A-Z][a-z]+\b", plain)))
    pairs = sorted(set(re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", plain)))
    assert len(capitalised) > 300 and len(pairs) > 50
    # The plain definitions (for the ASCII names used here): written lower-case as a word, never
    # capitalised after a word or a comma.
    lower = set(re.findall(r"(?<!\w)[a-z]\w*", plain))
    mid = set(re.findall(r"[\w,;] ([A-Z]\w*)", plain))
    for word in capitalised:
        assert words.lower_elsewhere(word) == (word.lower() in lower and word not in mid)
    phrases = pairs + [f"{w} Group" for w in capitalised]
    found = [p for p in phrases if words.seen_mid_sentence(p)]
    assert _CountingText.searches == 0
    assert found == [p for p in phrases if _seen_mid_sentence_by_search(plain, p)]
    assert found
