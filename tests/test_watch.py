"""tracker.watch: rounds over feeds (a local site) and folders, and what each
round remembers so that the next one reads only what changed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tracker import pipeline, store
from tracker.config import load_settings
from tracker.pipeline import AddResult
from tracker.watch import Hooks, Source, Watcher, describe_period, parse_period

from .web import HTML, PAGE, STORY, Page, Site, rss


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("5m", 300), ("1h", 3600), ("1h30m", 5400), ("90", 90), (" 2M ", 120),
     ("0.5s", 0.5), ("1h 5m", 3900)],
)  # fmt: skip
def test_periods(text: str, seconds: float) -> None:
    assert parse_period(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "5 minutes", "0s", "0", "-5m", "5d", "m"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValueError, match="period"):
        parse_period(text)


@pytest.mark.parametrize(
    ("seconds", "shown"), [(900, "15m"), (5400, "1h30m"), (45, "45s"), (3600, "1h"), (0.5, "0.5s")]
)
def test_periods_shown(seconds: float, shown: str) -> None:
    assert describe_period(seconds) == shown


class Rounds:
    """A watcher on some sources, and what each of its rounds reported."""

    def __init__(self, database: Any, *names: str, timeout: float = 5.0) -> None:
        settings = load_settings(database.db)
        self.database = database
        self.watcher = Watcher(
            database, settings, [Source.parse(n) for n in names], timeout=timeout, workers=0
        )

    def run(self) -> tuple[list[AddResult], Any]:
        results: list[AddResult] = []
        report = self.watcher.run_round(Hooks(result=results.append))
        return results, report

    def added(self) -> list[str]:
        results, _ = self.run()
        return [r.title or "" for r in results if r.outcome == "added"]

    def close(self) -> None:
        self.watcher.close()


@pytest.fixture
def rounds(database: Any):  # type: ignore[no-untyped-def]
    made: list[Rounds] = []

    def make(*names: str, **kw: Any) -> Rounds:
        made.append(Rounds(database, *names, **kw))
        return made[-1]

    yield make
    for r in made:
        r.close()


def test_a_changing_feed_adds_only_its_new_entries(site: Site, rounds) -> None:  # type: ignore[no-untyped-def]
    site.put("/feed.xml", Page(rss("Harbour Wire", STORY[:1]), etag='"v1"'))
    w = rounds(site.url("/feed.xml"))
    assert w.added() == [STORY[0]["title"]]
    # Unchanged: a conditional request, answered 304, reads nothing.
    results, report = w.run()
    assert results == [] and not report.changed
    assert site.seen("/feed.xml")[-1].headers["if-none-match"] == '"v1"'
    # A new entry: the old one is a duplicate (not added again), the new one is added.
    site.put("/feed.xml", Page(rss("Harbour Wire", STORY[:2]), etag='"v2"'))
    results, report = w.run()
    assert [(r.outcome.value, r.title) for r in results] == [
        ("duplicate", STORY[0]["title"]),
        ("added", STORY[1]["title"]),
    ]
    assert report.summary.added == 1 and report.changed
    with w.database.session() as s:
        assert store.counts(s)["articles"] == 2
        state = store.watched_states(s, [site.url("/feed.xml")])[site.url("/feed.xml")]
        assert state.etag == '"v2"' and state.content_hash


def test_an_answer_without_validators_is_read_only_when_its_bytes_change(
    site: Site, rounds
) -> None:  # type: ignore[no-untyped-def]
    site.put("/page.html", Page(PAGE, HTML))
    w = rounds(site.url("/page.html"))
    assert len(w.added()) == 1
    results, _ = w.run()
    assert results == []  # same bytes: not read again
    assert "if-none-match" not in site.seen("/page.html")[-1].headers
    site.put("/page.html", Page(PAGE.replace(b"would appeal", b"will appeal"), HTML))
    results, _ = w.run()
    assert [r.outcome.value for r in results] == ["revision"]


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (Page(b"down", "text/plain", status=500), "HTTP 500 Internal Server Error"),
        (Page(rss("Slow Wire", STORY[1:2]), delay=1.5), "no answer within 0.4s (timed out)"),
        (Page(location="/bad"), "too many redirects (more than 5)"),
        (Page(b"<rss>" + b" " * (6 * 1024 * 1024)), "over the 5 MB limit"),
    ],
    ids=["500", "slow", "redirect-loop", "oversized"],
)
def test_a_failing_source_is_reported_and_tried_again_next_round(
    site: Site, rounds, page: Page, message: str
) -> None:  # type: ignore[no-untyped-def]
    site.put("/bad", page)
    site.put("/good.xml", Page(rss("Harbour Wire", STORY[:1])))
    w = rounds(site.url("/bad"), site.url("/good.xml"), timeout=0.4)
    results, report = w.run()
    failed = [r for r in results if r.outcome.value == "failed"]
    assert [(r.input, r.error) for r in failed] == [(site.url("/bad"), failed[0].error)]
    assert message in (failed[0].error or "") and "\n" not in (failed[0].error or "")
    assert report.failed_sources == [site.url("/bad")]
    assert [r.title for r in results if r.outcome.value == "added"] == [STORY[0]["title"]]
    # Next round: tried again, and when it answers, its entries land.
    site.put("/bad", Page(rss("Harbour Wire", STORY[1:2])))
    assert w.added() == [STORY[1]["title"]]
    with w.database.session() as s:
        assert store.counts(s)["articles"] == 2


def _write(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"title: {title}\ndate: 2024-06-03\n\n{body}\n", encoding="utf-8")
    return path


def test_a_folder_adds_the_files_it_receives_between_rounds(tmp_path: Path, rounds) -> None:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = _write(inbox, "a.txt", STORY[0]["title"], STORY[0]["description"])
    w = rounds(str(inbox))
    assert w.added() == [STORY[0]["title"]]
    results, _ = w.run()
    assert results == []  # nothing new: no file is read
    _write(inbox, "b.txt", STORY[1]["title"], STORY[1]["description"])
    sub = inbox / "later"
    sub.mkdir()
    _write(sub, "c.txt", STORY[2]["title"], STORY[2]["description"])
    results, _ = w.run()
    assert [(r.outcome.value, Path(r.path or "").name) for r in results] == [
        ("added", "b.txt"),
        ("added", "c.txt"),
    ]
    # A file touched but not changed is read again, and is a duplicate.
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))
    results, report = w.run()
    assert [r.outcome.value for r in results] == ["duplicate"] and not report.changed
    # A file that cannot be read is reported once, not every round.
    (inbox / "empty.txt").write_text("")
    results, _ = w.run()
    assert [(r.outcome.value, r.error) for r in results] == [("failed", "empty file")]
    assert w.run()[0] == []


def test_an_article_that_could_not_be_stored_is_read_again(
    tmp_path: Path, rounds, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox, "a.txt", STORY[0]["title"], STORY[0]["description"])
    real = pipeline.add_article

    def broken(*args: Any, **kw: Any) -> AddResult:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "add_article", broken)
    w = rounds(str(inbox))
    results, _ = w.run()
    assert [(r.outcome.value, r.error) for r in results] == [("failed", "RuntimeError: disk full")]
    monkeypatch.setattr(pipeline, "add_article", real)
    assert w.added() == [STORY[0]["title"]]


def test_a_single_file_and_a_missing_folder(tmp_path: Path, rounds) -> None:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    one = _write(tmp_path, "one.txt", STORY[2]["title"], STORY[2]["description"])
    w = rounds(str(one), str(inbox))
    results, _ = w.run()
    assert [r.outcome.value for r in results] == ["added", "failed"]
    assert results[1].error is not None and results[1].error.startswith("no article files found")
    inbox.rmdir()
    results, _ = w.run()
    assert [(r.outcome.value, r.error) for r in results] == [
        ("failed", "no such folder (any more)")
    ]


def test_rounds_keep_their_period(tmp_path: Path, rounds) -> None:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox, "a.txt", STORY[0]["title"], STORY[0]["description"])
    w = rounds(str(inbox))
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    def clock() -> float:
        now[0] += 2.0  # every look at the clock, two seconds have gone by
        return now[0]

    reports: list[Any] = []
    w.watcher.run(60, on_round=reports.append, rounds=3, sleep=sleep, clock=clock)
    assert [r.number for r in reports] == [1, 2, 3]
    assert [r.summary.added for r in reports] == [1, 0, 0]
    assert slept == [58.0, 58.0]  # from the start of one round to the start of the next
