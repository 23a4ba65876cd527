"""Consolidation: two claims that turn out to tell one story become one.

Linking is online: each mention meets the claims on record as it arrives, so
a story whose first reports were worded apart can start two claims, each then
filled in by later articles until their accumulated words agree. At the end
of a run of ``tracker add``, each general claim a mention joined is compared
with the claims its words retrieve (the inverted index again, never a scan),
by the IDF-weighted cosine of everything both have accumulated, names
included, as general claims are linked. Where two agree at ``merge`` or more
and no certain field keeps them apart (two precise figures that differ, two
years), the newer folds into the older, as ``tracker merge`` folds them,
recorded in the ledger as automatic. Two typed claims are never folded here:
deals of the same companies share most of their words, and only their
fields, which the linker weighs, tell them apart. A claim a person has worked
on (split, linked, renamed, given a status, kept apart from another) is never
folded on its own.

A claim that only started this run needs no look: its one mention was just
compared with the same claims, and found none to join. On PostgreSQL a
consolidation starts once no transaction that may link to a claim is in
flight, and holds new ones until it commits
(:func:`tracker.store.lock_consolidation`); it gives up after a while rather
than queue every writer behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker import store
from tracker.config import MatchSettings
from tracker.errors import TrackerError
from tracker.link.keys import retrieval_terms, text_bag
from tracker.link.score import cosine, idf_weights, is_general, plain_words, structure
from tracker.results import STORED_OUTCOMES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.config import Settings
    from tracker.db import Database
    from tracker.results import AddResult


class StoreBusy(TrackerError):
    """Writers in flight kept a consolidation from starting (PostgreSQL)."""


@dataclass(frozen=True)
class Merged:
    """``claim_id`` was folded into ``into_id``: their words agree by ``score``."""

    claim_id: int
    into_id: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "into": self.into_id, "score": self.score}


def agreement(
    a: store.ClaimFeatures,
    a_bag: dict[str, float],
    b: store.ClaimFeatures,
    b_bag: dict[str, float],
    idf: dict[str, float],
    settings: MatchSettings,
) -> float:
    """How far two claims tell one story: 0 when a field vetoes, else the
    cosine of their accumulated words."""
    fa, fb = store.features_of(a, {}), store.features_of(b, {})
    if not (is_general(fa.kind) or is_general(fb.kind)):
        return 0.0
    fields = structure(fa, fb, settings)
    if fields.vetoes:
        return 0.0
    words_a, idf_a = plain_words(text_bag(a_bag), idf)
    words_b, idf_b = plain_words(text_bag(b_bag), idf)
    return cosine(words_a, words_b, {**idf_b, **idf_a})


def consolidate(
    session: Session, settings: MatchSettings, claim_ids: Iterable[int]
) -> list[Merged]:
    """Fold together the claims among ``claim_ids`` (and those their words
    retrieve) that tell one story; a merged claim is looked at again, since
    its words grew. Never commits."""
    from tracker import corrections

    if settings.merge > 1.0:
        return []  # turned off
    # First, before anything is read: what follows is decided on what no
    # writer in flight can change.
    if not store.lock_consolidation(session):
        raise StoreBusy(
            "other writers kept the store busy; the claims are looked at again"
            " when next a mention joins them"
        )
    queue = sorted(set(claim_ids))
    done: list[Merged] = []
    n = store.count_claims(session)
    while queue:
        cid = queue.pop(0)
        rows = store.claim_feature_rows(session, [cid])
        if cid not in rows or not is_general(rows[cid].kind):
            # Folded meanwhile; or typed, then found from the general claims it may join.
            continue
        bag = store.claim_bags(session, [cid]).get(cid, {})
        df = store.document_frequencies(session, bag)
        # A term this claim alone holds finds nothing else: look up shared ones.
        shared = {term: w for term, w in bag.items() if df.get(term, 0) > 1}
        ids = store.candidate_ids(
            session,
            retrieval_terms(shared, df, general=True),
            limit=settings.max_candidates,
            exclude={cid},
        )
        if not ids:
            continue
        apart = store.worked_on_by_people(session, [cid, *ids])
        if cid in apart:
            continue
        others = store.claim_feature_rows(session, [i for i in ids if i not in apart])
        bags = store.claim_bags(session, list(others))
        words = {t for b in bags.values() for t in b if t not in df}
        df.update(store.document_frequencies(session, words))
        idf = idf_weights(df, n)
        scored = [
            (agreement(rows[cid], bag, row, bags.get(other, {}), idf, settings), -other, other)
            for other, row in others.items()
        ]
        best = max(scored, default=None)
        if best is None or best[0] < settings.merge:
            continue
        score, _, other = best
        into, old = min(cid, other), max(cid, other)
        corrections.merge(session, old, into, automatic=f"their words agree by {score:.2f}")
        done.append(Merged(old, into, round(score, 4)))
        queue.append(into)
    return done


def joined_claims(result: AddResult) -> set[int]:
    """The claims an added article's mentions joined (those worth a look)."""
    if result.outcome not in STORED_OUTCOMES:
        return set()
    return {m.claim_id for m in result.mentions if m.action == "linked"}


def after_run(database: Database, settings: Settings, claim_ids: Iterable[int]) -> list[Merged]:
    """Consolidate ``claim_ids`` (what a run of ``add`` joined, see
    :func:`joined_claims`) in one transaction of its own: committed whole, or
    undone whole if it fails (what the run added stays added)."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return []
    with database.session() as session:  # commits on success, undoes on error
        return consolidate(session, settings.match, claim_ids)
