"""detect_language as a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import lexicons
from tracker.ingest import detect_language
from tracker.ingest.language import known_languages, stopword_table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company said that it was in talks with the bank about a deal.", "en"),
        ("Le groupe a indiqué qu'il était en discussion avec la banque pour un accord.", "fr"),
        ("L'éditeur n'a pas souhaité commenter ces informations, selon nos sources.", "fr"),
        ("According to people familiar with the matter, the talks have stalled.", "en"),
        ("« Nous ne commentons pas les rumeurs », a déclaré un porte-parole du groupe.", "fr"),
        ("Microsoft OpenAI Azure ChatGPT", None),  # names only
        ("", None),
        ("12 345 678 — 2023", None),
        ("the le", None),  # too few hits
        ("The deal et the bank et la banque", None),  # a tie
        ("Der Vorstand hat die Übernahme bestätigt.", None),  # no list for German
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_only_the_start_of_a_long_text_counts():
    text = "The company said that it was in talks with the bank. " * 60
    text += "Le groupe a indiqué qu'il était en discussion avec la banque. " * 200
    assert detect_language(text) == "en"


def test_stopword_lists_have_no_shared_words():
    table = stopword_table()
    assert {"the", "and", "le", "les", "qu"} <= table.keys()
    assert table["the"] == "en" and table["les"] == "fr"
    assert "a" not in table and "on" not in table  # words of both languages


SPANISH = (
    'language = "es"\n[words]\nstopwords = ["el", "la", "los", "de", "del", "y", "por", "con"]\n'
)


def test_the_languages_are_those_of_the_lexicon_folder_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "es.toml").write_text(SPANISH, encoding="utf-8")
    spanish = "El grupo compra la empresa por los derechos del canal y de la red con el banco."
    assert detect_language(spanish) != "es"  # no Spanish lexicon in the package
    try:
        lexicons.use_dir(tmp_path)
        assert known_languages() == {"es"}
        assert detect_language(spanish) == "es"
        assert detect_language("The company said that it was in talks with the bank.") is None
    finally:
        lexicons.use_dir(None)
    monkeypatch.setenv(lexicons.ENV_VAR, str(tmp_path))
    assert detect_language(spanish) == "es"
    monkeypatch.delenv(lexicons.ENV_VAR)
    assert known_languages() == {"en", "fr"}
