"""The plain value every reader produces: one article, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.status import Precision


@dataclass
class Article:
    """One article as read from a file, a feed entry or a JSON line.

    ``published`` holds the first day of the known period when the date is
    partial: ``2023-01`` is ``date(2023, 1, 1)`` with ``Precision.MONTH``.
    """

    body: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    external_id: str | None = None
    published: dt.date | None = None
    precision: Precision = Precision.UNKNOWN
    path: str | None = None
    #: Where in ``path`` this article came from: ``"line 3"``, ``"entry 2"``.
    location: str | None = None
    #: Non-fatal problems met while reading (bad date, decoding fallback...).
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Title and body, the text that extraction reads."""
        if self.title and not self.body.startswith(self.title):
            return f"{self.title}\n\n{self.body}"
        return self.body
