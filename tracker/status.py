"""Statuses a mention can assert and a claim can hold.

Kept in a module of its own, free of heavy imports, so extraction and the
timeline can use it without loading SQLAlchemy.
"""

from __future__ import annotations

import enum


class Status(str, enum.Enum):
    """What an article says of a claim."""

    RUMOR = "rumor"
    CONFIRMED = "confirmed"
    UNDISCLOSED = "undisclosed"
    DENIED = "denied"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


#: Statuses under which a claim is still "open" (listed by ``tracker rumors``).
OPEN_STATUSES: tuple[Status, ...] = (Status.RUMOR, Status.UNDISCLOSED)


class Precision(str, enum.Enum):
    """How much of a published date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value
