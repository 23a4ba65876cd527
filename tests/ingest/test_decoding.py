"""Bytes to text: UTF-8 stays UTF-8 despite a stray byte; legacy files are detected."""

from __future__ import annotations

import io
import sys

import pytest

from tracker.ingest import Article
from tracker.ingest.normalize import (
    CP1252_WARNING,
    UTF16_WARNING,
    NotText,
    decode_line,
    decode_mostly_utf8,
    decode_text,
)

FRENCH = (
    "Le groupe Vaucanson a confirmé jeudi l'acquisition de Brevik Énergie pour "
    "1,2 milliard d'euros (€). Hélène Dufrêne, sa directrice générale, a précisé "
    "que l'opération serait financée à 60 % par emprunt."
)
ENGLISH = (
    "Northwind Bank is in early talks to buy Contoso Freight, people familiar with "
    "the matter said on Monday. The deal could value the company at $3 billion. "
) * 4


def _with_byte(text: str, byte: bytes, at: int) -> bytes:
    data = text.encode("utf-8")
    return data[:at] + byte + data[at:]


def _offset_of(text: str, char_index: int) -> int:
    return len(text[:char_index].encode("utf-8"))


@pytest.mark.parametrize(
    ("data", "text", "warnings"),
    [
        pytest.param(FRENCH.encode(), FRENCH, [], id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + FRENCH.encode(), FRENCH, [], id="utf-8 with BOM"),
        pytest.param(FRENCH.encode("utf-16"), FRENCH, [UTF16_WARNING], id="utf-16 with BOM"),
        pytest.param(FRENCH.encode("utf-16-be"), None, None, id="utf-16 without BOM is binary"),
        pytest.param(FRENCH.encode("cp1252"), FRENCH, [CP1252_WARNING], id="cp1252 French"),
        pytest.param(
            # No valid multi-byte character: a legacy file, even with one high byte.
            ENGLISH.replace("early", "café").encode("cp1252"),
            ENGLISH.replace("early", "café"),
            [CP1252_WARNING],
            id="cp1252 English with a single accent",
        ),
        pytest.param(
            "Акционеры одобрили сделку по покупке компании за три миллиарда.".encode("cp1251"),
            "Акционеры одобрили сделку по покупке компании за три миллиарда.",
            ["not valid UTF-8; decoded as cp1251 (detected)"],
            id="cp1251 detected",
        ),
    ],
)
def test_decode_text(data, text, warnings):
    if text is None:
        with pytest.raises(NotText):
            decode_text(data)
        return
    assert decode_text(data) == (text, warnings)


@pytest.mark.parametrize(
    ("byte", "bom"),
    [
        (b"\x92", b""),  # a cp1252 apostrophe pasted into UTF-8
        (b"\xe9", b""),  # a cp1252 é
        (b"\xff", b""),  # never valid in UTF-8
        (b"\xe2\x82", b""),  # a euro sign cut short
        (b"\x80", b"\xef\xbb\xbf"),  # offsets count the BOM
    ],
)
def test_one_stray_byte_keeps_french_utf8(byte, bom):
    at = FRENCH.index("Brevik") + 3
    data = bom + _with_byte(FRENCH, byte, _offset_of(FRENCH, at))
    text, warnings = decode_text(data)
    assert text == FRENCH[:at] + "\ufffd" + FRENCH[at:]
    assert "confirmé" in text and "Hélène Dufrêne" in text and "(€)" in text
    offset = len(bom) + _offset_of(FRENCH, at)
    bad = "1 bad byte" if len(byte) == 1 else f"{len(byte)} bad bytes"
    assert warnings == [
        f"not valid UTF-8 at byte offset {offset}; read as UTF-8, {bad} replaced by U+FFFD"
    ]


def test_many_stray_bytes_list_the_first_offsets():
    # Five isolated bad bytes in a long text: under 1% of it, still UTF-8.
    text = FRENCH * 10
    starts = [text.index("Vaucanson", n * len(FRENCH)) for n in (0, 2, 4, 6, 8)]
    data, offsets, previous = b"", [], 0
    for start in starts:
        data += text[previous:start].encode()
        offsets.append(len(data))
        data += b"\x9d"
        previous = start
    data += text[previous:].encode()
    decoded = decode_mostly_utf8(data)
    assert decoded is not None
    repaired, warning = decoded
    assert repaired.count("\ufffd") == 5 and repaired.count("€") == 10
    shown = ", ".join(map(str, offsets[:3]))
    assert warning == (
        f"not valid UTF-8 at byte offsets {shown} and 2 more; "
        "read as UTF-8, 5 bad bytes replaced by U+FFFD"
    )


@pytest.mark.parametrize(
    ("data", "mostly_utf8"),
    [
        pytest.param("Café résumé".encode() + b"\xff", True, id="short, bad <= good"),
        pytest.param(b"Plain ASCII with one \x92 byte", False, id="no multi-byte character"),
        pytest.param(
            FRENCH.encode("cp1252") + "€".encode(), False, id="cp1252 with one UTF-8 char"
        ),
        pytest.param((ENGLISH + "—").encode() + b"\x93\x94", True, id="long, under 1% bad"),
        pytest.param(FRENCH.encode(), False, id="valid UTF-8 needs no repair"),
    ],
)
def test_what_counts_as_mostly_utf8(data, mostly_utf8):
    assert (decode_mostly_utf8(data) is not None) is mostly_utf8


def test_without_charset_normalizer_falls_back_to_cp1252(monkeypatch):
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # import fails
    data = "Акционеры одобрили сделку".encode("cp1251")
    text, warnings = decode_text(data)
    assert text == data.decode("cp1252")
    assert warnings == [CP1252_WARNING]


@pytest.mark.parametrize(
    ("raw", "offset", "text", "warning_start"),
    [
        (b'{"body": "ok"}\n', 0, '{"body": "ok"}\n', None),
        (
            _with_byte('{"body": "Hélène a payé 5 €"}', b"\xa0", 13),
            500,
            '{"body": "Hé\ufffdlène a payé 5 €"}',
            "not valid UTF-8 at byte offset 513;",
        ),
        (
            '{"body": "Hélène a payé"}'.encode("cp1252"),
            0,
            '{"body": "Hélène a payé"}',
            CP1252_WARNING,
        ),
    ],
)
def test_decode_line(raw, offset, text, warning_start):
    decoded, warnings = decode_line(raw, offset=offset)
    assert decoded == text
    if warning_start is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warnings[0].startswith(warning_start)


def test_french_article_with_a_stray_byte_read_end_to_end(tmp_path, read_one):
    header = "title: Vaucanson rachète Brevik\nsource: Vigie Éco\ndate: 2024-06-04\n\n"
    text = header + FRENCH
    at = text.index("Brevik Énergie") + 6  # the stray byte sits after "Brevik"
    path = tmp_path / "article.txt"
    path.write_bytes(_with_byte(text, b"\x85", _offset_of(text, at)))
    article = read_one(path)
    assert article.title == "Vaucanson rachète Brevik"
    assert article.source == "Vigie Éco"
    assert article.language == "fr"
    assert "1,2 milliard d'euros (€)" in article.body
    assert "Hélène Dufrêne" in article.body and "Énergie" in article.body
    assert article.warnings == [
        f"not valid UTF-8 at byte offset {_offset_of(text, at)}; "
        "read as UTF-8, 1 bad byte replaced by U+FFFD"
    ]


def test_jsonl_warning_gives_the_offset_in_the_file(read):
    first = b'{"body": "Premier article sans souci."}\n'
    second = '{"body": "Le prix payé atteint 5 € selon Hélène."}\n'.encode()
    damaged = second[:20] + b"\xff" + second[20:]
    results = read("-", stdin=io.BytesIO(first + damaged))
    assert [type(r) for r in results] == [Article, Article]
    assert "5 € selon Hélène" in results[1].body
    assert results[1].warnings[0].startswith(f"not valid UTF-8 at byte offset {len(first) + 20};")
