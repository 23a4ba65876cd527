"""A small web site on 127.0.0.1 for the tests, served by http.server in a thread.

Each path answers what a test put there: a feed that changes between requests,
a 304 to a matching ETag, a 500, an answer slower than the client's timeout, a
redirect loop, a body over the size limit. Every request is recorded, so tests
can check the headers the tracker sent.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@dataclass
class Page:
    """What one path answers."""

    body: bytes = b""
    content_type: str | None = RSS
    status: int = 200
    #: Sent as ETag; a request whose If-None-Match matches it gets a 304.
    etag: str | None = None
    last_modified: str | None = None
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Redirect here (a 302) instead of answering.
    location: str | None = None
    #: Leave out Content-Length and send the body in pieces (a streamed answer).
    chunked: bool = False


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class Site:
    """The pages served, the requests seen, and the server's address."""

    pages: dict[str, Page | Callable[[], Page]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, page: Page | Callable[[], Page]) -> str:
        self.pages[path] = page
        return self.url(path)

    def seen(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the tests read site.requests instead

        def do_GET(self) -> None:
            site.requests.append(
                Request(self.path, {k.lower(): v for k, v in self.headers.items()})
            )
            found = site.pages.get(self.path)
            page = found() if callable(found) else found
            if page is None:
                self._answer(404, b"not here", "text/plain")
                return
            if page.delay:
                time.sleep(page.delay)
            if page.location is not None:
                self.send_response(302)
                self.send_header("Location", page.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if page.etag and self.headers.get("If-None-Match") == page.etag:
                self.send_response(304)
                self.send_header("ETag", page.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            extra = {}
            if page.etag:
                extra["ETag"] = page.etag
            if page.last_modified:
                extra["Last-Modified"] = page.last_modified
            self._answer(page.status, page.body, page.content_type, extra, chunked=page.chunked)

        def _answer(
            self,
            status: int,
            body: bytes,
            content_type: str | None,
            extra: dict[str, str] | None = None,
            *,
            chunked: bool = False,
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for i in range(0, len(body), 16384):
                        piece = body[i : i + 16384]
                        self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: what a size limit does
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    return Handler


def serve() -> Iterator[Site]:
    """Run a site on a free port of 127.0.0.1 until the generator is closed."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed: each item has title, link, guid, description and date."""
    entries = "".join(
        "<item>"
        f"<title>{i['title']}</title><link>{i['link']}</link><guid>{i.get('guid', i['link'])}</guid>"
        f"<description>{i['description']}</description><pubDate>{i['date']}</pubDate>"
        "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example/</link>{entries}</channel></rss>"
    ).encode()


#: News items of one story, in the order they appear in a feed.
STORY = [
    {
        "title": "Orvane Logistics in talks to buy Pellier Freight",
        "link": "/news/orvane-pellier-talks",
        "description": "Orvane Logistics is in talks to acquire Pellier Freight for $300 million, "
        "according to people familiar with the matter.",
        "date": "Mon, 03 Jun 2024 08:00:00 GMT",
    },
    {
        "title": "Orvane Logistics agrees to buy Pellier Freight",
        "link": "/news/orvane-pellier-deal",
        "description": "Orvane Logistics said on Tuesday it has agreed to acquire Pellier "
        "Freight for $300 million, confirming earlier reports.",
        "date": "Tue, 04 Jun 2024 09:00:00 GMT",
    },
    {
        "title": "Brennac Foods to cut 400 jobs at its Lyon plant",
        "link": "/news/brennac-jobs",
        "description": "Brennac Foods announced on Wednesday that it will cut 400 jobs at "
        "its Lyon plant.",
        "date": "Wed, 05 Jun 2024 10:00:00 GMT",
    },
]

PAGE = (
    b"<!doctype html><html lang='en'><head><title>Quillon fined by regulator</title>"
    b"<meta property='og:site_name' content='Harbour Wire'>"
    b"<meta name='date' content='2024-06-06'></head><body><article>"
    b"<h1>Quillon fined by regulator</h1>"
    b"<p>Quillon Telecom was fined 12 million euros by the French competition regulator on "
    b"Thursday for blocking rivals from its network, the regulator said in a statement.</p>"
    b"<p>The company said it would appeal the decision, which it called unfair.</p>"
    b"</article></body></html>"
)
