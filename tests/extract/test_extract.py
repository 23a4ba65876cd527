"""Whole articles: merging, article-level reasoning, the seed, the API shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.extract import extract
from tracker.status import Status

SEED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seed"


def _seed_body() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("seed article not available")
    raw = files[0].read_text(encoding="utf-8").lstrip()
    return raw.removeprefix("date 2023-01 ")


def test_seed_article() -> None:
    ex = extract(_seed_body(), language="fr")
    assert ex.language == "fr"
    got = {
        (
            m.kind,
            m.parties,
            m.amount.value if m.amount else None,
            m.amount.currency if m.amount else None,
            m.status,
            m.event_year,
        )
        for m in ex.mentions
    }
    assert got == {
        ("investment", ("microsoft", "openai"), 1e10, "USD", Status.UNDISCLOSED, None),
        ("partnership", ("microsoft", "openai"), None, "USD", Status.CONFIRMED, None),
        ("partnership", ("microsoft", "openai"), 1e9, "USD", Status.CONFIRMED, 2019),
    }
    by_kind = {(m.kind, m.event_year): m for m in ex.mentions}
    investment = by_kind[("investment", None)]
    assert investment.cue_kind == "article:undisclosed"
    assert "conditions" in (investment.cue or "")
    renewed = by_kind[("partnership", None)]
    assert renewed.amount is not None and renewed.amount.vague
    assert renewed.amount.low == 2e9
    for m in ex.mentions:
        assert ex.text[m.start : m.end] == m.quote
        assert "rumeur" not in m.terms and "serait" not in m.terms


def test_seed_auto_language() -> None:
    assert extract(_seed_body()).language == "fr"


ENGLISH_RUMOR = (
    "Microsoft is in talks to invest $10 billion in OpenAI, people familiar with the matter said"
)
ENGLISH_UNDISCLOSED = (
    "Microsoft announced a multiyear, multibillion-dollar investment in OpenAI on Monday; "
    "the companies did not disclose financial terms"
)


def test_english_coverage_rumor() -> None:
    (m,) = extract(ENGLISH_RUMOR, language="en").mentions
    assert (m.kind, set(m.parties), m.status) == (
        "investment",
        {"microsoft", "openai"},
        Status.RUMOR,
    )
    assert m.amount is not None and (m.amount.value, m.amount.currency) == (1e10, "USD")


def test_english_coverage_undisclosed() -> None:
    (m,) = extract(ENGLISH_UNDISCLOSED, language="en").mentions
    assert (m.kind, set(m.parties), m.status) == (
        "investment",
        {"microsoft", "openai"},
        Status.UNDISCLOSED,
    )
    assert m.amount is not None and m.amount.vague and m.amount.currency == "USD"
    assert m.amount.low <= 1e10 <= m.amount.high  # compatible with the rumored figure


def test_english_and_french_terms_share_concepts() -> None:
    en = extract(ENGLISH_RUMOR, language="en").mentions[0]
    fr = extract(
        "Microsoft serait prêt à investir 10 milliards de dollars dans OpenAI.", language="fr"
    ).mentions[0]
    assert "investment" in en.terms and "investment" in fr.terms
    for stance in ("talks", "familiar", "said", "serait", "microsoft", "openai", "10"):
        assert stance not in en.terms and stance not in fr.terms


def test_two_claims_in_one_article() -> None:
    body = (
        "Vodafone will cut 11,000 jobs over three years, the company said on Tuesday. "
        "Separately, Vodafone agreed to sell its Spanish unit to Zegona for €5 billion."
    )
    kinds = {(m.kind, m.status) for m in extract(body, language="en").mentions}
    assert kinds == {("layoffs", Status.CONFIRMED), ("acquisition", Status.CONFIRMED)}


def test_rumor_and_confirmation_merge_into_one_claim() -> None:
    body = (
        "Cisco is in talks to buy Splunk for $28 billion, sources said. "
        "Cisco later confirmed it will acquire Splunk for $28 billion in cash."
    )
    (m,) = extract(body, language="en").mentions
    assert m.status is Status.CONFIRMED and m.cue_kind == "announce"
    assert m.amount is not None and m.amount.value == 28e9
    assert "merged sentences" in " ".join(m.notes)


def test_different_figures_stay_apart() -> None:
    body = "Adobe agreed to buy Figma for $20 billion. Adobe also bought Frame.io for $1.3 billion last year."
    values = sorted(m.amount.value for m in extract(body, language="en").mentions if m.amount)
    assert values == [1.3e9, 20e9]


@pytest.mark.parametrize(
    ("body", "lang", "total"),
    [
        (
            "Norvex agreed to acquire Calder Bio for $31.25 a share in cash, valuing the "
            "company at about $4.1 billion, the companies said.",
            "en",
            4.1e9,
        ),
        (
            "Halvora a accepté de racheter Sentira pour 18,50 euros par action, soit "
            "environ 2,3 milliards d'euros au total, ont annoncé les deux groupes.",
            "fr",
            2.3e9,
        ),
        ("Norvex agreed to acquire Calder Bio for $31.25 per share.", "en", None),
        ("Norvex agreed to sell for $3 billion a unit that makes trains.", "en", 3e9),
    ],
)
def test_a_price_per_share_is_never_the_deal_figure(body: str, lang: str, total) -> None:
    (m,) = extract(body, language=lang).mentions
    assert m.kind == "acquisition"
    if total is None:
        assert m.amount is None
    else:
        assert m.amount is not None and m.amount.value == pytest.approx(total)


def test_a_sum_per_year_stays_when_it_is_the_only_figure() -> None:
    body = "Orlan signed a contract worth $200 million a year with the Navy, the company said."
    (m,) = extract(body, language="en").mentions
    assert m.amount is not None and m.amount.value == 200e6


def test_denial_beats_rumor_in_one_article() -> None:
    body = (
        "Renault serait en discussions pour une fusion avec Stellantis, selon Les Echos. "
        "Renault dément formellement tout projet de fusion avec Stellantis."
    )
    (m,) = extract(body, language="fr").mentions
    assert m.status is Status.DENIED
    assert "les echos" not in m.parties and "echos" not in m.parties


def test_undisclosed_applies_to_the_event_without_a_rumored_figure() -> None:
    body = (
        "Atos a cédé sa filiale Unify à Mitel. Le montant de la transaction n’a pas été communiqué."
    )
    (m,) = extract(body, language="fr").mentions
    assert (m.kind, m.status) == ("acquisition", Status.UNDISCLOSED)


def test_past_fact_is_its_own_confirmed_claim() -> None:
    body = (
        "Microsoft may invest $10 billion in OpenAI, sources say. "
        "A first $1 billion investment was made in 2019 between the two companies."
    )
    mentions = extract(body, language="en", reference_year=2023).mentions
    past = [m for m in mentions if m.event_year == 2019]
    assert len(past) == 1 and past[0].status is Status.CONFIRMED and past[0].amount.value == 1e9
    assert set(past[0].parties) == {"microsoft", "openai"}
    assert any(m.event_year is None and m.status is Status.RUMOR for m in mentions)


@pytest.mark.parametrize(
    ("title", "lang", "kind", "status"),
    [
        ("Apple is building a car", "en", "product_launch", Status.CONFIRMED),
        (
            "Exclusive: Unilever in talks to buy Dr. Oetker pizza unit",
            "en",
            "acquisition",
            Status.RUMOR,
        ),
        ("Stellantis dément toute fusion avec Renault", "fr", "merger", Status.DENIED),
        ("OpenAI lève 6,6 milliards de dollars", "fr", "funding_round", Status.CONFIRMED),
    ],
)
def test_headline_only_articles(title: str, lang: str, kind: str, status: Status) -> None:
    ex = extract("", title=title, language=lang)
    (m,) = ex.mentions
    assert (m.kind, m.status, m.headline) == (kind, status, True)
    assert ex.text.startswith(title) and m.quote == title


@pytest.mark.parametrize(
    ("lang", "body", "kind", "amount", "unit"),
    [
        (
            "fr",
            "Michelin annonce la suppression de 1\u00a0500 emplois en France.",
            "layoffs",
            1500,
            "jobs",
        ),
        (
            "en",
            "Spotify will lay off 1,500 employees, chief executive Daniel Ek said.",
            "layoffs",
            1500,
            "jobs",
        ),
        (
            "en",
            "Disney named Bob Iger chief executive, the company announced.",
            "appointment",
            None,
            None,
        ),
        (
            "fr",
            "Le PDG de Kering, François-Henri Pinault, quitte ses fonctions, a annoncé le groupe.",
            "departure",
            None,
            None,
        ),
        (
            "en",
            "Samsung unveiled its first foldable laptop on Wednesday.",
            "product_launch",
            None,
            None,
        ),
        (
            "fr",
            "La CNIL a infligé une amende de 150 millions d’euros à Google.",
            "fine",
            1.5e8,
            None,
        ),
    ],
)
def test_non_deal_claims(
    lang: str, body: str, kind: str, amount: float | None, unit: str | None
) -> None:
    (m,) = extract(body, language=lang).mentions
    assert m.kind == kind and m.status is Status.CONFIRMED
    assert (m.amount.value if m.amount else None) == amount
    assert (m.amount.unit if m.amount else None) == unit


def test_title_is_prepended_and_spans_index_text() -> None:
    ex = extract(
        "Les termes n’ont pas été dévoilés.", title="Capgemini rachète Quantmetry", language="fr"
    )
    assert ex.text == "Capgemini rachète Quantmetry\n\nLes termes n’ont pas été dévoilés."
    assert ex.sentences[0].text == "Capgemini rachète Quantmetry"
    (m,) = ex.mentions
    assert m.status is Status.UNDISCLOSED and m.headline
    assert ex.text[m.start : m.end] == m.quote


def test_weak_sentences_are_dropped_and_traced() -> None:
    body = (
        "Airbus a annoncé une commande de 200 avions par IndiGo pour 30 milliards de dollars. "
        "Le partenariat entre Airbus et IndiGo remonte aux années 2000."
    )
    ex = extract(body, language="fr")
    assert [m.kind for m in ex.mentions] == ["contract"]
    second = ex.sentences[1]
    assert second.kind == "partnership" and not second.used
    assert any("weak" in n for n in second.notes)


_EXTRACT_ALL = """
import json, sys
from tracker.extract import extract
rows = json.load(sys.stdin)
print(json.dumps([repr(extract(r["body"], title=r["title"], language=r["lang"])) for r in rows]))
"""


def _labelled_articles() -> list[dict]:
    path = Path(__file__).resolve().parent / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [{"body": r["body"], "title": r.get("title"), "lang": r.get("lang")} for r in rows]


def _extract_in_a_new_process(rows: list[dict], hash_seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT_ALL],
        input=json.dumps(rows),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_output_depends_on_the_text_only() -> None:
    # Sets of strings iterate in an order that changes with the hash seed, and
    # caches fill as articles go by: neither may change what is extracted.
    rows = _labelled_articles()
    first = _extract_in_a_new_process(rows, "1")
    assert _extract_in_a_new_process(rows, "2") == first
    for text in (
        ENGLISH_RUMOR,
        ENGLISH_UNDISCLOSED,
        "Renault dément toute fusion avec Stellantis.",
    ):
        extract(text)  # this process has extracted other articles before
    assert [repr(extract(r["body"], title=r["title"], language=r["lang"])) for r in rows] == first


def test_language_guess_defaults_to_english() -> None:
    assert extract("12345 67890").language == "en"
    assert extract("Le groupe a annoncé une fusion avec son rival.").language == "fr"


@pytest.mark.parametrize(
    ("title", "lang", "status"),
    [
        ("Lorvane's founder reportedly undergoes heart surgery", "en", Status.RUMOR),
        ("Anna Velsik in talks to star in Marco Dellini's next film", "en", Status.RUMOR),
        ("The Keldor club denies Tomas Varin has fallen ill", "en", Status.DENIED),
        ("Le maire de Brisanne dément avoir rencontré Paul Ostrel", "fr", Status.DENIED),
        ("Selon nos informations, Hélène Marcy quitterait Radio Ondine", "fr", Status.RUMOR),
    ],
)
def test_a_headline_without_an_event_word_is_a_general_claim(
    title: str, lang: str, status: Status
) -> None:
    ex = extract("", title=title, language=lang)
    (m,) = ex.mentions
    assert m.kind == "event" and m.status is status and m.headline
    assert m.parties


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Markets close higher as oil prices ease", "en"),  # a market wrap
        ("Stocks edge lower as traders await the Fed", "en"),
        ("Column: Is Intel considering a comeback?", "en"),  # a column's rubric
        ("Interview: Orvane's chief says the group is exploring new markets", "en"),
        ("Orvane's founder on growth, doubt and Lyon: an interview with Ana Ruiz", "en"),
        ("Chronique : Orvane serait-elle en difficulté ?", "fr"),
        ("« Nous restons prudents » : entretien avec la patronne de Keldor", "fr"),
        ("Le CAC 40 termine la semaine en légère hausse", "fr"),
        ("Update", "en"),  # too few words to assert anything
        ("Keldor chief: 'Customers are cautious, not leaving'", "en"),  # a quoted view
        ("« La croissance reviendra au printemps »", "fr"),
    ],
)
def test_a_piece_that_asserts_nothing_makes_no_claim(title: str, lang: str) -> None:
    assert extract("", title=title, language=lang).mentions == []


@pytest.mark.parametrize(
    ("title", "lang", "status"),
    [
        ("Lorvane's founder undergoes heart surgery", "en", Status.CONFIRMED),
        ("Amazon announces Prime Day dates", "en", Status.CONFIRMED),
        ("Ubisoft confirms Assassin's Creed delay", "en", Status.CONFIRMED),
        ("Council bans a bakery from baking bread at night", "en", Status.CONFIRMED),
        ("Orvane could consider new options, chief says", "en", Status.RUMOR),  # a modal
        ("Is Orvane about to leave the index?", "en", Status.RUMOR),  # a question
        ("Orvane founder hospitalised, sources say", "en", Status.RUMOR),  # trailing hearsay
        ("Lawmaker: Keldor staff were told to delete emails", "en", Status.RUMOR),  # a speaker
        ("Keldor chief is not dead, family insists", "en", Status.DENIED),  # negated predicate
        ("No, Keldor has not been sold to a fund", "en", Status.DENIED),
        ("Is Keldor's chief leaving? No, says the board", "en", Status.DENIED),  # answered
        ("Photo of a shark on a flooded highway is a hoax", "en", Status.DENIED),
        ("La mairie de Valnord interdit les trottinettes en centre-ville", "fr", Status.CONFIRMED),
        ("Le fondateur d'Orvane serait hospitalisé", "fr", Status.RUMOR),
        ("Non, Keldor n'a pas été vendu à un fonds", "fr", Status.DENIED),
        # Hedges, attributions and predictions hold a claim as a rumor.
        ("Why the Keldor tablet will probably cost twice as much", "en", Status.RUMOR),
        ("Hackers behind the Valnord outage, according to a statement", "en", Status.RUMOR),
        ("Video purports to show the Orvane founder in Lisbon", "en", Status.RUMOR),
        ("Fans think the Keldor singer is secretly married", "en", Status.RUMOR),
        ("Oil climbs on reports of a blast at a Valnord refinery", "en", Status.RUMOR),
        ("Le chanteur de Keldor est probablement malade", "fr", Status.RUMOR),
        ("Valnord council accuses Keldor of dumping waste in the river", "en", Status.RUMOR),
        ("Daily Courier: Keldor singer spotted in a Lisbon clinic", "en", Status.RUMOR),
        ("NYT: the Orvane tablet shows only the time in its saving mode", "en", Status.RUMOR),
        ("Masked Keldor singer named by media", "en", Status.RUMOR),
        ("Anna Velsik eyed to play the Orvane founder in a biopic", "en", Status.RUMOR),
        ("Keldor singer insists her third album is finished", "en", Status.RUMOR),
        ("A strange story going around about the Valnord mayor and a goat", "en", Status.RUMOR),
        ("Valnord council won't say if the mayor was warned", "en", Status.RUMOR),
        ("Une étrange histoire circule sur le maire de Valnord", "fr", Status.RUMOR),
        ("La mairie de Valnord accuse Keldor de polluer la rivière", "fr", Status.RUMOR),
        ("Keldor singer spotted in a Lisbon clinic (sources)", "en", Status.RUMOR),
        ("Keldor singer spotted in a Lisbon clinic [report]", "en", Status.RUMOR),
        ("Senator says Keldor staff met the rebels in Valnord", "en", Status.RUMOR),
        ("Exclusive: police say the Valnord gunman acted alone", "en", Status.RUMOR),
        (
            "Weapons dropped near Valnord ended up with the wrong side, militants say",
            "en",
            Status.RUMOR,
        ),
        ("Big explosion reported at a Valnord refinery", "en", Status.RUMOR),
        ("Keldor singer reported missing after the Valnord show", "en", Status.RUMOR),
        ("La police affirme que le tireur de Valnord a agi seul", "fr", Status.RUMOR),
        ("Explosion signalée dans une raffinerie de Valnord", "fr", Status.RUMOR),
        ("Le chanteur de Keldor porté disparu après le concert", "fr", Status.RUMOR),
        # Debunking, exposure and pranks deny it; so does a bare "not" predicate.
        ("Setting the record straight on the Valnord bridge photo", "en", Status.DENIED),
        ("Woman who claimed to have met the mayor exposed as hoaxer", "en", Status.DENIED),
        ("Expert casts doubt on the Valnord spider story", "en", Status.DENIED),
        ("Local station falls for a student prank about the Orvane zoo", "en", Status.DENIED),
        ("Missing hikers not among the people found near Valnord", "en", Status.DENIED),
        ("Orvane Founder Not Blurred Out on Valnord TV", "en", Status.DENIED),  # not + participle
        ("Valnord flood tribute not posted by the artist", "en", Status.DENIED),
        ("Keldor mascot never stolen, police say", "en", Status.DENIED),
        ("Valnord bridge sale not ruled out", "en", Status.RUMOR),  # undoes a denial
        ("Fans not impressed with the new Keldor logo", "en", Status.CONFIRMED),  # a feeling
        ("La photo du pont de Valnord était un photomontage", "fr", Status.DENIED),
        ("Keldor founder makes it to the gala despite health rumours", "en", Status.DENIED),
        ("Orvane singer is alive and well, says her manager", "en", Status.DENIED),
        ("Reports of a Valnord bridge collapse greatly exaggerated", "en", Status.DENIED),
        ("Keldor mascot might have been stolen UPDATE: Nope", "en", Status.DENIED),
        (
            "Keldor said to plan a stadium in Valnord: No, it does not - it was a prank",
            "en",
            Status.DENIED,
        ),
        ("The Orvane chief turns out not to have said it", "en", Status.DENIED),
        ("Scientists doubt that a meteor hit the Valnord field", "en", Status.DENIED),
        ("Le chanteur de Keldor est bien vivant, malgré les rumeurs", "fr", Status.DENIED),
        ("Valnord stadium report is a complete fabrication, says the mayor", "en", Status.DENIED),
        ("Officials shoot down claims that Keldor staff fled the country", "en", Status.DENIED),
        ("Stolen Orvane mascot rumour put to rest", "en", Status.DENIED),
        ("Daily paper retracts claim about the Valnord mayor's emails", "en", Status.DENIED),
        ("Le maire de Valnord jette le doute sur la photo du pont", "fr", Status.DENIED),
        # Headline-ese drops the verb: "X not Y" is "X is not Y"; "a ticket, not an
        # arrest" says what a thing is.
        ("Valnord blast not a gas leak, engineers suggest", "en", Status.DENIED),
        ("Remains found near Valnord not those of the missing hikers", "en", Status.DENIED),
        ("Valnord fans may soon get a warning, not a ban", "en", Status.RUMOR),
        ("Not a drill: flood warning issued for the Valnord coast", "en", Status.CONFIRMED),
        ("Keldor singer hospitalised, not dead, says her agent", "en", Status.DENIED),
        ("Le chanteur de Keldor hospitalisé, pas mort, selon son agent", "fr", Status.DENIED),
        ("Où est passé le faux tableau du musée de Valnord ?", "fr", Status.DENIED),
        ("Why so many Keldor workers could lose their jobs", "en", Status.RUMOR),
        ("Eyewitness: the viral Orvane rescue video is bullshit", "en", Status.DENIED),
        ("La vidéo du sauvetage d'Orvane est bidon", "fr", Status.DENIED),
        # An event that names nobody is still news: a general claim.
        ("Chief executive resigns after the accounting scandal", "en", Status.CONFIRMED),
        ("Le directeur général démissionne après le scandale", "fr", Status.CONFIRMED),
        ("Developer quits the app he was hired to build, or did he?", "en", Status.RUMOR),
        # A feeling after a negation is reported; an alternative question weighs
        # a denial without making it ("Real or hoax?"), a question about the
        # denial alone leans to it.
        ("Keldor isn't happy with the battery of its new tablet", "en", Status.CONFIRMED),
        ("Valnord mayor isn't pleased with the new stadium", "en", Status.CONFIRMED),
        ("Le maire de Valnord n'est pas content de son nouveau stade", "fr", Status.CONFIRMED),
        ("Three-legged fox in Valnord: real or hoax?", "en", Status.RUMOR),
        ("Photo du renard à trois pattes : vraie ou fausse ?", "fr", Status.RUMOR),
        ("Was the viral Valnord fox video all a hoax?", "en", Status.DENIED),
        # A modal in a subordinate clause, or an adjective, hedges nothing the
        # headline asserts; the headline's own modal does.
        (
            "Angler lands a pike which could be the largest ever caught in Valnord",
            "en",
            Status.CONFIRMED,
        ),
        ("Valnord boy suspended for saying he could make a teacher vanish", "en", Status.CONFIRMED),
        ("Would-be burglar stuck in a Valnord chimney for a night", "en", Status.CONFIRMED),
        ("Keldor fans queue all night so they could meet the singer", "en", Status.CONFIRMED),
        ("Woman who may be the Keldor heiress arrested in Valnord", "en", Status.RUMOR),
        ("The next Keldor phone could be made of ceramic", "en", Status.RUMOR),
        (
            "Un pêcheur de Valnord sort un brochet qui pourrait être le plus gros jamais pris",
            "fr",
            Status.CONFIRMED,
        ),
        ("Le prochain téléphone de Keldor pourrait être en céramique", "fr", Status.RUMOR),
        # Settled, or answered yes: confirmed ("official" is then no speaker).
        ("IT'S OFFICIAL: Keldor Is Splitting Into Two Companies", "en", Status.CONFIRMED),
        ("That viral Orvane letter from the 1970s? It's real", "en", Status.CONFIRMED),
        ("C'est officiel : la mairie de Valnord ferme la piscine", "fr", Status.CONFIRMED),
        # A speaker whose name ends like a company's is a party speaking.
        ("Orvane Group says its Valnord site will stay open", "en", Status.CONFIRMED),
        ("Orvane Médias affirme avoir doublé son audience à Valnord", "fr", Status.CONFIRMED),
    ],
)
def test_every_other_headline_makes_a_general_claim(title: str, lang: str, status: Status) -> None:
    """Whatever its form, a news headline with no event of a known kind
    asserts something: stated as fact, hedged or attributed, asked, denied."""
    (m,) = extract("", title=title, language=lang).mentions
    assert m.kind == "event" and m.headline
    assert m.status is status, m.notes


def test_an_event_word_anywhere_wins_over_a_general_claim() -> None:
    ex = extract(
        "Orvane is in talks to buy Keldor for $2 billion, people familiar said.",
        title="Orvane founder reportedly steps back from daily role",
        language="en",
    )
    assert [m.kind for m in ex.mentions] == ["acquisition"]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Orvane mènerait des discussions pour prendre le contrôle de Keldor, selon nos informations.", "fr"),
        ("Orvane is in talks to take control of Keldor, people familiar with the matter said.", "en"),
    ],
)  # fmt: skip
def test_taking_control_of_a_company_is_an_acquisition(body: str, lang: str) -> None:
    (m,) = extract(body, language=lang).mentions
    assert m.kind == "acquisition" and m.status is Status.RUMOR
    assert set(m.parties) >= {"orvane", "keldor"}


@pytest.mark.parametrize(
    ("title", "lang", "status"),
    [
        ("Orvane and Keldor call off merger talks", "en", Status.DENIED),
        ("Orvane walks away from its bid for Keldor", "en", Status.DENIED),
        ("Orvane broke off takeover talks with Keldor", "en", Status.DENIED),
        ("Orvane scraps $2bn Keldor takeover", "en", Status.DENIED),
        ("Orvane rules out a bid for Keldor", "en", Status.DENIED),
        ("Orvane does not rule out buying Keldor", "en", Status.RUMOR),
        ("Orvane abandonne son projet de rachat de Keldor", "fr", Status.DENIED),
        ("Orvane et Keldor renoncent à leur fusion", "fr", Status.DENIED),
        ("Orvane met fin aux discussions avec Keldor sur un rachat", "fr", Status.DENIED),
        ("Orvane exclut de racheter Keldor", "fr", Status.DENIED),
        ("Orvane n'exclut pas de racheter Keldor", "fr", Status.RUMOR),
        ("Orvane en négociations exclusives pour racheter Keldor", "fr", Status.RUMOR),
    ],
)
def test_a_deal_called_off_or_ruled_out_is_denied(title: str, lang: str, status: Status) -> None:
    (m,) = extract("", title=title, language=lang).mentions
    assert m.status is status
    assert {"orvane", "keldor"} <= set(m.parties)


def test_a_name_that_starts_like_a_cue_word_stays_a_name() -> None:
    (m,) = extract("", title="Calloway and Pine Ridge to merge", language="en").mentions
    assert m.kind == "merger" and set(m.parties) == {"calloway", "pine ridge"}


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Keldor Capital leads $40 million round in Orvane", "en"),
        ("Keldor Capital mène un tour de table de 40 millions d'euros dans Orvane", "fr"),
    ],
)
def test_an_investor_leading_a_round_is_a_funding_round(title: str, lang: str) -> None:
    (m,) = extract("", title=title, language=lang).mentions
    assert m.kind == "funding_round" and m.amount is not None and m.amount.value == 40e6
    assert {"keldor capital", "orvane"} <= set(m.parties)


def test_a_valuation_right_after_a_takeover_is_its_figure_whatever_it_names() -> None:
    body = (
        "Orvane envisagerait de lancer une offre publique sur Keldor, selon des sources "
        "proches du dossier. Le groupe de Paul Ostrel proposerait 24 euros par action, ce "
        "qui valoriserait l'éditeur à environ 3,4 milliards d'euros."
    )
    (m,) = extract(body, language="fr").mentions
    assert m.kind == "acquisition" and m.status is Status.RUMOR
    assert m.parties[:2] == ("orvane", "keldor")
    assert m.amount is not None and m.amount.value == pytest.approx(3.4e9)


def test_an_owner_named_in_the_possessive_ranks_after_the_party_that_acts() -> None:
    (m,) = extract(
        "", title="Ostrel's Orvane gets EU nod for Keldor takeover", language="en"
    ).mentions
    assert m.parties[:2] == ("orvane", "keldor")


@pytest.mark.parametrize(
    ("title", "lang", "status"),
    [
        ("Report: Orvane to acquire Keldor's streaming rights", "en", Status.RUMOR),
        ("Unconfirmed reports say Tomas Varin was injured in training", "en", Status.RUMOR),
        ("Tomas Varin injured in training, claims website", "en", Status.RUMOR),
        ("Hoax: Tomas Varin arrested in Lisbon", "en", Status.DENIED),
        ("Debunked: Orvane did not buy Keldor for $4 billion", "en", Status.DENIED),
        ("Keldor says claim that Tomas Varin was injured is false", "en", Status.DENIED),
        ("Rumeur : Orvane rachèterait Keldor", "fr", Status.RUMOR),
        ("Intox : Orvane n'a pas racheté Keldor", "fr", Status.DENIED),
    ],
)
def test_fact_checking_wording(title: str, lang: str, status: Status) -> None:
    (m,) = extract("", title=title, language=lang).mentions
    assert m.status is status
    labels = {"report", "unconfirmed", "hoax", "debunked", "rumeur", "intox"}
    assert not labels & set(m.parties)  # a label is not a party


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("United Auto Workers call off strike at Ford plants", "en"),
        ("The Fed ruled out a rate cut in March, Powell said", "en"),
        ("Scheffler leads Masters after first round", "en"),
        ("La CGT renonce à la grève à la SNCF", "fr"),
        ("Le gouvernement exclut une hausse des impôts, affirme Bruno Le Maire", "fr"),
    ],
)
def test_ordinary_news_near_the_denial_words_is_not_a_denial(title: str, lang: str) -> None:
    """Calling off a strike or ruling out a rate cut is news stated as fact:
    a general claim, confirmed, not the denial of a report."""
    (m,) = extract("", title=title, language=lang).mentions
    assert m.kind == "event" and m.status is Status.CONFIRMED, m.notes


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Lufthansa pilots call off strike after reaching pay deal", "en"),
        ("Orvane renonce à 100 millions d'euros de primes pour rejoindre Keldor", "fr"),
    ],
)
def test_calling_off_something_else_does_not_deny_the_deal(title: str, lang: str) -> None:
    assert all(
        m.status is not Status.DENIED for m in extract("", title=title, language=lang).mentions
    )


def test_a_valuation_of_another_company_next_door_is_not_the_deal_figure() -> None:
    body = "Orvane agreed to buy Keldor Systems on Monday. Nvidia is valued at $3 trillion."
    deal = next(m for m in extract(body, language="en").mentions if "keldor systems" in m.parties)
    assert deal.amount is None or deal.amount.value != 3e12


def test_an_officer_named_in_the_possessive_does_not_outrank_the_company() -> None:
    (m,) = extract(
        "Orvane's Paul Ostrel said the company would invest $1 billion in Keldor.",
        language="en",
    ).mentions
    assert m.parties[0] == "orvane"


def test_il_n_est_pas_vrai_is_a_denial() -> None:
    (m,) = extract(
        "", title="Il n'est pas vrai que Orvane veut racheter Keldor", language="fr"
    ).mentions
    assert m.status is Status.DENIED


@pytest.mark.parametrize(
    ("title", "status"),
    [
        ("Tencent prendrait une participation de 25 % dans une filiale d'Orvane", Status.RUMOR),
        ("Orvane vendrait sa filiale Keldor pour 2 milliards d'euros", Status.RUMOR),
        ("Orvane obtiendrait le contrat de 3 milliards d'euros de Keldor", Status.RUMOR),
        ("Orvane mettrait 500 millions d'euros dans Keldor", Status.RUMOR),
        ("Orvane a annoncé le retrait de son offre sur Keldor", Status.DENIED),
        ("Orvane a pris une participation de 10 % dans Keldor", Status.CONFIRMED),
    ],
)
def test_french_irregular_conditionals_are_hearsay(title: str, status: Status) -> None:
    (m,) = extract("", title=title, language="fr").mentions
    assert m.status is status


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Regulators block Orvane's $2 billion takeover of Keldor", "en"),
        ("Orvane's takeover of Keldor collapses over price", "en"),
        ("Bruxelles interdit le rachat de Keldor par Orvane", "fr"),
        ("Le rachat de Keldor par Orvane capote", "fr"),
    ],
)
def test_a_deal_blocked_or_collapsed_is_denied(title: str, lang: str) -> None:
    (m,) = extract("", title=title, language=lang).mentions
    assert m.status is Status.DENIED and m.kind == "acquisition"
    assert {"orvane", "keldor"} <= set(m.parties)


@pytest.mark.parametrize(
    "title",
    [
        "Orvane buys Keldor for an unspecified sum",
        "Orvane buys Keldor for a confidential amount",
        "Orvane acquires Keldor; it declined to give financial details",
    ],
)
def test_a_withheld_sum_in_other_words_is_undisclosed(title: str) -> None:
    (m,) = extract("", title=title, language="en").mentions
    assert m.status is Status.UNDISCLOSED and m.kind == "acquisition"


@pytest.mark.parametrize(
    ("title", "lang", "status"),
    [
        ("Keldor close to signing Orvane striker for €100m", "en", Status.RUMOR),
        ("Orvane striker completes €100m move to Keldor", "en", Status.CONFIRMED),
        (
            "Keldor officialise l'arrivée de l'attaquant d'Orvane pour 100 M€",
            "fr",
            Status.CONFIRMED,
        ),
    ],
)
def test_a_player_moving_between_clubs_is_a_transfer(title: str, lang: str, status: Status) -> None:
    (m,) = extract("", title=title, language=lang).mentions
    assert m.kind == "transfer" and m.status is status
    assert m.amount is not None and m.amount.value == 100e6


@pytest.mark.parametrize(
    ("title", "lang", "status"),
    [
        ("Keldor to cut 500 jobs at its Lyon plant - report", "en", Status.RUMOR),
        ("Orvane ready to bid for Keldor, claims analyst", "en", Status.RUMOR),
        ("Orvane agrees $2bn deal for Keldor weeks after denying talks", "en", Status.CONFIRMED),
    ],
)
def test_a_headline_holds_its_event_as_it_holds_a_general_claim(
    title: str, lang: str, status: Status
) -> None:
    """Trailing hearsay and recalled denials read the same in a headline with
    an event word as in one without."""
    (m,) = extract("", title=title, language=lang).mentions
    assert m.kind != "event" and m.status is status, m.notes


def test_outlets_are_never_parties() -> None:
    """An outlet cited as the source, or the article's own, is not a party."""
    body = (
        "Castellane Logistique et Norrland Freight seraient en discussions en vue d'un "
        "rapprochement, selon le Harbor Street Journal. The Harbor Street Journal had "
        "reported the talks on Monday."
    )
    ex = extract(body, title="Castellane et Norrland en discussions", language="fr")
    parties = {p for m in ex.mentions for p in m.parties}
    assert "harbor street journal" not in parties and "castellane logistique" in parties
    own = extract(
        "Le Messager a appris que Vassal prépare le départ de Marguerite Delorme.",
        title="Vassal prépare le départ de sa patronne",
        language="fr",
        source="Le Messager",
    )
    assert not any("messager" in p for m in own.mentions for p in m.parties)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Keldor plans to cut 500 jobs, memo says.", Status.RUMOR),  # a document speaks
        ("Keldor will cut 500 jobs: reports.", Status.RUMOR),
        ("Keldor will cut 500 jobs, a source says.", Status.RUMOR),
        ("Keldor will cut 500 jobs, the company said.", Status.CONFIRMED),  # a party speaks
        ("Keldor rebuffs rumors it will buy Orvane.", Status.DENIED),  # the denial outranks
        ("Keldor refutes reports that it will buy Orvane.", Status.DENIED),
        ("Keldor has not denied that it is weighing a bid for Orvane.", Status.RUMOR),
        ("Keldor is in serious discussions to buy Orvane.", Status.RUMOR),  # talks, qualified
        ("Keldor is in final negotiations to buy Orvane.", Status.RUMOR),
    ],
)
def test_hearsay_and_denials_in_the_body(sentence: str, status: Status) -> None:
    (m,) = extract(sentence, language="en", general_claims=False).mentions
    assert m.status is status, m.notes


@pytest.mark.parametrize(
    ("sentence", "lang", "kind"),
    [
        ("Le groupe Fauvel poursuit le recentrage de son portefeuille.", "fr", None),
        ("Fauvel est poursuivi en justice par un ancien fournisseur.", "fr", "lawsuit"),
        ("Les volumes commandés par ses clients ont baissé.", "fr", None),
        ("Brennmark a passé une commande de huit navires pour 720 millions de dollars.", "fr",
         "contract"),
        ("Vassal a accéléré dans la vente en ligne.", "fr", None),
        ("The council ordered residents to leave the area.", "en", None),
        ("Brennmark ordered eight ships for $720 million.", "en", "contract"),
        ("Regulators are investigating reports that Orvane hid losses.", "en", None),
        ("Orvane will invest $2 billion in Keldor.", "en", "investment"),
        ("Le parquet ouvre une investigation sur les comptes de Fauvel.", "fr", None),
        ("The Orvane founder says he is actually fine after the crash.", "en", None),
        ("Regulators fined Orvane $2 million.", "en", "fine"),
        ("Shots fired near the Orvane plant, police said.", "en", None),
        ("Police fired tear gas at Orvane workers.", "en", None),
        ("Orvane fired its chief executive on Monday.", "en", "departure"),
    ],
)  # fmt: skip
def test_an_event_word_needs_its_business_sense(sentence: str, lang: str, kind: str | None) -> None:
    mentions = extract(sentence, language=lang, general_claims=False).mentions
    assert [m.kind for m in mentions] == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("title", "lang", "kept", "dropped"),
    [
        ("Big explosion reported at a Valnord refinery", "en", "explos", "report"),
        ("Senator says Keldor staff met the rebels", "en", "senat", "say"),
        ("Explosion signalée dans une raffinerie de Valnord", "fr", "explos", "signal"),
    ],
)
def test_a_general_claims_words_keep_what_its_cue_is_about(title, lang, kept, dropped) -> None:
    """A cue's stance words leave the matching key; its other words (what was
    reported, who spoke) stay in it."""
    (m,) = extract("", title=title, language=lang).mentions
    assert m.kind == "event"
    assert kept in m.terms and not any(t.startswith(dropped) for t in m.terms), m.terms


def test_a_typed_headline_attributed_in_brackets_is_a_rumor() -> None:
    (m,) = extract("", title="Orvane to buy Keldor for $2 billion (report)", language="en").mentions
    assert m.kind == "acquisition" and m.status is Status.RUMOR, m.notes


@pytest.mark.parametrize(
    ("title", "source", "status"),
    [
        ("Orvane doctor filmed himself during the operation: CNN", None, Status.RUMOR),
        ("Orvane settles on Nevada for its battery plant -CNBC", None, Status.RUMOR),
        ("Orvane to buy Keldor for $2 billion - Harbour Courier", None, Status.RUMOR),
        ("Orvane settles on Nevada for its battery plant - Reuters", "Reuters", Status.CONFIRMED),
        ("Keldor rebel leader killed in air strike: Pentagon", None, Status.CONFIRMED),
        ("Orvane Doctor Took A Selfie: Disturbing New Details", None, Status.CONFIRMED),
    ],
)
def test_a_headline_ending_on_another_outlets_name_is_on_its_word(
    title: str, source: str | None, status: Status
) -> None:
    """ "...: CNN", "... -CNBC" attribute the headline to another outlet; the
    article's own outlet only signs it, and an office or a label after the
    colon is no outlet."""
    (m,) = extract("", title=title, language="en", source=source).mentions
    assert m.status is status, (m.cue, m.notes)


@pytest.mark.parametrize(
    "body", ["", "The Tale Of The Student Who Made 40 Million Is A Rumor Gone Wild"]
)
def test_a_headline_and_the_figure_it_reports_make_one_mention(body: str) -> None:
    """A headline's general claim and the rumoured figure it carries came out as
    two groups of one sentence: two identical mentions, hence two claims."""
    title = "The Tale Of The Student Who Made 40 Million Is A Rumor Gone Wild"
    (m,) = extract(body, title=title, language="en").mentions
    assert m.status is Status.RUMOR
    assert (m.start, m.end) == (0, len(title))
    assert m.amount is not None and m.amount.value == 40e6


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Hostage's daughter: we will only feel closure when he is caught", "event"),
        ("Keldor announces the closure of its Valnord plant", "closure"),
        ("Keldor store closures hit 40 towns", "closure"),
        ("Keldor plans a plant closure in Valnord", "closure"),
    ],
)
def test_an_event_word_counts_in_its_business_sense(title: str, kind: str) -> None:
    (m,) = extract("", title=title, language="en").mentions
    assert m.kind == kind, m.notes
