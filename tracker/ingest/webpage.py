"""Saved HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache
from typing import Any

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.metadata import finish_article
from tracker.ingest.normalize import clean_text, drop_control_references

NO_TEXT_MESSAGE = "no article text found in HTML"
#: trafilatura falls back to any text on the page, so a page with none keeps
#: its menu ("Home"). Fewer words than this is not an article.
MIN_WORDS = 8


@lru_cache(maxsize=1)
def _trafilatura() -> Any:
    import trafilatura

    # trafilatura and htmldate log "empty HTML tree" and the like; with no
    # handler set, Python would print them on stderr past our own messages.
    for name in ("trafilatura", "htmldate"):
        logging.getLogger(name).addHandler(logging.NullHandler())
    return trafilatura


def read_html(text: str, *, path: str, warnings: list[str]) -> Article | ReadError:
    """Read the main article of one saved web page."""
    trafilatura = _trafilatura()
    try:
        document = trafilatura.bare_extraction(
            drop_control_references(text),
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            date_extraction_params={
                "original_date": True,  # the first publication, not the last edit
                # Dates only from markup and metadata: guessing from the free
                # text would date an article by the first date it mentions.
                "extensive_search": False,
                "max_date": dt.date.today().isoformat(),
            },
        )
    except Exception as exc:
        # trafilatura handles its own parse errors; anything left is a bug in
        # it or lxml on odd input, and must not stop the batch.
        return ReadError(path, f"could not read HTML: {exc}".splitlines()[0])
    body = clean_text(getattr(document, "text", None) or "").strip()
    if len(body.split()) < MIN_WORDS:
        return ReadError(path, NO_TEXT_MESSAGE)
    article = Article(
        body=body,
        title=clean_text(document.title or "").strip() or None,
        source=document.sitename or document.hostname or None,
        url=document.url or None,
        path=path,
        warnings=warnings,
    )
    return finish_article(
        article,
        raw_date=document.date,
        declared_language=getattr(document, "language", None),
        trust_declared=False,
    )
