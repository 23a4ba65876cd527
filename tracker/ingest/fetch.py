"""Articles by address: fetch a feed or a web page over HTTP(S) with httpx.

The fetched bytes go through the same readers as a file (a feed, a page, plain
text), chosen by the answer's content type, else by sniffing. Every way a fetch
can fail (no connection, a timeout, too many redirects, an answer that is not
200, a body over the size limit, a content type no reader takes) is one
:class:`FetchError` whose message is one line.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tracker.ingest.errors import ReadError
from tracker.ingest.normalize import human_size
from tracker.ingest.streams import read_stream

if TYPE_CHECKING:
    import httpx

    from tracker.ingest.article import Article

#: Seconds to connect, and to wait for each part of the answer.
DEFAULT_TIMEOUT = 20.0
#: Redirects followed before giving up (a loop ends here too).
MAX_REDIRECTS = 5
#: The whole download must end within this many timeouts: a server that sends a
#: byte now and then would otherwise hold a round forever.
DEADLINE_TIMEOUTS = 4

#: Media types and the reader each implies; others are refused.
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": None,  # sniffed: a feed or a page served as text is still read
    "text/markdown": "markdown",
}


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line for a person."""


def is_url(text: str) -> bool:
    """Whether an input names an address rather than a file."""
    return text.lower().startswith(("http://", "https://"))


def user_agent() -> str:
    """What the tracker calls itself to servers: its name and version."""
    from tracker import __version__

    return f"tracker/{__version__} (news claim tracker; httpx)"


@dataclass
class Fetched:
    """One answer: ``not_modified`` for a 304, else the body and what describes it."""

    url: str
    #: Where the answer came from, after redirects.
    final_url: str
    not_modified: bool = False
    content: bytes = b""
    #: The media type, lower case, without parameters (None when not sent).
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def format(self) -> str | None:
        """The reader the content type calls for (None: sniff the bytes)."""
        return CONTENT_TYPES.get(self.content_type or "")


def new_client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    """A client that follows a few redirects, waits ``timeout`` seconds at most
    for each step, and names the tracker."""
    import httpx

    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent(), "Accept": _ACCEPT},
        trust_env=True,
    )


_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.8, application/xhtml+xml;q=0.8, text/plain;q=0.5"
)


def fetch(
    url: str,
    *,
    max_bytes: int,
    client: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET ``url``; with ``etag`` or ``last_modified``, a conditional request
    whose 304 answer comes back as ``not_modified``.

    Raises :class:`FetchError` for anything but a 200 (or that 304) whose body
    fits ``max_bytes`` and has a content type a reader takes.
    """
    import httpx

    own = client is None
    client = client or new_client(timeout)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seconds = client.timeout.read or timeout
    deadline = time.monotonic() + DEADLINE_TIMEOUTS * seconds
    try:
        with client.stream("GET", url, headers=headers) as answer:
            final = str(answer.url)
            if answer.status_code == 304 and headers:
                return Fetched(
                    url, final, not_modified=True, etag=etag, last_modified=last_modified
                )
            if answer.status_code != 200:
                reason = answer.reason_phrase or ""
                raise FetchError(f"HTTP {answer.status_code} {reason}".strip())
            kind = _media_type(answer.headers.get("content-type"))
            if kind is not None and kind not in CONTENT_TYPES:
                raise FetchError(
                    f"content type {kind} is not a feed or a web page "
                    "(expected RSS, Atom, HTML or plain text)"
                )
            declared = answer.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_big(int(declared), max_bytes))
            content = _read_body(answer, max_bytes, deadline, seconds)
            return Fetched(
                url,
                final,
                content=content,
                content_type=kind,
                etag=answer.headers.get("etag"),
                last_modified=answer.headers.get("last-modified"),
            )
    except FetchError:
        raise
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.TimeoutException:
        raise FetchError(f"no answer within {seconds:g}s (timed out)") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"cannot fetch this address: {_first_line(exc)}") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"not a valid URL: {_first_line(exc)}") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect: {_first_line(exc)}") from None
    except httpx.DecodingError as exc:
        raise FetchError(f"the answer could not be decoded: {_first_line(exc)}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {_first_line(exc)}") from None
    finally:
        if own:
            client.close()


def _read_body(answer: Any, max_bytes: int, deadline: float, seconds: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in answer.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_big(None, max_bytes))
        if time.monotonic() > deadline:
            raise FetchError(
                f"the answer took over {DEADLINE_TIMEOUTS * seconds:g}s to arrive (timed out)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(size: int | None, max_bytes: int) -> str:
    shown = f"answer is {human_size(size)}," if size is not None else "answer is"
    return f"{shown} over the {human_size(max_bytes)} limit; raise it with --max-size"


def _media_type(header: str | None) -> str | None:
    if not header:
        return None
    kind = header.split(";", 1)[0].strip().lower()
    return kind or None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def read_fetched(
    fetched: Fetched, *, fmt: str | None = None, max_bytes: int
) -> Iterator[Article | ReadError]:
    """The articles of a fetched answer, through the readers a file would go
    through; each keeps its address (a feed entry's link, or the page's URL)."""
    import io

    chosen = fmt or fetched.format
    path = fetched.url
    extension = _extension(fetched.final_url)
    for item in read_stream(
        io.BytesIO(fetched.content),
        path,
        extension,
        len(fetched.content),
        chosen,
        max_bytes,
        base_url=fetched.final_url,
    ):
        if not isinstance(item, ReadError) and item.location is None:
            # A page (or a text) read from an address is that address; feed
            # entries (and JSON lines) have a location and keep their own links.
            item.url = fetched.final_url
        yield item


def _extension(url: str) -> str:
    import posixpath

    return posixpath.splitext(urlsplit(url).path)[1].lower()


def read_url(
    url: str,
    *,
    fmt: str | None = None,
    max_bytes: int,
    client: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Article | ReadError]:
    """Fetch ``url`` and read its articles; a failed fetch is one read error."""
    try:
        fetched = fetch(url, max_bytes=max_bytes, client=client, timeout=timeout)
    except FetchError as exc:
        yield ReadError(url, str(exc))
        return
    yield from read_fetched(fetched, fmt=fmt, max_bytes=max_bytes)
