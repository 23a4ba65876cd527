"""One test per format, on fixtures in English and French."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tracker.ingest import Article, ReadError, read_inputs
from tracker.ingest.metadata import NO_DATE_WARNING
from tracker.status import Precision

from .paths import FIXTURES, SEED_DIR


def test_text_with_key_value_header_english(read_one):
    article = read_one(FIXTURES / "header_en.txt")
    assert article.title == "Northwind Bank said to weigh a bid for Contoso Freight"
    assert article.source == "Example Business Wire"
    assert article.url == "https://news.example.com/northwind-contoso"
    assert article.external_id == "ebw-1042"
    assert (article.published, article.precision) == (dt.date(2023, 1, 23), Precision.DAY)
    assert article.language == "en"
    assert article.body.startswith("Northwind Bank is in early talks")
    assert "Author" not in article.body
    assert article.warnings == []
    assert article.path == str(FIXTURES / "header_en.txt")
    assert article.location is None


def test_text_with_french_header_unknown_keys_ignored(read_one):
    article = read_one(FIXTURES / "header_fr.txt")
    assert article.title.startswith("Fabrikam confirme le rachat")
    assert article.source == "Le Quotidien de l'Exemple"
    assert (article.published, article.precision) == (dt.date(2023, 1, 23), Precision.DAY)
    assert article.language == "fr"  # "fr-FR" normalised
    assert article.body.startswith("Le groupe Fabrikam")


def test_text_without_header_takes_short_first_line_as_title(read_one):
    article = read_one(FIXTURES / "untitled_fr.txt")
    assert article.title == "Tailspin dément toute discussion avec Fabrikam"
    assert article.body.startswith("La direction de Tailspin")
    assert "\r" not in article.body
    assert article.language == "fr"
    assert article.published is None
    assert article.warnings == [NO_DATE_WARNING]


def test_text_first_line_with_final_punctuation_is_not_a_title(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text(
        "The board met on Monday.\n\nIt said that the company would keep its dividend.\n"
    )
    article = read_one(path)
    assert article.title is None
    assert article.body.startswith("The board met on Monday.")


def test_text_body_starting_with_unknown_key_is_not_a_header(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text(
        "Note: the deal was confirmed on Friday by both of the companies.\n\nMore text."
    )
    article = read_one(path)
    assert article.body.startswith("Note: the deal")


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="shared seed articles not present")
def test_seed_article_parses_as_french_month_dated(read):
    paths = sorted(SEED_DIR.glob("*.txt"))
    assert paths
    article = read(paths[0])[0]
    assert isinstance(article, Article)
    assert article.published == dt.date(2023, 1, 1)
    assert article.precision is Precision.MONTH
    assert article.language == "fr"
    assert article.body.startswith("Quelques heures")
    assert article.warnings == []


def test_seed_form_header(tmp_path, read_one):
    path = tmp_path / "seed.txt"
    path.write_bytes(
        b"\xef\xbb\xbf  date 2022-11 Le conseil a approuv\xc3\xa9 la fusion, selon nos sources."
    )
    article = read_one(path)
    assert (article.published, article.precision) == (dt.date(2022, 11, 1), Precision.MONTH)
    assert article.body == "Le conseil a approuvé la fusion, selon nos sources."


def test_markdown_front_matter_french(read_one):
    article = read_one(FIXTURES / "front_matter_fr.md")
    assert article.title == "Rumeur : Woodgrove serait sur le point de céder sa filiale"
    assert article.source == "La Lettre de l'Exemple"
    assert article.url == "https://exemple.fr/woodgrove"
    assert article.external_id == "77"
    assert (article.published, article.precision) == (dt.date(2023, 3, 1), Precision.DAY)
    assert article.language == "fr"
    assert article.body.startswith("Ce que l'on sait\n")  # "## " marker removed
    assert "---" not in article.body and "author" not in article.body


def test_markdown_heading_becomes_title_english(read_one):
    article = read_one(FIXTURES / "heading_en.md")
    assert article.title == "Litware denies it plans to leave the index"
    assert article.body.startswith("Litware on Tuesday denied")
    assert "#" not in article.body
    assert article.language == "en"
    assert article.published is None


def test_markdown_partial_date_in_front_matter(tmp_path, read_one):
    path = tmp_path / "a.md"
    path.write_text("---\ndate: 2021-06\nlang: en\n---\nThe merger was called off.\n")
    article = read_one(path)
    assert (article.published, article.precision) == (dt.date(2021, 6, 1), Precision.MONTH)
    assert article.language == "en"


def test_html_page_english(read_one):
    article = read_one(FIXTURES / "page_en.html")
    assert article.title == "Adatum confirms $3 billion deal with Proseware"
    assert article.source == "The Example Times"
    assert article.url == "https://times.example.com/2023/adatum-proseware"
    assert (article.published, article.precision) == (dt.date(2023, 2, 14), Precision.DAY)
    assert article.language == "en"
    assert "agreed to buy the software maker Proseware" in article.body
    assert "All rights reserved" not in article.body  # footer left out
    assert "Business" not in article.body  # navigation left out


def test_html_page_french_without_metadata_date(tmp_path, read_one):
    paragraphs = "".join(
        f"<p>La banque Woodgrove a confirmé vendredi la vente de sa filiale numéro {n}, "
        "une opération dont le montant n'a pas été divulgué par les deux parties.</p>"
        for n in range(3)
    )
    path = tmp_path / "page.htm"
    path.write_text(
        f"<html><head><title>Vente confirmée</title></head><body>{paragraphs}</body></html>"
    )
    article = read_one(path)
    assert article.language == "fr"
    assert "Woodgrove a confirmé vendredi" in article.body
    assert article.published is None
    assert NO_DATE_WARNING in article.warnings


def test_rss_feed_french(read):
    results = read(FIXTURES / "feed_fr.rss")
    assert [type(r) for r in results] == [Article, Article]
    first, second = results
    assert first.title == "Northwind envisagerait de racheter Contoso"
    assert first.source == "Le Fil de l'Exemple"
    assert first.url == "https://fil.exemple.fr/articles/1"
    assert first.external_id == "fil-0001"
    assert (first.published, first.precision) == (dt.date(2023, 1, 23), Precision.DAY)
    assert first.body.startswith("Selon nos informations, la banque Northwind serait")
    assert "<" not in first.body and "\n\n" in first.body  # HTML stripped, paragraphs kept
    assert first.language == "fr"
    assert first.location == "entry 1"
    assert second.external_id == "https://fil.exemple.fr/articles/2"  # no guid: the link
    assert second.location == "entry 2"
    assert second.published == dt.date(2023, 1, 25)


def test_atom_feed_english_prefers_full_content(read_one):
    article = read_one(FIXTURES / "feed_en.atom")
    assert article.title == "Fabrikam is said to explore a sale of its chip unit"
    assert article.source == "Example Tech Daily"
    assert article.external_id == "urn:example:techdaily:501"
    assert article.url == "https://techdaily.example.com/501"
    assert article.published == dt.date(2023, 4, 1)  # published, not updated
    assert "valued at more than $1 billion" in article.body  # content, not the summary
    assert article.language == "en"


def test_jsonl_batch_mixed_languages_and_bad_lines(read):
    results = read(FIXTURES / "batch.jsonl")
    assert [(type(r).__name__, r.location) for r in results] == [
        ("Article", "line 1"),
        ("Article", "line 3"),  # line 2 is blank: skipped
        ("ReadError", "line 4"),
        ("Article", "line 5"),
        ("ReadError", "line 6"),
        ("ReadError", "line 7"),
    ]
    first, second, broken, third, not_object, no_text = results
    assert first.external_id == "1" and first.language == "en"
    assert first.source == "Example Wire" and first.url == "https://wire.example.com/1"
    assert first.published == dt.date(2023, 5, 2)
    assert second.external_id == "fr-2" and second.language == "fr"
    assert second.body.startswith("La société Litware")  # read from "text"
    assert (second.published, second.precision) == (dt.date(2023, 5, 4), Precision.DAY)
    assert "not valid JSON" in broken.message
    assert third.body.startswith("Adatum a annoncé")  # read from "content"
    assert (third.published, third.precision) == (dt.date(2023, 5, 1), Precision.MONTH)
    assert "expected a JSON object" in not_object.message
    assert "no 'body' or 'title'" in no_text.message


def test_json_document_list(tmp_path, read):
    path = tmp_path / "export.json"
    path.write_text(
        '[{"title": "Contoso confirms the deal", "date": "2023"},\n {"body": "Litware denied it."}]'
    )
    first, second = read(path)
    assert (first.published, first.precision) == (dt.date(2023, 1, 1), Precision.YEAR)
    assert first.body == "" and first.title == "Contoso confirms the deal"
    assert (first.location, second.location) == ("entry 1", "entry 2")
    assert second.body == "Litware denied it."


def test_json_file_holding_json_lines(tmp_path, read):
    path = tmp_path / "lines.json"
    path.write_text('{"body": "First one."}\n{"body": "Second one."}\n')
    assert [a.body for a in read(path)] == ["First one.", "Second one."]


def test_stdin_text(read_one):
    data = "title: Tailspin confirme\ndate: 1er mars 2023\n\nTailspin a confirmé la vente de sa filiale.\n"
    article = read_one("-", stdin=io.BytesIO(data.encode()))
    assert article.path == "<stdin>"
    assert article.title == "Tailspin confirme"
    assert (article.published, article.precision) == (dt.date(2023, 3, 1), Precision.DAY)


def test_stdin_jsonl_is_streamed(read):
    lines = b"".join(
        b'{"id": %d, "body": "Contoso said it would not comment."}\n' % i for i in range(5)
    )
    results = read("-", stdin=io.BytesIO(lines))
    assert [a.external_id for a in results] == ["0", "1", "2", "3", "4"]
    assert all(a.path == "<stdin>" for a in results)


def test_stdin_unseekable_stream_is_replayed(read):
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer):  # type: ignore[override]
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    lines = b'{"body": "one"}\n{"body": "two"}\n'
    results = read("-", stdin=Pipe(lines))
    assert [a.body for a in results] == ["one", "two"]


def test_format_detected_from_content_over_extension(tmp_path, read_one):
    path = tmp_path / "saved.txt"
    path.write_bytes((FIXTURES / "feed_en.atom").read_bytes())
    article = read_one(path)
    assert article.location == "entry 1"  # read as a feed, not as text


def test_fmt_forces_the_format(tmp_path, read):
    path = tmp_path / "notes.txt"
    path.write_text('{"body": "Forced to JSON Lines."}\n')
    assert isinstance(read(path)[0], Article) and read(path)[0].body.startswith("{")
    forced = read(path, fmt="jsonl")
    assert forced[0].body == "Forced to JSON Lines."


def test_read_inputs_is_lazy(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Article {n} says the firm denied it.")
    stream = read_inputs([str(tmp_path)])
    first = next(stream)
    (tmp_path / "2.txt").unlink()  # removed after the walk started, before it was read
    rest = list(stream)
    assert isinstance(first, Article)
    assert isinstance(rest[-1], ReadError) and rest[-1].message == "no such file or folder"
