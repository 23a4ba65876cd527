"""Headers, in any order and mix, are fields and never text."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tracker.ingest import ReadError
from tracker.ingest.header import read_header
from tracker.status import Precision

TITLE = "Harwick agrees to buy Belmont Foods"
SOURCE = "Brightwater Business"
URL = "https://brightwater.example/harwick-belmont"
BODY = (
    "Harwick Group has agreed to buy Belmont Foods for $2.1 billion, the companies said "
    "on Monday.\n\nThe deal still needs the approval of the competition authorities."
)

HEADERS = {
    "date form first": [
        "date 2024-09-02",
        f"source: {SOURCE}",
        f"title: {TITLE}",
        f"url: {URL}",
        "lang: en",
    ],
    "date form last": [
        f"title: {TITLE}",
        f"source: {SOURCE}",
        f"url: {URL}",
        "lang: en",
        "date 2024-09-02",
    ],
    "date form among keys": [
        f"Source: {SOURCE}",
        "Date 2024-09-02",
        f"Title: {TITLE}",
        "LANG: en",
        f"url: {URL}",
    ],
    "keys in any case": [
        f"Source: {SOURCE}",
        f"URL: {URL}",
        f"Title: {TITLE}",
        "Published: 2 September 2024",
        "Language: English",
        "Author: Jane Roe",
    ],
    "front matter": [
        "---",
        f'title: "{TITLE}"',
        f"source: {SOURCE}",
        "date: 2024-09-02",
        f"url: {URL}",
        "lang: en",
        "tags: [deals, food]",
        "---",
    ],
    "front matter then keys": [
        "---",
        f"title: {TITLE}",
        "date: 2024-09-02",
        "---",
        f"source: {SOURCE}",
        f"url: {URL}",
        "lang: en",
    ],
    "front matter then date form": [
        "---",
        f"title: {TITLE}",
        f"source: {SOURCE}",
        f"url: {URL}",
        "language: en-GB",
        "...",
        "date 2024-09-02",
    ],
}


def _article_file(tmp_path, header: list[str], *, bom: bool, blank: bool, extension: str):
    text = "\n".join(header) + ("\n\n" if blank else "\n") + BODY + "\n"
    path = tmp_path / f"article{extension}"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _assert_fields(article) -> None:
    assert article.title == TITLE
    assert article.source == SOURCE
    assert article.url == URL
    assert (article.published, article.precision) == (dt.date(2024, 9, 2), Precision.DAY)
    assert article.language == "en"
    assert article.body.startswith("Harwick Group has agreed to buy Belmont Foods")
    assert article.warnings == []


@pytest.mark.parametrize(
    ("name", "bom", "blank", "extension"),
    list(itertools.product(HEADERS, [False, True], [True, False], [".txt", ".md"])),
)
def test_header_forms_give_fields_and_the_body_starts_at_the_first_sentence(
    tmp_path, read_one, name, bom, blank, extension
):
    path = _article_file(tmp_path, HEADERS[name], bom=bom, blank=blank, extension=extension)
    _assert_fields(read_one(path))


@pytest.mark.parametrize("bom", [False, True])
def test_unknown_keys_are_ignored_inside_a_header_block(tmp_path, read_one, bom):
    header = [
        "Kicker: Deals",
        f"Title: {TITLE}",
        f"Source: {SOURCE}",
        "date 2024-09-02",
        f"URL: {URL}",
        "lang: en",
    ]
    _assert_fields(read_one(_article_file(tmp_path, header, bom=bom, blank=True, extension=".txt")))


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_date_form_with_the_body_on_the_same_line(tmp_path, read_one, bom):
    path = tmp_path / "seed.txt"
    path.write_bytes(bom + b"date 2024-09 " + BODY.encode())
    article = read_one(path)
    assert (article.published, article.precision) == (dt.date(2024, 9, 1), Precision.MONTH)
    assert article.body == BODY


@pytest.mark.parametrize(
    ("text", "fields", "body_start"),
    [
        pytest.param(
            "Paris: the company said on Monday it would buy Belmont.\n\nMore to come.",
            {},
            "Paris: the company said",
            id="a colon in the first line",
        ),
        pytest.param(
            "Paris: the company said it would buy Belmont.\nSource: a statement.\n\nMore.",
            {},
            "Paris: the company said",
            id="unknown keys outnumber known ones",
        ),
        pytest.param(
            "Update: Harwick confirmed the talks.\nIt said more later.",
            {},
            "Update: Harwick confirmed",
            id="unknown key, no blank line",
        ),
        pytest.param(
            f"title: {TITLE}\nParis: the company said it would buy Belmont.",
            {"title": TITLE},
            "Paris: the company said",
            id="a header, then a body line with a colon",
        ),
        pytest.param(
            f"title: {TITLE}\n\nSource: people familiar with the matter.",
            {"title": TITLE},
            "Source: people familiar",
            id="the header ends at the first blank line",
        ),
        pytest.param(
            "In 2024: the year of the deal.\n\nHarwick bought Belmont.",
            {},
            "In 2024: the year",
            id="a key-like phrase",
        ),
        pytest.param(
            "date 2024-09-02\n\nHarwick bought Belmont.",
            {"date": "2024-09-02"},
            "Harwick bought Belmont.",
            id="date form alone",
        ),
        pytest.param(
            "Dated 2024-09-02, the letter said Harwick would buy Belmont.",
            {},
            "Dated 2024-09-02",
            id="not the date form",
        ),
        pytest.param(
            "---\nHarwick bought Belmont.\n",
            {},
            "---\nHarwick bought Belmont.",
            id="an unclosed rule is not front matter",
        ),
        pytest.param(
            "date 2024-09 Paris: Harwick said.\ntitle: A title\nsource: A source\n\nMore.",
            {"date": "2024-09"},
            "Paris: Harwick said.",
            id="date form with a colon in the text that follows",
        ),
        pytest.param(
            "\n\n  title: Spaced out\n\nHarwick bought Belmont.",
            {"title": "Spaced out"},
            "Harwick bought Belmont.",
            id="leading blank lines",
        ),
    ],
)
def test_read_header(text, fields, body_start):
    header = read_header(text, path="x")
    assert not isinstance(header, ReadError)
    assert header.fields == fields
    assert header.body.strip().startswith(body_start)


def test_front_matter_error_names_the_file_line():
    error = read_header("\n\n---\ntitle: ok\ndate: [2023\n---\nText.", path="x.md")
    assert isinstance(error, ReadError)
    assert error.message.startswith("front matter is not valid YAML")
    assert error.location == "line 6"


def test_stdin_seed_form_with_source_and_title_lines(read_one):
    import io

    data = f"date 2024-09-02\nsource: {SOURCE}\ntitle: {TITLE}\n{BODY}\n".encode()
    article = read_one("-", stdin=io.BytesIO(data))
    assert (article.title, article.source) == (TITLE, SOURCE)
    assert article.published == dt.date(2024, 9, 2)
    assert article.body.startswith("Harwick Group has agreed")
    assert SOURCE not in article.body


def test_plain_text_forced_format_reads_front_matter(tmp_path, read_one):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: {TITLE}\ndate: 2024-09-02\n---\n{BODY}\n")
    article = read_one(path, fmt="text")
    assert article.title == TITLE and article.published == dt.date(2024, 9, 2)
    assert article.body.startswith("Harwick Group")
