"""The header at the top of an article file: fields, never text.

At the very top of a file (a BOM and blank lines aside), in any order:

1. YAML front matter between ``---`` lines (closed by ``---`` or ``...``),
   first if present;
2. ``key: value`` lines whose key is known (:data:`HEADER_KEYS`,
   case-insensitive: ``Title:``, ``source:``, ``URL:``...);
3. the bare ``date 2023-01`` form, alone on its line or with the body
   following on the same line (``date 2023-01 Quelques heures avant...``).

The header ends at the first blank line or at the first line that is none
of these, so no blank line is needed before the body. A body that merely
opens with a colon ("Paris: the company said...") is not a header: its key
is unknown. Unknown keys are read (and ignored) only inside a block of
``key: value`` lines ended by a blank line, where the known keys are the
majority. The first value of a field wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from tracker.ingest.errors import ReadError

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
    "authors": None,
    "byline": None,
    "tags": None,
    "category": None,
    "categories": None,
    "section": None,
    "slug": None,
    "updated": None,
    "modified": None,
    "keywords": None,
}
#: A header longer than this is a paragraph that happens to contain colons.
MAX_HEADER_LINES = 30

#: A header value: text, or a date when YAML front matter wrote one.
Value = str | dt.date

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n|)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"---[ \t]*")
_KEY_LINE = re.compile(r"([A-Za-z][\w -]{0,30}?)[ \t]*:[ \t]*(.*)")
_DATE_LINE = re.compile(r"date[ \t]+(\d{4}(?:-\d{1,2}){0,2})(?=\s|\Z)[ \t]*", re.IGNORECASE)


@dataclass
class Header:
    """The fields read from a file's header, and the text after it."""

    fields: dict[str, Value] = field(default_factory=dict)
    body: str = ""

    def text(self, name: str) -> str | None:
        """A field as text (``None`` when absent)."""
        value = self.fields.get(name)
        return None if value is None else str(value)


def _key(raw: str) -> str:
    return raw.strip().lower().replace(" ", "_").replace("-", "_")


def _load_yaml(block: str) -> Any:
    import yaml

    # The C loader is several times faster when PyYAML was built with it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(block, Loader=loader)


def _scalar(value: Any) -> Value | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, dt.date):
        return value
    return str(value).strip() or None


def _front_matter(
    text: str, path: str, *, first_line: int = 1
) -> tuple[dict[str, Value], int] | ReadError | None:
    """Fields of the front matter opening ``text`` and where it ends; ``None`` if none.

    ``first_line`` is the file's line number of the opening ``---``, for errors.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    try:
        data = _load_yaml(match[1])
    except Exception as exc:  # yaml.YAMLError and its many subclasses
        mark = getattr(exc, "problem_mark", None)
        where = f"line {first_line + mark.line + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return ReadError(path, f"front matter is not valid YAML: {problem}", where)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return ReadError(path, "front matter is not a 'key: value' mapping")
    fields: dict[str, Value] = {}
    for key, value in data.items():
        target = HEADER_KEYS.get(_key(str(key)))
        scalar = _scalar(value)
        if target and scalar is not None:
            fields.setdefault(target, scalar)
    return fields, match.end()


def _lines(text: str, start: int) -> list[tuple[str, int, int]]:
    """The run of non-blank lines from ``start``: ``(line, start, end)`` each.

    It stops at a blank line, the end of the text, or one line past
    :data:`MAX_HEADER_LINES`.
    """
    run: list[tuple[str, int, int]] = []
    while start < len(text) and len(run) <= MAX_HEADER_LINES:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        line = text[start:end].strip()
        if not line:
            break
        run.append((line, start, end))
        start = end
    return run


def _is_known(line: str) -> bool:
    match = _KEY_LINE.fullmatch(line)
    return match is not None and _key(match[1]) in HEADER_KEYS


def _is_block(run: list[tuple[str, int, int]]) -> bool:
    """A run of ``key: value`` lines (ended by a blank line), mostly known keys."""
    if not run or len(run) > MAX_HEADER_LINES:
        return False
    known = 0
    for line, _, _ in run:
        if _DATE_LINE.fullmatch(line) or _is_known(line):
            known += 1
        elif not _KEY_LINE.fullmatch(line):
            return False
    return known > len(run) - known


def _add(fields: dict[str, Value], key: str, value: str) -> None:
    target = HEADER_KEYS.get(_key(key))
    value = value.strip()
    if target and value:
        fields.setdefault(target, value)


def read_header(text: str, *, path: str) -> Header | ReadError:
    """Split ``text`` into its header fields and its body.

    Returns a :class:`ReadError` only for front matter that is not a YAML
    mapping; a file without a header gives empty fields and the whole text.
    """
    text = text.removeprefix("\ufeff")
    start = len(text) - len(text.lstrip(" \t\n"))
    start = text.rfind("\n", 0, start) + 1  # back to the start of the first line
    header = Header(body=text)
    end = text.find("\n", start)
    if _FENCE.fullmatch(text[start:] if end < 0 else text[start:end]):
        found = _front_matter(text[start:], path, first_line=text.count("\n", 0, start) + 1)
        if isinstance(found, ReadError):
            return found
        if found is not None:
            header.fields, end = found[0], start + found[1]
            header.body = text[end:]
            start = end
    run = _lines(text, start)
    block = _is_block(run)
    for line, line_start, line_end in run:
        # The date form first: "date 2023-01 Paris: ..." is a date, then text.
        date_line = _DATE_LINE.match(line)
        key_line = None if date_line else _KEY_LINE.fullmatch(line)
        if date_line:
            header.fields.setdefault("date", date_line[1])
            if date_line.end() < len(line):  # the body follows on the same line
                offset = text.index(line, line_start) + date_line.end()
                header.body = text[offset:]
                return header
        elif key_line and (block or _key(key_line[1]) in HEADER_KEYS):
            _add(header.fields, key_line[1], key_line[2])
        else:
            header.body = text[line_start:]
            return header
        header.body = text[line_end:]
    return header
