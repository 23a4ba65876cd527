"""Property tests: no input makes parse_date or any reader raise.

Each reader is called directly (not only through ``read_inputs``, whose file
loop would hide a crash as a "could not read" error), on arbitrary input and
on input built from the pieces its format is made of: it gives articles or
read errors, never an exception.
"""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.ingest import FORMATS, Article, ReadError, parse_date, read_inputs
from tracker.ingest.feed import read_feed
from tracker.ingest.header import Header, read_header
from tracker.ingest.jsonl import read_json_document, read_jsonl
from tracker.ingest.markdown import read_markdown
from tracker.ingest.normalize import clean_text, decode_line, decode_text
from tracker.ingest.plaintext import read_text
from tracker.ingest.webpage import read_html
from tracker.status import Precision

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- dates


@BOUNDED
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


@BOUNDED
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=7).map(" ".join))
def test_parse_date_never_raises_on_date_like_text(text):
    published, precision = parse_date(text)
    assert (published is None) == (precision is Precision.UNKNOWN)
    if published is not None:
        assert 1 <= published.year <= 9999


def _check(results: list) -> None:
    for result in results:
        assert isinstance(result, (Article, ReadError)), result
        if isinstance(result, ReadError):
            assert result.message and "\n" not in result.message
        else:
            assert isinstance(result.body, str) and isinstance(result.warnings, list)
            assert "\r" not in result.body and "\x00" not in result.body
            assert all(isinstance(w, str) for w in result.warnings)
            for value in (result.body, result.title, result.source, result.url):
                (value or "").encode("utf-8")  # storable: no lone surrogate


def _pieces(*pieces: str, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text made of a format's pieces, with arbitrary text between them."""
    return st.lists(
        st.one_of(st.sampled_from(pieces), st.text(max_size=12)), max_size=max_size
    ).map("".join)


HEADER_PIECES = (
    "\n", "\n\n", "---\n", "...\n", "\ufeff", "title: ", "Source: ", "date ", "date: ",
    "2024-09-02", "2023-01", "lang: fr", "url: https://x.example", "Paris: ", "tags: [a, b]",
    "a: {b: [c", ": :", "  ", "\t", "id: 7", "published: 1er mars 2023", "Note: ",
)  # fmt: skip
MARKDOWN_PIECES = (
    *HEADER_PIECES, "# ", "## ", "\n===\n", "**", "*", "_", "`", "```\n", "~~~", "> ", "- ",
    "1. ", "    ", "[Acme](https://a.example)", "![x](y.png)", "[ref]: https://r.example\n",
    "<div>", "</div>", "<!--", "-->", "| a | b |\n|---|---|\n", "\\", "&amp;", "&#27;",
)  # fmt: skip
HTML_PIECES = (
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "</body>", "<p>", "</p>",
    "<article>", "</article>", "<script>", "</script>", '<meta property="og:title" content="',
    '">', "&#27;", "&#x9b;", "&#xFFFF;", "&#0;", "&#99999999;", "&amp;", "&", "<", ">",
    "<![CDATA[", "]]>", "<!--", "-->", "<?xml?>", '<html lang="fr">',
    "La banque Woodgrove a confirmé vendredi la vente de sa filiale à Contoso. ",
)  # fmt: skip
FEED_PIECES = (
    '<?xml version="1.0" encoding="utf-8"?>', "<rss version=\"2.0\">", "</rss>", "<channel>",
    "</channel>", "<item>", "</item>", "<title>", "</title>", "<description>", "</description>",
    "<pubDate>", "</pubDate>", "Mon, 02 Sep 2024 10:00:00 GMT", "<guid>", "</guid>", "<link>",
    "</link>", '<feed xmlns="http://www.w3.org/2005/Atom">', "</feed>", "<entry>", "</entry>",
    "<content type=\"html\">", "</content>", "&lt;p&gt;", "&#27;", "&#x9b;", "&amp;", "<![CDATA[",
    "]]>", "Contoso confirme le rachat de Fabrikam. ",
)  # fmt: skip

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
records = st.dictionaries(
    st.sampled_from(
        ["id", "title", "body", "text", "content", "date", "published", "lang", "source", "url"]
    ),
    json_values,
)


# --------------------------------------------------------------------------- decoding


@BOUNDED
@given(st.binary(max_size=400))
def test_decoding_gives_text_or_not_text(data):
    from tracker.ingest.normalize import NotText

    try:
        text, warnings = decode_text(data)
    except NotText as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)
    line, line_warnings = decode_line(data, offset=10)
    assert isinstance(line, str) and isinstance(line_warnings, list)


@BOUNDED
@given(st.text(max_size=200), st.binary(min_size=1, max_size=3), st.integers(0, 200))
def test_utf8_with_stray_bytes_keeps_the_rest(text, stray, at):
    data = text.encode("utf-8")
    at = min(at, len(data))
    from tracker.ingest.normalize import NotText

    try:
        decoded, _ = decode_text(data[:at] + stray + data[at:])
    except NotText:
        return
    assert isinstance(decoded, str)


# --------------------------------------------------------------------------- each reader


@BOUNDED
@given(st.one_of(st.text(max_size=400), _pieces(*HEADER_PIECES)))
def test_header_never_raises(text):
    header = read_header(text, path="x")
    assert isinstance(header, (Header, ReadError))
    if isinstance(header, Header):
        assert isinstance(header.body, str)
        assert set(header.fields) <= {"title", "source", "date", "url", "lang", "id"}


@BOUNDED
@given(st.one_of(st.text(max_size=400), _pieces(*HEADER_PIECES)))
def test_text_reader_never_raises(text):
    # Readers of text take it decoded and cleaned, as read_inputs gives it.
    _check([read_text(clean_text(text), path="x.txt", warnings=[])])


@BOUNDED
@given(st.one_of(st.text(max_size=400), _pieces(*MARKDOWN_PIECES)))
def test_markdown_reader_never_raises(text):
    # Readers of text take it decoded and cleaned, as read_inputs gives it.
    _check([read_markdown(clean_text(text), path="x.md", warnings=[])])


@BOUNDED
@given(st.one_of(st.text(max_size=400), _pieces(*HTML_PIECES)))
def test_html_reader_never_raises(text):
    # Readers of text take it decoded and cleaned, as read_inputs gives it.
    _check([read_html(clean_text(text), path="x.html", warnings=[])])


@BOUNDED
@given(st.one_of(st.binary(max_size=400), _pieces(*FEED_PIECES).map(str.encode)))
def test_feed_reader_never_raises(data):
    _check(list(read_feed(data, path="x.rss", warnings=[])))


@BOUNDED
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(st.one_of(records, json_values), max_size=5).map(
            lambda items: "\n".join(json.dumps(item) for item in items).encode()
        ),
    )
)
def test_jsonl_reader_never_raises(data):
    _check(list(read_jsonl(io.BytesIO(data), path="x.jsonl", max_bytes=300)))


@BOUNDED
@given(st.one_of(st.text(max_size=300), json_values.map(json.dumps), records.map(json.dumps)))
def test_json_document_reader_never_raises(text):
    records_read = read_json_document(text, path="x.json", warnings=[])
    if records_read is not None:
        _check(list(records_read))


# --------------------------------------------------------------------------- through stdin


@BOUNDED
@given(
    st.one_of(
        st.binary(max_size=500),
        _pieces(*MARKDOWN_PIECES).map(str.encode),
        _pieces(*HTML_PIECES).map(str.encode),
        _pieces(*FEED_PIECES).map(str.encode),
    ),
    st.sampled_from([None, *FORMATS]),
)
def test_stdin_never_raises_whatever_the_format(data, fmt):
    results = list(read_inputs(["-"], fmt=fmt, stdin=io.BytesIO(data), max_bytes=400))
    assert results, "every input gives at least one result"
    _check(results)
