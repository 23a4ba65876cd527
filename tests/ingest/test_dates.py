"""parse_date as a table, and the date warnings readers add."""

from __future__ import annotations

import datetime as dt

import pytest

import tracker.ingest.dates as dates_module
from tracker.ingest import parse_date
from tracker.ingest.metadata import NO_DATE_WARNING
from tracker.status import Precision

D, M, Y, U = Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.UNKNOWN

CASES = [
    # ISO and numeric
    ("2023-01-23", dt.date(2023, 1, 23), D),
    ("2023-01-23T10:15:00Z", dt.date(2023, 1, 23), D),
    ("2023-01-23T23:30:00-05:00", dt.date(2023, 1, 23), D),  # the day as written
    ("2023-01-23 08:00", dt.date(2023, 1, 23), D),
    ("2023/01/23", dt.date(2023, 1, 23), D),
    ("23/01/2023", dt.date(2023, 1, 23), D),
    ("23.01.2023", dt.date(2023, 1, 23), D),
    # partial dates
    ("2023-01", dt.date(2023, 1, 1), M),
    (" 2023 ", dt.date(2023, 1, 1), Y),
    ("janvier 2023", dt.date(2023, 1, 1), M),
    ("March 2023", dt.date(2023, 3, 1), M),
    ("Jan. 2023", dt.date(2023, 1, 1), M),
    # written English
    ("January 23, 2023", dt.date(2023, 1, 23), D),
    ("23 January 2023", dt.date(2023, 1, 23), D),
    ("Sept. 5, 2022", dt.date(2022, 9, 5), D),
    ("24th of January, 2023", dt.date(2023, 1, 24), D),
    ("Published on March 3rd, 2023", dt.date(2023, 3, 3), D),
    # written French
    ("23 janvier 2023", dt.date(2023, 1, 23), D),
    ("lundi 23 janvier 2023", dt.date(2023, 1, 23), D),
    ("1er mars 2023", dt.date(2023, 3, 1), D),
    ("le 3 févr. 2023 à 14h05", dt.date(2023, 2, 3), D),
    ("Mis à jour le 15 AOÛT 2023", dt.date(2023, 8, 15), D),
    ("12 decembre 2022", dt.date(2022, 12, 12), D),  # accent left out
    # RFC 822 (feeds)
    ("Mon, 23 Jan 2023 08:15:00 +0100", dt.date(2023, 1, 23), D),
    ("Thu, 05 Oct 2023 14:00:00 GMT", dt.date(2023, 10, 5), D),
    # only dateparser knows these
    ("January the 24th, 2023", dt.date(2023, 1, 24), D),
    ("2023, January 24", dt.date(2023, 1, 24), D),
    ("3-Mar-2023", dt.date(2023, 3, 3), D),
    # unparseable
    ("yesterday", None, U),
    ("hier", None, U),
    ("il y a 3 jours", None, U),
    ("23 janvier", None, U),  # no year: never borrow today's
    ("31 février 2023", None, U),
    ("2023-13-01", None, U),
    ("0000", None, U),
    ("xyz", None, U),
    ("", None, U),
    ("1700000000", None, U),  # a timestamp is not a date field
]


@pytest.mark.parametrize(("text", "expected", "precision"), CASES)
def test_parse_date(text, expected, precision):
    assert parse_date(text) == (expected, precision)


FAST_FORMS = [
    "2023-01-23",
    "2023-01",
    "2023",
    "23 janvier 2023",
    "lundi 23 janvier 2023",
    "January 23, 2023",
    "23 January 2023",
    "Mon, 23 Jan 2023 08:15:00 +0100",
    "janvier 2023",
]


@pytest.mark.parametrize("text", FAST_FORMS)
def test_common_forms_never_reach_dateparser(text, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError(f"dateparser asked about {text!r}")

    monkeypatch.setattr(dates_module, "_dateparser", forbidden)
    assert parse_date(text)[0] is not None


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(("en", "fr"), dt.date(2023, 3, 4)), (("fr", "en"), dt.date(2023, 4, 3))],
)
def test_ambiguous_numeric_date_follows_first_language(languages, expected):
    assert parse_date("03/04/2023", languages=languages) == (expected, D)


def test_reader_warns_on_unparseable_date(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text("date: yesterday\n\nThe company confirmed the sale of its unit.")
    article = read_one(path)
    assert article.published is None and article.precision is U
    assert article.warnings == ["could not parse date 'yesterday'; article kept undated"]


def test_reader_warns_when_no_date(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text("The company confirmed the sale of its unit to the bank.")
    assert read_one(path).warnings == [NO_DATE_WARNING]


def test_french_article_reads_numeric_date_day_first(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text("date: 03/04/2023\n\nLa société a confirmé la vente de sa filiale à la banque.")
    assert read_one(path).published == dt.date(2023, 4, 3)


@pytest.mark.parametrize("text", ["5 ſept 2023", "ſept 2023", "Mar 5, 2023 ſ", "١٢/٠٣/٢٠٢٣"])
def test_look_alike_characters_do_not_break_the_fast_path(text):
    published, precision = parse_date(text)  # raised KeyError on "ſept" once
    assert (published is None) == (precision is U)
