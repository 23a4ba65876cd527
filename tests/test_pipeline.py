"""One article's way through the tracker, on both backends: linking, timelines,
idempotence, corrections that survive later adds."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from tracker import corrections, pipeline, store
from tracker import workers as workers_module
from tracker.config import load_settings
from tracker.link.features import amount_value
from tracker.link.linker import Linker
from tracker.models import Article, Claim, LedgerEntry, Mention, Suggestion
from tracker.status import Status

from .stories import (
    CONFIRM_FR,
    OFFICIAL_EN,
    RUMOR_EN,
    SAME_AMOUNT_OTHER_PARTIES,
    SAME_COMPANY_OTHER_DEAL,
    THE_CONVERSATION,
)


def add_all(database, articles, **kw):
    settings = load_settings(database.db)
    return list(pipeline.add_inputs(database, list(articles), settings, **kw))


def ten_billion_claim(session) -> Claim:
    claims = [
        c
        for c in session.scalars(select(Claim).where(Claim.merged_into_id.is_(None)))
        if c.amount_value == 1e10 and "openai" in (c.parties or [])
    ]
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def test_three_articles_two_languages_one_claim(database) -> None:
    results = add_all(database, THE_CONVERSATION)
    assert [r.outcome for r in results] == ["added"] * 3
    with database.session() as s:
        claim = ten_billion_claim(s)
        ct = store.claim_timeline(s, claim.id)
        articles = {ct.mentions[st.event.mention_id].article.source for st in ct.timeline.steps}
        assert articles == {"Wire Street", "La Gazette Tech", "Redmond Daily"}
        assert claim.status is Status.UNDISCLOSED
        moves = [(st.before, st.after) for st in ct.timeline.transitions]
        assert moves == [(Status.RUMOR, Status.UNDISCLOSED)]
        # The transition names the article that caused it, in the ledger too.
        entry = s.scalars(
            select(LedgerEntry).where(
                LedgerEntry.claim_id == claim.id, LedgerEntry.to_status == Status.UNDISCLOSED
            )
        ).one()
        assert entry.article_id is not None


def test_reverse_order_gives_the_same_timeline(db_url, tmp_path) -> None:
    from tracker.db import open_database

    forward = open_database(db_url)
    add_all(forward, THE_CONVERSATION)
    with forward.session() as s:
        c = ten_billion_claim(s)
        f_steps = [(st.event.date, st.after) for st in store.claim_timeline(s, c.id).timeline.steps]
        f_status = c.status
    forward.dispose()
    backward = open_database(str(tmp_path / "reverse.db"))
    add_all(backward, list(reversed(THE_CONVERSATION)))
    with backward.session() as s:
        c = ten_billion_claim(s)
        b_steps = [(st.event.date, st.after) for st in store.claim_timeline(s, c.id).timeline.steps]
        assert c.status == f_status
    backward.dispose()
    assert sorted(f_steps) == sorted(b_steps)
    assert f_steps[0][1] is Status.RUMOR


def test_hard_negatives_do_not_link(database) -> None:
    add_all(database, [RUMOR_EN, SAME_COMPANY_OTHER_DEAL, SAME_AMOUNT_OTHER_PARTIES])
    with database.session() as s:
        c = ten_billion_claim(s)
        sources = {
            m.article.title for m in s.scalars(select(Mention).where(Mention.claim_id == c.id))
        }
        assert sources == {RUMOR_EN.title}


def test_readding_is_a_noop_that_names_the_article(database) -> None:
    first = add_all(database, [RUMOR_EN])
    again = add_all(database, [dataclasses.replace(RUMOR_EN, body=RUMOR_EN.body + "\n\n  ")])
    assert again[0].outcome == "duplicate"
    assert again[0].article_id == first[0].article_id
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1


def test_changed_text_at_same_url_is_a_revision(database) -> None:
    a = dataclasses.replace(RUMOR_EN, url="https://example.org/a")
    b = dataclasses.replace(a, body=a.body + " Talks could conclude within weeks.")
    r1, r2 = add_all(database, [a, b])
    assert r2.outcome == "revision" and r2.revision_of == r1.article_id


def test_dry_run_writes_nothing_but_reports_links(database) -> None:
    results = add_all(database, THE_CONVERSATION, dry_run=True)
    assert [r.outcome for r in results] == ["would add"] * 3
    # The later articles saw the earlier ones: they report links, not only new claims.
    assert any(m.action == "linked" for r in results[1:] for m in r.mentions)
    with database.session() as s:
        assert store.counts(s) == {"articles": 0, "claims": 0, "mentions": 0}


def _spy(func, calls):
    def spied(*args, **kwargs):
        calls.append(args)
        return func(*args, **kwargs)

    return spied


@pytest.mark.parametrize("workers", [0, 1], ids=["own-transaction", "savepoint-in-group"])
def test_failing_article_does_not_stop_the_batch(database, monkeypatch, workers) -> None:
    """Alone in its transaction, a failing article is undone with it; in a
    group (workers, SQLite), with its savepoint."""
    real = pipeline.add_article

    def flaky(session, article, settings, **kw):
        if article is CONFIRM_FR:
            session.add(
                Article(content_hash="x" * 64, body="half-written", sort_date=dt.date(2023, 1, 1))
            )
            session.flush()
            raise RuntimeError("disk on fire")
        return real(session, article, settings, **kw)

    monkeypatch.setattr(pipeline, "add_article", flaky)
    monkeypatch.setattr(workers_module, "WARMUP_ARTICLES", 0)  # the pool from the start
    used = []
    from tracker.store import _sql

    monkeypatch.setattr(_sql, "savepoint", _spy(_sql.savepoint, used))
    results = add_all(database, THE_CONVERSATION, workers=workers)
    # A group on SQLite; on PostgreSQL every article is its own transaction.
    grouped = workers and database.engine.dialect.name == "sqlite"
    assert bool(used) == bool(grouped)
    assert [r.outcome for r in results] == ["added", "failed", "added"]
    assert "disk on fire" in results[1].error
    with database.session() as s:
        bodies = list(s.scalars(select(Article.body)))
        assert "half-written" not in bodies and len(bodies) == 2


def test_corrections_survive_a_later_add(database) -> None:
    add_all(database, [RUMOR_EN, SAME_AMOUNT_OTHER_PARTIES])
    with database.session() as s:
        main = ten_billion_claim(s)
        halvard = next(c for c in s.scalars(select(Claim)) if "halvard motors" in (c.parties or []))
        main_id, halvard_id = main.id, halvard.id
        # A human decides these are one story (they are not, but the tool must obey).
        corrections.merge(s, str(halvard_id), str(main_id))
        corrections.set_status(s, str(main_id), Status.DENIED, note="checked by phone")
    add_all(database, [OFFICIAL_EN])
    with database.session() as s:
        merged = s.get(Claim, halvard_id)
        assert merged.merged_into_id == main_id
        assert store.resolve_claim(s, str(halvard_id)).id == main_id
        main = s.get(Claim, main_id)
        n = s.scalar(select(func.count()).select_from(Mention).where(Mention.claim_id == main_id))
        assert n == 3
        # The manual status holds from today on; the 2023 article predates it.
        assert main.status is Status.DENIED
        actions = [e.action for e in store.ledger(s, main_id)]
        assert "merge" in actions and "set-status" in actions


def test_split_and_unlink_are_respected(database) -> None:
    add_all(database, THE_CONVERSATION)
    with database.session() as s:
        claim = ten_billion_claim(s)
        official = s.scalar(select(Article).where(Article.title == OFFICIAL_EN.title))
        change = corrections.split(s, str(claim.id), [str(official.id)])
        new_id = change.claim_ids[1]
        assert s.scalar(
            select(Mention.claim_id).where(
                Mention.article_id == official.id, Mention.claim_id == new_id
            )
        )
        rumor = s.scalar(select(Article).where(Article.title == RUMOR_EN.title))
        corrections.unlink(s, str(rumor.id), str(claim.id))
        assert store.rejected_claims(s, claim.id, None) >= {new_id}
    # A later article still links, and never to the pairs the user separated.
    later = dataclasses.replace(
        RUMOR_EN, title="OpenAI's $10 billion from Microsoft", body=RUMOR_EN.body + " Again."
    )
    results = add_all(database, [later])
    assert results[0].outcome == "added"
    with database.session() as s:
        for sug in s.scalars(select(Suggestion)):
            m = s.get(Mention, sug.mention_id)
            assert (m.claim_id, sug.claim_id) not in {(claim.id, new_id), (new_id, claim.id)}


def test_review_accept_and_reject(database) -> None:
    add_all(database, [*THE_CONVERSATION, SAME_COMPANY_OTHER_DEAL])
    with database.session() as s:
        claim = ten_billion_claim(s)
        other = next(c for c in s.scalars(select(Claim)) if c.kind == "acquisition")
        mention = s.scalars(select(Mention).where(Mention.claim_id == other.id)).first()
        sug = Suggestion(mention_id=mention.id, claim_id=claim.id, score=0.6)
        s.add(sug)
        s.flush()
        corrections.reject(s, sug)
        assert sug.state == "rejected"
        assert claim.id in store.rejected_claims(s, other.id, None)


def test_split_naming_an_article_twice_loses_nothing(database) -> None:
    add_all(database, THE_CONVERSATION)
    with database.session() as s:
        claim = ten_billion_claim(s)
        official = s.scalar(select(Article).where(Article.title == OFFICIAL_EN.title))
        change = corrections.split(s, str(claim.id), [str(official.id), str(official.id)])
        assert "split 1 article" in change.message
        assert (
            s.scalar(
                select(func.count()).select_from(Mention).where(Mention.article_id == official.id)
            )
            >= 1
        )
        assert (
            s.scalar(
                select(func.count())
                .select_from(Mention)
                .where(Mention.claim_id == change.claim_ids[1])
            )
            == 1
        )


def test_accepting_a_moot_suggestion_keeps_the_mention(database) -> None:
    add_all(database, [*THE_CONVERSATION, SAME_COMPANY_OTHER_DEAL])
    with database.session() as s:
        claim = ten_billion_claim(s)
        mention = s.scalars(select(Mention).where(Mention.claim_id == claim.id)).first()
        sug = Suggestion(mention_id=mention.id, claim_id=claim.id, score=0.5)
        s.add(sug)
        s.flush()
        corrections.accept(s, sug)
        assert sug.state == "stale"
        assert s.get(Mention, mention.id) is not None


def test_linking_an_unrelated_article_adds_a_statement_and_takes_nothing(database) -> None:
    add_all(database, [*THE_CONVERSATION, SAME_COMPANY_OTHER_DEAL])
    with database.session() as s:
        claim = ten_billion_claim(s)
        lumen = s.scalar(select(Article).where(Article.title == SAME_COMPANY_OTHER_DEAL.title))
        before = {m.claim_id for m in store.mentions_of_article(s, lumen.id)}
        corrections.link(s, str(lumen.id), str(claim.id))
        after = {m.claim_id for m in store.mentions_of_article(s, lumen.id)}
        assert after == before | {claim.id}
        for cid in before:
            assert s.get(Claim, cid).merged_into_id is None


def _linking_articles() -> list:
    """The sample corpus and the stories that test linking most."""
    from tracker.ingest import ReadError, read_inputs

    from .conftest import SAMPLES

    articles = [a for a in read_inputs([str(SAMPLES)]) if not isinstance(a, ReadError)]
    return [*articles, *THE_CONVERSATION, SAME_COMPANY_OTHER_DEAL, SAME_AMOUNT_OTHER_PARTIES]


def _what_was_stored(db: str, articles: list) -> tuple[list, list, list]:
    """``articles`` added to a new store at ``db``: its mentions, suggestions and
    claims' features, in id order.

    Scores to 9 digits: a bag's terms come back in another order on another
    backend, and float sums differ in the last bit."""
    from tracker.db import open_database

    database = open_database(db)
    try:
        add_all(database, articles)
        with database.session() as s:
            mentions = s.execute(
                select(
                    Mention.article_id, Mention.claim_id, Mention.status, Mention.score
                ).order_by(Mention.id)
            ).all()
            suggestions = s.execute(
                select(Suggestion.mention_id, Suggestion.claim_id, Suggestion.score).order_by(
                    Suggestion.id
                )
            ).all()
            claims = s.execute(
                select(
                    Claim.id, Claim.text, Claim.parties, Claim.kind, Claim.amount_value
                ).order_by(Claim.id)
            ).all()
        return (
            [(a, c, st, None if sc is None else round(sc, 9)) for a, c, st, sc in mentions],
            [(m, c, round(sc, 9)) for m, c, sc in suggestions],
            [(i, t, tuple(p or ()), k, v) for i, t, p, k, v in claims],
        )
    finally:
        database.dispose()


def test_skipping_hopeless_candidates_changes_no_decision(db_url, tmp_path, monkeypatch) -> None:
    """The linker loads term bags only for claims that could reach the
    suggestion band; scoring every candidate in full must store the same."""
    from tracker.link import linker as linker_module
    from tracker.link import score as link_score

    articles = _linking_articles()
    pruned = _what_was_stored(db_url, articles)
    calls = []

    def no_bound(partial):
        calls.append(partial)
        return 1.0

    monkeypatch.setattr(linker_module, "upper_bound", no_bound)
    full = _what_was_stored(str(tmp_path / "full.db"), articles)
    assert calls, "the linker no longer asks for an upper bound"
    assert any(link_score.upper_bound(p) < 0.42 for p in calls), "nothing was pruned: a weak test"
    assert pruned == full


def test_the_linkers_claim_cache_changes_no_decision(db_url, tmp_path, monkeypatch) -> None:
    """Claims' features and term bags kept in memory between articles (and
    dropped when the linker writes them) store exactly what reading them again
    for every article stores."""
    from tracker.link import linker as linker_module

    articles = _linking_articles()
    hits = []
    rows = linker_module.Linker._claim_rows

    def counted(self, ids):
        hits.append(sum(1 for cid in ids if cid in self._features))
        return rows(self, ids)

    monkeypatch.setattr(linker_module.Linker, "_claim_rows", counted)
    cached = _what_was_stored(db_url, articles)
    assert sum(hits) > 10, "the cache is never used: a weak test"
    monkeypatch.setattr(linker_module.Linker, "CLAIM_CACHE", -1)  # emptied every article
    uncached = _what_was_stored(str(tmp_path / "uncached.db"), articles)
    assert cached == uncached


def test_a_general_claim_is_named_by_its_headline_and_followed(database) -> None:
    results = add_all(
        database,
        [
            _headline("Tomas Varin reportedly undergoes knee surgery", 2),
            _headline("Keldor denies Tomas Varin underwent knee surgery", 4, "Daily Post"),
        ],
    )
    assert [len(r.mentions) for r in results] == [1, 1]
    first, second = results[0].mentions[0], results[1].mentions[0]
    assert second.action == "linked" and second.claim_id == first.claim_id
    with database.session() as s:
        claim = s.get(Claim, first.claim_id)
        assert claim.text == "Tomas Varin reportedly undergoes knee surgery"
        assert claim.kind == "event"
        assert claim.status is Status.DENIED


def _headline(title, day, source="Wire Street"):
    from tracker.ingest.article import Article as InputArticle
    from tracker.status import Precision

    return InputArticle(
        body="",
        title=title,
        source=source,
        language="en",
        published=dt.date(2024, 5, day),
        precision=Precision.DAY,
    )


def test_two_general_claims_about_one_company_need_more_than_its_name(database) -> None:
    results = add_all(
        database,
        [
            _headline("Orvane reportedly undergoes board shake-up", 2),
            _headline("Orvane denies report of chief executive health scare", 3, "Daily Post"),
        ],
    )
    first, second = results[0].mentions[0], results[1].mentions[0]
    assert second.claim_id != first.claim_id
    with database.session() as s:
        assert s.get(Claim, first.claim_id).status is Status.RUMOR


@pytest.mark.parametrize("typed_first", [True, False], ids=["typed-first", "general-first"])
def test_a_general_headline_and_a_typed_claim_of_the_same_names_meet(database, typed_first) -> None:
    """A typed claim keeps its names as party tokens, a general claim among its
    words: each finds the other by its names (and the texts then decide)."""
    typed = _headline("Orvane could make a bid for Keldor, sources say", 2)
    general = _headline("Orvane might be eyeing Keldor again", 3, "Daily Post")
    results = add_all(database, [typed, general] if typed_first else [general, typed])
    first, second = results[0].mentions[0], results[1].mentions[0]
    assert {first.claim_id} == {second.claim_id}, (first, second)
    assert second.action == "linked"


def test_name_twins_cross_the_two_forms_of_a_name() -> None:
    from tracker.link.keys import name_twins, retrieval_terms

    general = ["w:orvane", "w:eyeing", "w:a", "k:event"]  # one letter: no party token
    assert name_twins(general, general=True) == ["pt:eyeing", "pt:orvane"]
    typed = ["p:orvane", "pt:orvane", "k:acquisition", "w:bid"]
    assert name_twins(typed, general=False) == ["w:orvane"]
    df = {"p:orvane": 1, "pt:orvane": 1, "k:acquisition": 5, "w:bid": 3, "w:orvane": 2}
    # The twin comes right after the party tokens, before the kind and the words.
    assert retrieval_terms(typed, df, twins=["w:orvane"]) == [
        "p:orvane", "pt:orvane", "w:orvane", "k:acquisition", "w:bid"
    ]  # fmt: skip


def test_a_general_claim_keeps_its_headline_and_yields_to_a_known_kind(database) -> None:
    from tracker.extract import extract

    (general,) = add_all(
        database, [_headline("Exclusive: Orvane reportedly in talks with Keldor", 2)]
    )
    claim_id = general.mentions[0].claim_id
    (em,) = extract("Orvane agreed to buy Keldor for $2 billion.", language="en").mentions
    with database.session() as s:
        linker = Linker(s, load_settings(database.db))
        (row,) = store.claim_feature_rows(s, [claim_id]).values()
        assert row.kind == "event"
        linker._absorb(row, em, amount_value(em.amount))
        s.commit()
        claim = s.get(Claim, claim_id)
        assert claim.kind == "acquisition"  # a known kind replaces "event"
        assert claim.amount_value == 2e9
        assert claim.text == "Exclusive: Orvane reportedly in talks with Keldor"  # not relabelled


def test_a_syndicated_copy_is_another_appearance_of_one_article(database) -> None:
    """The same text from another outlet is stored, counted among the claim's
    sources, reported with both ids; the same copy again is a duplicate."""
    from tracker.results import Outcome

    body = "Orvane has agreed to buy Keldor for $2 billion, the companies said on Monday."
    first = dataclasses.replace(_headline("Orvane to buy Keldor for $2bn", 3), body=body)
    copy = dataclasses.replace(first, source="Harbour Wire", published=dt.date(2024, 5, 4))
    results = add_all(database, [first, copy, copy, first])
    assert [r.outcome for r in results] == [
        Outcome.ADDED, Outcome.SYNDICATED, Outcome.DUPLICATE, Outcome.DUPLICATE
    ]  # fmt: skip
    original, syndicated = results[0], results[1]
    assert syndicated.syndicated_of == original.article_id
    assert syndicated.to_dict()["syndicated_of"] == original.article_id
    assert results[2].article_id == syndicated.article_id  # the copy, not the original
    with database.session() as s:
        (claim_id,) = {m.claim_id for m in store.mentions_of_article(s, original.article_id)}
        copied = store.mentions_of_article(s, syndicated.article_id)
        assert [m.claim_id for m in copied] == [claim_id]
        sources = {
            a.source
            for a in s.scalars(select(Article).join(Mention).where(Mention.claim_id == claim_id))
        }
        assert sources == {"Wire Street", "Harbour Wire"}
    summary = pipeline.BatchSummary()
    for r in results:
        summary.count(r)
    assert summary.line().startswith("added 2 (1 syndicated), 2 duplicates")


def test_a_deadlock_victim_is_tried_again_and_a_real_error_is_not() -> None:
    """A deadlock or a serialization failure between writers is transient: the
    article is undone and tried again. Any other database error fails it."""
    from sqlalchemy.exc import OperationalError

    from tracker import pipeline

    class Orig(Exception):
        def __init__(self, sqlstate: str) -> None:
            self.sqlstate = sqlstate

    assert pipeline._transient(OperationalError("UPDATE ...", {}, Orig("40P01")))
    assert pipeline._transient(OperationalError("UPDATE ...", {}, Orig("40001")))
    assert not pipeline._transient(OperationalError("UPDATE ...", {}, Orig("23505")))
    assert not pipeline._transient(ValueError("bad input"))


def test_an_article_of_many_claims_is_tracked_with_a_warning(database, monkeypatch) -> None:
    """Every claim of a file that holds many articles is tracked; the warning
    says how to keep them apart."""
    from tracker import results as results_module

    monkeypatch.setattr(results_module, "MANY_CLAIMS", 2)
    body = " ".join(
        f"{buyer} agreed to buy {target} for ${n} million, the companies said."
        for buyer, target, n in (
            ("Orvane", "Keldor", 20),
            ("Valnord", "Brisk", 30),
            ("Tamsin", "Oriel", 40),
        )
    )
    (result,) = add_all(
        database, [dataclasses.replace(_headline("Deals of the week", 3), body=body)]
    )
    assert len(result.mentions) >= 3
    assert any("claims in one article" in w for w in result.warnings), result.warnings
    (few,) = add_all(database, [dataclasses.replace(_headline("Orvane buys Keldor", 4), body="")])
    assert not any("claims in one article" in w for w in few.warnings)


def test_a_retelling_far_ahead_of_every_other_claim_joins_under_the_threshold(
    database, tmp_path
) -> None:
    """The margin rule on a real store: the denial shares few words with the
    report it denies (under the general link threshold), yet no other claim
    comes near, so it joins and says why; with the rule off it starts a claim."""
    from tracker.db import open_database

    articles = [
        _headline("Giant squid washes up on a beach in Cornwall, stunning walkers", 2),
        _headline("Harbour council approves new ferry timetable for the summer", 3),
        _headline("Cornwall beach monster photos were faked, says biologist", 4, "Daily Post"),
    ]
    results = add_all(database, articles)
    m = load_settings(database.db).match
    claim = results[0].mentions[0].claim_id
    joined = results[2].mentions[0]
    assert m.margin_floor * m.general_link <= joined.score < m.general_link
    assert joined.claim_id == claim and joined.action == "linked"
    assert joined.explanation["margin"] is True
    assert any("far ahead" in note for note in joined.explanation["notes"])
    with database.session() as s:
        assert s.get(Claim, claim).status is Status.DENIED

    path = str(tmp_path / "off.db")
    off = load_settings(path)
    off = dataclasses.replace(off, match=dataclasses.replace(off.match, margin_floor=1.0))
    plain = open_database(path)
    try:
        alone = list(pipeline.add_inputs(plain, articles, off))[2].mentions[0]
    finally:
        plain.dispose()
    assert alone.action == "new" and alone.suggestion["claim_id"] == 1
