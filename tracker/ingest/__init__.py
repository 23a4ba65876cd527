"""Readers: files, folders and standard input -> plain :class:`Article` values.

One reader per format (plain text, Markdown, HTML, RSS/Atom, JSON Lines), no
database. Heavy libraries (dateparser, feedparser, trafilatura, PyYAML,
charset-normalizer) are imported by the reader that needs them, on first use.
"""

from __future__ import annotations

from tracker.ingest.article import Article
from tracker.ingest.dates import parse_date
from tracker.ingest.errors import InputError, ReadError
from tracker.ingest.language import detect_language
from tracker.ingest.metadata import apply_overrides
from tracker.ingest.normalize import content_hash
from tracker.ingest.reader import EXTENSIONS, FORMATS, read_inputs

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Article",
    "InputError",
    "ReadError",
    "apply_overrides",
    "content_hash",
    "detect_language",
    "parse_date",
    "read_inputs",
]
