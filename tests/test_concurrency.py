"""Several real processes writing one store at once, and a process killed
mid-batch: every article once, no duplicate claims, nothing half-written."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from tracker.db import open_database
from tracker.integrity import check
from tracker.models import Article, Claim, Mention

from .stories import (
    SAME_AMOUNT_OTHER_PARTIES,
    SAME_COMPANY_OTHER_DEAL,
    THE_CONVERSATION,
)

ROOT = Path(__file__).resolve().parents[1]


def write_articles(folder: Path, articles) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, a in enumerate(articles):
        p = folder / f"{i:04d}.txt"
        p.write_text(
            f"title: {a.title}\nsource: {a.source}\ndate: {a.published.isoformat()}\n"
            f"lang: {a.language}\n\n{a.body}\n",
            encoding="utf-8",
        )
        paths.append(str(p))
    return paths


def tracker(db: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", db, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def snapshot(db: str):
    """Claims as sets of the article texts behind them, with their statuses."""
    database = open_database(db)
    with database.session() as s:
        n_articles = s.scalar(select(func.count()).select_from(Article))
        groups = {}
        for m, a in s.execute(select(Mention, Article).join(Article)):
            groups.setdefault(m.claim_id, set()).add((a.content_hash, m.status.value))
        statuses = {c.id: c.status.value for c in s.scalars(select(Claim))}
        report = check(s)
    database.dispose()
    claims = {(frozenset(v), statuses[k]) for k, v in groups.items()}
    return n_articles, claims, report


def test_concurrent_adds_equal_a_serial_run(db_url: str, tmp_path: Path) -> None:
    stories = [*THE_CONVERSATION, SAME_COMPANY_OTHER_DEAL, SAME_AMOUNT_OTHER_PARTIES]
    paths = write_articles(tmp_path / "in", stories)
    serial_db = str(tmp_path / "serial.db")
    p = tracker(serial_db, "add", *paths)
    assert p.wait(60) == 0, p.stderr.read()
    expected = snapshot(serial_db)

    rng = random.Random(7)
    procs = []
    for _ in range(3):
        batch = paths[:]
        rng.shuffle(batch)
        procs.append(tracker(db_url, "add", *batch))
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err + out
    n_articles, claims, report = snapshot(db_url)
    assert n_articles == len(stories)
    assert claims == expected[1]
    assert report.problems == []


def test_killed_add_leaves_whole_articles_and_rerun_completes(tmp_path: Path) -> None:
    from .stories import art

    rng = random.Random(3)
    names = ["Orvane", "Keltis", "Marbrook", "Tessaly", "Quillon", "Brava", "Sorel", "Ipsen"]
    articles = []
    for i in range(400):
        a, b = rng.sample(names, 2)
        amount = rng.randint(2, 900)
        articles.append(
            art(
                f"{a} Holdings {i} in talks to buy {b} Systems {i} for ${amount} million",
                f"{a} Holdings {i} is in talks to acquire {b} Systems {i} for ${amount} "
                f"million, according to people familiar with the matter. "
                f"{b} Systems {i} declined to comment.",
                f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "Wire Street",
                "en",
            )
        )
    paths = write_articles(tmp_path / "in", articles)
    db = str(tmp_path / "crash.db")
    proc = tracker(db, "add", str(tmp_path / "in"))
    deadline = time.time() + 60
    count = 0
    while time.time() < deadline:
        time.sleep(0.2)
        if Path(db).exists():
            try:
                count = snapshot(db)[0]
            except Exception:
                continue
            if count >= 20:
                break
    workers = children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert 0 < count < len(paths), "the batch ended before the kill: make it longer"
    # Its extraction workers die with it instead of waiting forever.
    assert workers, "a batch this long should have started worker processes"
    deadline = time.time() + 10
    while time.time() < deadline and any(running(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(running(pid) for pid in workers), "orphaned worker processes"

    n_before, _claims, report = snapshot(db)
    assert report.problems == []
    database = open_database(db)
    with database.session() as s:
        # Only whole articles: each stored article has its mentions.
        bare = s.scalar(
            select(func.count())
            .select_from(Article)
            .where(~Article.id.in_(select(Mention.article_id)))
        )
        assert bare == 0
    database.dispose()

    rerun = tracker(db, "add", str(tmp_path / "in"))
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{n_before} duplicates" in out
    n_after, _claims, report = snapshot(db)
    assert n_after == len(paths)
    assert report.problems == []
