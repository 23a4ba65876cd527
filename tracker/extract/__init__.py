"""Extraction: from an article's text to the claims it mentions.

Pure functions, no database and no I/O beyond loading the lexicons once. The
flow of one article is in :mod:`.article`: sentences (:mod:`.sentences`) ->
names, figures, kinds and cues of each sentence (:mod:`.analysis`) -> the
sentences that make claims (:mod:`.candidates`) -> claims merged
(:mod:`.merge`, :mod:`.undisclosed`) -> one mention per claim
(:mod:`.mentions`). The words are data: :mod:`tracker.lexicons`.
"""

from __future__ import annotations

from tracker.extract.amounts import parse_amounts
from tracker.extract.article import Extraction, SentenceTrace, extract
from tracker.extract.language import guess_language
from tracker.extract.sentences import split_sentences
from tracker.extract.terms import key_terms
from tracker.extract.text import fold
from tracker.extract.types import Amount, ExtractedMention

__all__ = [
    "Amount",
    "ExtractedMention",
    "Extraction",
    "SentenceTrace",
    "extract",
    "fold",
    "guess_language",
    "key_terms",
    "parse_amounts",
    "split_sentences",
]
