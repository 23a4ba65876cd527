"""content_hash normalisation and apply_overrides."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sys
import unicodedata

import pytest

from tracker.ingest import Article, InputError, apply_overrides, content_hash
from tracker.ingest.metadata import NO_DATE_WARNING, NO_LANGUAGE_WARNING
from tracker.status import Precision

BASE = Article(title="Contoso confirms the deal", body="Contoso said on Monday\nit had agreed.")


@pytest.mark.parametrize(
    "same",
    [
        Article(title="Contoso confirms the deal", body="Contoso said on Monday it had agreed."),
        Article(
            title="  Contoso  confirms the deal ",
            body="Contoso said\ton Monday\r\nit had agreed.\n",
        ),
        Article(
            title="Contoso confirms the deal", body="Contoso said on\u00a0Monday it had agreed."
        ),
        Article(
            title="Contoso conﬁrms the deal", body="Contoso said on Monday it had agreed."
        ),  # ligature
        Article(
            title="Contoso confirms the deal",
            body="Contoso said on Monday it had agreed.",
            source="x",
        ),
    ],
)
def test_hash_ignores_whitespace_and_compatibility_forms(same):
    assert content_hash(same) == content_hash(BASE)


@pytest.mark.parametrize(
    "different",
    [
        Article(
            title="Contoso confirms the deal", body="Contoso said on Monday it had not agreed."
        ),
        Article(title="contoso confirms the deal", body="Contoso said on Monday\nit had agreed."),
        Article(title=None, body="Contoso confirms the deal Contoso said on Monday it had agreed."),
        Article(title="Contoso confirms the deal", body="Contoso said on Monday\nit had agreed!"),
    ],
)
def test_hash_changes_with_the_text(different):
    assert content_hash(different) != content_hash(BASE)


def test_hash_of_stored_articles_is_kept():
    """Stored hashes must keep matching: the hash is SHA-256 of the NFKC text with
    each whitespace run (any of str.isspace) as one space, and the ends trimmed."""
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    body = "".join(f"{c}mot{c}{c}é{c}" for c in spaces) + " ﬁn "
    title = "\u00a0Deal\u2003 talks\n"
    words = " ".join(unicodedata.normalize("NFKC", title).split())
    words += "\n" + " ".join(unicodedata.normalize("NFKC", body).split())
    expected = hashlib.sha256(words.encode("utf-8")).hexdigest()
    assert content_hash(Article(title=title, body=body)) == expected


def test_hash_is_sha256_hex():
    digest = content_hash(BASE)
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_overrides_replace_fields_and_clear_answered_warnings():
    article = Article(
        body="Texte.",
        title="Old",
        source="Old source",
        warnings=[NO_DATE_WARNING, NO_LANGUAGE_WARNING, "not valid UTF-8; decoded as cp1252"],
    )
    new = apply_overrides(article, date="2023-01", source="Le Fil", title="Nouveau", lang="FR")
    assert (new.published, new.precision) == (dt.date(2023, 1, 1), Precision.MONTH)
    assert (new.source, new.title, new.language) == ("Le Fil", "Nouveau", "fr")
    assert new.warnings == ["not valid UTF-8; decoded as cp1252"]
    assert article.title == "Old" and len(article.warnings) == 3  # the original is untouched


def test_overrides_none_leaves_fields_alone():
    article = Article(body="x", title="T", source="S", language="en")
    assert apply_overrides(article) == article


def test_override_with_bad_date_or_language_raises():
    with pytest.raises(InputError, match="could not parse date 'someday'"):
        apply_overrides(BASE, date="someday")
    with pytest.raises(InputError, match="not a language code"):
        apply_overrides(BASE, lang="français!!")


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_long_text_is_normalised_in_pieces_to_the_same_text(monkeypatch, chunk):
    """A long text is normalised a piece at a time (bounded memory); cut
    anywhere before a space, the pieces join to the text normalised whole:
    white space runs across a cut, composing and compatibility characters."""
    from tracker.ingest import normalize

    monkeypatch.setattr(normalize, "_HASH_CHUNK", chunk)
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    alphabet = [*spaces, *"ab é", "ﬁ", "\u0301", "\u00a8", "\u00a0", "\u1100", "\u1161"]
    rng = random.Random(chunk)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        whole = " ".join(unicodedata.normalize("NFKC", text).split())
        assert "".join(normalize._normalized_pieces(text)) == whole, repr(text)
