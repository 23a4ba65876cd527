"""One stream of bytes (a file, standard input, a fetched answer) -> articles:
the format sniffed from its first bytes, the size limit, the reader for it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

from tracker.ingest.article import Article
from tracker.ingest.errors import ReadError
from tracker.ingest.feed import read_feed
from tracker.ingest.jsonl import read_json_document, read_jsonl
from tracker.ingest.markdown import read_markdown
from tracker.ingest.normalize import NotText, decode_text, human_size, looks_binary
from tracker.ingest.plaintext import read_text
from tracker.ingest.webpage import read_html

FORMATS = ("text", "markdown", "html", "feed", "jsonl")

#: Extensions read from folders when no glob is given, and the format each implies.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".json": "jsonl",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
#: Enough of a file to sniff its format and, for most articles, all of it.
_HEAD_BYTES = 64 * 1024
_SNIFF_BYTES = 2048
_BOM_AND_SPACE = b"\xef\xbb\xbf \t\r\n"


def sniff_format(head: bytes, extension: str) -> str:
    """Guess the format from the first bytes, then the extension.

    Markup roots and front matter are strong signs and win over the extension
    (a feed saved as ``.txt`` is still a feed); a leading ``{`` or ``[`` only
    decides when the extension says nothing, since text may start with one.
    """
    start = head[:_SNIFF_BYTES].lstrip(_BOM_AND_SPACE).lower()
    if start.startswith(b"<"):
        if b"<html" in start or b"<!doctype html" in start:
            return "html"
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
    if start.startswith(b"---") and extension not in (".json", ".jsonl", ".ndjson"):
        first_line = start.split(b"\n", 1)[0].strip()
        if first_line == b"---":
            return "markdown"
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if start.startswith((b"{", b"[")):
        return "jsonl"
    if start.startswith(b"<") and (b"<body" in start or b"<head" in start or b"<p" in start):
        return "html"
    return "text"


class _Prefixed(io.RawIOBase):
    """A stream that replays already-read bytes, then reads on (for unseekable stdin)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    # io hands readinto() a bytearray or a memoryview; typeshed declares any buffer.
    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head.nbytes:
            count = min(len(buffer), self._head.nbytes)
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _rewind(stream: IO[bytes], head: bytes, position: int | None) -> IO[bytes]:
    if position is not None:
        stream.seek(position)
        return stream
    return io.BufferedReader(_Prefixed(head, stream))


def _too_big(size: int | None, max_bytes: int) -> str:
    shown = f"file is {human_size(size)}," if size is not None else "input is"
    return f"{shown} over the {human_size(max_bytes)} limit; raise it with --max-size"


def read_stream(
    stream: IO[bytes],
    path: str,
    extension: str,
    size: int | None,
    fmt: str | None,
    max_bytes: int,
    *,
    base_url: str | None = None,
) -> Iterator[Article | ReadError]:
    """The articles of one stream of bytes named ``path`` (a file, standard
    input, a fetched answer whose address is ``base_url``)."""
    try:
        position: int | None = stream.tell() if stream.seekable() else None
    except OSError:
        position = None
    head = stream.read(min(_HEAD_BYTES, max_bytes + 1))
    if not head:
        yield ReadError(path, "empty file")
        return
    chosen = fmt or sniff_format(head, extension)

    is_document = extension == ".json" or head.lstrip(_BOM_AND_SPACE).startswith(b"[")
    if chosen == "jsonl" and not is_document:
        if looks_binary(head):
            yield ReadError(path, "not text (binary file?)")
            return
        yield from read_jsonl(_rewind(stream, head, position), path=path, max_bytes=max_bytes)
        return

    if size is not None and size > max_bytes:
        yield ReadError(path, _too_big(size, max_bytes))
        return
    data = head
    if len(head) <= max_bytes:
        rest = stream.read(max_bytes + 1 - len(head))
        if rest:
            data = head + rest
    if len(data) > max_bytes:
        yield ReadError(path, _too_big(None if size is None else max(size, len(data)), max_bytes))
        return

    if chosen == "feed":
        if looks_binary(data):
            yield ReadError(path, "not text (binary file?)")
            return
        yield from read_feed(data, path=path, warnings=[], base_url=base_url)
        return
    try:
        text, warnings = decode_text(data)
    except NotText as exc:
        yield ReadError(path, str(exc))
        return
    if not text.strip():
        yield ReadError(path, "empty file")
        return
    if chosen == "jsonl":
        records = read_json_document(text, path=path, warnings=warnings)
        if records is None:  # not one JSON value: JSON Lines in a .json file
            records = read_jsonl(io.BytesIO(data), path=path, max_bytes=max_bytes)
        yield from records
    elif chosen == "markdown":
        yield read_markdown(text, path=path, warnings=warnings)
    elif chosen == "html":
        yield read_html(text, path=path, warnings=warnings)
    else:
        yield read_text(text, path=path, warnings=warnings)
