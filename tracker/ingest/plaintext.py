"""Plain-text articles, with an optional header.

Three shapes, tried in this order:

1. the seed form: the file starts with ``date 2023-01`` and the body follows
   on the same line (``date 2023-01 Quelques heures avant...``);
2. a ``key: value`` header (title, source, date, url, lang/language, id;
   case-insensitive; unknown keys ignored) ended by a blank line. At least
   one known key is needed, so a body that opens with "Note: ..." stays body;
3. no header: the whole file is the body.

When no title is given, a first line that is short (at most
:data:`MAX_TITLE_CHARS`), starts with a capital or a digit, has no final
punctuation and is followed by a blank line is taken as the title, and
removed from the body (``Article.text`` puts it back in front).
"""

from __future__ import annotations

import re

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.metadata import finish_article

#: Header keys and the field each fills; ``None`` marks a known key we ignore.
HEADER_KEYS: dict[str, str | None] = {
    "title": "title",
    "source": "source",
    "date": "date",
    "published": "date",
    "url": "url",
    "lang": "lang",
    "language": "lang",
    "id": "id",
    "author": None,
}
MAX_TITLE_CHARS = 150
#: A header longer than this is a paragraph that happens to contain colons.
MAX_HEADER_LINES = 30

_SEED = re.compile(r"\s*date[ \t]+(\d{4}(?:-\d{1,2}){0,2})(?=\s|\Z)[ \t]*\n?", re.IGNORECASE)
_HEADER_LINE = re.compile(r"([A-Za-z][\w -]{0,30}?)[ \t]*:[ \t]*(.*)")
_TITLE_END = tuple(".!?;:,…»\"”'")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split ``text`` into its header fields and its body (neither stripped of the other)."""
    seed = _SEED.match(text)
    if seed:
        return {"date": seed[1]}, text[seed.end() :]
    start = len(text) - len(text.lstrip("\n"))
    end = text.find("\n\n", start)
    block = text[start:] if end < 0 else text[start:end]
    # Cheap rejection first: most bodies have no colon in their first line.
    first_line = block.split("\n", 1)[0]
    if ":" not in first_line:
        return {}, text
    lines = block.split("\n")
    if len(lines) > MAX_HEADER_LINES:
        return {}, text
    fields: dict[str, str] = {}
    known = False
    for line in lines:
        match = _HEADER_LINE.fullmatch(line.strip())
        if not match:
            return {}, text
        key = match[1].strip().lower().replace(" ", "_").replace("-", "_")
        if key in HEADER_KEYS:
            known = True
            target = HEADER_KEYS[key]
            value = match[2].strip()
            if target and value:
                fields.setdefault(target, value)  # the first of date/published wins
    if not known:
        return {}, text
    return fields, "" if end < 0 else text[end + 2 :]


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
    fields: dict[str, str],
    body: str,
    *,
    path: str,
    warnings: list[str],
    location: str | None = None,
) -> Article | ReadError:
    """Make an article out of header fields and a body, or say why not."""
    body = body.strip()
    title = fields.get("title") or None
    if title is None:
        title, body = guess_title(body)
    if not body and not title:
        return ReadError(path, "no article text after the header", location)
    article = Article(
        body=body,
        title=title,
        source=fields.get("source") or None,
        url=fields.get("url") or None,
        external_id=fields.get("id") or None,
        path=path,
        location=location,
        warnings=warnings,
    )
    return finish_article(
        article, raw_date=fields.get("date"), declared_language=fields.get("lang")
    )


def read_text(text: str, *, path: str, warnings: list[str]) -> Article | ReadError:
    """Read one plain-text article (already decoded and cleaned)."""
    fields, body = split_header(text)
    return build_article(fields, body, path=path, warnings=warnings)
