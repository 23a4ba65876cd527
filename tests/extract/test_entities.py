"""Names: which capitalised runs are parties, and their canonical keys."""

from __future__ import annotations

import pytest

from tracker.extract import extract, fold


def parties_of(sentence: str, lang: str) -> set[str]:
    """Parties the (single) sentence trace reports."""
    trace = extract(sentence, language=lang).sentences
    return set().union(*(t.parties for t in trace))


CASES = [
    ("en", "Microsoft announced an investment in OpenAI.", {"microsoft", "openai"}),
    ("en", "GitHub and Mistral AI signed a partnership.", {"github", "mistral ai"}),
    ("en", "Apple Inc. agreed to buy Shazam Ltd.", {"apple", "shazam"}),
    ("en", "Bank of America will invest in Saint-Gobain.", {"bank of america", "saint-gobain"}),
    (
        "en",
        "Microsoft's deal with OpenAI, the maker of ChatGPT, was confirmed.",
        {"microsoft", "openai"},
    ),
    ("en", "According to Bloomberg, Pfizer is in talks to buy Seagen.", {"pfizer", "seagen"}),
    ("en", "Shares fell as Intel confirmed it will cut 2,000 jobs.", {"intel"}),
    (
        "en",
        "CEO Satya Nadella said Microsoft will invest $10 billion.",
        {"satya nadella", "microsoft"},
    ),
    (
        "en",
        "On Monday, North Korea and South Korea signed an agreement.",
        {"north korea", "south korea"},
    ),
    ("en", "Could Amazon buy Rite Aid?", {"amazon", "rite aid"}),
    (
        "en",
        "The Walt Disney Company confirmed a partnership with Epic Games.",
        {"walt disney", "epic games"},
    ),
    (
        "fr",
        "Hélios Énergie SA annonce le rachat de BNP Paribas.",
        {"helios energie", "bnp paribas"},
    ),
    ("fr", "L’Oréal a finalisé l’acquisition d’Aesop.", {"l'oreal", "aesop"}),
    (
        "fr",
        "Selon Les Echos, Atos serait en discussions pour céder Worldline.",
        {"atos", "worldline"},
    ),
    ("fr", "Le PSG a confirmé l’arrivée de Lionel Messi.", {"psg", "lionel messi"}),
    (
        "fr",
        "Satya Nadella, président et CEO de Microsoft, confirme le partenariat.",
        {"satya nadella", "microsoft"},
    ),
    ("fr", "Le groupe Saint-Gobain annonce une acquisition à Wall Street.", {"saint-gobain"}),
    (
        "fr",
        "Microsoft confirme son partenariat avec OpenAI, l’éditeur de Dall-E et ChatGPT.",
        {"microsoft", "openai"},
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), CASES)
def test_parties(lang: str, sentence: str, expected: set[str]) -> None:
    assert parties_of(sentence, lang) == expected


def test_fold_accents_and_case() -> None:
    assert fold("Hélios Énergie") == fold("HELIOS ENERGIE") == "helios energie"
    assert fold("L’Oréal") == "l'oreal"


def test_bare_name_resolves_to_longer_name_seen_earlier() -> None:
    body = (
        "Hélios Énergie annonce l’acquisition de Soltek pour 2 milliards d’euros. "
        "Hélios confirme que la transaction sera bouclée en mars."
    )
    traces = extract(body, language="fr").sentences
    assert "helios energie" in traces[0].parties
    assert "helios energie" in traces[1].parties
    assert "helios" not in traces[1].parties


def test_product_of_a_party_is_not_an_alias() -> None:
    body = (
        "Microsoft confirme un investissement dans OpenAI. Microsoft Designer sort en mars. "
        "Microsoft a annoncé un partenariat avec Nvidia."
    )
    traces = extract(body, language="fr").sentences
    assert "microsoft" in traces[2].parties
    assert "microsoft designer" not in traces[2].parties
