"""Status of a claim from cue families, negation and scope, in both languages.

Each row is a one-sentence article; the first mention is checked.
"""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.status import Status

R, C, U, D = Status.RUMOR, Status.CONFIRMED, Status.UNDISCLOSED, Status.DENIED

# (language, sentence, status, cue_kind)
CASES = [
    # rumor: second-hand and unnamed sources, conditional, talks, questions
    (
        "en",
        "Oracle is in talks to buy TikTok's US arm, people familiar with the matter said.",
        R,
        "unnamed_source",
    ),
    ("en", "Nestlé is reportedly weighing a sale of its water brands.", R, "reported"),
    ("en", "Siemens is said to be considering a bid for Alstom.", R, "reported"),
    ("en", "A memo seen by Reuters shows Ford will cut 3,800 jobs in Europe.", R, "unnamed_source"),
    (
        "en",
        "Exxon could buy Pioneer for $60 billion, according to the Wall Street Journal.",
        R,
        "outlet_source",
    ),
    ("en", "Will Apple buy Disney?", R, "question"),
    (
        "fr",
        "D’après nos informations, Carrefour serait en discussions avec Couche-Tard en vue d’une fusion.",
        R,
        "unnamed_source",
    ),
    (
        "fr",
        "Selon Bloomberg, TotalEnergies pourrait racheter une part d’Adani.",
        R,
        "outlet_source",
    ),
    ("fr", "Danone s’apprêterait à céder sa filiale Horizon Organic.", R, "reported"),
    ("fr", "Renault envisagerait une fusion avec Nissan.", R, "reported"),
    ("fr", "Orange est en discussions avec MasMovil pour une fusion.", R, "talks"),
    ("fr", "Vivendi va-t-il racheter Lagardère\u00a0?", R, "question"),
    # confirmed: a party announces, or the fact is stated
    ("en", "Cisco announced it will acquire Splunk for $28 billion.", C, "announce"),
    ("en", "Pfizer said in a statement it had completed the purchase of Seagen.", C, "announce"),
    ("en", "Arm signed a partnership with Intel on chip design.", C, "announce"),
    ("en", "Broadcom acquired VMware for $61 billion.", C, "fact"),
    (
        "fr",
        "Sanofi a annoncé le rachat de Provention Bio pour 2,9 milliards de dollars.",
        C,
        "announce",
    ),
    ("fr", "LVMH confirme l’acquisition de Tiffany.", C, "announce"),
    ("fr", "Engie a officiellement finalisé la cession d’Equans à Bouygues.", C, "announce"),
    ("fr", "Bouygues rachète Equans pour 7,1 milliards d’euros.", C, "fact"),
    # undisclosed: the event is confirmed, its figure withheld
    ("en", "Google bought Mandiant; terms were not disclosed.", U, "undisclosed"),
    ("en", "Adobe acquired Frame.io for an undisclosed sum.", U, "undisclosed"),
    ("en", "Meta declined to give the amount it paid for Within.", U, "undisclosed"),
    (
        "en",
        "Financial details of the Unilever partnership with Oatly were not released.",
        U,
        "undisclosed",
    ),
    ("fr", "Michelin a racheté Camso sans préciser le montant.", U, "undisclosed"),
    ("fr", "Capgemini a acquis Quantmetry pour un montant non divulgué.", U, "undisclosed"),
    ("fr", "Les termes de l’accord entre Atos et Eviden n’ont pas été dévoilés.", U, "undisclosed"),
    (
        "fr",
        "Orange n’a pas indiqué les conditions financières de son partenariat avec Nokia.",
        U,
        "undisclosed",
    ),
    # denied
    ("en", "Unilever denied it is in talks to buy GSK's consumer unit.", D, "denial"),
    ("en", "Amazon is not in talks to acquire Rite Aid, a spokesperson said.", D, "denial"),
    ("en", "Shell called reports of a merger with BP pure speculation.", D, "denial"),
    ("en", "Tesla categorically rejected claims it would build a factory in Vietnam.", D, "denial"),
    ("fr", "Stellantis dément tout projet de fusion avec Renault.", D, "denial"),
    ("fr", "Airbus dément formellement une commande de 100 avions par IndiGo.", D, "denial"),
    ("fr", "Aucune discussion n’est en cours avec Veolia sur un rachat, assure Suez.", D, "denial"),
    ("fr", "Free infirme le rachat de SFR, une fausse information selon lui.", D, "denial"),
    # traps: negated confirmations and denials stay rumors
    ("en", "Apple did not confirm reports that it will buy Peloton.", R, "reported"),
    ("en", "Microsoft has not denied that it will invest in Mistral AI.", R, "not_denied"),
    ("en", "Netflix declined to comment on a possible acquisition of Ubisoft.", R, "no_comment"),
    ("en", "Disney did not announce any acquisition of Spotify.", R, "not_confirmed"),
    ("fr", "Kering n’a pas confirmé le rachat de Valentino.", R, "not_confirmed"),
    ("fr", "Ubisoft n’a pas démenti une cession à Tencent.", R, "not_denied"),
    (
        "fr",
        "Sollicité, Iliad n’a pas souhaité commenter un rachat de Vodafone Italia.",
        R,
        "no_comment",
    ),
    # traps: recalled reports are rumors, not confirmations
    (
        "en",
        "Earlier reports had put the OpenAI investment by Microsoft at $10 billion.",
        R,
        "recall",
    ),
    ("en", "Last week we reported that Adobe would buy Figma.", R, "recall"),
    (
        "fr",
        "La rumeur évoquait un investissement de Microsoft dans OpenAI de 10 milliards de dollars.",
        R,
        "recall",
    ),
    # an echo never overrides a confirmation in the same sentence
    (
        "en",
        "Last week we reported that Salesforce would buy Slack; the company confirmed the purchase on Tuesday.",
        C,
        "announce",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "status", "cue_kind"), CASES)
def test_status(lang: str, sentence: str, status: Status, cue_kind: str) -> None:
    mentions = extract(sentence, language=lang).mentions
    assert mentions, "no mention"
    assert mentions[0].status is status
    assert mentions[0].cue_kind == cue_kind
    if cue_kind != "fact":
        assert mentions[0].cue
        assert mentions[0].cue in sentence or mentions[0].cue == "?"
    else:
        assert mentions[0].cue is None


def test_declined_to_comment_is_not_a_denial() -> None:
    m = extract("Google declined to comment on talks to buy HubSpot.", language="en").mentions[0]
    assert m.status is not Status.DENIED


def test_french_imperfect_is_not_a_conditional() -> None:
    # "opérait" folds like a conditional ending; the accent tells it apart.
    m = extract(
        "Engie opérait la centrale rachetée par EDF en 2019.", language="fr", reference_year=2024
    ).mentions[0]
    assert m.status is Status.CONFIRMED
