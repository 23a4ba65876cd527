"""Property tests: extraction never raises and keeps its span contract."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import extract, parse_amounts, split_sentences

WORDS = [
    "Microsoft",
    "OpenAI",
    " milliards",
    " billion",
    " dément",
    " denied",
    " serait",
    " in talks",
    " n’a pas",
]
ALPHABET = st.sampled_from([*"abcdefXYZÉéèàçœ$€£%.,;:!?«»\"'’()- \u00a0\u202f\n0123456789", *WORDS])
TEXT = st.lists(ALPHABET, max_size=80).map("".join)
ANY_TEXT = st.one_of(TEXT, st.text(max_size=300))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=ANY_TEXT,
    title=st.one_of(st.none(), ANY_TEXT),
    lang=st.sampled_from([None, "en", "fr", "xx"]),
)
def test_extract_never_raises(body: str, title: str | None, lang: str | None) -> None:
    ex = extract(body, title=title, language=lang)
    assert ex.language in ("en", "fr")
    for m in ex.mentions:
        assert ex.text[m.start : m.end] == m.quote
        assert 0.0 <= m.confidence <= 1.0
    for s in ex.sentences:
        assert ex.text[s.start : s.end] == s.text


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT, lang=st.sampled_from(["en", "fr"]))
def test_parse_amounts_never_raises(text: str, lang: str) -> None:
    for amount, start, end in parse_amounts(text, lang):
        assert 0 <= start < end <= len(text)
        assert amount.low <= amount.high
        assert amount.value is None or 0 < amount.value <= 1e15


@settings(max_examples=100, deadline=None)
@given(text=ANY_TEXT, lang=st.sampled_from(["en", "fr"]))
def test_sentences_are_ordered_and_disjoint(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    assert all(s < e for s, e in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
