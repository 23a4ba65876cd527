"""Articles by address: fetched over HTTP from a local site, read by content type."""

from __future__ import annotations

import pytest

from tracker import __version__
from tracker.ingest import Article, ReadError, read_inputs
from tracker.ingest.fetch import fetch

from ..web import HTML, PAGE, STORY, Page, Site, rss

MB = 1024 * 1024


def _read(*urls: str, **kw: object) -> list[Article | ReadError]:
    return list(read_inputs(list(urls), max_bytes=kw.pop("max_bytes", MB), **kw))  # type: ignore[arg-type]


def test_a_feed_gives_one_article_per_entry_each_with_its_link(site: Site) -> None:
    url = site.put("/feed.xml", Page(rss("Harbour Wire", STORY)))
    got = _read(url)
    assert all(isinstance(a, Article) for a in got), got
    assert [a.title for a in got] == [i["title"] for i in STORY]
    # Relative links are read against the feed's address.
    assert [a.url for a in got] == [site.url(i["link"]) for i in STORY]
    assert {a.source for a in got} == {"Harbour Wire"}
    assert {a.path for a in got} == {url}
    assert got[0].published is not None and got[0].published.isoformat() == "2024-06-03"


def test_a_page_keeps_its_address(site: Site) -> None:
    url = site.put("/quillon.html", Page(PAGE, HTML))
    (article,) = _read(url)
    assert isinstance(article, Article), article
    assert article.url == url and article.path == url
    assert article.title == "Quillon fined by regulator"
    assert "12 million euros" in article.body


def test_a_feed_served_as_text_is_sniffed(site: Site) -> None:
    url = site.put("/feed.txt", Page(rss("Wire", STORY[:1]), "text/plain"))
    (article,) = _read(url)
    assert isinstance(article, Article) and article.url == site.url(STORY[0]["link"])


def test_the_user_agent_names_tracker_and_its_version(site: Site) -> None:
    url = site.put("/feed.xml", Page(rss("Wire", STORY[:1])))
    _read(url)
    (request,) = site.seen("/feed.xml")
    assert f"tracker/{__version__}" in request.headers["user-agent"]


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (Page(b"oops", "text/plain", status=500), "HTTP 500 Internal Server Error"),
        (Page(b"gone", "text/plain", status=410), "HTTP 410 Gone"),
        (Page(b"\x89PNG\r\n", "image/png"), "content type image/png is not a feed or a web page"),
        (Page(b"x" * (MB + 1)), "answer is 1 MB, over the 1 MB limit; raise it with --max-size"),
        (Page(b"x" * (MB + 1), chunked=True), "answer is over the 1 MB limit"),
        (Page(rss("Wire", STORY), delay=1.5), "no answer within 0.3s (timed out)"),
    ],
    ids=["500", "410", "image", "too-big", "too-big-streamed", "slow"],
)
def test_a_failed_fetch_is_one_read_error(site: Site, page: Page, message: str) -> None:
    url = site.put("/bad", page)
    (error,) = _read(url, timeout=0.3)
    assert isinstance(error, ReadError) and error.path == url
    assert message in error.message and "\n" not in error.message


def test_a_redirect_is_followed_and_a_loop_is_an_error(site: Site) -> None:
    site.put("/old", Page(location="/new"))
    site.put("/new", Page(PAGE, HTML))
    (article,) = _read(site.url("/old"))
    assert isinstance(article, Article) and article.url == site.url("/new")
    site.put("/a", Page(location="/b"))
    site.put("/b", Page(location="/a"))
    (error,) = _read(site.url("/a"))
    assert isinstance(error, ReadError) and error.message == "too many redirects (more than 5)"
    assert len(site.seen("/a")) + len(site.seen("/b")) == 6  # the first request and 5 more


def test_no_server_is_one_read_error() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (error,) = _read(f"http://127.0.0.1:{port}/feed.xml")
    assert isinstance(error, ReadError) and error.message.startswith("cannot connect")


def test_a_conditional_request_gets_not_modified(site: Site) -> None:
    url = site.put("/feed.xml", Page(rss("Wire", STORY), etag='"v1"', last_modified="x"))
    first = fetch(url, max_bytes=MB)
    assert first.etag == '"v1"' and not first.not_modified and first.content
    again = fetch(url, max_bytes=MB, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    assert site.seen("/feed.xml")[1].headers["if-none-match"] == '"v1"'
    assert site.seen("/feed.xml")[1].headers["if-modified-since"] == "x"
