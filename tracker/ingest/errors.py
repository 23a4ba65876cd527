"""The two ways reading can fail: one input at a time, or the whole call."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReadError:
    """One input that could not be read.

    Yielded by :func:`tracker.ingest.read_inputs` beside the articles, never
    raised, so one bad file in a folder of thousands does not stop the batch.
    """

    #: File path, or ``"<stdin>"``.
    path: str
    #: One clear line for a human: ``"not UTF-8 text (binary file?)"``.
    message: str
    #: Where in ``path``: ``"line 7"``, ``"entry 3"``; ``None`` for the whole file.
    location: str | None = None

    @property
    def where(self) -> str:
        """``path (location)``, or the path alone."""
        return f"{self.path} ({self.location})" if self.location else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputError(Exception):
    """A mistake in the call itself (unknown format, bad override value).

    Raised eagerly, before any file is read, so the CLI can turn it into a
    usage message and an exit code.
    """
