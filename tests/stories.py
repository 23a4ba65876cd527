"""Articles written for the tests (not the sample corpus): one deal told three
times in two languages, plus hard negatives that must stay apart."""

from __future__ import annotations

import datetime as dt

from tracker.ingest.article import Article
from tracker.status import Precision


def art(title: str, body: str, day: str, source: str, lang: str, **kw: object) -> Article:
    return Article(
        title=title,
        body=body,
        published=dt.date.fromisoformat(day),
        precision=Precision.DAY,
        source=source,
        language=lang,
        path=f"{source.lower().replace(' ', '-')}-{day}.txt",
        **kw,  # type: ignore[arg-type]
    )


RUMOR_EN = art(
    "Microsoft in talks to put $10 billion into OpenAI",
    "Microsoft is in talks to invest $10 billion in OpenAI, the company behind ChatGPT, "
    "according to people familiar with the matter. The deal would value OpenAI at "
    "$29 billion, the people said. Microsoft declined to comment.",
    "2023-01-10",
    "Wire Street",
    "en",
)

CONFIRM_FR = art(
    "Microsoft prolonge son alliance avec OpenAI",
    "Microsoft a confirmé lundi le renouvellement de son partenariat avec OpenAI, le "
    "créateur de ChatGPT, pour plusieurs milliards de dollars. La semaine dernière, la "
    "rumeur évoquait un investissement de 10 milliards de dollars de Microsoft dans OpenAI. "
    "Les deux entreprises avaient déjà signé un accord d'un milliard de dollars en 2019. "
    "Microsoft n'a pas précisé les conditions financières de l'accord.",
    "2023-01-23",
    "La Gazette Tech",
    "fr",
)

OFFICIAL_EN = art(
    "Microsoft announces multibillion-dollar investment in OpenAI",
    "Microsoft on Monday announced a multiyear, multibillion-dollar investment in OpenAI. "
    "The companies did not disclose the financial terms of the agreement.",
    "2023-01-23",
    "Redmond Daily",
    "en",
)

SAME_COMPANY_OTHER_DEAL = art(
    "Microsoft agrees to buy game studio Lumen Forge for $2 billion",
    "Microsoft has agreed to acquire the game studio Lumen Forge for $2 billion in cash, "
    "the company said in a statement on Tuesday.",
    "2023-02-07",
    "Wire Street",
    "en",
)

SAME_AMOUNT_OTHER_PARTIES = art(
    "Halvard Motors in talks to invest $10 billion in Aldane Batteries",
    "Halvard Motors is in talks to invest $10 billion in Aldane Batteries, according to "
    "people familiar with the matter.",
    "2023-02-14",
    "Wire Street",
    "en",
)

THE_CONVERSATION = [RUMOR_EN, CONFIRM_FR, OFFICIAL_EN]
