"""Four writer processes adding quarters of one labelled corpus into one store
link as well as one process adding it all: the index's change counter tells
each writer when the others wrote, so none links against a stale view."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import combinations
from pathlib import Path

from sqlalchemy import select

from tracker.db import open_database
from tracker.evaluate import pairwise
from tracker.models import Article, Mention

ROOT = Path(__file__).resolve().parents[1]
WRITERS = 4
ARTICLES = 480


def generated_corpus() -> tuple[list[str], dict[str, str | None]]:
    """The benchmark's synthetic corpus (fixed seed): JSON Lines records, and
    each article's story (None for an unrelated article)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    corpus = generate.build_corpus(seed=11, articles=ARTICLES)
    lines, story = [], {}
    for record, truth in generate.iter_articles(corpus):
        lines.append(json.dumps(record, ensure_ascii=False))
        story[record["id"]] = truth["claim"]
    return lines, story


def add(db: str, path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", db, "add", "--quiet", "--jobs", "1", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


def claims_by_article(db: str) -> dict[str, set[int]]:
    database = open_database(db)
    out: dict[str, set[int]] = {}
    with database.session() as s:
        for ext, cid in s.execute(
            select(Article.external_id, Mention.claim_id).join(Mention.article)
        ):
            out.setdefault(ext, set()).add(cid)
    database.dispose()
    return out


def mixed_story_pairs(claims: dict[str, set[int]], story: dict[str, str | None]) -> set[frozenset]:
    """Pairs of stories that share a claim."""
    members: dict[int, set[str]] = {}
    for ext, cids in claims.items():
        if story.get(ext):
            for cid in cids:
                members.setdefault(cid, set()).add(story[ext])  # type: ignore[arg-type]
    return {frozenset(p) for held in members.values() for p in combinations(sorted(held), 2)}


def test_four_writers_link_as_well_as_one(tmp_path: Path) -> None:
    # SQLite: writers take turns by transaction. (On PostgreSQL, writers of
    # one article each can still deadlock on shared term counts today.)
    db_url = str(tmp_path / "shared.db")
    lines, story = generated_corpus()
    everything = tmp_path / "all.jsonl"
    everything.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Round robin: every story's articles are spread over all the writers.
    quarters = []
    for w in range(WRITERS):
        q = tmp_path / f"quarter-{w}.jsonl"
        q.write_text("\n".join(lines[w::WRITERS]) + "\n", encoding="utf-8")
        quarters.append(q)

    serial_db = str(tmp_path / "serial.db")
    p = add(serial_db, everything)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err + out
    procs = [add(db_url, q) for q in quarters]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err + out

    # Pairs among the stories' articles (an unrelated article has no story to share).
    gold = {ext: {s} for ext, s in story.items() if s}
    serial = claims_by_article(serial_db)
    parallel = claims_by_article(db_url)
    assert set(parallel) == set(serial)  # the same articles made claims: nothing lost
    p_serial, r_serial = pairwise({e: serial.get(e, set()) for e in gold}, gold)
    p_par, r_par = pairwise({e: parallel.get(e, set()) for e in gold}, gold)
    assert p_par >= p_serial - 0.005, (p_par, p_serial)
    assert r_par >= r_serial - 0.05, (r_par, r_serial)
    # No claim of the parallel run mixes two stories the serial run kept apart.
    mixed = mixed_story_pairs(parallel, story) - mixed_story_pairs(serial, story)
    assert not mixed, (mixed, p_par, p_serial)
