"""References to control characters (&#27;, &#x9b;) no longer cost a page its text."""

from __future__ import annotations

import pytest

from tracker.ingest.normalize import drop_control_references, drop_control_references_bytes

REFERENCES = [
    # (markup, what it becomes)
    ("a&#27;b", "ab"),  # ESC, the reference that used to empty a page
    ("a&#x1B;b", "ab"),
    ("a&#x1bz", "az"),  # no ";"
    ("a&#x1bb", "a&#x1bb"),  # no ";": the digits run on, U+01BB is a letter
    ("a&#27b", "ab"),
    ("a&#0000027;b", "ab"),  # leading zeros
    ("a&#0;b", "ab"),
    ("a&#12;b", "ab"),  # form feed
    ("a&#127;b", "ab"),  # DEL
    ("a&#x9b;b", "a&#8250;b"),  # C1: the cp1252 character a browser shows (›)
    ("don&#146;t", "don&#8217;t"),  # ’
    ("a&#X80;b", "a&#8364;b"),  # €
    ("a&#x81;b", "ab"),  # undefined in cp1252
    ("a&#x9D;b", "ab"),
    ("a&#xFFFF;b", "ab"),  # noncharacters
    ("a&#xFFFE;b", "ab"),
    ("a&#xFDD0;b", "ab"),
    ("a&#x1FFFE;b", "ab"),
    ("a&#9;b", "a&#9;b"),  # tab and line ends are text
    ("a&#10;b", "a&#10;b"),
    ("a&#xD;b", "a&#xD;b"),
    ("caf&#233;", "caf&#233;"),
    ("&#65;&#x42;", "&#65;&#x42;"),
    ("a&#1114112;b", "a&#65533;b"),  # past U+10FFFF: U+FFFD, as HTML says
    ("a&#99999999999999999999;b", "a&#65533;b"),
    ("a&#xD800;b", "a&#65533;b"),  # a surrogate
    ("a&#x10FFFD;b", "a&#x10FFFD;b"),  # the last private-use character is text
    ("a&amp;#27;b", "a&amp;#27;b"),  # an escaped ampersand is text
    ("no references at all", "no references at all"),
]


@pytest.mark.parametrize(("markup", "expected"), REFERENCES)
def test_drop_control_references(markup, expected):
    assert drop_control_references(markup) == expected


@pytest.mark.parametrize(("markup", "expected"), REFERENCES)
def test_drop_control_references_in_bytes(markup, expected):
    assert drop_control_references_bytes(markup.encode()) == expected.encode()


PARAGRAPH = (
    "<p>La banque Woodgrove a confirmé vendredi{ref} la vente de sa filiale, une "
    "opération dont le montant n'a pas été divulgué par les deux parties.</p>"
)


@pytest.mark.parametrize("ref", ["&#27;", "&#x9b;", "&#x1B;", "&#7;", "&#xFFFF;", "&#x81;"])
def test_html_page_with_a_control_reference_keeps_its_text(tmp_path, read_one, ref):
    page = (
        f"<html><head><title>Vente&#27; confirmée</title></head><body>"
        f"{PARAGRAPH.format(ref=ref)}{PARAGRAPH.format(ref='')}</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = read_one(path)
    assert article.title == "Vente confirmée"
    assert "La banque Woodgrove a confirmé vendredi" in article.body
    assert "la vente de sa filiale" in article.body
    assert not any(ord(char) < 0x20 and char not in "\n\t" for char in article.body)
    assert not any(0x7F <= ord(char) <= 0x9F for char in article.body)


def test_html_c1_reference_reads_as_the_browser_shows_it(tmp_path, read_one):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body>" + PARAGRAPH.format(ref=" &#x9b;&#27; dit l&#146;AFP") + "</body></html>"
    )
    article = read_one(path)
    assert "vendredi › dit l’AFP la vente" in article.body


def test_feed_with_a_control_reference_is_not_malformed(tmp_path, read_one):
    path = tmp_path / "feed.rss"
    path.write_bytes(
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        b"<title>Le Fil&#27;</title><item><title>Contoso&#x1b; confirme la fusion</title>"
        b"<description>Contoso a confirm\xc3\xa9 la fusion&#x9b; vendredi.</description>"
        b"</item></channel></rss>"
    )
    article = read_one(path)
    assert article.title == "Contoso confirme la fusion"
    assert article.source == "Le Fil"
    assert article.body == "Contoso a confirmé la fusion› vendredi."
    assert not any(warning.startswith("malformed feed") for warning in article.warnings)
