"""Readers: files, folders, URLs and standard input -> plain :class:`Article` values.

One reader per format (plain text, Markdown, HTML, RSS/Atom, JSON Lines), no
database. Heavy libraries (dateparser, feedparser, trafilatura, PyYAML,
charset-normalizer) are imported by the reader that needs them, on first use.
"""

from __future__ import annotations

from tracker.ingest.article import Article
from tracker.ingest.dates import parse_date
from tracker.ingest.errors import InputError, ReadError
from tracker.ingest.fetch import FetchError, is_url
from tracker.ingest.language import detect_language
from tracker.ingest.metadata import apply_overrides
from tracker.ingest.normalize import content_hash
from tracker.ingest.reader import count_inputs, folder_files, read_inputs
from tracker.ingest.streams import EXTENSIONS, FORMATS

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Article",
    "FetchError",
    "InputError",
    "ReadError",
    "apply_overrides",
    "content_hash",
    "count_inputs",
    "detect_language",
    "folder_files",
    "is_url",
    "parse_date",
    "read_inputs",
]
