"""RSS and Atom feeds through feedparser: one article per entry."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from tracker.ingest.article import Article
from tracker.ingest.dates import parse_date
from tracker.ingest.errors import ReadError
from tracker.ingest.metadata import finish_article
from tracker.ingest.normalize import clean_text, drop_control_references_bytes

_BLOCK_TAGS = frozenset(
    ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
     "blockquote", "pre", "tr", "table", "section", "article")
)  # fmt: skip
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template"))
_SPACES = re.compile(r"[ \t\xa0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextCollector(HTMLParser):
    """Keeps the text of an HTML fragment, with a line break per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary or content)."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    text = _SPACES.sub(" ", "".join(collector.parts))
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip()


def _detail_text(value: str, detail: Any) -> str:
    kind = (detail or {}).get("type", "text/html")
    return value.strip() if kind == "text/plain" else html_to_text(value)


def _entry_body(entry: Any) -> str:
    # Atom <content> is the full text, <summary> often a teaser: keep the longer.
    candidates = [_detail_text(c.get("value", ""), c) for c in entry.get("content") or []]
    if entry.get("summary"):
        candidates.append(_detail_text(entry["summary"], entry.get("summary_detail")))
    return clean_text(max(candidates, key=len, default=""))


def _entry_date(entry: Any) -> str | dt.date | None:
    """The entry's date as written, or feedparser's reading when ours fails."""
    raw: str | None = entry.get("published") or entry.get("updated") or entry.get("created")
    if raw and parse_date(raw)[0] is not None:
        return raw
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        # feedparser knows dozens of odd feed date formats we do not.
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return raw


def read_feed(
    data: bytes, *, path: str, warnings: list[str], base_url: str | None = None
) -> Iterator[Article | ReadError]:
    """Yield one article per entry of an RSS or Atom feed, given as raw bytes.

    The bytes go to feedparser untouched so it can honour the encoding the
    XML declares. ``base_url``: where the feed was fetched, against which an
    entry's relative link is read.
    """
    import feedparser

    # A BytesIO, not the bytes: feedparser tries to open() a bytes argument
    # as a file name before treating it as content. XML forbids references to
    # control characters: one would make the whole feed "malformed".
    try:
        parsed = feedparser.parse(io.BytesIO(drop_control_references_bytes(data)))
    except Exception as exc:
        # feedparser means to report problems as "bozo", but some odd input
        # still raises from deep inside it; that is one broken feed, no more.
        yield ReadError(path, f"broken feed: {type(exc).__name__}: {exc}".splitlines()[0])
        return
    reason = None
    if parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception") or "unknown error").splitlines()[0]
    if not parsed.entries:
        yield ReadError(path, f"broken feed: {reason}" if reason else "feed has no entries")
        return
    feed = parsed.get("feed", {})
    source = clean_text(feed.get("title", "")).strip() or None
    warnings = (
        [*warnings, f"malformed feed ({reason}); read what could be read"] if reason else warnings
    )
    results = [
        _entry_article(
            entry, number, path=path, source=source, feed=feed, warnings=warnings, base=base_url
        )
        for number, entry in enumerate(parsed.entries, start=1)
    ]
    if reason and not any(isinstance(result, Article) for result in results):
        # The loose parser "recovered" only empty shells: report the cause.
        yield ReadError(path, f"broken feed: {reason}")
        return
    yield from results


def _entry_article(
    entry: Any,
    number: int,
    *,
    path: str,
    source: str | None,
    feed: Any,
    warnings: list[str],
    base: str | None = None,
) -> Article | ReadError:
    location = f"entry {number}"
    title = clean_text(_detail_text(entry.get("title", ""), entry.get("title_detail"))) or None
    body = _entry_body(entry)
    if not body and not title:
        return ReadError(path, "entry has no title or text", location)
    link = entry.get("link") or None
    if link and base:
        from urllib.parse import urljoin

        link = urljoin(base, link)
    article = Article(
        body=body,
        title=title,
        source=source,
        url=link,
        external_id=entry.get("id") or link,
        path=path,
        location=location,
        warnings=list(warnings),
    )
    content = entry.get("content") or [{}]
    declared = content[0].get("language") or feed.get("language")
    return finish_article(
        article, raw_date=_entry_date(entry), declared_language=declared, trust_declared=False
    )
