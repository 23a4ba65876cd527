"""Errors a user can cause and fix. The CLI prints them as one line, exit 1."""

from __future__ import annotations


class TrackerError(Exception):
    """A user-facing error: bad input, unreachable database, unknown claim."""


class DatabaseError(TrackerError):
    """The database cannot be opened, is not a tracker database, or is at a
    revision this version cannot use."""


class NotFound(TrackerError):
    """An article or claim named by the user does not exist."""
