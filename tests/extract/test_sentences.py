"""Sentence splitting: abbreviations, figures, quotes, French typography."""

from __future__ import annotations

import pytest

from tracker.extract import split_sentences

CASES = [
    (
        "en",
        "Apple Inc. said it would invest. The deal closes soon.",
        ["Apple Inc. said it would invest.", "The deal closes soon."],
    ),
    (
        "en",
        "Mr. Smith joined Acme Corp. in May. He left in June.",
        ["Mr. Smith joined Acme Corp. in May.", "He left in June."],
    ),
    (
        "en",
        "It bought Acme Inc. The price was $1.5bn. Shares rose.",
        ["It bought Acme Inc.", "The price was $1.5bn.", "Shares rose."],
    ),
    (
        "en",
        "The U.S. government fined Dr. Rao. It was a first.",
        ["The U.S. government fined Dr. Rao.", "It was a first."],
    ),
    (
        "en",
        "Revenue hit $3.2bn, up 5.5%. Profit fell.",
        ["Revenue hit $3.2bn, up 5.5%.", "Profit fell."],
    ),
    (
        "en",
        '"We are thrilled," the CEO said. "It is huge." Shares jumped.',
        ['"We are thrilled," the CEO said.', '"It is huge."', "Shares jumped."],
    ),
    (
        "en",
        "Is it a deal? Nobody knows! Stay tuned.",
        ["Is it a deal?", "Nobody knows!", "Stay tuned."],
    ),
    ("en", "Wait... what happened? Nobody said.", ["Wait... what happened?", "Nobody said."]),
    ("en", "He asked why? and left. Then silence.", ["He asked why? and left.", "Then silence."]),
    (
        "fr",
        "M. Dupont a quitté la société. Mme Martin le remplace.",
        ["M. Dupont a quitté la société.", "Mme Martin le remplace."],
    ),
    (
        "fr",
        "Le chiffre atteint 3,2 milliards. La hausse est de 8\u00a0%.",
        ["Le chiffre atteint 3,2 milliards.", "La hausse est de 8\u00a0%."],
    ),
    (
        "fr",
        "Va-t-il racheter X\u00a0? Personne ne le sait\u00a0! Suite demain.",
        ["Va-t-il racheter X\u00a0?", "Personne ne le sait\u00a0!", "Suite demain."],
    ),
    (
        "fr",
        "« C’est une étape. » Le groupe confirme.",
        ["« C’est une étape. »", "Le groupe confirme."],
    ),
    (
        "fr",
        "« Nous avançons », explique le PDG. Il sourit.",
        ["« Nous avançons », explique le PDG.", "Il sourit."],
    ),
    (
        "fr",
        "Voici les détails\u202f: trois piliers. Fin.",
        ["Voici les détails\u202f: trois piliers.", "Fin."],
    ),
    (
        "fr",
        "Titre sans point\n\nPremier paragraphe. Second.",
        ["Titre sans point", "Premier paragraphe.", "Second."],
    ),
    (
        "fr",
        "Le site TOP500.org classe les machines. Voilà.",
        ["Le site TOP500.org classe les machines.", "Voilà."],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split(lang: str, text: str, expected: list[str]) -> None:
    spans = split_sentences(text, lang)
    assert [text[s:e] for s, e in spans] == expected


def test_spans_are_trimmed_and_ordered() -> None:
    text = "  One thing happened.   Another followed.  "
    spans = split_sentences(text, "en")
    assert spans == [(2, 21), (24, 41)]


def test_long_punctuation_run_is_bounded() -> None:
    text = "Deal!" + "!" * 100_000 + " Next one."
    spans = split_sentences(text, "en")
    assert text[spans[-1][0] : spans[-1][1]] == "Next one."
