"""Property tests: no input makes the readers or parse_date raise."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.ingest import Article, ReadError, parse_date, read_inputs
from tracker.status import Precision

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=120))
def test_parse_date_never_raises(text):
    published, precision = parse_date(text)
    assert isinstance(precision, Precision)
    assert (published is None) == (precision is Precision.UNKNOWN)


DATE_PIECES = [
    "2023", "1999", "23", "1er", "31", "02", "13", "janvier", "févr.", "août", "May", "Sept.",
    "lundi", "Monday,", "le", "of", "à", "14h05", "10:30", "GMT", "+0100", "-", "/", ".", ",",
    "yesterday", "il y a", "T", "Z", "ſept", "٢٠٢٣",
]  # fmt: skip


@FAST
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=7).map(" ".join))
def test_parse_date_never_raises_on_date_like_text(text):
    published, precision = parse_date(text)
    assert (published is None) == (precision is Precision.UNKNOWN)
    if published is not None:
        assert 1 <= published.year <= 9999


def _check(results):
    assert results, "every input gives at least one result"
    for result in results:
        assert isinstance(result, (Article, ReadError))
        if isinstance(result, ReadError):
            assert result.message and "\n" not in result.message
        else:
            assert "\r" not in result.body and "\x00" not in result.body


@FAST
@given(st.binary(max_size=600))
def test_text_reader_never_raises_on_bytes(data):
    _check(list(read_inputs(["-"], fmt="text", stdin=io.BytesIO(data))))


@FAST
@given(st.text(max_size=600))
def test_text_reader_never_raises_on_text(text):
    _check(list(read_inputs(["-"], fmt="text", stdin=io.BytesIO(text.encode("utf-8")))))


@FAST
@given(st.binary(max_size=600))
def test_jsonl_reader_never_raises_on_bytes(data):
    _check(list(read_inputs(["-"], fmt="jsonl", stdin=io.BytesIO(data))))


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40))
records = st.dictionaries(
    st.sampled_from(
        ["id", "title", "body", "text", "content", "date", "lang", "source", "url", "x"]
    ),
    st.one_of(json_scalars, st.lists(json_scalars, max_size=3)),
)


@FAST
@given(st.lists(records, max_size=5))
def test_jsonl_reader_never_raises_on_records(items):
    import json

    data = "\n".join(json.dumps(item) for item in items).encode()
    _check(list(read_inputs(["-"], fmt="jsonl", stdin=io.BytesIO(data))))
