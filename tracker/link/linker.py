"""The linker: one mention joins the best claim on record, or starts a new one.

Retrieval goes through the inverted index in :mod:`tracker.store`; scoring is
:mod:`tracker.link.score`; the choice :mod:`tracker.link.decision`. The linker
keeps what it has learnt of document frequencies, of the number of claims and of
the claims it has read (their features and term bags) in memory, counting its own
writes in, and drops them when the index's change counter says another writer
wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from tracker import store
from tracker.config import Settings
from tracker.link.decision import Candidate, LinkAction, choose, least_deciding
from tracker.link.features import (
    MAX_CLAIM_PARTIES,
    AmountValue,
    Features,
    amount_dict,
    amount_value,
    precision,
)
from tracker.link.kept import ArticleStamp, KeptTimelines
from tracker.link.keys import mention_terms, name_twins, retrieval_terms, text_bag
from tracker.link.naming import claim_key, claim_label
from tracker.link.score import (
    UNKNOWN_KIND,
    idf_weights,
    is_general,
    plain_words,
    structure,
    upper_bound,
    with_text,
)
from tracker.results import MentionResult
from tracker.status import Status

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.extract.types import ExtractedMention


V = TypeVar("V")


def _merge_names(old: Sequence[str], new: Sequence[str]) -> list[str]:
    out = list(old)
    for name in new:
        if name not in out:
            out.append(name)
    return out[:MAX_CLAIM_PARTIES]


class Linker:
    """Links mentions to claims within one session.

    The hot path speaks SQL Core on the session's connection (ORM objects cost
    more to build than the queries cost to run) and keeps document frequencies
    it has seen in memory, exact for as long as no other writer writes.
    """

    #: At most this many document frequencies are kept (memory stays flat).
    DF_CACHE_TERMS = 200_000
    #: At most this many claims' features and term bags are kept.
    CLAIM_CACHE = 20_000

    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self._n_claims: int | None = None
        self._df: dict[str, int] = {}
        #: Claims read for scoring, as the index holds them: a claim this linker
        #: writes leaves the cache, to be read again when next a candidate.
        self._features: dict[int, store.ClaimFeatures] = {}
        self._bags: dict[int, dict[str, float]] = {}
        #: Claims' cached states and timeline events, with the mentions this
        #: linker wrote added: re-deriving a claim it links to reads nothing.
        self.timelines = KeptTimelines(session)
        #: The transaction the caches were last checked in, and the index's
        #: change counter then (see :mod:`tracker.store.changes`).
        self._txn: object | None = None
        self._changes: int | None = None
        #: The counter after this linker's last index-writing commit.
        self._committed: int | None = None
        #: Called with each mention and its scored candidates before the
        #: decision (fitting the weights records them; None in normal use).
        self.observe: Callable[[ExtractedMention, list[Candidate]], None] | None = None

    def next_article(self, stamp: ArticleStamp | None = None) -> None:
        """Start linking an article's mentions; with its ``stamp``, the
        timelines of the claims they join are kept in memory (see
        :meth:`timeline`)."""
        self._sync()
        self.timelines.stamp = stamp
        if len(self._df) > self.DF_CACHE_TERMS:
            self._df.clear()
        if len(self._features) > self.CLAIM_CACHE or len(self._bags) > self.CLAIM_CACHE:
            self._features.clear()
            self._bags.clear()
        if len(self.timelines) > self.CLAIM_CACHE:
            self.timelines.clear()

    def timeline(self, claim_id: int) -> store.KnownTimeline:
        """A claim's cached state and timeline events (the mentions this
        linker just wrote included): from memory, else read once and kept."""
        return self.timelines.get(claim_id)

    def forget(self, claim_ids: Iterable[int]) -> None:
        """Claims written by another path than :meth:`link` (a syndicated copy's
        statements): read them again when next needed."""
        for cid in claim_ids:
            self.timelines.forget(cid)
            self._features.pop(cid, None)
            self._bags.pop(cid, None)

    def _sync(self) -> None:
        """Once per transaction, as it starts: drop what is cached of the index
        if another writer wrote it since this one last looked.

        What this linker writes itself it also counts in its caches, so after
        its own commits they are exact, and a single writer never reloads them.
        """
        txn = self.session.get_transaction()
        if txn is None:  # begin it: the counter is read inside
            self.session.connection()
            txn = self.session.get_transaction()
        if txn is self._txn:
            return
        self._txn = txn
        expected = self._changes
        committed = store.committed_changes(self.session)
        if committed is not None and committed != self._committed:
            # The last transaction wrote the index and moved the counter once:
            # by exactly one unless another writer moved it meanwhile (on
            # PostgreSQL transactions overlap).
            self._committed = committed
            expected = committed if expected is not None and committed == expected + 1 else None
        seen = store.index_changes(self.session)
        if seen != expected:
            self._df.clear()
            self._n_claims = None
            self._features.clear()
            self._bags.clear()
            self.timelines.clear()
        self._changes = seen

    def n_claims(self) -> int:
        # Counted once, then kept up to date by this linker's own new claims
        # (counting is a scan on some backends); another writer's claims drop it.
        if self._n_claims is None:
            self._n_claims = store.count_claims(self.session)
        return self._n_claims

    def note_new_claim(self) -> None:
        if self._n_claims is not None:
            self._n_claims += 1

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequencies, from the cache or one query for the rest.

        Only positive counts are cached (a term this linker indexes for the
        first time is read again when next needed).
        """
        terms = set(terms)
        missing = [t for t in terms if t not in self._df]
        if missing:
            self._df.update(
                {t: d for t, d in store.document_frequencies(self.session, missing).items() if d}
            )
        return {t: self._df.get(t, 0) for t in terms}

    def link(
        self, article_id: int, em: ExtractedMention, taken: set[int]
    ) -> tuple[int, MentionResult]:
        """Link one mention: join the best claim, or start a new one."""
        self._sync()
        session = self.session
        amount = amount_value(em.amount)
        general = is_general(em.kind)
        # A general claim's names are among its words (and its parties, read
        # from a headline's capitals, may be noise): no party terms of their own.
        named = () if general else em.parties
        terms = mention_terms(named, em.kind, amount, em.event_year, em.terms)
        feats = Features(em.parties, em.kind, amount, em.event_year, text_bag(terms))
        n = self.n_claims()
        # Each kind of claim looks the other's form of its names up too, so a
        # headline with no event word still finds the typed claim it names.
        twins = name_twins(terms, general=general)
        df = self.frequencies([*terms, *twins])
        ids = store.candidate_ids(
            session,
            retrieval_terms(terms, df, general=general, twins=twins),
            limit=self.settings.match.max_candidates,
            exclude=taken,
        )
        candidates: list[Candidate] = []
        rows: dict[int, store.ClaimFeatures] = {}
        bags: dict[int, dict[str, float]] = {}
        if ids:
            rows = self._claim_rows(ids)
            # A claim vetoed, or below the suggestion band even with identical
            # texts, can be neither linked, nor suggested, nor a runner-up
            # within the gap of a link, nor one that denies another the margin
            # rule: its bag is not loaded.
            m = self.settings.match
            partial = {
                cid: structure(feats, store.features_of(row, {}), m) for cid, row in rows.items()
            }
            hopeful = [
                cid for cid, p in partial.items() if upper_bound(p) >= least_deciding(p.mode, m)
            ]
            bags = self._claim_bags(hopeful)
            all_terms: set[str] = set(df)
            for bag in bags.values():
                all_terms.update(bag)
            idf = idf_weights(self.frequencies(all_terms), n)
            words = None
            if any(partial[cid].mode == "general" for cid in hopeful):
                words = plain_words(feats.bag, idf)  # the same for every candidate
            for cid in hopeful:
                feats_c = store.features_of(rows[cid], text_bag(bags[cid]))
                scored = with_text(partial[cid], feats, feats_c, idf, mention_words=words)
                candidates.append(Candidate(cid, scored))
        if self.observe is not None:
            self.observe(em, candidates)
        decision = choose(candidates, self.settings.match)

        if decision.action is LinkAction.LINK and decision.best is not None:
            claim_id = decision.best.claim_id
            row = rows[claim_id]
            claim_text = row.text
            known = bags.get(claim_id, {})
            link_score: float | None = decision.best.score.total
            explanation = decision.best.score.to_dict()
            if decision.margin:
                explanation["margin"] = True
                explanation["notes"] = [*decision.best.score.notes, decision.reason]
            self._absorb(row, em, amount)
            action = "linked"
        else:
            claim_text = claim_label(em.party_names, em.kind, amount, em.event_year, em.quote)
            claim_id = store.insert_claim(
                session,
                text=claim_text,
                key=claim_key(em.parties, em.kind, amount, em.terms),
                kind=em.kind,
                parties=list(em.parties)[:MAX_CLAIM_PARTIES],
                amount=amount,
                amount_text=em.amount.text if em.amount else None,
                event_year=em.event_year,
                status=em.status,
            )
            self.note_new_claim()
            known = {}
            link_score = None
            explanation = None
            action = "new"
        mention_id = store.insert_mention(
            session,
            article_id=article_id,
            claim_id=claim_id,
            status=em.status,
            quote=em.quote,
            span_start=em.start,
            span_end=em.end,
            cue=em.cue[:300] if em.cue else None,
            cue_kind=em.cue_kind,
            confidence=em.confidence,
            score=link_score,
            language=em.language,
            kind=em.kind,
            parties=list(em.parties),
            amount=amount_dict(em.amount),
            terms=list(em.terms),
            event_year=em.event_year,
            explanation=explanation,
        )
        self.timelines.note(claim_id, mention_id, article_id, em.status, new=action == "new")
        store.add_terms(session, claim_id, terms, known)
        self._bags.pop(claim_id, None)  # its weights moved: read it again when needed
        for term in terms:
            if term not in known and term in self._df:
                self._df[term] += 1
        suggestion = None
        if decision.suggestion is not None and decision.suggestion.claim_id != claim_id:
            other = decision.suggestion.claim_id
            if other not in store.rejected_claims(session, claim_id, None):
                store.insert_suggestion(
                    session,
                    mention_id=mention_id,
                    claim_id=other,
                    score=decision.suggestion.score.total,
                    explanation=decision.suggestion.score.to_dict(),
                )
                suggestion = {
                    "claim_id": other,
                    "score": round(decision.suggestion.score.total, 4),
                    "reason": decision.reason,
                }
        result = MentionResult(
            claim_id=claim_id,
            claim_text=claim_text,
            status=em.status,
            quote=em.quote,
            cue=em.cue,
            cue_kind=em.cue_kind,
            action=action,
            score=link_score,
            explanation=explanation,
            suggestion=suggestion,
        )
        return claim_id, result

    def _absorb(
        self, row: store.ClaimFeatures, em: ExtractedMention, amount: AmountValue | None
    ) -> None:
        """Let a claim learn from a new mention: parties, a more precise figure."""
        changes: dict[str, Any] = {}
        parties = _merge_names(row.parties, em.parties)
        if parties != list(row.parties):
            changes["parties"] = parties
        if (row.kind is None or row.kind == UNKNOWN_KIND) and em.kind not in (None, row.kind):
            changes["kind"] = em.kind
        if row.event_year is None and em.event_year:
            changes["event_year"] = em.event_year
        current = row.amount
        # A more precise figure, or a confirmed one that revises the figure on record.
        revised = (
            amount is not None
            and not amount.vague
            and em.status is Status.CONFIRMED
            and current is not None
            and current.value != amount.value
        )
        if amount is not None and (revised or precision(amount) > precision(current)):
            changes.update(
                amount_value=amount.value,
                amount_low=amount.low,
                amount_high=amount.high,
                currency=amount.currency,
                unit=amount.unit,
                amount_text=em.amount.text if em.amount else None,
            )
            relabeled = self._relabel(row, changes.get("kind", row.kind), amount)
            if relabeled:
                changes["text"] = relabeled
        if changes:
            store.update_claim(self.session, row.id, **changes)
            self._features.pop(row.id, None)

    def _claim_rows(self, ids: Sequence[int]) -> dict[int, store.ClaimFeatures]:
        """The live claims among ``ids``, in the order given."""
        return _read_through(
            self._features, ids, lambda m: store.claim_feature_rows(self.session, m)
        )

    def _claim_bags(self, ids: Sequence[int]) -> dict[int, dict[str, float]]:
        """Term bags of ``ids``."""
        return _read_through(self._bags, ids, lambda m: store.claim_bags(self.session, m))

    def _relabel(
        self, row: store.ClaimFeatures, kind: str | None, amount: AmountValue
    ) -> str | None:
        """A claim named by the tracker shows the figure it has learnt; a name
        a person gave it (``tracker rename``) is left alone."""
        if row.kind == UNKNOWN_KIND:
            return None  # named by its headline, not by parties and kind
        who, sep, _what = row.text.partition(": ")
        if not sep or store.was_renamed(self.session, row.id):
            return None
        label = claim_label([], kind, amount, row.event_year)
        return who + label[label.index(": ") :]


def _read_through(
    cache: dict[int, V], ids: Sequence[int], load: Callable[[list[int]], Mapping[int, V]]
) -> dict[int, V]:
    """``ids`` (in the order given, those found) from ``cache``, and one
    ``load`` of the rest, which the cache keeps."""
    missing = [cid for cid in ids if cid not in cache]
    if missing:
        cache.update(load(missing))
    return {cid: cache[cid] for cid in ids if cid in cache}


def order_mentions(mentions: Sequence[ExtractedMention]) -> list[ExtractedMention]:
    """Most specific first, so a precise figure claims its match before a vague echo."""
    return sorted(
        mentions,
        key=lambda m: (-precision(amount_value(m.amount)), -len(m.parties), m.start),
    )
