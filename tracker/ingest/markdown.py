"""Markdown articles, with optional YAML front matter.

The body is kept as Markdown text, with heading markers removed. Without a
``title`` in the front matter, a leading ``# Heading`` becomes the title.
Without front matter at all, the file is read like plain text (so a
``key: value`` header works there too).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.metadata import finish_article
from tracker.ingest.plaintext import HEADER_KEYS, split_header

_FRONT_MATTER = re.compile(
    r"---[ \t]*\n(.*?)(?:\n|^)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL | re.M
)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_H1 = re.compile(r"#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")


def _load_yaml(block: str) -> Any:
    import yaml

    # The C loader is several times faster when PyYAML was built with it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(block, Loader=loader)


def _scalar(value: Any) -> str | dt.date | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, dt.date):
        return value
    return str(value).strip() or None


def front_matter(text: str, path: str) -> tuple[dict[str, Any], str] | ReadError:
    """Split YAML front matter from the body; ``({}, text)`` when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = _load_yaml(match[1])
    except Exception as exc:  # yaml.YAMLError and its many subclasses
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return ReadError(path, f"front matter is not valid YAML: {problem}", where)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return ReadError(path, "front matter is not a 'key: value' mapping")
    fields: dict[str, Any] = {}
    for key, value in data.items():
        target = HEADER_KEYS.get(str(key).strip().lower())
        scalar = _scalar(value)
        if target and scalar is not None:
            fields.setdefault(target, scalar)
    return fields, text[match.end() :]


def read_markdown(text: str, *, path: str, warnings: list[str]) -> Article | ReadError:
    """Read one Markdown article (already decoded and cleaned)."""
    split = front_matter(text, path)
    if isinstance(split, ReadError):
        return split
    fields, body = split
    if not fields:
        fields, body = split_header(body)
    body = body.strip()
    title = fields.get("title")
    if title is not None:
        title = str(title)
    else:
        h1 = _H1.match(body)
        if h1:
            title, body = h1[1].strip() or None, body[h1.end() :].strip()
    body = _HEADING.sub(r"\1", body)
    if not body and not title:
        return ReadError(path, "no article text", None)
    article = Article(
        body=body,
        title=title,
        source=_str(fields.get("source")),
        url=_str(fields.get("url")),
        external_id=_str(fields.get("id")),
        path=path,
        warnings=warnings,
    )
    return finish_article(
        article, raw_date=fields.get("date"), declared_language=_str(fields.get("lang"))
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
