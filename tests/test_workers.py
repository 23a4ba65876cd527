"""A long ``add`` hands extraction to worker processes and commits in groups:
it must store exactly what a serial run stores, report failures per article,
survive a dead worker, and report an article only once it is committed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import pipeline, workers
from tracker.config import load_settings
from tracker.db import open_database
from tracker.ingest import ReadError, read_inputs
from tracker.models import Article, Claim, Mention

from .conftest import SAMPLES

pytestmark = pytest.mark.skipif(not workers.can_fork(), reason="workers fork: Linux only")


@pytest.fixture(autouse=True)
def _small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small numbers, so 44 sample articles go through the warm-up, many chunks
    # and many commit groups.
    monkeypatch.setattr(workers, "WARMUP_ARTICLES", 3)
    monkeypatch.setattr(workers, "CHUNK_ARTICLES", 4)
    monkeypatch.setattr(pipeline, "GROUP_ARTICLES", 5)


def samples() -> list:
    return [a for a in read_inputs([str(SAMPLES)]) if not isinstance(a, ReadError)]


def run(db: str, items, *, jobs: int) -> list[pipeline.AddResult]:
    database = open_database(db)
    try:
        return list(pipeline.add_inputs(database, items, load_settings(db), workers=jobs))
    finally:
        database.dispose()


def snapshot(db: str):
    """Each claim as the set of (article text, status) behind it, with its status."""
    database = open_database(db)
    with database.session() as s:
        groups: dict[int, set] = {}
        for m, a in s.execute(select(Mention, Article).join(Article)):
            groups.setdefault(m.claim_id, set()).add((a.content_hash, m.status.value))
        statuses = {c.id: c.status.value for c in s.scalars(select(Claim))}
        n = len(list(s.scalars(select(Article.id))))
    database.dispose()
    return n, {(frozenset(v), statuses[k]) for k, v in groups.items()}


def record_pids(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    real = workers.extract_article

    def logged(article):
        with log.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(article)

    monkeypatch.setattr(workers, "extract_article", logged)


def test_parallel_add_stores_what_a_serial_add_stores(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = samples()
    bad = ReadError(str(tmp_path / "broken.html"), "not UTF-8 text (binary file?)")
    items = [*articles[:20], bad, *articles[20:]]
    serial = run(str(tmp_path / "serial.db"), items, jobs=0)

    log = tmp_path / "pids.log"
    record_pids(monkeypatch, log)
    parallel = run(db_url, items, jobs=2)

    pids = {int(p) for p in log.read_text().split()}
    assert pids - {os.getpid()}, "no article was extracted in a worker"
    assert len(log.read_text().split()) == len(articles)  # each article extracted once
    assert [(r.input, r.outcome) for r in parallel] == [(r.input, r.outcome) for r in serial]
    assert [r.outcome for r in parallel].count("failed") == 1
    assert parallel[20].error == bad.message
    assert [[(m.status, m.action, m.claim_text) for m in r.mentions] for r in parallel] == [
        [(m.status, m.action, m.claim_text) for m in r.mentions] for r in serial
    ]
    assert snapshot(db_url) == snapshot(str(tmp_path / "serial.db"))


def test_an_article_failing_in_a_worker_is_reported_and_the_rest_land(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = samples()
    victim = articles[30]
    real = workers.extract_article
    parent = os.getpid()

    def flaky(article):
        if article.body == victim.body and os.getpid() != parent:
            raise RuntimeError("lexicon on fire")
        return real(article)

    monkeypatch.setattr(workers, "extract_article", flaky)
    db = str(tmp_path / "t.db")
    results = run(db, articles, jobs=1)
    assert [r.outcome for r in results].count("added") == len(articles) - 1
    assert results[30].outcome == "failed"
    assert results[30].error == "RuntimeError: lexicon on fire"
    assert snapshot(db)[0] == len(articles) - 1


def test_a_dead_worker_leaves_extraction_to_the_main_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = samples()
    real = workers.extract_article
    parent = os.getpid()

    def fatal(article):
        if article.body == articles[25].body and os.getpid() != parent:
            os._exit(9)  # as if the kernel had killed the worker
        return real(article)

    monkeypatch.setattr(workers, "extract_article", fatal)
    db = str(tmp_path / "t.db")
    results = run(db, articles, jobs=1)
    assert [r.outcome for r in results] == ["added"] * len(articles)
    assert snapshot(db) == (len(articles), snapshot_of_serial(tmp_path, articles)[1])


def test_a_pool_dying_mid_group_does_not_undo_the_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool dies inside a commit group, and the next article fails: only
    that article is undone (the stream no longer runs in parallel, but the
    articles before it are not committed yet)."""
    articles = samples()[:8]
    real_extract, real_add = workers.extract_article, pipeline.add_article
    parent = os.getpid()
    doomed = articles[5].body

    def fatal(article):
        if article.body == doomed and os.getpid() != parent:
            os._exit(9)
        return real_extract(article)

    def flaky(session, article, settings, **kw):
        if article.body == doomed:
            raise RuntimeError("bad article")
        return real_add(session, article, settings, **kw)

    monkeypatch.setattr(workers, "extract_article", fatal)
    monkeypatch.setattr(pipeline, "add_article", flaky)
    monkeypatch.setattr(workers, "CHUNK_ARTICLES", 1)
    monkeypatch.setattr(pipeline, "GROUP_ARTICLES", 100)
    monkeypatch.setattr(workers.ExtractStream, "ready", lambda self: True)  # the group stays open
    db = str(tmp_path / "t.db")
    results = run(db, articles, jobs=1)
    assert [r.outcome for r in results].count("failed") == 1
    added = {r.article_id for r in results if r.outcome == "added"}
    assert len(added) == len(articles) - 1
    assert snapshot(db)[0] == len(articles) - 1


def snapshot_of_serial(tmp_path: Path, articles):
    db = str(tmp_path / "serial.db")
    run(db, articles, jobs=0)
    return snapshot(db)


def test_an_article_is_reported_only_once_committed(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    database = open_database(db)
    seen = 0
    try:
        for result in pipeline.add_inputs(database, samples(), load_settings(db), workers=1):
            seen += 1
            # Another connection, as another process would see the store.
            with sqlite3.connect(db) as other:
                row = other.execute(
                    "SELECT count(*) FROM articles WHERE id = ?", (result.article_id,)
                ).fetchone()
            assert row == (1,), f"{result.input} reported before it was committed"
    finally:
        database.dispose()
    assert seen == len(samples())


def test_a_failed_group_commit_reports_its_articles_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Session.commit
    calls = {"n": 0}

    def commit(self):
        calls["n"] += 1
        if calls["n"] == 6:  # a group, after the per-article warm-up commits
            raise sqlite3.OperationalError("disk I/O error")
        return real(self)

    monkeypatch.setattr(Session, "commit", commit)
    db = str(tmp_path / "t.db")
    results = run(db, samples(), jobs=1)
    failed = [r for r in results if r.outcome == "failed"]
    assert failed, "the injected failure did not happen"
    assert all("not stored, the write failed" in r.error for r in failed)
    assert all(not r.mentions for r in failed)
    assert results[-1].outcome == "added"  # the batch went on
    database = open_database(db)
    with database.session() as s:
        stored = set(s.scalars(select(Article.id)))
    database.dispose()
    assert stored == {r.article_id for r in results if r.outcome == "added"}


def test_closing_early_does_not_wait_for_a_stuck_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    articles = samples()
    real = workers.extract_article
    parent = os.getpid()

    def stuck(article):
        if article.body == articles[10].body and os.getpid() != parent:
            time.sleep(60)
        return real(article)

    monkeypatch.setattr(workers, "extract_article", stuck)
    stream = workers.ExtractStream(articles, workers=1)
    assert next(stream).extraction is not None
    for _ in range(5):
        next(stream)  # the pool is busy past the warm-up by now
    assert stream.parallel
    started = time.monotonic()
    stream.close()  # as on Ctrl-C: the worker is stopped, not waited for
    assert time.monotonic() - started < 30


def test_chunks_no_worker_started_are_extracted_here_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    articles = samples()
    real = workers.extract_article
    parent = os.getpid()
    here: list[str] = []

    def slow_in_workers(article):
        if os.getpid() != parent:
            time.sleep(0.05)  # workers fall behind: chunks wait in the pool's queue
        else:
            here.append(article.body)
        return real(article)

    monkeypatch.setattr(workers, "extract_article", slow_in_workers)
    stream = workers.ExtractStream(articles, workers=1)
    try:
        taken = list(stream)
    finally:
        stream.close()
    # Past the warm-up, this process took back chunks no worker had started...
    assert len(here) > workers.WARMUP_ARTICLES
    assert len(here) < len(articles)  # ... and the worker did the rest
    # ... and every input still comes out in its order, extracted as alone.
    assert [p.article.body for p in taken] == [a.body for a in articles]
    for p, a in zip(taken, articles, strict=True):
        assert p.error is None
        assert p.extraction.mentions == real(a).mentions


def test_a_worker_dying_while_chunks_are_taken_back_hangs_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import signal
    import time

    articles = samples()
    real = workers.extract_article
    parent = os.getpid()

    def slow_then_fatal(article):
        if os.getpid() != parent:
            if article.body == articles[30].body:
                os._exit(9)  # as if the kernel had killed this worker
            time.sleep(0.03)
        return real(article)

    def hung(signum, frame):  # pragma: no cover - only on a hang
        raise TimeoutError("the stream hung after a worker died")

    monkeypatch.setattr(workers, "extract_article", slow_then_fatal)
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        stream = workers.ExtractStream(articles, workers=2)
        try:
            taken = list(stream)
        finally:
            stream.close()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [p.article.body for p in taken] == [a.body for a in articles]
    assert all(p.error is None and p.extraction is not None for p in taken)


def test_no_process_pool_means_extraction_here(tmp_path: Path, monkeypatch) -> None:
    import concurrent.futures

    def refuse(*args, **kwargs):
        raise OSError("no /dev/shm")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    db = str(tmp_path / "t.db")
    results = run(db, samples(), jobs=1)
    assert [r.outcome for r in results] == ["added"] * len(samples())


def test_standard_input_is_read_without_workers_by_default(tmp_path: Path, monkeypatch) -> None:
    import json

    from click.testing import CliRunner

    from tracker.cli import cli

    asked = []
    real_init = workers.ExtractStream.__init__

    def spy(self, items, *, prepare=None, workers=0):
        asked.append(workers)
        real_init(self, items, prepare=prepare, workers=workers)

    monkeypatch.setattr(workers.ExtractStream, "__init__", spy)
    lines = "".join(
        json.dumps({"id": str(i), "title": a.title, "body": a.body, "lang": a.language}) + "\n"
        for i, a in enumerate(samples()[:20])
    )
    db = str(tmp_path / "t.db")
    out = CliRunner().invoke(cli, ["--db", db, "add", "-", "--format", "jsonl"], input=lines)
    assert out.exit_code == 0, out.output
    out = CliRunner().invoke(
        cli, ["--db", db, "add", "-", "--format", "jsonl", "--jobs", "1"], input=lines
    )
    assert out.exit_code == 0, out.output
    assert asked == [0, 1]


def test_failed_inputs_do_not_make_the_stream_read_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read errors need no worker; the stream still reads only a few chunks
    ahead of what it has handed out, however many of them come in a row."""
    articles = samples()
    consumed = 0

    def items():
        nonlocal consumed
        for item in [
            *articles[:20],
            *(ReadError(f"bad{i}.html", "not UTF-8 text") for i in range(5000)),
            *articles[20:25],
        ]:
            consumed += 1
            yield item

    stream = workers.ExtractStream(items(), workers=1)
    try:
        taken = [next(stream) for _ in range(40)]
    finally:
        stream.close()
    assert [p.article is not None for p in taken[:20]] == [True] * 20
    ahead = (workers.CHUNKS_IN_FLIGHT + 1) * workers.CHUNK_ARTICLES
    assert consumed <= len(taken) + ahead, consumed
