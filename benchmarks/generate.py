"""A seeded generator of a realistic synthetic news corpus, with ground truth.

Stories: one claim per story (an investment, a takeover, a funding round, job
cuts, an appointment, a product launch, a fine, a partnership, a contract)
between invented parties, told by a first article (usually a rumor) and
follow-ups in English and French (a rumor echoed by another outlet, then
confirmed, confirmed with the figure withheld, or denied). Unrelated articles
(market wraps, results, interviews) are mixed in. Every article is 2-3 KB:
headline, lead, context paragraphs, quotes, sometimes a recall of earlier
reports. Amounts come in many spellings (``$10 billion``, ``$10bn``,
``10 milliards de dollars``, ``3,2 milliards d'euros``, ``€3.2bn``,
``1,500 jobs``, ``1 500 emplois``).

Output, in ``--out``:

* ``articles.jsonl`` (``--format jsonl``, one ``{"id", "title", "body",
  "source", "date", "lang"}`` per line), or ``articles/NNNNNNN.txt`` files in
  the tracker's plain-text header form (``--format text``);
* ``truth.jsonl``: one line per article, in the same order:
  ``{"id", "path", "claim", "role", "status", "kind", "lang", "date"}``
  (``claim`` is ``null`` for unrelated articles);
* ``manifest.json``: the arguments and counts.

The same ``--seed`` (and ``--pool-seed``) gives byte-identical output. Each
article is rendered from its own random stream, so generation is streamed and
memory stays small whatever the size.

Example::

    python benchmarks/generate.py --articles 10000 --seed 1 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = ["Corpus", "Story", "build_corpus", "main", "write_corpus"]

# --------------------------------------------------------------------------- vocabulary

#: Syllables of invented company stems. Chosen so that the stems read as names,
#: not English or French words.
ONSETS = (
    "Nor", "Vel", "Kas", "Bri", "Tal", "Mer", "Zen", "Ar", "Lu", "Quo", "Hal", "Sel", "Dra",
    "Fen", "Or", "Cal", "Pyr", "Ves", "Gal", "Tor", "Ser", "Mal", "Ky", "Ren", "Val", "Sto",
    "Bel", "Cor", "Eld", "Fal", "Gor", "Hes", "Ix", "Jor", "Kel", "Lor", "Mor", "Nev", "Ost",
    "Pel", "Qua", "Ros", "Syl", "Tav", "Ul", "Vor", "Wyn", "Xan", "Yor", "Zar",
)  # fmt: skip
MIDDLES = ("", "", "va", "ri", "lo", "me", "ta", "ne", "ca", "do", "si", "ra", "mi", "ve", "zo")
CODAS = (
    "tek", "ne", "ra", "lis", "dor", "vex", "ix", "on", "ia", "mont", "wick", "by", "ford",
    "gen", "lyn", "tis", "var", "nis", "dal", "ric", "sa", "mar", "tha", "ron", "quis",
)  # fmt: skip

#: Industry -> corporate suffixes (English), French forms, products, context words.
INDUSTRIES: dict[str, dict[str, Sequence[str]]] = {
    "pharma": {
        "suffix": ("Pharma", "Therapeutics", "Biosciences", "Biotech", ""),
        "fr_prefix": ("Laboratoires",),
        "what_en": ("cancer drugs", "vaccines", "rare-disease treatments", "generic medicines"),
        "what_fr": (
            "les traitements contre le cancer",
            "les vaccins",
            "les médicaments génériques",
        ),
        "sector_en": ("drugmakers", "biotech groups", "the pharmaceutical industry"),
        "sector_fr": ("les laboratoires", "le secteur pharmaceutique", "les biotechs"),
    },
    "energy": {
        "suffix": ("Energy", "Power", "Renewables", "Utilities", ""),
        "fr_prefix": ("Énergies",),
        "what_en": ("offshore wind farms", "solar parks", "gas pipelines", "battery storage"),
        "what_fr": (
            "les parcs éoliens en mer",
            "les centrales solaires",
            "le stockage par batterie",
        ),
        "sector_en": ("utilities", "the energy sector", "renewable developers"),
        "sector_fr": (
            "les énergéticiens",
            "le secteur de l'énergie",
            "les producteurs d'électricité",
        ),
    },
    "food": {
        "suffix": ("Foods", "Brewing", "Dairy", "Nutrition", ""),
        "fr_prefix": ("Maison",),
        "what_en": ("frozen meals", "craft beer", "plant-based snacks", "infant formula"),
        "what_fr": ("les plats surgelés", "la bière artisanale", "les produits laitiers"),
        "sector_en": ("food makers", "the consumer goods sector", "brewers"),
        "sector_fr": ("l'agroalimentaire", "les industriels de l'alimentation", "les brasseurs"),
    },
    "auto": {
        "suffix": ("Motors", "Mobility", "Automotive", "Auto", ""),
        "fr_prefix": ("Automobiles",),
        "what_en": ("electric vans", "car batteries", "autonomous shuttles", "scooters"),
        "what_fr": ("les utilitaires électriques", "les batteries", "les navettes autonomes"),
        "sector_en": ("carmakers", "the auto industry", "mobility start-ups"),
        "sector_fr": ("les constructeurs", "l'industrie automobile", "les équipementiers"),
    },
    "finance": {
        "suffix": ("Capital", "Partners", "Ventures", "Bank", "Asset Management"),
        "fr_prefix": ("Banque", "Crédit"),
        "what_en": ("private equity funds", "consumer loans", "infrastructure funds", "payments"),
        "what_fr": ("les fonds de capital-investissement", "le crédit à la consommation"),
        "sector_en": ("lenders", "private equity firms", "asset managers"),
        "sector_fr": ("les banques", "les fonds d'investissement", "les gestionnaires d'actifs"),
    },
    "tech": {
        "suffix": ("Systems", "Software", "Analytics", "Labs", "Robotics", "AI"),
        "fr_prefix": ("",),
        "what_en": ("cloud software", "industrial robots", "data analytics tools", "chips"),
        "what_fr": ("les logiciels", "les robots industriels", "les puces", "l'analyse de données"),
        "sector_en": ("software groups", "the technology sector", "chipmakers"),
        "sector_fr": ("les éditeurs de logiciels", "le secteur technologique", "les start-up"),
    },
    "telecom": {
        "suffix": ("Telecom", "Networks", "Mobile", "Connect", ""),
        "fr_prefix": ("",),
        "what_en": ("fibre networks", "mobile services", "satellite links", "data centres"),
        "what_fr": ("les réseaux de fibre", "les services mobiles", "les centres de données"),
        "sector_en": ("telecom operators", "network providers", "carriers"),
        "sector_fr": ("les opérateurs", "les télécoms", "les fournisseurs d'accès"),
    },
    "transport": {
        "suffix": ("Airlines", "Logistics", "Shipping", "Rail", "Freight"),
        "fr_prefix": ("Transports",),
        "what_en": ("regional flights", "container shipping", "parcel delivery", "freight trains"),
        "what_fr": ("les vols régionaux", "le transport maritime", "la livraison de colis"),
        "sector_en": ("airlines", "logistics groups", "shipping lines"),
        "sector_fr": ("les compagnies aériennes", "les logisticiens", "les armateurs"),
    },
    "retail": {
        "suffix": ("Retail", "Stores", "Fashion", "Home", ""),
        "fr_prefix": ("Galeries", "Maison"),
        "what_en": ("discount stores", "sportswear", "furniture", "online groceries"),
        "what_fr": ("les magasins discount", "les vêtements de sport", "le mobilier"),
        "sector_en": ("retailers", "the high street", "fashion groups"),
        "sector_fr": ("la grande distribution", "les enseignes", "le commerce en ligne"),
    },
    "media": {
        "suffix": ("Media", "Studios", "Games", "Entertainment", ""),
        "fr_prefix": ("Éditions",),
        "what_en": ("video games", "streaming series", "magazines", "radio stations"),
        "what_fr": ("les jeux vidéo", "les séries", "les magazines", "les radios"),
        "sector_en": ("media groups", "game studios", "broadcasters"),
        "sector_fr": ("les groupes de médias", "les studios", "les diffuseurs"),
    },
}

FIRST_NAMES = (
    "Claire", "Thomas", "Sophie", "Julien", "Camille", "Marc", "Élodie", "Antoine", "Laura",
    "Nicolas", "Hélène", "Pierre", "Sarah", "David", "Emma", "James", "Olivia", "Daniel",
    "Rachel", "Michael", "Anna", "Peter", "Grace", "Samuel", "Ingrid", "Lars", "Marta", "Paolo",
)  # fmt: skip
SURNAME_ENDS = ("in", "ard", "ier", "ley", "ton", "son", "eau", "ini", "berg", "mann", "ez")
CITIES_EN = ("Paris", "London", "Frankfurt", "Milan", "Madrid", "Boston", "Toronto", "Lyon",
             "Amsterdam", "Stockholm", "Munich", "Brussels", "Zurich", "Dublin", "Austin")  # fmt: skip
CITIES_FR = ("Paris", "Lyon", "Toulouse", "Nantes", "Bordeaux", "Lille", "Marseille", "Rennes",
             "Grenoble", "Strasbourg", "Genève", "Bruxelles", "Montréal")  # fmt: skip
OUTLETS_EN = ("TechWire", "Financial Courier", "Ledger Daily", "Northbridge Wire",
              "Circuit Review", "Market Dispatch", "Harbor Times", "The Deal Desk")  # fmt: skip
OUTLETS_FR = ("Journal Éco", "Capital Hebdo", "Les Affaires numériques",
              "Quotidien des marchés", "La Lettre industrielle", "Le Courrier financier")  # fmt: skip
CITED_EN = ("Reuters", "Bloomberg", "the Financial Times", "The Wall Street Journal", "Sky News")
CITED_FR = ("Les Echos", "Le Figaro", "BFM Business", "La Tribune", "L'Informé")
BANKS = ("Harwell Securities", "Castlegate", "Brixton & Co", "Montclair Research",
         "Ostrava Partners", "Lindqvist Equities")  # fmt: skip
REGULATORS = (
    ("the Competition and Markets Authority", "l'Autorité de la concurrence"),
    ("the European Commission", "la Commission européenne"),
    ("the Data Protection Board", "la CNIL"),
    ("the Financial Conduct Authority", "l'Autorité des marchés financiers"),
)

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip

KINDS = (
    "investment", "acquisition", "funding_round", "layoffs", "appointment",
    "product_launch", "fine", "partnership", "contract",
)  # fmt: skip
#: Relative frequency of each kind among stories.
KIND_WEIGHTS = (14, 22, 16, 10, 8, 8, 7, 8, 7)

# --------------------------------------------------------------------------- parties


@dataclasses.dataclass(frozen=True)
class Company:
    name: str  # as first written: "Norvatek Therapeutics"
    short: str  # later in the text: "Norvatek"
    industry: str


def _stem(rng: random.Random) -> str:
    return (rng.choice(ONSETS) + rng.choice(MIDDLES) + rng.choice(CODAS)).capitalize()


def build_pool(pool_seed: int, per_industry: int) -> dict[str, list[Company]]:
    """Thousands of invented companies, ``per_industry`` for each industry."""
    rng = random.Random(f"pool:{pool_seed}")
    used: set[str] = set()
    pool: dict[str, list[Company]] = {}
    for industry, vocab in INDUSTRIES.items():
        companies: list[Company] = []
        attempts = 0
        while len(companies) < per_industry and attempts < per_industry * 50:
            attempts += 1
            stem = _stem(rng)
            if len(stem) < 4 or stem in used:
                continue
            used.add(stem)
            roll = rng.random()
            prefix = rng.choice(vocab["fr_prefix"])
            if roll < 0.12 and prefix:
                name = f"{prefix} {stem}"
            else:
                suffix = rng.choice(vocab["suffix"])
                name = f"{stem} {suffix}".strip()
            companies.append(Company(name=name, short=stem, industry=industry))
        pool[industry] = companies
    return pool


def _person(rng: random.Random) -> str:
    surname = (rng.choice(ONSETS) + rng.choice(MIDDLES) + rng.choice(SURNAME_ENDS)).capitalize()
    return f"{rng.choice(FIRST_NAMES)} {surname}"


# --------------------------------------------------------------------------- amounts

CURRENCY_EN = {"USD": "$", "EUR": "€", "GBP": "£"}
CURRENCY_WORD_EN = {"USD": "dollars", "EUR": "euros", "GBP": "pounds"}
CURRENCY_WORD_FR = {"USD": "de dollars", "EUR": "d'euros", "GBP": "de livres sterling"}
CURRENCY_SIGN_FR = {"USD": "$", "EUR": "€", "GBP": "£"}


def _mantissa(value: float, scale: float) -> float:
    return round(value / scale, 2)


def _num_en(x: float) -> str:
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text


def _num_fr(x: float) -> str:
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def money_en(value: float, currency: str, rng: random.Random) -> str:
    """``$10 billion``, ``$10bn``, ``$10B``, ``US$10 billion``, ``€3.2bn``, ``450 million euros``."""
    sign = CURRENCY_EN[currency]
    big = value >= 1e9
    scale = 1e9 if big else 1e6
    m = _num_en(_mantissa(value, scale))
    word = "billion" if big else "million"
    short = rng.choice(("bn", "B") if big else ("m", "mn", "M"))
    forms = [f"{sign}{m} {word}", f"{sign}{m}{short}", f"{m} {word} {CURRENCY_WORD_EN[currency]}"]
    if currency == "USD":
        forms.append(f"US${m} {word}")
    if currency == "EUR":
        forms.append(f"EUR {m} {word}")
    weights = [5, 4, 2] + [1] * (len(forms) - 3)
    return rng.choices(forms, weights)[0]


def money_fr(value: float, currency: str, rng: random.Random) -> str:
    """``10 milliards de dollars``, ``3,2 milliards d'euros``, ``450 M€``, ``1,2 Md€``."""
    big = value >= 1e9
    scale = 1e9 if big else 1e6
    mant = _mantissa(value, scale)
    m = _num_fr(mant)
    word = ("milliard" if big else "million") + ("s" if mant >= 2 else "")
    sign = CURRENCY_SIGN_FR[currency]
    forms = [f"{m} {word} {CURRENCY_WORD_FR[currency]}"]
    forms.append(f"{m} {'Md' if big else 'M'}{sign}")
    return rng.choices(forms, (6, 2))[0]


def jobs_en(n: int, rng: random.Random) -> str:
    noun = rng.choice(("jobs", "jobs", "positions", "roles", "employees"))
    return f"{n:,} {noun}"


def jobs_fr(n: int, rng: random.Random) -> str:
    sep = rng.choice((" ", "\u00a0", "\u202f", " "))
    text = f"{n:,}".replace(",", sep)
    return f"{text} {rng.choice(('emplois', 'postes', 'emplois'))}"


# --------------------------------------------------------------------------- stories


@dataclasses.dataclass(frozen=True)
class Step:
    """One article of a story: what it says, in which language, how many days in."""

    status: str  # rumor | confirmed | undisclosed | denied
    lang: str
    day: int
    role: str  # lead | echo | outcome | recall


@dataclasses.dataclass(frozen=True)
class Story:
    """One claim and the articles that will speak of it."""

    id: str
    kind: str
    a: Company  # acquirer, investor, employer, the party fined, the appointing company
    b: Company | None  # target, investee, partner, customer
    person: str | None  # appointee, or the regulator for a fine
    amount: float | None
    currency: str | None  # "USD" | "EUR" | "GBP" | "jobs"
    series: str | None
    product: str | None
    start: dt.date
    steps: tuple[Step, ...]


def _pick_amount(kind: str, rng: random.Random) -> tuple[float | None, str | None]:
    def money(lo: float, hi: float) -> float:
        v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
        digits = 2 if v < 1e9 else 3
        return float(f"{v:.{digits}g}")

    currency = rng.choices(("USD", "EUR", "GBP"), (5, 4, 1))[0]
    if kind == "investment":
        return money(5e7, 2e10), currency
    if kind == "acquisition":
        return money(2e7, 3e10), currency
    if kind == "funding_round":
        return money(5e6, 8e8), currency
    if kind == "fine":
        return money(1e6, 5e9), currency
    if kind == "contract":
        return money(1e7, 5e9), currency
    if kind == "partnership":
        return (money(1e8, 5e9), currency) if rng.random() < 0.5 else (None, None)
    if kind == "layoffs":
        n = int(rng.choice((150, 240, 300, 450, 600, 800, 1200, 1500, 2000, 3500, 5000, 8000)))
        n += rng.choice((0, 0, 0, 10, 20, 50))
        return float(n), "jobs"
    return None, None


def _steps(rng: random.Random) -> tuple[Step, ...]:
    lang = rng.choices(("en", "fr"), (6, 4))[0]
    other = "fr" if lang == "en" else "en"
    steps: list[Step] = []
    if rng.random() < 0.82:
        steps.append(Step("rumor", lang, 0, "lead"))
        day = 0
        if rng.random() < 0.35:
            day += rng.randint(0, 3)
            steps.append(Step("rumor", rng.choice((lang, other)), day, "echo"))
        outcome = rng.choices(("confirmed", "undisclosed", "denied", None), (45, 20, 15, 20))[0]
        if outcome:
            day += rng.randint(2, 75)
            steps.append(Step(outcome, rng.choice((lang, other)), day, "outcome"))
            if outcome == "denied" and rng.random() < 0.2:
                day += rng.randint(10, 120)
                steps.append(Step("confirmed", rng.choice((lang, other)), day, "outcome"))
            if rng.random() < 0.25:
                day += rng.randint(1, 10)
                steps.append(Step(outcome, other, day, "recall"))
    else:
        status = rng.choices(("confirmed", "undisclosed"), (7, 3))[0]
        steps.append(Step(status, lang, 0, "lead"))
        if rng.random() < 0.4:
            steps.append(Step(status, other, rng.randint(0, 2), "echo"))
    return tuple(steps)


#: Expected articles per story, used to size a corpus from an article count.
ARTICLES_PER_STORY = 2.05


def make_story(
    index: int, rng: random.Random, pool: dict[str, list[Company]], span: tuple[dt.date, int]
) -> Story:
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    industry = rng.choice(list(pool))
    a = rng.choice(pool[industry])
    b: Company | None = None
    if kind in ("investment", "acquisition", "partnership", "contract"):
        other_ind = industry if rng.random() < 0.6 else rng.choice(list(pool))
        b = rng.choice(pool[other_ind])
        while b.short == a.short:
            b = rng.choice(pool[other_ind])
    elif kind == "funding_round":
        b = rng.choice(pool["finance"])  # the lead investor
        while b.short == a.short:
            b = rng.choice(pool["finance"])
    person = None
    if kind == "appointment":
        person = _person(rng)
    elif kind == "fine":
        person = str(rng.randrange(len(REGULATORS)))
    amount, currency = _pick_amount(kind, rng)
    series = rng.choice("ABCDE") if kind == "funding_round" else None
    product = None
    if kind == "product_launch":
        product = f"{a.short} {rng.choice(('Nova', 'Aria', 'Pulse', 'Atlas', 'Vega', 'Orbit'))}"
        product += rng.choice(("", " 2", " X", " Pro", " One"))
    start = span[0] + dt.timedelta(days=rng.randrange(span[1]))
    steps = _steps(rng)
    if amount is None:
        # Nothing to withhold: an announcement without a figure is a confirmation.
        steps = tuple(
            dataclasses.replace(st, status="confirmed") if st.status == "undisclosed" else st
            for st in steps
        )
    return Story(
        id=f"c{index:07d}",
        kind=kind,
        a=a,
        b=b,
        person=person,
        amount=amount,
        currency=currency,
        series=series,
        product=product,
        start=start,
        steps=steps,
    )


# --------------------------------------------------------------------------- phrasing


@dataclasses.dataclass
class Slots:
    """Everything a template can name, for one article."""

    A: str
    a: str
    B: str
    b: str
    amt: str
    P: str
    R: str
    S: str
    prod: str
    what: str
    sector: str
    day: str
    city: str
    outlet: str
    cited: str
    analyst: str
    bank: str
    exec_: str
    month: str
    pct: str
    city2: str
    exec2: str
    analyst2: str
    analyst3: str
    bank2: str
    bank3: str
    rev: str


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# Predicates per kind: inf (after "to"), noun phrase, past (after "it"), with
# "{amt}" where the figure goes; "_x" forms have no figure (undisclosed).
PRED_EN: dict[str, dict[str, Sequence[str]]] = {
    "investment": {
        "inf": ("invest {amt} in {B}", "make a {amt} investment in {B}", "pour {amt} into {B}"),
        "inf_x": ("invest in {B}", "take a stake in {B}"),
        "noun": ("a {amt} investment in {B}", "an investment of {amt} in {B}"),
        "noun_x": ("an investment in {B}", "a multiyear investment in {B}"),
        "past": ("will invest {amt} in {B}", "has agreed to invest {amt} in {B}"),
        "past_x": ("will invest in {B}", "has agreed to take a stake in {B}"),
    },
    "acquisition": {
        "inf": ("buy {B} for {amt}", "acquire {B} for {amt}", "take over {B} in a {amt} deal"),
        "inf_x": ("buy {B}", "acquire {B}", "take over {B}"),
        "noun": ("a {amt} takeover of {B}", "the {amt} acquisition of {B}", "a {amt} bid for {B}"),
        "noun_x": ("the acquisition of {B}", "a takeover of {B}"),
        "past": ("has agreed to buy {B} for {amt}", "will acquire {B} for {amt}"),
        "past_x": ("has agreed to buy {B}", "has completed the acquisition of {B}"),
    },
    "funding_round": {
        "inf": ("raise {amt} in a Series {S} round led by {B}", "raise {amt} from {B}"),
        "inf_x": ("raise new funding led by {B}", "close a Series {S} round led by {B}"),
        "noun": ("a {amt} Series {S} funding round led by {B}", "a {amt} funding round"),
        "noun_x": ("a Series {S} funding round led by {B}", "a new funding round led by {B}"),
        "past": ("has raised {amt} in a Series {S} round led by {B}",),
        "past_x": ("has raised a Series {S} round led by {B}",),
    },
    "layoffs": {
        "inf": ("cut {amt}", "cut about {amt}", "eliminate {amt}", "lay off {amt}"),
        "inf_x": ("cut jobs", "eliminate jobs in its {what} business"),
        "noun": ("a plan to cut {amt}", "job cuts affecting {amt}", "{amt} in job cuts"),
        "noun_x": ("a round of job cuts", "a restructuring plan with job cuts"),
        "past": ("will cut {amt}", "plans to eliminate {amt}"),
        "past_x": ("will cut jobs", "will lay off staff"),
    },
    "appointment": {
        "inf": ("name {P} as chief executive", "appoint {P} as its next chief executive"),
        "inf_x": ("name {P} as chief executive",),
        "noun": ("the appointment of {P} as chief executive",),
        "noun_x": ("the appointment of {P} as chief executive",),
        "past": (
            "has appointed {P} as chief executive",
            "has named {P} as its new chief executive",
        ),
        "past_x": ("has appointed {P} as chief executive",),
    },
    "product_launch": {
        "inf": ("launch the {prod}", "unveil the {prod}", "roll out the {prod}"),
        "inf_x": ("launch the {prod}",),
        "noun": ("the launch of the {prod}",),
        "noun_x": ("the launch of the {prod}",),
        "past": ("will launch the {prod}", "has unveiled the {prod}"),
        "past_x": ("will launch the {prod}",),
    },
    "fine": {
        "inf": ("fine {A} {amt}", "impose a {amt} fine on {A}"),
        "inf_x": ("fine {A}",),
        "noun": ("a {amt} fine against {A}", "a penalty of {amt} on {A}"),
        "noun_x": ("a fine against {A}",),
        "past": ("has fined {A} {amt}", "has imposed a {amt} fine on {A}"),
        "past_x": ("has fined {A}",),
    },
    "partnership": {
        "inf": ("form a {amt} partnership with {B}", "team up with {B} in a {amt} alliance"),
        "inf_x": ("form a partnership with {B}", "team up with {B}"),
        "noun": ("a {amt} partnership with {B}", "a {amt} alliance with {B}"),
        "noun_x": ("a partnership with {B}", "a strategic alliance with {B}"),
        "past": ("has signed a {amt} partnership with {B}",),
        "past_x": ("has signed a partnership with {B}",),
    },
    "contract": {
        "inf": ("win a {amt} contract from {B}", "sign a {amt} supply contract with {B}"),
        "inf_x": ("win a contract from {B}", "sign a supply contract with {B}"),
        "noun": ("a {amt} contract from {B}", "a {amt} supply contract with {B}"),
        "noun_x": ("a supply contract with {B}", "a contract from {B}"),
        "past": (
            "has won a {amt} contract from {B}",
            "has signed a {amt} supply contract with {B}",
        ),
        "past_x": ("has won a contract from {B}",),
    },
}
PRED_FR: dict[str, dict[str, Sequence[str]]] = {
    "investment": {
        "inf": ("investir {amt} dans {B}", "injecter {amt} dans {B}"),
        "inf_x": ("investir dans {B}", "entrer au capital de {B}"),
        "cond": ("investirait {amt} dans {B}", "injecterait {amt} dans {B}"),
        "noun": ("un investissement de {amt} dans {B}",),
        "noun_x": ("un investissement dans {B}", "une prise de participation dans {B}"),
    },
    "acquisition": {
        "inf": (
            "racheter {B} pour {amt}",
            "acquérir {B} pour {amt}",
            "mettre la main sur {B} pour {amt}",
        ),
        "inf_x": ("racheter {B}", "acquérir {B}"),
        "cond": ("rachèterait {B} pour {amt}", "serait sur le point de racheter {B} pour {amt}"),
        "noun": ("le rachat de {B} pour {amt}", "l'acquisition de {B} pour {amt}"),
        "noun_x": ("le rachat de {B}", "l'acquisition de {B}"),
    },
    "funding_round": {
        "inf": ("lever {amt} lors d'un tour de table mené par {B}", "lever {amt} auprès de {B}"),
        "inf_x": ("lever des fonds auprès de {B}",),
        "cond": ("lèverait {amt} lors d'une série {S} menée par {B}",),
        "noun": (
            "une levée de fonds de {amt} menée par {B}",
            "un tour de table de {amt} mené par {B}",
        ),
        "noun_x": ("une levée de fonds menée par {B}",),
    },
    "layoffs": {
        "inf": ("supprimer {amt}", "supprimer près de {amt}"),
        "inf_x": ("supprimer des emplois", "réduire ses effectifs"),
        "cond": ("supprimerait {amt}", "s'apprêterait à supprimer {amt}"),
        "noun": ("la suppression de {amt}", "un plan social portant sur {amt}"),
        "noun_x": ("un plan de suppressions de postes", "une réduction d'effectifs"),
    },
    "appointment": {
        "inf": ("nommer {P} au poste de directeur général",),
        "inf_x": ("nommer {P} au poste de directeur général",),
        "cond": ("nommerait {P} au poste de directeur général",),
        "noun": ("la nomination de {P} au poste de directeur général",),
        "noun_x": ("la nomination de {P} au poste de directeur général",),
    },
    "product_launch": {
        "inf": ("lancer le {prod}", "dévoiler le {prod}"),
        "inf_x": ("lancer le {prod}",),
        "cond": ("lancerait le {prod}", "dévoilerait le {prod}"),
        "noun": ("le lancement du {prod}",),
        "noun_x": ("le lancement du {prod}",),
    },
    "fine": {
        "inf": ("infliger une amende de {amt} à {A}", "sanctionner {A} d'une amende de {amt}"),
        "inf_x": ("sanctionner {A}",),
        "cond": ("infligerait une amende de {amt} à {A}",),
        "noun": ("une amende de {amt} contre {A}", "une sanction de {amt} visant {A}"),
        "noun_x": ("une sanction visant {A}",),
    },
    "partnership": {
        "inf": (
            "nouer un partenariat de {amt} avec {B}",
            "s'allier à {B} dans un partenariat de {amt}",
        ),
        "inf_x": ("nouer un partenariat avec {B}", "s'allier à {B}"),
        "cond": ("nouerait un partenariat de {amt} avec {B}",),
        "noun": ("un partenariat de {amt} avec {B}",),
        "noun_x": ("un partenariat avec {B}", "une alliance stratégique avec {B}"),
    },
    "contract": {
        "inf": ("décrocher un contrat de {amt} auprès de {B}",),
        "inf_x": ("décrocher un contrat auprès de {B}",),
        "cond": ("décrocherait un contrat de {amt} auprès de {B}",),
        "noun": ("un contrat de {amt} avec {B}", "une commande de {amt} de {B}"),
        "noun_x": ("un contrat avec {B}", "une commande de {B}"),
    },
}

SOURCING_EN = (
    "according to people familiar with the matter",
    "people with knowledge of the discussions said",
    "sources told {outlet}",
    "according to a report by {cited}",
    "{cited} reported, citing people close to the talks",
    "two people briefed on the plans said",
    "according to an internal memo seen by {outlet}",
    "people close to the company said",
    "industry sources said",
)  # fmt: skip
SOURCING_FR = (
    "selon nos informations",
    "selon des sources proches du dossier",
    "a appris {outlet}",
    "selon {cited}",
    "d'après plusieurs sources concordantes",
    "selon une note interne consultée par {outlet}",
    "selon des personnes proches des discussions",
)  # fmt: skip

RUMOR_EN = (
    "{A} is in talks to {inf}, {src}.",
    "{A} is in advanced talks to {inf}, {src}.",
    "{A} is weighing a plan to {inf}, {src}.",
    "{A} is said to be preparing to {inf}, {src}.",
    "{A} is exploring a move to {inf}, {src}.",
    "{A} is nearing a deal to {inf}, {src}.",
    "{Src}, {A} is considering {noun}.",
    "{A} could {inf} as soon as next month, {src}.",
    "{A} has reportedly held talks to {inf}.",
)  # fmt: skip
RUMOR_FR = (
    "{A} serait en discussions pour {inf}, {src}.",
    "{A} {cond}, {src}.",
    "{Src}, {A} s'apprêterait à {inf}.",
    "{A} envisage de {inf}, {src}.",
    "{A} est en négociations exclusives pour {inf}, {src}.",
    "{Src}, {A} étudierait {noun}.",
    "{A} pourrait {inf} dans les prochaines semaines, {src}.",
)  # fmt: skip
CONFIRMED_EN = (
    "{A} said on {day} it {past}, confirming earlier reports.",
    "{A} announced on {day} that it {past}.",
    "{A} confirmed on {day} that it {past}.",
    "In a statement on {day}, {A} said it {past}.",
    "{A} {past}, the company said in a statement on {day}.",
)  # fmt: skip
CONFIRMED_FR = (
    "{A} a annoncé {day} {noun}.",
    "{A} a confirmé {day} {noun}.",
    "Dans un communiqué publié {day}, {A} a officialisé {noun}.",
    "{A} a finalisé {noun}, a indiqué le groupe {day}.",
)  # fmt: skip
UNDISCLOSED_EN = (
    "{A} confirmed on {day} that it {past_x}, but did not disclose the amount.",
    "{A} announced {noun_x} on {day}. Financial terms were not disclosed.",
    "{A} said on {day} it {past_x}, without disclosing the price.",
    "{A} confirmed {noun_x} on {day} but declined to disclose financial details.",
)  # fmt: skip
UNDISCLOSED_FR = (
    "{A} a confirmé {day} {noun_x}, sans en préciser le montant.",
    "{A} a officialisé {day} {noun_x}. Les conditions financières n'ont pas été dévoilées.",
    "{A} a annoncé {day} {noun_x}, sans dévoiler le montant de l'opération.",
)  # fmt: skip
DENIED_EN = (
    "{A} denied reports that it is in talks to {inf}.",
    "{A} on {day} dismissed as pure speculation reports that it plans to {inf}.",
    '"There are no talks," a spokesperson for {a} said on {day}, denying a report that it would {inf}.',
    "{A} has denied a report by {cited} that it was preparing to {inf}.",
)  # fmt: skip
DENIED_FR = (
    "{A} a démenti {day} être en discussions pour {inf}.",
    "{A} dément formellement vouloir {inf}.",
    "{A} a démenti {day} les informations selon lesquelles il s'apprêterait à {inf}.",
    "Interrogé {day}, {a} a démenti toute discussion visant à {inf}.",
)  # fmt: skip

HEAD_EN = {
    "rumor": (
        "{a} in talks to {inf}", "{a} said to weigh {noun}", "Exclusive: {a} nears deal to {inf}",
        "{a} explores {noun}, sources say",
    ),
    "confirmed": ("{a} confirms {noun}", "{a} agrees {noun}", "{a} to {inf}"),
    "undisclosed": ("{a} confirms {noun_x}, keeps terms under wraps", "{a} announces {noun_x}"),
    "denied": ("{a} denies talks to {inf}", "{a} rejects report of {noun}"),
}  # fmt: skip
HEAD_FR = {
    "rumor": ("{a} {cond}", "{a} en discussions pour {inf}", "{a} envisagerait {noun}"),
    "confirmed": ("{a} confirme {noun}", "{a} officialise {noun}"),
    "undisclosed": ("{a} confirme {noun_x}, sans chiffrer l'opération",),
    "denied": ("{a} dément vouloir {inf}", "{a} dément les rumeurs de {noun_x}"),
}  # fmt: skip

CONTEXT_EN = (
    "{A}, which is based in {city}, is active in {what} and sells in more than thirty countries.",
    "The company has been under pressure from shareholders to improve returns after a difficult year for {sector}.",
    "{Sector} have been looking for scale as borrowing costs rose and demand slowed in Europe.",
    "Shares of {a} rose {pct} per cent in early trading on {day}, giving it a market value well above its level at the start of the year.",
    "Shares of {a} fell {pct} per cent on {day}, underperforming a broadly flat market.",
    "The move would be the latest in a string of deals among {sector}, which analysts expect to continue as smaller players struggle to fund their growth.",
    "{a} has spent the past two years reorganising its business in {what}, closing unprofitable lines and investing in automation.",
    "Competition has intensified in {what}, where new entrants from Asia have pushed prices down.",
    "{exec_}, who has run {a} since {month}, has said the group wants to double its revenue within five years.",
    "The talks come at a delicate moment for {sector}, with regulators in Brussels taking a closer look at consolidation.",
    "{a} employs several thousand people and generates most of its sales outside its home market.",
    "The group reported revenue of {rev} for its last financial year, broadly unchanged from the year before.",
    "Founded by two engineers, {a} grew quickly during the pandemic before demand for {what} cooled.",
    "Its largest customers include several national champions in {city2} and {city}, according to its annual report.",
    "Bankers at {bank} have been advising {a} on its options, one of the people said.",
    "Some investors have questioned whether the group can keep growing without a larger partner.",
    "The company's debt has risen since it financed a new plant near {city2}, and rating agencies have warned it about its leverage.",
    "{exec2}, the chief financial officer, told analysts last quarter that the balance sheet gave the group room to manoeuvre.",
    "Margins in {what} have been squeezed by higher wages and energy costs across the industry.",
    "Union representatives at {a} have asked management for clarity on the group's plans for its sites in {city2}.",
    "Several rivals have already tied up with larger groups, leaving {a} one of the last independent players of its size.",
    "Trading in the shares was heavy, with volumes more than twice the daily average of the past month.",
)  # fmt: skip
CONTEXT_FR = (
    "Basé à {city}, {a} est notamment présent dans {what} et réalise l'essentiel de son chiffre d'affaires à l'international.",
    "Le groupe est sous la pression de ses actionnaires après une année difficile pour {sector}.",
    "L'action {a} a gagné {pct} % {day} à la Bourse de Paris, dans un marché par ailleurs hésitant.",
    "Le titre {a} a reculé de {pct} % {day}, dans un marché globalement stable.",
    "Le mouvement de consolidation s'accélère chez {sector}, confrontés à la hausse des coûts de l'énergie et au ralentissement de la demande.",
    "{exec_}, qui dirige {a} depuis {month}, répète vouloir doubler la taille du groupe d'ici cinq ans.",
    "Ces dernières années, {a} a réorganisé ses activités, fermé des lignes peu rentables et misé sur l'automatisation.",
    "La concurrence s'est durcie sur le marché, où de nouveaux acteurs asiatiques tirent les prix vers le bas.",
    "Les régulateurs européens suivent de près les rapprochements dans le secteur, ce qui pourrait allonger les délais.",
    "Le groupe emploie plusieurs milliers de personnes et réalise la majorité de ses ventes hors de France.",
    "Le groupe a réalisé un chiffre d'affaires de {rev} lors de son dernier exercice, stable sur un an.",
    "Fondé par deux ingénieurs, {a} a connu une forte croissance pendant la pandémie avant que la demande ne ralentisse.",
    "Ses principaux clients sont de grands groupes installés à {city2} et à {city}, selon son rapport annuel.",
    "Le groupe est conseillé par {bank} sur ses options stratégiques.",
    "Certains actionnaires s'interrogent sur la capacité du groupe à poursuivre sa croissance sans partenaire.",
    "L'endettement de {a} a augmenté depuis la construction d'un nouveau site près de {city2}, ce qui inquiète les agences de notation.",
    "{exec2}, directeur financier, assurait le trimestre dernier que le bilan laissait des marges de manœuvre.",
    "Les marges du secteur sont rognées par la hausse des salaires et des coûts de l'énergie.",
    "Les représentants du personnel de {a} réclament des éclaircissements sur l'avenir des sites de {city2}.",
    "Plusieurs concurrents se sont déjà adossés à des groupes plus grands, laissant {a} parmi les derniers indépendants de sa taille.",
    "Les volumes d'échange sur le titre ont été plus de deux fois supérieurs à la moyenne du mois écoulé.",
)  # fmt: skip
QUOTE_EN = (
    '"This is about building scale in a market that is getting tougher every quarter," said {analyst}, an analyst at {bank}.',
    '"We are always looking at ways to grow, but we do not comment on market rumours," a spokesperson for {a} said.',
    '"The logic is clear, the price is the question," said {analyst2} of {bank2}.',
    '"Investors will want to see how this fits with the strategy laid out last year," {analyst3}, a portfolio manager at {bank3}, told clients in a note.',
    '"Our priority remains our customers and our people," {exec_} told employees in a message last month.',
    '"It is a sector where size matters more every year," said {analyst2}, who covers {sector} at {bank2}.',
)  # fmt: skip
QUOTE_FR = (
    "« La logique industrielle est claire, c'est le prix qui fera débat », estime {analyst}, analyste chez {bank}.",
    "« Nous ne commentons pas les rumeurs de marché », a réagi un porte-parole de {a}.",
    "« Le secteur n'a pas d'autre choix que de se consolider », juge {analyst2}, gérant chez {bank2}.",
    "« Il faudra convaincre les autorités de la concurrence », prévient {analyst3}, associé chez {bank3}.",
    "« Notre priorité reste nos clients et nos équipes », déclarait {exec_} aux salariés le mois dernier.",
)  # fmt: skip
TALKS_EN = (
    "The discussions are at an advanced stage but no agreement has been signed, and the terms could still change, the people said.",
    "No final decision has been made and the talks could still fall apart, {src}.",
    "A deal could be announced within weeks if the talks go well, one of the people said.",
)  # fmt: skip
TALKS_FR = (
    "Les discussions sont avancées mais rien n'a encore été signé, et les termes pourraient évoluer.",
    "Aucune décision définitive n'a été prise et les négociations pourraient encore échouer, {src}.",
    "Une annonce pourrait intervenir dans les prochaines semaines, selon une source proche du dossier.",
)  # fmt: skip
NO_COMMENT_EN = (
    "{b} declined to comment. {a} did not respond to a request for comment.",
    "Representatives for {a} and {b} declined to comment.",
    "{a} declined to comment on what it called market speculation.",
)  # fmt: skip
NO_COMMENT_FR = (
    "Contactés, {a} et {b} n'ont pas souhaité faire de commentaire.",
    "Sollicité, {a} n'a pas donné suite.",
)  # fmt: skip
RECALL_EN = (
    "{outlet} first reported in {month} that {a} was in talks to {inf}.",
    "Earlier reports had put the figure at {amt}.",
)  # fmt: skip
RECALL_FR = (
    "Nous évoquions en {month} des discussions entre les deux groupes.",
    "La rumeur évoquait alors un montant de {amt}.",
)  # fmt: skip

UNRELATED_EN = (
    ("Stocks edge higher as investors weigh rate outlook",
     "European shares closed slightly higher on {day} as investors weighed comments from central bankers about the path of interest rates.",),
    ("{a} chief says the group is focused on margins",
     "{exec_}, chief executive of {A}, said in an interview that the group would focus on margins rather than size this year.",),
    ("{a} reports steady quarter as costs ease",
     "{A} reported a steady quarter on {day}, with lower energy and transport costs helping to offset weaker demand for {what}.",),
    ("Why {sector} are rethinking their supply chains",
     "Across Europe, {sector} are rethinking where they buy parts and materials after two years of disruption.",),
)  # fmt: skip
UNRELATED_FR = (
    ("La Bourse de Paris termine en légère hausse",
     "La Bourse de Paris a terminé en légère hausse {day}, les investisseurs restant prudents avant les décisions des banques centrales.",),
    ("Entretien : le patron de {a} veut privilégier la rentabilité",
     "{exec_}, directeur général de {A}, affirme dans un entretien vouloir privilégier la rentabilité plutôt que la taille.",),
    ("{a} publie des résultats stables",
     "{A} a publié {day} des résultats stables, la baisse des coûts logistiques compensant une demande en repli pour {what}.",),
)  # fmt: skip


# --------------------------------------------------------------------------- rendering


def _fmt_day(date: dt.date, lang: str) -> str:
    if lang == "en":
        return WEEKDAYS_EN[date.weekday()]
    return WEEKDAYS_FR[date.weekday()]


def _month(date: dt.date, lang: str) -> str:
    past = date - dt.timedelta(days=400)
    if lang == "en":
        return f"{MONTHS_EN[past.month - 1]} {past.year}"
    return f"{MONTHS_FR[past.month - 1]} {past.year}"


def _slots(
    story: Story | None, company: Company, lang: str, date: dt.date, rng: random.Random
) -> Slots:
    b = story.b if story and story.b else None
    amt = ""
    if story and story.amount is not None and story.currency:
        if story.currency == "jobs":
            n = int(story.amount)
            amt = jobs_en(n, rng) if lang == "en" else jobs_fr(n, rng)
        elif lang == "en":
            amt = money_en(story.amount, story.currency, rng)
        else:
            amt = money_fr(story.amount, story.currency, rng)
    vocab = INDUSTRIES[company.industry]
    person = ""
    regulator = ""
    if story and story.kind == "appointment" and story.person:
        person = story.person
    if story and story.kind == "fine" and story.person is not None:
        regulator = REGULATORS[int(story.person)][0 if lang == "en" else 1]
    return Slots(
        A=company.name,
        a=company.short,
        B=b.name if b else "",
        b=b.short if b else "",
        amt=amt,
        P=person,
        R=regulator,
        S=story.series or "" if story else "",
        prod=story.product or "" if story else "",
        what=rng.choice(vocab["what_en" if lang == "en" else "what_fr"]),
        sector=rng.choice(vocab["sector_en" if lang == "en" else "sector_fr"]),
        day=_fmt_day(date, lang),
        city=rng.choice(CITIES_EN if lang == "en" else CITIES_FR),
        outlet=rng.choice(OUTLETS_EN if lang == "en" else OUTLETS_FR),
        cited=rng.choice(CITED_EN if lang == "en" else CITED_FR),
        analyst=_person(rng),
        bank=rng.choice(BANKS),
        exec_=_person(rng),
        month=_month(date, lang),
        pct=(
            f"{rng.uniform(0.4, 9.5):.1f}"
            if lang == "en"
            else _num_fr(round(rng.uniform(0.4, 9.5), 1))
        ),
        city2=rng.choice(CITIES_EN if lang == "en" else CITIES_FR),
        exec2=_person(rng),
        analyst2=_person(rng),
        analyst3=_person(rng),
        bank2=rng.choice(BANKS),
        bank3=rng.choice(BANKS),
        rev=_revenue(lang, rng),
    )


def _revenue(lang: str, rng: random.Random) -> str:
    value = float(f"{math.exp(rng.uniform(math.log(2e8), math.log(4e10))):.2g}")
    currency = rng.choice(("EUR", "USD"))
    return money_en(value, currency, rng) if lang == "en" else money_fr(value, currency, rng)


def _fill(template: str, s: Slots, extra: dict[str, str]) -> str:
    values = dataclasses.asdict(s)
    values["exec_"] = s.exec_
    values["Sector"] = _cap(s.sector)
    values.update(extra)
    return template.format(**values)


def _predicates(story: Story, lang: str, s: Slots, rng: random.Random) -> dict[str, str]:
    table = (PRED_EN if lang == "en" else PRED_FR)[story.kind]
    out: dict[str, str] = {}
    for key, forms in table.items():
        out[key] = _fill(rng.choice(forms), s, {})
    if lang == "en":
        out.setdefault("cond", out["inf"])
    else:
        out.setdefault("past", out["noun"])
        out.setdefault("past_x", out["noun_x"])
    return out


def _subject(story: Story, s: Slots) -> tuple[str, str]:
    """The grammatical subject of the lead: the regulator for a fine."""
    if story.kind == "fine":
        return s.R, s.R
    return s.A, s.a


def _sourcing(lang: str, s: Slots, rng: random.Random) -> str:
    return _fill(rng.choice(SOURCING_EN if lang == "en" else SOURCING_FR), s, {})


def render_story_article(
    story: Story, step: Step, date: dt.date, rng: random.Random
) -> tuple[str, str, str]:
    """(title, body, source) of one article of ``story``."""
    lang = step.lang
    s = _slots(story, story.a, lang, date, rng)
    pred = _predicates(story, lang, s, rng)
    subj, subj_short = _subject(story, s)
    src = _sourcing(lang, s, rng)
    extra = {**pred, "src": src, "Src": _cap(src), "A": subj, "a": subj_short}
    if lang == "en":
        table = {"rumor": RUMOR_EN, "confirmed": CONFIRMED_EN, "undisclosed": UNDISCLOSED_EN,
                 "denied": DENIED_EN}  # fmt: skip
        heads = HEAD_EN
    else:
        table = {"rumor": RUMOR_FR, "confirmed": CONFIRMED_FR, "undisclosed": UNDISCLOSED_FR,
                 "denied": DENIED_FR}  # fmt: skip
        heads = HEAD_FR
    lead = _cap(_fill(rng.choice(table[step.status]), s, extra))
    title = _cap(_fill(rng.choice(heads[step.status]), s, extra))
    paragraphs = [lead]
    # A second sentence that restates the claim in other words, as leads do.
    if step.status == "rumor":
        paragraphs.append(_cap(_fill(rng.choice(TALKS_EN if lang == "en" else TALKS_FR), s, extra)))
        if story.b:
            paragraphs.append(
                _fill(rng.choice(NO_COMMENT_EN if lang == "en" else NO_COMMENT_FR), s, extra)
            )
    elif step.role == "recall" or (step.status != "rumor" and rng.random() < 0.4):
        recall = RECALL_EN if lang == "en" else RECALL_FR
        if s.amt:
            paragraphs.append(_fill(rng.choice(recall), s, extra))
        else:
            paragraphs.append(_fill(recall[0], s, extra))
    body = _grow(paragraphs, _context(lang, rng), _quotes(lang, rng), s, extra, rng)
    source = rng.choice(OUTLETS_EN if lang == "en" else OUTLETS_FR)
    return title, body, source


def _context(lang: str, rng: random.Random) -> list[str]:
    """Context sentences in random order; the share price either rose or fell, not both."""
    context = list(CONTEXT_EN if lang == "en" else CONTEXT_FR)
    shares = [t for t in context if "{pct}" in t]
    context = [t for t in context if "{pct}" not in t]
    if rng.random() < 0.35:
        context.append(rng.choice(shares))
    rng.shuffle(context)
    return context


def _quotes(lang: str, rng: random.Random) -> list[str]:
    quotes = list(QUOTE_EN if lang == "en" else QUOTE_FR)
    rng.shuffle(quotes)
    return quotes


def _grow(
    paragraphs: list[str],
    context: list[str],
    quotes: list[str],
    s: Slots,
    extra: dict[str, str],
    rng: random.Random,
    low: int = 2300,
    high: int = 3000,
) -> str:
    """Add context sentences (two or three per paragraph) and quotes until 2-3 KB."""
    size = sum(len(p.encode()) + 2 for p in paragraphs)
    sentences = [(_fill(t, s, extra)) for t in context]
    said = [(_fill(t, s, extra)) for t in quotes]
    while size < low and (sentences or said):
        if said and (rng.random() < 0.3 or not sentences):
            para = said.pop()
        else:
            n = min(len(sentences), rng.choice((2, 2, 3)))
            para = " ".join(sentences.pop() for _ in range(n))
        cost = len(para.encode()) + 2
        if size + cost > high:
            continue
        paragraphs.append(para)
        size += cost
    return "\n\n".join(paragraphs)


def render_unrelated(
    index: int, date: dt.date, lang: str, pool: dict[str, list[Company]], rng: random.Random
) -> tuple[str, str, str]:
    industry = rng.choice(list(pool))
    company = rng.choice(pool[industry])
    s = _slots(None, company, lang, date, rng)
    head, lead = rng.choice(UNRELATED_EN if lang == "en" else UNRELATED_FR)
    title = _cap(_fill(head, s, {}))
    paragraphs = [_cap(_fill(lead, s, {}))]
    quotes = [q for q in _quotes(lang, rng) if "rumeurs" not in q and "rumours" not in q]
    body = _grow(paragraphs, _context(lang, rng), quotes, s, {}, rng)
    return title, body, rng.choice(OUTLETS_EN if lang == "en" else OUTLETS_FR)


# --------------------------------------------------------------------------- corpus


@dataclasses.dataclass(frozen=True)
class Item:
    """One article to render: sortable by date, then by a stable sequence number."""

    date: dt.date
    seq: int
    story: int | None  # index into Corpus.stories, None for an unrelated article
    step: int  # index into the story's steps (or 0)
    lang: str


@dataclasses.dataclass
class Corpus:
    seed: int
    pool: dict[str, list[Company]]
    stories: list[Story]
    items: list[Item]


def build_corpus(
    *,
    seed: int,
    articles: int | None = None,
    claims: int | None = None,
    unrelated: float = 0.1,
    pool_seed: int = 0,
    companies_per_industry: int = 500,
    start: dt.date = dt.date(2019, 1, 1),
    days: int = 6 * 365,
) -> Corpus:
    """Plan a corpus: stories and the dated list of articles (not yet rendered).

    Give ``articles`` (the exact number of articles) or ``claims`` (the number
    of stories; the article count follows).
    """
    if articles is None and claims is None:
        raise ValueError("give articles or claims")
    rng = random.Random(f"corpus:{seed}")
    pool = build_pool(pool_seed, companies_per_industry)
    n_stories = (
        claims
        if claims is not None
        else math.ceil((articles or 0) * (1 - unrelated) / ARTICLES_PER_STORY * 1.05 + 5)
    )
    stories = [make_story(i, rng, pool, (start, days)) for i in range(n_stories)]
    items: list[Item] = []
    seq = 0
    for si, story in enumerate(stories):
        for k, step in enumerate(story.steps):
            items.append(Item(story.start + dt.timedelta(days=step.day), seq, si, k, step.lang))
            seq += 1
    n_unrelated = round(len(items) * unrelated / max(1 - unrelated, 1e-9))
    for _ in range(n_unrelated):
        date = start + dt.timedelta(days=rng.randrange(days))
        items.append(Item(date, seq, None, 0, rng.choices(("en", "fr"), (6, 4))[0]))
        seq += 1
    items.sort(key=lambda it: (it.date, it.seq))
    if articles is not None:
        items = items[:articles]
    return Corpus(seed=seed, pool=pool, stories=stories, items=items)


def iter_articles(corpus: Corpus) -> Iterator[tuple[dict[str, str], dict[str, object]]]:
    """Render every article: (record, truth), in date order."""
    for n, item in enumerate(corpus.items):
        rng = random.Random(f"article:{corpus.seed}:{item.seq}")
        aid = f"s{corpus.seed}-a{n:07d}"
        if item.story is None:
            title, body, source = render_unrelated(n, item.date, item.lang, corpus.pool, rng)
            truth: dict[str, object] = {
                "claim": None,
                "role": "unrelated",
                "status": None,
                "kind": None,
            }
        else:
            story = corpus.stories[item.story]
            step = story.steps[item.step]
            title, body, source = render_story_article(story, step, item.date, rng)
            truth = {
                "claim": f"s{corpus.seed}-{story.id}",
                "role": step.role,
                "status": step.status,
                "kind": story.kind,
            }
        record = {
            "id": aid,
            "title": title,
            "body": body,
            "source": source,
            "date": item.date.isoformat(),
            "lang": item.lang,
        }
        truth = {"id": aid, **truth, "lang": item.lang, "date": item.date.isoformat()}
        yield record, truth


def _text_date(date: dt.date, lang: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.8:
        return date.isoformat()
    if lang == "en":
        return f"{MONTHS_EN[date.month - 1]} {date.day}, {date.year}"
    return f"{date.day} {MONTHS_FR[date.month - 1]} {date.year}"


def write_corpus(corpus: Corpus, out: Path, fmt: str = "jsonl") -> dict[str, object]:
    """Write articles and truth to ``out``; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    truth_path = out / "truth.jsonl"
    n = 0
    size = 0
    with truth_path.open("w", encoding="utf-8") as tf:
        if fmt == "jsonl":
            with (out / "articles.jsonl").open("w", encoding="utf-8") as af:
                for record, truth in iter_articles(corpus):
                    line = json.dumps(record, ensure_ascii=False) + "\n"
                    af.write(line)
                    size += len(line.encode())
                    truth["path"] = "articles.jsonl"
                    tf.write(json.dumps(truth, ensure_ascii=False) + "\n")
                    n += 1
        elif fmt == "text":
            folder = out / "articles"
            folder.mkdir(exist_ok=True)
            for record, truth in iter_articles(corpus):
                rng = random.Random(f"date:{record['id']}")
                day = dt.date.fromisoformat(record["date"])
                text = (
                    f"title: {record['title']}\nsource: {record['source']}\n"
                    f"date: {_text_date(day, record['lang'], rng)}\nlang: {record['lang']}\n\n"
                    f"{record['body']}\n"
                )
                name = f"articles/{n:07d}.txt"
                (out / name).write_text(text, encoding="utf-8")
                size += len(text.encode())
                truth["path"] = name
                tf.write(json.dumps(truth, ensure_ascii=False) + "\n")
                n += 1
        else:
            raise ValueError(f"unknown format {fmt!r}")
    manifest = {
        "seed": corpus.seed,
        "format": fmt,
        "articles": n,
        "stories": len({it.story for it in corpus.items if it.story is not None}),
        "unrelated": sum(1 for it in corpus.items if it.story is None),
        "bytes": size,
        "companies": sum(len(v) for v in corpus.pool.values()),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--articles", type=int, help="exact number of articles")
    size.add_argument("--claims", type=int, help="number of stories (claims)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pool-seed", type=int, default=0, help="seed of the company names")
    parser.add_argument("--unrelated", type=float, default=0.1, help="share of unrelated articles")
    parser.add_argument("--format", choices=("jsonl", "text"), default="jsonl")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    corpus = build_corpus(
        seed=args.seed,
        articles=args.articles,
        claims=args.claims,
        unrelated=args.unrelated,
        pool_seed=args.pool_seed,
    )
    manifest = write_corpus(corpus, args.out, args.format)
    json.dump(manifest, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
