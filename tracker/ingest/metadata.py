"""Complete an article's date and language, and apply the user's overrides.

Every reader ends here, so the warnings read the same whatever the format.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from tracker.ingest.article import Article
from tracker.ingest.dates import parse_date
from tracker.ingest.errors import InputError
from tracker.ingest.language import detect_language, known_languages
from tracker.status import Precision

NO_DATE_WARNING = "no date found; ordered by when it was added"
NO_LANGUAGE_WARNING = "language not detected; set it with --lang"
#: Languages whose written dates are read, the article's own first.
DATE_LANGUAGES: tuple[str, ...] = ("en", "fr")
_BAD_DATE_PREFIX = "could not parse date "
_BAD_LANGUAGE_PREFIX = "ignored language "

_LANGUAGE_NAMES = {
    "english": "en", "anglais": "en", "eng": "en",
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
}  # fmt: skip
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def bad_date_warning(raw: str) -> str:
    """The warning for a date field that could not be read."""
    shown = " ".join(raw.split())
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{_BAD_DATE_PREFIX}'{shown}'; article kept undated"


def normalize_language(value: str | None) -> str | None:
    """``"fr-FR"``, ``"French"``, ``"FR"`` -> ``"fr"``; ``None`` when not a language code."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    code = _LANGUAGE_NAMES.get(code, code)
    return code if _LANGUAGE_CODE.fullmatch(code) else None


def _set_date(article: Article, raw: str | dt.date | None) -> None:
    if isinstance(raw, dt.datetime):  # YAML front matter hands back datetimes
        article.published, article.precision = raw.date(), Precision.DAY
        return
    if isinstance(raw, dt.date):
        article.published, article.precision = raw, Precision.DAY
        return
    if raw is None or not str(raw).strip():
        article.warnings.append(NO_DATE_WARNING)
        return
    raw = str(raw)
    # The article's own language goes first: it decides ambiguous numeric
    # dates (03/04/2023). Only languages we have lists for, which dateparser
    # also knows, so a stray "lang: xx" cannot make it refuse the call.
    languages = DATE_LANGUAGES
    if article.language in known_languages() and article.language != languages[0]:
        languages = (article.language, *(code for code in languages if code != article.language))
    article.published, article.precision = parse_date(raw, languages=languages)
    if article.published is None:
        article.warnings.append(bad_date_warning(raw))


def _set_language(article: Article, declared: str | None, *, trust_declared: bool) -> None:
    given = normalize_language(declared)
    if declared and given is None:
        article.warnings.append(f"{_BAD_LANGUAGE_PREFIX}'{declared}'; detected from the text")
    if given and trust_declared:
        article.language = given
        return
    article.language = detect_language(article.text) or given
    if article.language is None:
        article.warnings.append(NO_LANGUAGE_WARNING)


def finish_article(
    article: Article,
    *,
    raw_date: str | dt.date | None,
    declared_language: str | None,
    trust_declared: bool = True,
) -> Article:
    """Fill ``language``, ``published`` and ``precision``; add warnings; return ``article``.

    ``trust_declared`` is false for web pages and feeds, whose ``lang``
    attributes often come from a site template: the text decides there, and
    the declared value is only the fallback.
    """
    _set_language(article, declared_language, trust_declared=trust_declared)
    _set_date(article, raw_date)
    return article


def apply_overrides(
    article: Article,
    *,
    date: str | None = None,
    source: str | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Article:
    """Return a copy of ``article`` with the user's values in place of the read ones.

    ``None`` leaves a field alone; an empty ``title`` or ``source`` clears it.
    Warnings that an override answers (bad or missing date, undetected
    language) are dropped. Raises :class:`InputError` for a date or language
    the user typed that cannot be read: that is their mistake, not the file's.
    """
    new = dataclasses.replace(article, warnings=list(article.warnings))
    if date is not None:
        published, precision = parse_date(date)
        if published is None:
            raise InputError(f"could not parse date '{date}' (try 2023-01-23, 2023-01 or 2023)")
        new.published, new.precision = published, precision
        new.warnings = [
            w for w in new.warnings if w != NO_DATE_WARNING and not w.startswith(_BAD_DATE_PREFIX)
        ]
    if lang is not None:
        code = normalize_language(lang)
        if code is None:
            raise InputError(f"'{lang}' is not a language code (try en or fr)")
        new.language = code
        new.warnings = [
            w
            for w in new.warnings
            if w != NO_LANGUAGE_WARNING and not w.startswith(_BAD_LANGUAGE_PREFIX)
        ]
    if source is not None:
        new.source = source.strip() or None
    if title is not None:
        new.title = title.strip() or None
    return new
