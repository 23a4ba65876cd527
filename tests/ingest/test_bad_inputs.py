"""Each kind of bad input gives one clear ReadError, never an exception."""

from __future__ import annotations

import io
import os

import pytest

import tracker.ingest.reader as reader_module
from tracker.ingest import Article, InputError, ReadError, read_inputs
from tracker.ingest.normalize import CP1252_WARNING, human_size

from .paths import FIXTURES


def test_missing_path(tmp_path, read_error):
    error = read_error(tmp_path / "nope.txt")
    assert error.message == "no such file or folder"
    assert error.path == str(tmp_path / "nope.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf\n"])
def test_empty_or_blank_file(tmp_path, read_error, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert read_error(path).message == "empty file"


def test_blank_jsonl_file(tmp_path, read_error):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"\n\n  \n")
    assert read_error(path).message == "empty file"


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04\x00\x00binary zip header\x00\x00",
        bytes(range(1, 9)) * 50 + b"some text",  # control bytes, no NUL
    ],
)
def test_binary_file(tmp_path, read_error, content):
    path = tmp_path / "archive.txt"
    path.write_bytes(content)
    assert read_error(path).message == "not text (binary file?)"


def test_binary_jsonl_file(tmp_path, read_error):
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert "binary" in read_error(path).message


def test_cp1252_text_is_decoded_with_a_warning(tmp_path, read_one):
    path = tmp_path / "old.txt"
    path.write_bytes("Le ministre a déclaré que l'accord était signé — enfin.".encode("cp1252"))
    article = read_one(path)
    assert article.body == "Le ministre a déclaré que l'accord était signé — enfin."
    assert CP1252_WARNING in article.warnings


def test_bytes_cp1252_leaves_undefined_go_to_the_detector(tmp_path, read_one):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Caf\x81 \x8d and then some ordinary words to read")
    article = read_one(path)
    assert article.body.endswith(" and then some ordinary words to read")
    assert article.warnings[0].startswith("not valid UTF-8; decoded as ")


def test_neither_utf8_nor_cp1252_nor_detected(tmp_path, read_error):
    path = tmp_path / "odd.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 3)
    assert read_error(path).message == "not UTF-8 text, nor cp1252 (binary file?)"


def test_utf16_with_bom_is_decoded(tmp_path, read_one):
    path = tmp_path / "notepad.txt"
    path.write_bytes("The company denied the report on Monday.".encode("utf-16"))
    article = read_one(path)
    assert article.body == "The company denied the report on Monday."


def test_file_over_the_size_limit(tmp_path, read_error):
    path = tmp_path / "big.txt"
    path.write_text("word " * 300)
    error = read_error(path, max_bytes=1000)
    assert error.message == "file is 1.5 KB, over the 1000 bytes limit; raise it with --max-size"


def test_stdin_over_the_size_limit(read_error):
    error = read_error("-", stdin=io.BytesIO(b"x" * 2000), max_bytes=1024)
    assert error.message == "input is over the 1 KB limit; raise it with --max-size"


@pytest.mark.parametrize(
    ("size", "shown"),
    [(500, "500 bytes"), (5 * 1024 * 1024, "5 MB"), (54_945_382, "52.4 MB"), (1536, "1.5 KB")],
)
def test_human_size(size, shown):
    assert human_size(size) == shown


def test_jsonl_line_over_the_limit_skips_only_that_line(tmp_path, read):
    path = tmp_path / "batch.jsonl"
    big = '{"body": "' + "x" * 500 + '"}'
    path.write_text(f'{{"body": "short one"}}\n{big}\n{{"body": "after"}}\n')
    results = read(path, max_bytes=100)
    assert isinstance(results[0], Article)
    assert isinstance(results[1], ReadError) and results[1].location == "line 2"
    assert "over the 100 bytes limit" in results[1].message
    assert isinstance(results[2], Article) and results[2].body == "after"


def test_malformed_jsonl_line_reports_line_and_keeps_others(tmp_path, read):
    path = tmp_path / "batch.ndjson"
    path.write_text('{"body": "one"}\n{"body": "two",}\n\n{"body": 3.5}\n{"body": {"a": 1}}\n')
    results = read(path)
    assert [getattr(r, "location", None) for r in results] == [
        "line 1",
        "line 2",
        "line 4",
        "line 5",
    ]
    assert results[1].message.startswith("not valid JSON: ")
    assert results[2].body == "3.5"  # a number is still text-like
    assert results[3].message == "'body' should be text, got an object"


@pytest.mark.parametrize(
    "content",
    [
        '<?xml version="1.0"?><rss><channel><title>Cut</title><item><title>x</',
        '<?xml version="1.0"?><rss><channel><title>Cut',
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry></feed>',
    ],
)
def test_broken_feed(tmp_path, read_error, content):
    path = tmp_path / "broken.rss"
    path.write_text(content)
    error = read_error(path)
    assert error.message.startswith("broken feed: ")
    assert len(error.message) > len("broken feed: ") + 3


def test_malformed_feed_with_readable_entries_keeps_them_with_a_warning(tmp_path, read_one):
    path = tmp_path / "loose.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        "<title>Contoso confirms the merger &nbsp; talks</title>"
        "<description>Contoso said the talks were over.</description></item></channel>"
    )
    article = read_one(path)
    assert article.title.startswith("Contoso confirms the merger")
    assert any(w.startswith("malformed feed (") for w in article.warnings)


def test_feed_entry_without_text(tmp_path, read):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><guid>a</guid></item>"
        "<item><title>Contoso confirms the merger</title></item></channel></rss>"
    )
    error, article = read(path)
    assert isinstance(error, ReadError) and error.location == "entry 1"
    assert isinstance(article, Article) and article.title == "Contoso confirms the merger"


def test_html_without_article_text(read_error):
    assert read_error(FIXTURES / "page_empty.html").message == "no article text found in HTML"


def test_invalid_front_matter(tmp_path, read_error):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\ndate: 2023\n---\nBody text here.\n")
    error = read_error(path)
    assert error.message.startswith("front matter is not valid YAML")
    assert error.location is not None and error.location.startswith("line ")


def test_folder_without_article_files(tmp_path, read_error):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden text that must not count")
    error = read_error(tmp_path)
    assert error.path == str(tmp_path)
    assert error.message.startswith("no article files found (looked for *.txt, *.md, ")


def test_folder_without_files_matching_the_glob(tmp_path, read_error):
    (tmp_path / "a.txt").write_text("The firm denied it.")
    assert read_error(tmp_path, glob="*.rss").message == "no article files found (looked for *.rss)"


def test_permission_denied(tmp_path, read_error, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("The board confirmed it.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, for whom chmod 000 changes nothing: refuse the open.
    monkeypatch.setattr(reader_module, "open", refuse, raising=False)
    assert read_error(path).message == "permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path, read_error):
    path = tmp_path / "secret.txt"
    path.write_text("The board confirmed it.")
    path.chmod(0)
    assert read_error(path).message == "permission denied"


def test_control_characters_stripped_and_crlf_normalised(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_bytes(b"The CEO\x07 said\r\nit was\x1b done.\r\rAnd\x0cover.\tEnd\xe2\x80\x8b.")
    article = read_one(path)
    assert article.body == "The CEO said\nit was done.\n\nAnd\nover.\tEnd."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"paths": []}, "no input given"),
        ({"paths": ["x"], "fmt": "pdf"}, "unknown format 'pdf'"),
        ({"paths": ["x"], "max_bytes": 0}, "must be positive"),
    ],
)
def test_bad_calls_raise_input_error_eagerly(kwargs, message):
    with pytest.raises(InputError, match=message):
        read_inputs(**kwargs)  # no next(): raised before any reading


def test_mixed_garbage_folder_never_raises(tmp_path, read):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b.jsonl").write_bytes(b"{\n[1,2\n\xff\xfe\n")
    (tmp_path / "c.html").write_bytes(b"<html><body></body></html>")
    (tmp_path / "d.xml").write_bytes(b"<rss><<<")
    (tmp_path / "e.md").write_bytes(b"---\n: :\n---\n")
    (tmp_path / "f.json").write_bytes(b"[1, 2]")
    results = read(tmp_path)
    assert results and all(isinstance(r, ReadError) for r in results)
    assert all(r.message and "\n" not in r.message for r in results)


def test_a_parser_crash_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch) -> None:
    from tracker.ingest import reader, streams

    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "b.txt").write_text("title: B\n\nNorvane Robotics confirmed the plan.\n")

    def boom(*args, **kwargs):
        raise ImportError("a library is missing")

    monkeypatch.setattr(streams, "read_html", boom)
    items = list(reader.read_inputs([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, reader.ReadError)]
    assert len(errors) == 1 and "ImportError: a library is missing" in errors[0].message
    assert any(not isinstance(i, reader.ReadError) and i.title == "B" for i in items)


def test_folder_skips_docs_and_labels_but_named_files_load(tmp_path) -> None:
    from tracker.ingest import ReadError, read_inputs

    (tmp_path / "README.md").write_text("# About this folder\n\nNot an article.\n")
    (tmp_path / "labels.jsonl").write_text('{"type": "story", "story": "x"}\n')
    (tmp_path / "news.txt").write_text("title: Real\n\nQuorra Mobility bought Parkly.\n")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.title for i in items if not isinstance(i, ReadError)] == ["Real"]
    named = list(read_inputs([str(tmp_path / "README.md")]))
    assert len(named) == 1 and not isinstance(named[0], ReadError)


def test_feed_with_a_reference_past_unicode_is_read(tmp_path, read_one) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        "<title>Contoso&#1114112; confirms the merger</title></item></channel></rss>"
    )
    assert read_one(path).title == "Contoso\ufffd confirms the merger"


def test_json_lone_surrogate_becomes_a_replacement_character(read_one) -> None:
    article = read_one("-", stdin=io.BytesIO(b'{"body": "Contoso \\ud800 confirmed it."}\n'))
    assert article.body == "Contoso \ufffd confirmed it."
    article.body.encode("utf-8")


def test_a_parser_crash_on_stdin_is_reported(monkeypatch) -> None:
    from tracker.ingest import reader, streams

    def boom(*args, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(streams, "read_text", boom)
    items = list(reader.read_inputs(["-"], stdin=io.BytesIO(b"Some text to read.")))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].path == "<stdin>"
    assert items[0].message == "could not read: RuntimeError: parser bug"
