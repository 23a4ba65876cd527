"""Read the published date of an article, keeping how much of it is known.

Most dates met in headers and feeds are ISO strings or the common written
forms ("23 janvier 2023", "January 23, 2023", RFC 822). Regular expressions
read those in microseconds; only the rest goes to dateparser, imported on
first use because its import alone costs a few hundred milliseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tracker.status import Precision

UNDATED: tuple[dt.date | None, Precision] = (None, Precision.UNKNOWN)

#: Longer strings are not a date field but a sentence; dateparser is not
#: asked about them (the fast forms are still searched for).
MAX_DATEPARSER_CHARS = 80

_MONTHS: dict[str, dict[str, int]] = {
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    },
    "fr": {
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2,
        "fév": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6,
        "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
        "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
        "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    },
}  # fmt: skip

# "Mis à jour le 3 mars 2023 à 14h05" must still find its date, so the written
# forms are searched for, not matched whole. ISO forms with a bare year or
# month are matched whole: "2023" inside a sentence is not a publication date.
_ISO_DAY = re.compile(r"\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])")
_NUMERIC_DAY = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")
_ISO_MONTH = re.compile(r"\s*(\d{4})-(\d{1,2})\s*")
_ISO_YEAR = re.compile(r"\s*(\d{4})\s*")
_HAS_YEAR = re.compile(r"\b\d{4}\b")


@lru_cache(maxsize=8)
def _written_patterns(
    languages: tuple[str, ...],
) -> tuple[dict[str, int], tuple[re.Pattern[str], ...]]:
    months: dict[str, int] = {}
    for lang in languages:
        months.update(_MONTHS.get(lang, {}))
    if not months:
        return months, ()
    # Longest first, so "sept" wins over "sep" and "janvier" over "janv".
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day_month_year = re.compile(
        rf"\b(\d{{1,2}})(?:er|e|st|nd|rd|th)?\s+(?:of\s+)?({names})\.?,?\s+(\d{{4}})\b",
        re.IGNORECASE,
    )
    month_day_year = re.compile(
        rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE
    )
    month_year = re.compile(rf"\b({names})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
    return months, (day_month_year, month_day_year, month_year)


def _make(
    year: int, month: int, day: int, precision: Precision
) -> tuple[dt.date | None, Precision]:
    try:
        return dt.date(year, month, day), precision
    except ValueError:  # 31 February, month 13: a real date field, but wrong
        return UNDATED


def _fast_parse(text: str, languages: tuple[str, ...]) -> tuple[dt.date | None, Precision] | None:
    """Parse the common forms; ``None`` means "not recognised, ask dateparser"."""
    match = _ISO_DAY.search(text)
    if match:
        return _make(int(match[1]), int(match[3]), int(match[4]), Precision.DAY)
    match = _ISO_MONTH.fullmatch(text)
    if match:
        return _make(int(match[1]), int(match[2]), 1, Precision.MONTH)
    match = _ISO_YEAR.fullmatch(text)
    if match:
        return _make(int(match[1]), 1, 1, Precision.YEAR)
    match = _NUMERIC_DAY.search(text)
    if match:
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        # 03/04/2023 is ambiguous: read it the way the article's language
        # writes dates (month first in English, day first in French).
        month_first = second > 12 or (first <= 12 and languages[:1] == ("en",))
        if month_first:
            first, second = second, first
        return _make(year, second, first, Precision.DAY)
    months, patterns = _written_patterns(languages)
    if not patterns:
        return None
    day_month_year, month_day_year, month_year = patterns
    # .get: case-insensitive matching accepts look-alikes ("ſept" for "sept")
    # that .lower() does not fold back to a known name.
    match = day_month_year.search(text)
    if match:
        month = months.get(match[2].lower())
        return _make(int(match[3]), month, int(match[1]), Precision.DAY) if month else None
    match = month_day_year.search(text)
    if match:
        month = months.get(match[1].lower())
        return _make(int(match[3]), month, int(match[2]), Precision.DAY) if month else None
    match = month_year.search(text)
    # "janvier 2023" alone is a month; with another number about ("January
    # the 24th, 2023") it is a day this pattern cannot see: ask dateparser.
    if match and sum(char.isdigit() for char in text) == 4:
        month = months.get(match[1].lower())
        return _make(int(match[2]), month, 1, Precision.MONTH) if month else None
    return None


@lru_cache(maxsize=8)
def _dateparser(languages: tuple[str, ...]) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages),
        settings={
            # A partial date is stored as the first day of its period.
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
            # Without a year, dateparser would borrow today's.
            "REQUIRE_PARTS": ["year"],
            # No "relative-time": "yesterday" in a header is not today minus
            # one; no "timestamp" or "no-spaces-time": digit runs are not dates.
            "PARSERS": ["custom-formats", "absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


_PERIODS = {"day": Precision.DAY, "time": Precision.DAY, "week": Precision.DAY,
            "month": Precision.MONTH, "year": Precision.YEAR}  # fmt: skip


def _slow_parse(text: str, languages: tuple[str, ...]) -> tuple[dt.date | None, Precision]:
    # dateparser reads a two-digit "23" as the year 2023 ("23 janvier"), so a
    # four-digit year must be in sight before it is asked.
    if len(text) > MAX_DATEPARSER_CHARS or not _HAS_YEAR.search(text):
        return UNDATED
    try:
        data = _dateparser(languages).get_date_data(text)
    except Exception:
        # dateparser raises assorted errors (ValueError, OverflowError, unknown
        # language) on odd input; for us any of them means "undated".
        return UNDATED
    if data is None or data.date_obj is None:
        return UNDATED
    return data.date_obj.date(), _PERIODS.get(data.period or "day", Precision.DAY)


def parse_date(
    text: str, *, languages: Sequence[str] = ("en", "fr")
) -> tuple[dt.date | None, Precision]:
    """Read a date string; return ``(date, precision)`` or ``(None, UNKNOWN)``.

    ``2023-01`` gives ``(date(2023, 1, 1), MONTH)`` and ``2023`` gives
    ``(date(2023, 1, 1), YEAR)``. Datetimes keep the calendar day written in
    them, whatever their time zone. Relative dates ("yesterday", "hier") and
    dates without a year are unparseable: an article's date cannot depend on
    the day it was read. The first of ``languages`` decides ambiguous numeric
    dates (``03/04/2023``: month first for "en", day first otherwise).
    """
    if not isinstance(text, str):
        return UNDATED
    text = text.strip()
    if not text:
        return UNDATED
    langs = tuple(languages) or ("en", "fr")
    fast = _fast_parse(text, langs)
    if fast is not None:
        return fast
    return _slow_parse(text, langs)
