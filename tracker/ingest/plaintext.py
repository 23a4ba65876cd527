"""Plain-text articles, with an optional header.

The header (YAML front matter, ``key: value`` lines, the ``date 2023-01``
form, in any order) is read by :mod:`tracker.ingest.header`; the rest of
the file is the body.

When no title is given, a first line that is short (at most
:data:`MAX_TITLE_CHARS`), starts with a capital or a digit, has no final
punctuation and is followed by a blank line is taken as the title, and
removed from the body (``Article.text`` puts it back in front).
"""

from __future__ import annotations

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.header import Header, read_header
from tracker.ingest.metadata import finish_article

MAX_TITLE_CHARS = 150
_TITLE_END = tuple(".!?;:,…»\"”'")


def guess_title(body: str) -> tuple[str | None, str]:
    """Take a short unpunctuated first line followed by a blank line as the title."""
    end = body.find("\n\n")
    if end < 0 or end > MAX_TITLE_CHARS + 2:
        return None, body
    line = body[:end].strip()
    rest = body[end + 2 :].strip()
    if (
        not line
        or "\n" in line
        or not rest
        or not (line[0].isupper() or line[0].isdigit())
        or line.endswith(_TITLE_END)
    ):
        return None, body
    return line, rest


def build_article(
    header: Header,
    *,
    path: str,
    warnings: list[str],
    location: str | None = None,
) -> Article | ReadError:
    """Make an article out of a header and the body after it, or say why not."""
    body = header.body.strip()
    title = header.text("title") or None
    if title is None:
        title, body = guess_title(body)
    if not body and not title:
        return ReadError(path, "no article text after the header", location)
    article = Article(
        body=body,
        title=title,
        source=header.text("source") or None,
        url=header.text("url") or None,
        external_id=header.text("id") or None,
        path=path,
        location=location,
        warnings=warnings,
    )
    return finish_article(
        article, raw_date=header.fields.get("date"), declared_language=header.text("lang")
    )


def read_text(text: str, *, path: str, warnings: list[str]) -> Article | ReadError:
    """Read one plain-text article (already decoded and cleaned)."""
    header = read_header(text, path=path)
    if isinstance(header, ReadError):
        return header
    return build_article(header, path=path, warnings=warnings)
