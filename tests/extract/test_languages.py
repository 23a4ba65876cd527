"""A language is files: a lexicon folder with one more TOML file is one more language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker import lexicons
from tracker.extract import extract, guess_language
from tracker.status import Status

SPANISH = """\
language = "es"

[words]
stopwords = ["el", "la", "los", "las", "de", "del", "y", "en", "por", "para", "con", "según"]
corporate_suffixes = ["sa", "s.a.", "corp", "sl"]

[numbers]
decimal_mark = ","
scales = { mil = 1e3, millones = 1e6, "millón" = 1e6 }
scale_joiners = ["de"]

[currencies]
prefix = { "€" = "EUR", "$" = "USD" }
suffix = { euros = "EUR", "dólares" = "USD" }

[kinds.acquisition]
triggers = ["compra", "adquiere", "adquisición"]

[cues.unnamed_source]
status = "rumor"
strength = "strong"
confidence = 0.8
phrases = ["según fuentes", "fuentes cercanas"]

[cues.announce]
status = "confirmed"
strength = "normal"
confidence = 0.85
phrases = ["anunció", "confirmó"]
"""
SENTENCE = "Acme Corp compra Widget SA por 10 millones de euros, según fuentes."


@pytest.fixture
def spanish(tmp_path: Path):
    (tmp_path / "es.toml").write_text(SPANISH, encoding="utf-8")
    yield tmp_path
    lexicons.use_dir(None)


def _claim(text: str, language: str | None = "es") -> tuple:
    (m,) = extract(text, language=language).mentions
    amount = (m.amount.value, m.amount.currency) if m.amount else None
    return m.kind, m.parties, amount, m.status


def test_a_third_language_from_a_file_alone(spanish: Path) -> None:
    lexicons.use_dir(spanish)
    assert lexicons.languages() == ("es",)
    assert _claim(SENTENCE) == ("acquisition", ("acme", "widget"), (1e7, "EUR"), Status.RUMOR)
    confirmed = "Acme Corp anunció que compra Widget SA por 2,5 millones de euros."
    assert _claim(confirmed) == (
        "acquisition",
        ("acme", "widget"),
        (2.5e6, "EUR"),
        Status.CONFIRMED,
    )


def test_a_third_language_beside_the_others(spanish: Path) -> None:
    for path in lexicons.LEXICON_DIR.glob("*.toml"):
        shutil.copy(path, spanish / path.name)
    shutil.copytree(lexicons.LEXICON_DIR / "stopwords", spanish / "stopwords")
    lexicons.use_dir(spanish)
    assert lexicons.languages() == ("en", "es", "fr")
    assert guess_language(SENTENCE) == "es"
    assert _claim(SENTENCE, None) == ("acquisition", ("acme", "widget"), (1e7, "EUR"), Status.RUMOR)
    english = "Acme Corp is in talks to buy Widget SA for $10 million, people familiar said."
    assert _claim(english, None) == ("acquisition", ("acme", "widget"), (1e7, "USD"), Status.RUMOR)


def test_the_folder_can_come_from_the_environment(
    spanish: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "es" not in lexicons.languages()
    monkeypatch.setenv(lexicons.ENV_VAR, str(spanish))  # read when needed, not at import
    assert lexicons.languages() == ("es",)
    assert _claim(SENTENCE)[0] == "acquisition"
    monkeypatch.delenv(lexicons.ENV_VAR)
    assert lexicons.languages() == ("en", "fr")


def test_use_dir_wins_over_the_environment(spanish: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicons.ENV_VAR, str(spanish))
    lexicons.use_dir(lexicons.LEXICON_DIR)
    assert lexicons.languages() == ("en", "fr")


def test_the_kinds_table_is_no_language() -> None:
    assert "kinds" not in lexicons.languages()
    with pytest.raises(KeyError):
        lexicons.load("kinds")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kim Jong-Un bans the name Kim Jong-un", "en"),  # "un" inside a name
        ("North Korea bans anyone sharing Kim Jong Un's name", "en"),  # a possessive
        ("Oil spikes on U.S. inventory data, Saudi pipeline blast", "en"),  # lone letters
        ("Café owner wins lottery", "en"),  # one accent is no clear evidence
        ("Orvane rachète Keldor pour 2 milliards", "fr"),
        ("L'opération serait bouclée d'ici l'été", "fr"),
        ("Le groupe a annoncé une fusion avec son rival.", "fr"),
    ],
)
def test_short_text_is_english_unless_clearly_french(text: str, language: str) -> None:
    from tracker.extract import guess_language

    assert guess_language(text) == language


@pytest.mark.parametrize(
    ("headline", "language"),
    [
        ("Rockstar Denies Sequel Plus Remaster Rumors", "en"),  # one French-looking word
        ("Orvane rachète Keldor pour 2 milliards", "fr"),
    ],
)
def test_a_body_that_repeats_its_headline_is_no_more_evidence(headline, language) -> None:
    """Many feeds print the headline again atop the body: its words vote once,
    so a lone French-looking word does not become a lead of two."""
    assert extract(headline, title=headline).language == language
    assert extract("", title=headline).language == language


def test_every_occurrence_of_a_word_votes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each distinct word is weighed once but votes as often as it occurs, and
    the words' votes are kept within bounds."""
    from tracker.extract import language

    text = "the the the the the le les des"  # English 5 to French 3
    assert guess_language(text) == "en"
    assert guess_language("the le les des") == "fr"  # English 1 to French 3
    monkeypatch.setattr(language, "_VOTES_KEPT", 2)
    for _ in range(3):
        assert guess_language(text) == "en"
    votes = language._voters(lexicons.directory()).votes
    assert len(votes) <= 2 + len(set(text.split()))
