"""Withheld figures, money verbs and rumoured figures: the article-level reading.

A figure can be withheld in many words; a sum of money makes "pump", "apporter"
or "verser" an event; a rumoured figure without an event word belongs to the
article's claim; a confirmation with only a vague sum while the precise sum is
rumoured leaves the figure undisclosed; an extended partnership stays its own
confirmed claim.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.status import Status

R, C, U = Status.RUMOR, Status.CONFIRMED, Status.UNDISCLOSED

# Deal sentence, then a sentence that withholds the figure in its own words.
WITHHELD = [
    ("en", "Velmont bought Ashgrove Labs.", "Velmont declined to put a figure on the purchase."),
    ("en", "Velmont bought Ashgrove Labs.", "It did not put a number on the deal."),
    ("en", "Velmont bought Ashgrove Labs.", "Velmont kept the price under wraps."),
    ("en", "Velmont bought Ashgrove Labs.", "The size of the acquisition was not revealed."),
    ("en", "Velmont bought Ashgrove Labs.", "Velmont refused to disclose the price it paid."),
    ("en", "Velmont bought Ashgrove Labs.", "The company has never said how much it spent."),
    ("en", "Velmont bought Ashgrove Labs.", "The fee remains confidential."),
    ("en", "Velmont bought Ashgrove Labs.", "The buyer gave no figure."),
    (
        "fr",
        "Velmont a racheté Ashgrove Labs.",
        "Le groupe s'est bien gardé de chiffrer l'opération.",
    ),
    ("fr", "Velmont a racheté Ashgrove Labs.", "Velmont n'a pas chiffré son offre."),
    ("fr", "Velmont a racheté Ashgrove Labs.", "Velmont n'a rien dit du montant."),
    ("fr", "Velmont a racheté Ashgrove Labs.", "Le montant est tenu secret."),
    ("fr", "Velmont a racheté Ashgrove Labs pour un montant non communiqué.", ""),
    ("fr", "Velmont a racheté Ashgrove Labs à un prix non dévoilé.", ""),
    ("fr", "Velmont a racheté Ashgrove Labs, sans chiffrer la transaction.", ""),
]


@pytest.mark.parametrize(("lang", "deal", "withheld"), WITHHELD)
def test_withheld_figure_families(lang: str, deal: str, withheld: str) -> None:
    (m,) = extract(f"{deal} {withheld}".strip(), language=lang).mentions
    assert (m.kind, m.status) == ("acquisition", U)


# (language, sentence, kind, amount) - money verbs next to a sum are events.
MONEY_VERBS = [
    ("en", "Ostrava Bank pumped $2 billion into Kelso Savings.", "investment", 2e9),
    ("en", "Harwick Capital plowed $300 million into Lumo Grid.", "investment", 3e8),
    ("en", "Pellham committed $750 million to Zerath Propulsion.", "investment", 7.5e8),
    ("en", "Pellham first backed Zerath Propulsion with $50 million.", "investment", 5e7),
    ("en", "Arcline paid $120 million for Fernwood Software.", "deal", 1.2e8),
    ("fr", "Semvert a apporté 40 millions d'euros à Hydrolia.", "investment", 4e7),
    (
        "fr",
        "Foncière Arvaux met 1,2 milliard d'euros sur la table pour Quartz.",
        "investment",
        1.2e9,
    ),
    ("fr", "Vantor a misé 300 millions d'euros sur Bioxa.", "investment", 3e8),
    ("en", "Keldor will spend $450 million on a plant in Ohio.", "investment", 4.5e8),
    ("fr", "Keldor va dépenser 2 milliards d'euros dans ses centres.", "investment", 2e9),
    ("fr", "Le club Rivemont a déboursé 25 millions d'euros pour Enzo Carrel.", "deal", 2.5e7),
    ("fr", "Oreste a versé 30 millions d'euros à Delsaux.", "deal", 3e7),
]


@pytest.mark.parametrize(("lang", "sentence", "kind", "amount"), MONEY_VERBS)
def test_money_verbs_are_events_next_to_a_sum(
    lang: str, sentence: str, kind: str, amount: float
) -> None:
    (m,) = extract(sentence, language=lang).mentions
    assert m.kind == kind
    assert m.amount is not None and m.amount.value == amount


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "Jilted Lover Spends A Week In Valnord Diner To Forget Her Ex"),
        ("en", "Pet owner spends $300 to save his goldfish at a Valnord clinic"),
        ("fr", "Keldor : il dépense 300 euros pour sauver son poisson rouge"),
    ],
)
def test_spending_without_a_large_sum_is_no_investment(lang: str, title: str) -> None:
    # Spending is an investment only next to a sum that could be one.
    (m,) = extract("", title=title, language=lang).mentions
    assert m.kind == "event", m.notes


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Brandt committed to cutting emissions by 40% by 2030."),
        ("en", "Retailers have pumped money into discounts."),
        ("en", "Marlowe will pay $2.40 a share to its shareholders."),
        ("fr", "Les fabricants misent sur l'intelligence artificielle."),
        ("fr", "ChatGPT, mis en ligne fin novembre, compte des millions d'utilisateurs."),
    ],
)
def test_money_verbs_without_a_sum_are_no_events(lang: str, sentence: str) -> None:
    # Read on its own (no general claim stands in): no event of any kind.
    assert extract(sentence, language=lang, general_claims=False).mentions == []


@pytest.mark.parametrize(
    ("lang", "body", "amount"),
    [
        (
            "en",
            "Harlow Foods has completed its acquisition of Quince Market. "
            "Harlow kept the price under wraps. "
            "The figure of £250 million circulated among bankers last week.",
            2.5e8,
        ),
        (
            "fr",
            "Pixelune a annoncé l'acquisition du studio Brumaire Games. "
            "Pixelune n'a rien dit du montant de la transaction. "
            "Des rumeurs évoquaient un prix autour de 45 millions d'euros.",
            4.5e7,
        ),
    ],
)
def test_rumoured_figure_without_event_word_joins_the_main_claim(
    lang: str, body: str, amount: float
) -> None:
    (m,) = extract(body, language=lang).mentions
    assert (m.kind, m.status) == ("acquisition", U)
    assert m.amount is not None and m.amount.value == amount


def test_vague_confirmation_with_rumoured_figure_is_undisclosed() -> None:
    body = (
        "Streamwell confirmed it had agreed to buy Echo Hollow in a multimillion-dollar deal. "
        "Earlier reports had put the price at about $85 million."
    )
    (m,) = extract(body, language="en").mentions
    assert (m.kind, m.status, m.cue_kind) == ("acquisition", U, "article:undisclosed")
    assert m.amount is not None and m.amount.value == 85e6


def test_vague_confirmation_joins_the_rumoured_claim_across_ranges() -> None:
    # "plusieurs milliards" (2-9.99bn) does not contain 10bn: two claims, one event.
    body = (
        "Vaucanson a confirmé un investissement de plusieurs milliards d'euros dans Hydrelis. "
        "Selon La Tribune, il serait question d'une enveloppe de 10 milliards d'euros."
    )
    (m,) = extract(body, language="fr").mentions
    assert (m.kind, m.status) == ("investment", U)
    assert m.amount is not None and m.amount.value == 1e10


def test_extended_partnership_stays_a_confirmed_claim() -> None:
    body = (
        "Tallis Foods said it would extend its partnership with Greenacre Farms and make a "
        "multimillion-dollar investment in the grower's mills. "
        "Tallis did not disclose the size of the investment. "
        "Industry sources had put the package at about $150 million."
    )
    got = {(m.kind, m.status, m.amount.value if m.amount else None) for m in extract(body).mentions}
    assert ("investment", U, 150e6) in got
    assert any(kind == "partnership" and status is C for kind, status, _ in got)
    assert len(got) == 2


def test_past_money_transfer_is_a_confirmed_recall() -> None:
    body = (
        "Microsoft officialise un nouvel investissement dans OpenAI. "
        "En 2019, Microsoft avait déjà apporté un milliard de dollars à OpenAI."
    )
    past = [m for m in extract(body, language="fr", reference_year=2023).mentions if m.event_year]
    assert len(past) == 1
    assert (past[0].kind, past[0].status, past[0].event_year) == ("investment", C, 2019)
    assert past[0].parties == ("microsoft", "openai")


def test_an_earlier_rumoured_figure_does_not_outlive_the_confirmed_one() -> None:
    body = (
        "Marlowe Motors has agreed to buy Cinder Cycle for $640 million, the carmaker said. "
        "Press reports in March had put the price at $900 million."
    )
    (m,) = extract(body, language="en").mentions
    assert (m.status, m.amount.value if m.amount else None) == (C, 640e6)


def test_a_speaker_who_withholds_the_figure_is_not_a_party() -> None:
    body = (
        "Quillpay has closed a funding round led by Arbor Peak Capital, the company said. "
        "Chief executive Nadia Roussel would not say how much the company raised."
    )
    (m,) = extract(body, language="en").mentions
    assert (m.status, m.parties[0]) == (U, "quillpay")
    assert "nadia roussel" not in m.parties


def test_an_appointment_has_no_figure_to_withhold() -> None:
    body = (
        "Pommery Textiles a nommé Luc Arnal directeur général. "
        "Le montant de sa rémunération reste confidentiel."
    )
    (m,) = extract(body, language="fr").mentions
    assert (m.kind, m.status) == ("appointment", C)


def test_a_year_after_the_event_word_in_another_clause_does_not_date_it() -> None:
    body = "Brenmoor will invest £2bn in Voltara, deepening an alliance that began in 2020."
    (m,) = extract(body, language="en", reference_year=2024).mentions
    assert m.event_year is None


def test_a_pronoun_opening_the_clause_is_the_actor() -> None:
    body = (
        "Paylume serait sur le point de lever 300 millions d'euros. "
        "En mars 2022, elle avait levé 90 millions d'euros lors d'une série B menée par Northlight."
    )
    past = [m for m in extract(body, language="fr", reference_year=2023).mentions if m.event_year]
    assert past and past[0].parties[0] == "paylume"
