"""Markdown articles, with an optional header.

The header (YAML front matter, ``key: value`` lines, the ``date 2023-01``
form) is read by :mod:`tracker.ingest.header`. The body is kept as Markdown
text, with heading markers removed. Without a ``title`` in the header, a
leading ``# Heading`` becomes the title.
"""

from __future__ import annotations

import re

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.header import read_header
from tracker.ingest.metadata import finish_article

_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_H1 = re.compile(r"#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")


def read_markdown(text: str, *, path: str, warnings: list[str]) -> Article | ReadError:
    """Read one Markdown article (already decoded and cleaned)."""
    header = read_header(text, path=path)
    if isinstance(header, ReadError):
        return header
    body = header.body.strip()
    title = header.text("title")
    if title is None:
        h1 = _H1.match(body)
        if h1:
            title, body = h1[1].strip() or None, body[h1.end() :].strip()
    body = _HEADING.sub(r"\1", body)
    if not body and not title:
        return ReadError(path, "no article text", None)
    article = Article(
        body=body,
        title=title,
        source=header.text("source"),
        url=header.text("url"),
        external_id=header.text("id"),
        path=path,
        warnings=warnings,
    )
    return finish_article(
        article, raw_date=header.fields.get("date"), declared_language=header.text("lang")
    )
