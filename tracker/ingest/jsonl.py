"""JSON Lines (one article per line) and JSON documents (one article or a list).

A record needs ``body`` (or ``text`` / ``content``) or ``title``; it may have
``id``, ``source``, ``date`` (or ``published``), ``url``, ``lang`` (or
``language``). A bad line is reported with its number and the others are
still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.metadata import finish_article
from tracker.ingest.normalize import clean_text, decode_line, human_size

BODY_KEYS = ("body", "text", "content")

_JSON_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "true/false",
               int: "a number", float: "a number", type(None): "null"}  # fmt: skip


def _kind(value: Any) -> str:
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _text_field(record: dict[str, Any], *keys: str) -> tuple[str | None, str | None]:
    """First non-empty value among ``keys`` as text, and an error if one is not text."""
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, f"'{key}' should be text, got {_kind(value)}"
        text = clean_text(str(value)).strip()
        if text:
            return text, None
    return None, None


def article_from_record(
    record: Any, *, path: str, location: str | None, warnings: list[str]
) -> Article | ReadError:
    """Make an article out of one decoded JSON value, or say why not."""
    if not isinstance(record, dict):
        return ReadError(path, f"expected a JSON object, got {_kind(record)}", location)
    values: dict[str, str | None] = {}
    for name, keys in (
        ("body", BODY_KEYS),
        ("title", ("title",)),
        ("source", ("source",)),
        ("url", ("url",)),
        ("id", ("id",)),
        ("date", ("date", "published")),
        ("lang", ("lang", "language")),
    ):
        values[name], problem = _text_field(record, *keys)
        if problem:
            return ReadError(path, problem, location)
    if not values["body"] and not values["title"]:
        return ReadError(path, "no 'body' or 'title' (also read: 'text', 'content')", location)
    article = Article(
        body=values["body"] or "",
        title=values["title"],
        source=values["source"],
        url=values["url"],
        external_id=values["id"],
        path=path,
        location=location,
        warnings=warnings,
    )
    return finish_article(article, raw_date=values["date"], declared_language=values["lang"])


def _parse_line(line: str, *, path: str, location: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(path, f"not valid JSON: {exc.msg} (column {exc.colno})", location)
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        return ReadError(path, f"not valid JSON: {exc}".splitlines()[0], location)


def read_jsonl(stream: IO[bytes], *, path: str, max_bytes: int) -> Iterator[Article | ReadError]:
    """Yield one article (or error) per non-blank line, reading line by line.

    ``max_bytes`` limits each line, not the file: a batch of thousands of
    articles is streamed, so its total size does not matter.
    """
    number = 0
    seen_any = False
    offset = 0  # of the line in the input, for decoding warnings
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            break
        start, offset = offset, offset + len(raw)
        number += 1
        location = f"line {number}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while True:  # skip the rest of the oversized line
                more = stream.readline(1 << 16)
                size += len(more)
                offset += len(more)
                if not more or more.endswith(b"\n"):
                    break
            seen_any = True
            yield ReadError(
                path,
                f"line is {human_size(size)}, over the {human_size(max_bytes)} limit; "
                "raise it with --max-size",
                location,
            )
            continue
        if not raw.strip():
            continue
        seen_any = True
        line, warnings = decode_line(raw, offset=start)
        if number == 1:
            line = line.lstrip("\ufeff")
        record = _parse_line(line, path=path, location=location)
        if isinstance(record, ReadError):
            yield record
            continue
        yield article_from_record(record, path=path, location=location, warnings=warnings)
    if not seen_any:
        yield ReadError(path, "empty file")


def read_json_document(
    text: str, *, path: str, warnings: list[str]
) -> Iterator[Article | ReadError] | None:
    """Read a whole JSON file: one object, or a list of them (``entry N``).

    Returns ``None`` when the text is not one JSON value (likely JSON Lines).
    """
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return _records(value, path=path, warnings=warnings)


def _records(value: Any, *, path: str, warnings: list[str]) -> Iterator[Article | ReadError]:
    if isinstance(value, list):
        if not value:
            yield ReadError(path, "empty JSON list")
        for number, item in enumerate(value, start=1):
            yield article_from_record(
                item, path=path, location=f"entry {number}", warnings=list(warnings)
            )
    else:
        yield article_from_record(value, path=path, location=None, warnings=warnings)
