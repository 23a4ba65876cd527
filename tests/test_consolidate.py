"""Consolidation: claims that come to tell one story become one, at the end of a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tracker import pipeline, store
from tracker.cli import cli
from tracker.config import MatchSettings, load_settings
from tracker.link import consolidate
from tracker.link.features import AmountValue
from tracker.models import Actor, Claim, LedgerEntry, Mention
from tracker.status import Status

from .test_pipeline import _headline

#: Two first reports worded apart (two claims), a distractor, then two
#: reports that tell both halves: the claims' words come to agree.
HEADLINES = [
    ("Giant squid washes up on Cornwall beach", "Harbour Courier", 1),
    ("Sea monster photos stun walkers on Cornwall coast", "Daily Post", 2),
    ("Harbour council approves new ferry timetable for the summer", "Daily Post", 2),
    ("Giant squid on Cornwall beach: photos stun walkers", "Morning Ticker", 3),
    ("Walkers photos of Cornwall sea monster show a giant squid on the beach", "Evening Star", 4),
]


def _articles():
    return [_headline(title, day, source) for title, source, day in HEADLINES]


def _add(database):
    settings = load_settings(database.db)
    results = list(pipeline.add_inputs(database, _articles(), settings))
    joined = set().union(*map(consolidate.joined_claims, results))
    return results, joined, settings


def test_two_claims_that_come_to_tell_one_story_become_one(database) -> None:
    results, joined, settings = _add(database)
    first, second = results[0].mentions[0].claim_id, results[1].mentions[0].claim_id
    assert first != second  # worded apart, the first reports started two claims
    assert first in joined and second not in joined  # later reports joined the first only
    merged = consolidate.after_run(database, settings, joined)
    assert [(m.claim_id, m.into_id) for m in merged] == [(second, first)]
    assert merged[0].score >= settings.match.merge
    with database.session() as s:
        assert s.get(Claim, second).merged_into_id == first
        assert store.resolve_claim(s, second).id == first  # the old id still resolves
        on_first = s.scalars(select(Mention).where(Mention.claim_id == first)).all()
        assert len(on_first) == 4 and all(m.claim_id != second for m in on_first)
        entries = s.scalars(
            select(LedgerEntry).where(LedgerEntry.action == "merge").order_by(LedgerEntry.id)
        ).all()
        assert {e.claim_id for e in entries} == {first, second}
        assert all(e.actor is Actor.AUTO and "words agree" in (e.note or "") for e in entries)
        # The distractor stays apart.
        assert s.get(Claim, results[2].mentions[0].claim_id).merged_into_id is None
    # Nothing is left to fold: a second pass merges nothing.
    assert consolidate.after_run(database, settings, {first}) == []


def test_the_next_run_links_to_the_claim_that_remains(database) -> None:
    _results, joined, settings = _add(database)
    (merged,) = consolidate.after_run(database, settings, joined)
    from tracker.ingest.article import Article

    later = Article(body="", title="Cornwall sea monster was a giant squid, walkers say",
                    source="Wire Street", language="en")  # fmt: skip
    (result,) = pipeline.add_inputs(database, [later], settings)
    assert result.mentions[0].claim_id == merged.into_id


def test_a_pair_a_person_kept_apart_is_never_merged(database) -> None:
    results, joined, settings = _add(database)
    first, second = results[0].mentions[0].claim_id, results[1].mentions[0].claim_id
    with database.session() as s:
        store.add_rejection(s, first, other_claim_id=second, note="split by hand")
    assert consolidate.after_run(database, settings, joined) == []
    with database.session() as s:
        assert s.get(Claim, second).merged_into_id is None


def test_a_threshold_above_one_turns_it_off(database) -> None:
    from dataclasses import replace

    _results, joined, settings = _add(database)
    off = replace(settings, match=replace(settings.match, merge=1.01))
    assert consolidate.after_run(database, off, joined) == []


def test_two_typed_claims_or_a_vetoed_pair_never_agree() -> None:
    """Deals of the same companies share most words; only their fields tell
    them apart, so two typed claims are the linker's to keep apart, not this."""
    m = MatchSettings()
    bag = {"pt:kestrel": 3.0, "pt:lumen": 3.0, "w:stake": 2.0, "k:acquisition": 3.0}
    idf = {t: 2.0 for t in bag}

    def row(cid, kind, amount=None, year=None):
        return store.ClaimFeatures(cid, "x", ["kestrel", "lumen"], kind, amount, year)

    assert (
        consolidate.agreement(row(1, "acquisition"), bag, row(2, "acquisition"), bag, idf, m) == 0
    )
    general = consolidate.agreement(row(1, "event"), bag, row(2, "acquisition"), bag, idf, m)
    assert general == pytest.approx(1.0)  # one side general: its words decide
    ten, one = AmountValue(1e10, 1e10, 1e10, "USD"), AmountValue(1e9, 1e9, 1e9, "USD")
    vetoed = consolidate.agreement(
        row(1, "event", ten), bag, row(2, "acquisition", one), bag, idf, m
    )
    assert vetoed == 0  # two precise figures that differ
    years = consolidate.agreement(
        row(1, "event", year=2019), bag, row(2, "event", year=2023), bag, idf, m
    )
    assert years == 0


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    lines = [
        {
            "id": f"a{i}",
            "title": t,
            "body": "",
            "source": src,
            "date": f"2025-02-0{d}",
            "lang": "en",
        }
        for i, (t, src, d) in enumerate(HEADLINES)
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_add_says_what_it_merged(db_url: str, tmp_path: Path) -> None:
    news = str(_jsonl(tmp_path))
    r = CliRunner().invoke(cli, ["--db", db_url, "add", news])
    assert r.exit_code == 0, r.output
    assert "merged claim #2 into #1: their words agree by" in r.output
    assert r.output.index("merged claim") < r.output.index("added 5")  # before the summary
    r = CliRunner().invoke(cli, ["--db", db_url, "add", "--json", news])
    assert r.exit_code == 0, r.output  # the same articles again: nothing joined, nothing merged
    assert all("merged" not in json.loads(line) for line in r.output.splitlines())


def test_add_json_reports_the_merge(db_url: str, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["--db", db_url, "add", "--json", str(_jsonl(tmp_path))])
    assert r.exit_code == 0, r.output
    records = [json.loads(line) for line in r.output.splitlines()]
    merges = [rec["merged"] for rec in records if "merged" in rec]
    assert records[-1] == {"merged": merges[0]} and len(merges) == 1  # last, once
    assert (merges[0]["claim_id"], merges[0]["into"]) == (2, 1)
    assert MatchSettings().merge <= merges[0]["score"] <= 1.0


def test_a_failed_consolidation_undoes_itself_and_keeps_the_articles(
    db_url: str, tmp_path: Path, monkeypatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from tracker import corrections

    real = corrections.merge

    def failing(session, *args, **kw):
        real(session, *args, **kw)  # writes, then the disk fails
        raise OperationalError("UPDATE claims", {}, Exception("disk I/O error"))

    monkeypatch.setattr(corrections, "merge", failing)
    r = CliRunner().invoke(cli, ["--db", db_url, "add", str(_jsonl(tmp_path))])
    assert r.exit_code == 1, r.output  # a write failed: said, and in the exit status
    assert "claims not consolidated: " in r.output and "disk I/O error" in r.output
    assert "added 5" in r.output
    assert "Traceback" not in r.output
    from tracker.db import open_database

    database = open_database(db_url)
    try:
        with database.session() as s:
            assert all(c.merged_into_id is None for c in s.scalars(select(Claim)))
            assert len(s.scalars(select(Mention)).all()) == 5  # every article landed
            assert len(s.scalars(select(Claim)).all()) == 3
            assert not s.scalars(select(LedgerEntry).where(LedgerEntry.action == "merge")).all()
    finally:
        database.dispose()


def test_watch_once_says_a_failed_consolidation_in_its_exit_status(
    db_url: str, tmp_path: Path, monkeypatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from tracker import corrections

    def failing(session, *args, **kw):
        raise OperationalError("UPDATE claims", {}, Exception("disk I/O error"))

    monkeypatch.setattr(corrections, "merge", failing)
    source = _jsonl(tmp_path)
    r = CliRunner().invoke(cli, ["--db", db_url, "watch", "--once", str(source)])
    assert r.exit_code == 1, r.output
    assert "claims not consolidated: " in r.output and "disk I/O error" in r.output
    assert "added 5" in r.output and "Traceback" not in r.output


def test_on_postgresql_a_consolidation_waits_for_writers_that_may_link(db_url: str) -> None:
    """A writer that read the change counter may link to any claim: a
    consolidation starts only once it committed, and gives up rather than
    wait without end."""
    from sqlalchemy.orm import Session

    from tracker.db import open_database

    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite's writers take turns")
    database = open_database(db_url)
    writer = Session(database.engine)
    try:
        store.index_changes(writer)  # as a linker does when its transaction starts
        with database.session() as s:
            assert store.lock_consolidation(s, wait=0.3) is False
        writer.commit()
        with database.session() as s:
            assert store.lock_consolidation(s, wait=0.3) is True
            # Held: a writer that starts now waits for it (tried, not queued).
            other = Session(database.engine)
            try:
                held = (
                    other.connection()
                    .exec_driver_sql(
                        f"SELECT pg_try_advisory_xact_lock_shared({store.changes.CONSOLIDATION_LOCK})"
                    )
                    .scalar()
                )
                assert held is False
            finally:
                other.close()
    finally:
        writer.close()
        database.dispose()


def test_claims_a_person_worked_on_are_never_folded_on_their_own(database) -> None:
    """A split, a status set by hand, a rename: the person's word stands, even
    where the words agree (one pair of each, on copies of the same store)."""
    from tracker import corrections

    results, joined, settings = _add(database)
    first, second = results[0].mentions[0].claim_id, results[1].mentions[0].claim_id
    with database.session() as s:
        corrections.set_status(s, str(second), Status.DENIED, note="the council says so")
    assert consolidate.after_run(database, settings, joined) == []
    with database.session() as s:
        assert s.get(Claim, second).merged_into_id is None
        assert store.worked_on_by_people(s, [first, second]) == {second}


def test_a_split_is_not_undone(database) -> None:
    """Articles split off a claim by hand stay apart from it, even when a
    third claim's words agree with both."""
    from tracker import corrections

    results, joined, settings = _add(database)
    first = results[0].mentions[0].claim_id
    with database.session() as s:
        change = corrections.split(s, str(first), [str(results[4].article_id)])
    (split_off,) = set(change.claim_ids) - {first}
    consolidate.after_run(database, settings, {*joined, split_off})
    with database.session() as s:
        claims = {store.follow_merges(s, s.get(Claim, c)).id for c in (first, split_off)}
    assert len(claims) == 2


def test_a_watch_round_consolidates_and_says_so(db_url: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _jsonl(inbox)
    r = CliRunner().invoke(cli, ["--db", db_url, "watch", str(inbox), "--once"])
    assert r.exit_code == 0, r.output
    assert "merged claim #2 into #1: their words agree by" in r.output
