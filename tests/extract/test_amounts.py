"""Amount normalization: one row per wording, both languages."""

from __future__ import annotations

import pytest

from tracker.extract import extract, parse_amounts

B = 1e9
M = 1e6

# (language, text, value, currency, unit)
PRECISE = [
    ("en", "Adobe will pay $10B for it", 10 * B, "USD", None),
    ("en", "a deal worth $10 billion", 10 * B, "USD", None),
    ("en", "a $10bn bid", 10 * B, "USD", None),
    ("en", "valued at US$10bn last year", 10 * B, "USD", None),
    ("en", "raising €3.2bn from investors", 3.2 * B, "EUR", None),
    ("en", "a £500m bond", 500 * M, "GBP", None),
    ("en", "it paid one billion dollars", 1 * B, "USD", None),
    ("en", "nearly a billion dollars", 1 * B, "USD", None),
    ("en", "a charge of 1 trillion yen", 1e12, "JPY", None),
    ("en", "for C$13.5 billion in cash", 13.5 * B, "CAD", None),
    ("en", "a record £106.8 million fee", 106.8 * M, "GBP", None),
    ("en", "a 2.5 billion euros plan", 2.5 * B, "EUR", None),
    ("en", "it cut 1,500 jobs", 1500, None, "jobs"),
    ("en", "laying off 950 employees", 950, None, "jobs"),
    ("en", "2,000 white-collar workers", 2000, None, "jobs"),
    ("en", "1.2 million users signed up", 1.2 * M, None, "users"),
    ("en", "closing 100 stores", 100, None, "stores"),
    ("en", "shares rose 8%", 8, None, "%"),
    ("en", "a 4.5 percent stake", 4.5, None, "%"),
    ("fr", "une offre de 10 milliards de dollars", 10 * B, "USD", None),
    ("fr", "un chèque de 10 Md$", 10 * B, "USD", None),
    ("fr", "une enveloppe de 10 Mds €", 10 * B, "EUR", None),
    ("fr", "pour 3,2 milliards d’euros", 3.2 * B, "EUR", None),
    ("fr", "une levée de 750 millions d'euros", 750 * M, "EUR", None),
    ("fr", "pour un milliard de dollars", 1 * B, "USD", None),
    ("fr", "un accord d’un milliard de dollars", 1 * B, "USD", None),
    ("fr", "la suppression de 1\u00a0500 emplois", 1500, None, "jobs"),
    ("fr", "1\u202f254 suppressions de postes", 1254, None, "jobs"),
    ("fr", "2 389 postes supprimés", 2389, None, "jobs"),
    ("fr", "une hausse de 8\u00a0%", 8, None, "%"),
    ("fr", "une participation de 19,9 %", 19.9, None, "%"),
    ("fr", "valorisée 1,5 milliard", 1.5 * B, None, None),
    ("fr", "à 24,10 euros par action", 24.1, "EUR", None),
    ("fr", "1,3 milliard de dollars canadiens", 1.3 * B, "CAD", None),
    ("fr", "un prêt de 500 millions de livres sterling", 500 * M, "GBP", None),
]


@pytest.mark.parametrize(("lang", "text", "value", "currency", "unit"), PRECISE)
def test_precise_amounts(
    lang: str, text: str, value: float, currency: str | None, unit: str | None
) -> None:
    found = parse_amounts(text, lang)
    assert len(found) == 1, found
    amount, start, end = found[0]
    assert amount.value == pytest.approx(value)
    assert amount.low == amount.high == amount.value
    assert amount.currency == currency
    assert amount.unit == unit
    assert text[start:end] == amount.text
    assert not amount.vague


# (language, text, low, high, currency)
VAGUE = [
    ("en", "a multibillion-dollar investment", 1 * B, 100 * B, "USD"),
    ("en", "a multimillion deal", 1 * M, 1 * B, None),
    ("en", "several billion dollars", 2 * B, 9.99 * B, "USD"),
    ("en", "a few billion", 2 * B, 9.99 * B, None),
    ("en", "billions of dollars", 2 * B, 999 * B, "USD"),
    ("en", "hundreds of millions", 200 * M, 999 * M, None),
    ("fr", "pour plusieurs milliards de dollars", 2 * B, 9.99 * B, "USD"),
    ("fr", "des milliards", 2 * B, 999 * B, None),
    ("fr", "quelques millions d’euros", 2 * M, 9.99 * M, "EUR"),
    ("fr", "des dizaines de milliards", 20 * B, 99.9 * B, None),
]


@pytest.mark.parametrize(("lang", "text", "low", "high", "currency"), VAGUE)
def test_vague_amounts(lang: str, text: str, low: float, high: float, currency: str | None) -> None:
    (amount, _, _), *rest = parse_amounts(text, lang)
    assert not rest
    assert amount.vague and amount.value is None
    assert (amount.low, amount.high) == pytest.approx((low, high))
    assert amount.currency == currency


@pytest.mark.parametrize(
    ("lang", "text", "value", "qualifier"),
    [
        ("fr", "investir jusqu’à 10 milliards", 10 * B, "up_to"),
        ("en", "invest up to $8 billion", 8 * B, "up_to"),
        ("fr", "à hauteur de 10 milliards de dollars", 10 * B, "about"),
        ("en", "more than $1 billion", 1 * B, "more_than"),
        ("fr", "environ 100 postes", 100, "about"),
    ],
)
def test_qualified_amount_keeps_value(lang: str, text: str, value: float, qualifier: str) -> None:
    (amount, _, _), *_ = parse_amounts(text, lang)
    assert amount.value == pytest.approx(value)
    assert amount.qualifier == qualifier


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "1,500 jobs", 1500),  # English thousands comma
        ("fr", "1,5 milliard", 1.5e9),  # French decimal comma
        ("fr", "3,2 milliards", 3.2e9),
        ("en", "$1,500.5 million", 1500.5e6),
        ("fr", "1.500,5 millions d'euros", 1500.5e6),
        ("fr", "1.500 emplois", 1500),
        ("en", "$1.5bn", 1.5e9),
    ],
)
def test_decimal_and_thousands_marks(lang: str, text: str, value: float) -> None:
    (amount, _, _), *_ = parse_amounts(text, lang)
    assert amount.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The deal was signed in 2019 and renewed in 2023."),
        ("fr", "Un accord signé en 2019, renouvelé le 23 janvier 2023."),
        ("fr", "Ce partenariat repose sur 3 piliers et figure dans le Top 25."),
        ("en", "Apple is building a car."),
        ("en", "9" * 10_000 + " dollars"),
        ("en", "$" + "9" * 10_000),
        ("en", "$99999999999999999 billion"),
    ],
)
def test_not_amounts(lang: str, text: str) -> None:
    assert parse_amounts(text, lang) == []


def test_two_amounts_in_one_sentence() -> None:
    text = "Databricks raised $500 million at a $43 billion valuation."
    values = [a.value for a, _, _ in parse_amounts(text, "en")]
    assert values == pytest.approx([500e6, 43e9])
    text_fr = "Alstom va supprimer 1\u00a0500 postes, dont environ 10 % en France."
    found = [(a.value, a.unit) for a, _, _ in parse_amounts(text_fr, "fr")]
    assert found == [(1500, "jobs"), (10, "%")]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("for $1.5bn-$2bn", 1.5e9, 2e9),
        ("for between $1.5 billion and $2 billion", 1.5e9, 2e9),
        ("for $1.5 billion to $2 billion", 1.5e9, 2e9),
    ],
)
def test_a_range_of_two_figures_is_one_vague_figure(text: str, low: float, high: float) -> None:
    (m,) = extract("", title=f"Orvane in talks to buy Keldor {text}", language="en").mentions
    assert m.amount is not None and m.amount.value is None
    assert (m.amount.low, m.amount.high, m.amount.currency) == (low, high, "USD")


def test_two_figures_of_two_deals_are_not_a_range() -> None:
    (m,) = extract(
        "", title="Orvane bought Keldor for $2 billion and Zeltan for $500 million", language="en"
    ).mentions
    assert m.amount is not None and m.amount.value == 2e9


def test_crore_and_lakh_scale_indian_figures() -> None:
    (m,) = extract(
        "", title="Orvane in talks to buy Keldor for Rs 20,000 crore", language="en"
    ).mentions
    assert m.amount is not None and m.amount.value == 2e11 and m.amount.currency == "INR"
