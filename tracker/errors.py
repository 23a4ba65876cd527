"""Errors a user can cause and fix. The CLI prints them as one line, exit 1."""

from __future__ import annotations


def first_line(exc: BaseException) -> str:
    """The first line of what an error says (a driver error's own message
    when SQLAlchemy wraps one), or "" when it says nothing."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else ""


class TrackerError(Exception):
    """A user-facing error: bad input, unreachable database, unknown claim."""


class DatabaseError(TrackerError):
    """The database cannot be opened, is not a tracker database, or is at a
    revision this version cannot use."""


class NotFound(TrackerError):
    """An article or claim named by the user does not exist."""
