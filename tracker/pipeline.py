"""One article's way through the tracker: ingest -> extract -> match -> timeline.

:func:`add_article` runs inside the caller's transaction and never commits.
:func:`add_inputs` is the batch driver used by ``tracker add``: a savepoint per
article, so a bad input is undone alone, and commits (per article, or in short
groups in a parallel run) before an article is reported, so a crash loses only
articles not yet reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracker.config import Settings
from tracker.keys import mention_terms, retrieval_terms, text_bag
from tracker.match import (
    UNKNOWN_KIND,
    AmountValue,
    Candidate,
    Features,
    amount_from,
    decide,
    idf_weights,
    structure,
    upper_bound,
    with_text,
)
from tracker.status import Status

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker import store
    from tracker.db import Database
    from tracker.extract import Extraction
    from tracker.extract.types import Amount, ExtractedMention
    from tracker.ingest import ReadError
    from tracker.ingest.article import Article as InputArticle

MAX_PARTIES = 8


@dataclass
class MentionResult:
    """What became of one mention: which claim, how, and why."""

    claim_id: int
    claim_text: str
    status: Status
    quote: str
    cue: str | None
    cue_kind: str | None
    action: str  # "linked" | "new"
    score: float | None
    explanation: dict[str, Any] | None
    suggestion: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "claim": self.claim_text,
            "status": self.status.value,
            "quote": self.quote,
            "cue": self.cue,
            "cue_kind": self.cue_kind,
            "action": self.action,
            "score": None if self.score is None else round(self.score, 4),
            "suggestion": self.suggestion,
        }


@dataclass
class Transition:
    claim_id: int
    claim_text: str
    before: Status | None
    after: Status | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "claim": self.claim_text,
            "from": self.before.value if self.before else None,
            "to": self.after.value if self.after else None,
        }


@dataclass
class AddResult:
    """The outcome of one input: added, duplicate, revision, failed (or would-be, on dry run)."""

    input: str
    outcome: str
    article_id: int | None = None
    title: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    mentions: list[MentionResult] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    revision_of: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome != "failed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "outcome": self.outcome,
            "article_id": self.article_id,
            "title": self.title,
            "error": self.error,
            "warnings": list(self.warnings),
            "revision_of": self.revision_of,
            "mentions": [m.to_dict() for m in self.mentions],
            "transitions": [t.to_dict() for t in self.transitions],
        }


# --------------------------------------------------------------------------- helpers


def amount_value(amount: Amount | None) -> AmountValue | None:
    if amount is None:
        return None
    return amount_from(amount.value, amount.low, amount.high, amount.currency, amount.unit)


def amount_dict(amount: Amount | None) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {
        "value": amount.value,
        "low": amount.low,
        "high": amount.high,
        "currency": amount.currency,
        "unit": amount.unit,
        "text": amount.text,
    }


#: Longest name given to a claim taken from its sentence.
LABEL_CHARS = 90


def claim_label(
    party_names: Sequence[str],
    kind: str | None,
    amount: AmountValue | None,
    year: int | None,
    quote: str | None = None,
) -> str:
    """A short readable name for a new claim: ``Microsoft / OpenAI: investment, $10B``.

    A claim of no known kind of event (``event``) is named by its sentence.
    """
    from tracker.views import format_amount

    if kind == UNKNOWN_KIND and quote:
        text = " ".join(quote.split())
        if len(text) > LABEL_CHARS:
            text = text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"
        return text

    who = " / ".join(party_names[:3]) if party_names else "(unnamed parties)"
    what = (kind or "claim").replace("_", " ")
    parts = [what]
    if amount is not None:
        parts.append(format_amount(amount))
    label = f"{who}: {', '.join(parts)}"
    if year:
        label += f" ({year})"
    return label


def claim_key(
    parties: Sequence[str], kind: str | None, amount: AmountValue | None, words: Iterable[str]
) -> str:
    from tracker.keys import amount_term

    bits = [kind or "", " ".join(sorted(parties))]
    if amount is not None:
        bits.append(amount_term(amount) or f"{amount.dimension}:{amount.low:g}-{amount.high:g}")
    bits.append(" ".join(sorted(set(words))))
    return " | ".join(bits)


def _merge_names(old: Sequence[str], new: Sequence[str]) -> list[str]:
    out = list(old)
    for name in new:
        if name not in out:
            out.append(name)
    return out[:MAX_PARTIES]


def _precision(amount: AmountValue | None) -> int:
    if amount is None:
        return 0
    return 1 if amount.vague else 2


# --------------------------------------------------------------------------- linking


class Linker:
    """Links mentions to claims within one session.

    The hot path speaks SQL Core on the session's connection (ORM objects cost
    more to build than the queries cost to run) and keeps document frequencies
    it has seen in memory: IDF weights need estimates, not exact counts.
    """

    #: Forget cached frequencies after this many articles, so counts written by
    #: other processes are picked up.
    DF_CACHE_ARTICLES = 500

    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self._n_claims: int | None = None
        self._n_since = 0
        self._df: dict[str, int] = {}
        self._articles = 0

    def next_article(self) -> None:
        self._articles += 1
        if self._articles % self.DF_CACHE_ARTICLES == 0:
            self._df.clear()

    def n_claims(self) -> int:
        from tracker import store

        # Counting claims is a scan on some backends; IDF needs only an estimate.
        if self._n_claims is None or self._n_since >= 200:
            self._n_claims = store.count_claims(self.session)
            self._n_since = 0
        return self._n_claims

    def note_new_claim(self) -> None:
        if self._n_claims is not None:
            self._n_claims += 1
        self._n_since += 1

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequencies, from the cache or one query for the rest.

        Only positive counts are cached: a term unseen a moment ago may have
        been indexed since by another writer, and retrieval must find it.
        """
        from tracker import store

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
        from tracker import store

        session = self.session
        amount = amount_value(em.amount)
        terms = mention_terms(em.parties, em.kind, amount, em.event_year, em.terms)
        feats = Features(em.parties, em.kind, amount, em.event_year, text_bag(terms))
        n = self.n_claims()
        df = self.frequencies(terms)
        ids = store.candidate_ids(
            session,
            retrieval_terms(terms, df),
            limit=self.settings.match.max_candidates,
            exclude=taken,
        )
        candidates: list[Candidate] = []
        rows: dict[int, store.ClaimFeatures] = {}
        bags: dict[int, dict[str, float]] = {}
        if ids:
            rows = store.claim_feature_rows(session, ids)
            # A claim vetoed, or below the suggestion band even with identical
            # texts, can be neither linked, nor suggested, nor a runner-up
            # within the gap of a link: its bag is not loaded.
            m = self.settings.match
            floor = min(m.suggest, m.link - m.gap)
            partial = {
                cid: structure(feats, store.features_of(row, {})) for cid, row in rows.items()
            }
            hopeful = [cid for cid, p in partial.items() if upper_bound(p) >= floor]
            bags = store.claim_bags(session, hopeful)
            all_terms: set[str] = set(df)
            for bag in bags.values():
                all_terms.update(bag)
            idf = idf_weights(self.frequencies(all_terms), n)
            for cid in hopeful:
                feats_c = store.features_of(rows[cid], text_bag(bags[cid]))
                candidates.append(Candidate(cid, with_text(partial[cid], feats, feats_c, idf)))
        decision = decide(candidates, self.settings.match)

        if decision.action == "link" and decision.best is not None:
            claim_id = decision.best.claim_id
            row = rows[claim_id]
            claim_text = row.text
            known = bags.get(claim_id, {})
            link_score: float | None = decision.best.score.total
            explanation = decision.best.score.to_dict()
            self._absorb(row, em, amount)
            action = "linked"
        else:
            claim_text = claim_label(em.party_names, em.kind, amount, em.event_year, em.quote)
            claim_id = store.insert_claim(
                session,
                text=claim_text,
                key=claim_key(em.parties, em.kind, amount, em.terms),
                kind=em.kind,
                parties=list(em.parties)[:MAX_PARTIES],
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
        store.add_terms(session, claim_id, terms, known)
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
        from tracker import store

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
        if amount is not None and (revised or _precision(amount) > _precision(current)):
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

    def _relabel(
        self, row: store.ClaimFeatures, kind: str | None, amount: AmountValue
    ) -> str | None:
        """A claim named by the tracker shows the figure it has learnt; a name
        a person gave it (``tracker rename``) is left alone."""
        from tracker import store

        if row.kind == UNKNOWN_KIND:
            return None  # named by its headline, not by parties and kind
        who, sep, _what = row.text.partition(": ")
        if not sep or store.was_renamed(self.session, row.id):
            return None
        label = claim_label([], kind, amount, row.event_year)
        return who + label[label.index(": ") :]


def _order(mentions: Sequence[ExtractedMention]) -> list[ExtractedMention]:
    """Most specific first, so a precise figure claims its match before a vague echo."""
    return sorted(
        mentions,
        key=lambda m: (-_precision(amount_value(m.amount)), -len(m.parties), m.start),
    )


def extract_article(article: InputArticle) -> Extraction:
    """The claims an article makes. Pure: run it before the write transaction
    begins, so other writers are not kept waiting while text is analysed."""
    from tracker.extract import extract

    return extract(
        article.body,
        title=article.title,
        language=article.language,
        reference_year=article.published.year if article.published else None,
    )


def lock_keys(extraction: Extraction) -> list[int]:
    """Advisory lock keys for the claims an article may create or join: one per
    principal party (one shared key for mentions without parties)."""
    import zlib

    keys = set()
    for em in extraction.mentions:
        parties = em.parties[:2] or ("",)
        keys.update(zlib.crc32(p.encode("utf-8")) for p in parties)
    return sorted(keys)


def _lock_claims(session: Session, extraction: Extraction) -> None:
    """Close the claim-creation race between concurrent writers.

    SQLite needs nothing: every write transaction begins IMMEDIATE, so writers
    take turns. PostgreSQL takes transaction-scoped advisory locks on the
    article's parties, in sorted order (no deadlock), so two processes adding
    news of the same new claim cannot both create it.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for key in lock_keys(extraction):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def add_article(
    session: Session,
    article: InputArticle,
    settings: Settings,
    *,
    linker: Linker | None = None,
    extraction: Extraction | None = None,
) -> AddResult:
    """Store one article, link its mentions, re-derive the timelines it touches.

    Runs in the caller's transaction; never commits. Adding the same text again
    is a no-op that names the article already stored.
    """
    from tracker import store
    from tracker.ingest import content_hash
    from tracker.models import Article

    label = _input_label(article)
    digest = content_hash(article)
    extraction = extraction if extraction is not None else extract_article(article)
    _lock_claims(session, extraction)

    def duplicate(existing: Article) -> AddResult:
        return AddResult(
            label,
            "duplicate",
            article_id=existing.id,
            title=existing.title,
            warnings=list(article.warnings),
        )

    existing = store.article_by_hash(session, digest)
    if existing is not None:
        return duplicate(existing)
    revision_of = None
    if article.url:
        previous = store.latest_by_url(session, article.url)
        if previous is not None:
            revision_of = previous.id
    article_id = store.insert_article(
        session,
        content_hash=digest,
        title=article.title,
        body=article.body,
        source=article.source,
        url=article.url,
        language=article.language,
        external_id=article.external_id,
        published=article.published,
        date_precision=article.precision,
        path=article.path,
        location=article.location,
        revision_of_id=revision_of,
    )
    if article_id is None:
        # Another process stored the same text since we looked: a duplicate.
        existing = store.article_by_hash(session, digest)
        if existing is None:  # the conflict was on this very hash: cannot happen
            raise RuntimeError("article insert conflicted but no article has its hash")
        return duplicate(existing)
    result = AddResult(
        label,
        "revision" if revision_of else "added",
        article_id=article_id,
        title=article.title,
        warnings=list(article.warnings),
        revision_of=revision_of,
    )
    linker = linker or Linker(session, settings)
    linker.next_article()
    taken: set[int] = set()
    texts: dict[int, str] = {}
    for em in _order(extraction.mentions):
        claim_id, mres = linker.link(article_id, em, taken)
        taken.add(claim_id)
        texts[claim_id] = mres.claim_text
        result.mentions.append(mres)
    result.mentions.sort(key=lambda m: _position(extraction.text, m.quote))
    for claim_id in taken:
        before, after = store.refresh_claim(session, claim_id, cause_article_id=article_id)
        if before != after:
            result.transitions.append(Transition(claim_id, texts[claim_id], before, after))
    result.transitions.sort(key=lambda t: t.claim_id)
    return result


def _position(text: str, quote: str) -> int:
    at = text.find(quote) if quote else -1
    return at if at >= 0 else len(text)


def _input_label(article: InputArticle) -> str:
    where = article.path or "<stdin>"
    if article.external_id:
        return f"{where}#{article.external_id}"
    if article.location:
        return f"{where} ({article.location})"
    return where


# --------------------------------------------------------------------------- batches


@dataclass
class BatchSummary:
    added: int = 0
    duplicates: int = 0
    revisions: int = 0
    failed: int = 0
    claims_new: int = 0
    claims_updated: int = 0

    def count(self, result: AddResult) -> None:
        if result.outcome in ("added", "would add"):
            self.added += 1
        elif result.outcome in ("revision", "would revise"):
            self.added += 1
            self.revisions += 1
        elif result.outcome == "duplicate":
            self.duplicates += 1
        elif result.outcome == "failed":
            self.failed += 1
        for m in result.mentions:
            if m.action == "new":
                self.claims_new += 1
            else:
                self.claims_updated += 1

    def line(self, dry_run: bool = False) -> str:
        verb = "would add" if dry_run else "added"
        parts = [f"{verb} {self.added}"]
        if self.revisions:
            parts[0] += f" ({self.revisions} revisions)"
        parts += [
            f"{self.duplicates} duplicate{'s' if self.duplicates != 1 else ''}",
            f"{self.failed} failed",
            f"claims: {self.claims_new} new, {self.claims_updated} updated",
        ]
        return ", ".join(parts)


#: In a parallel run, a transaction takes up to this many articles, or this
#: many seconds, whichever comes first; it also ends whenever the next article
#: is not ready yet. Bounds what a crash can lose and how long other writers wait.
GROUP_ARTICLES = 100
GROUP_SECONDS = 0.25


def add_inputs(
    database: Database,
    items: Iterable[InputArticle | ReadError],
    settings: Settings,
    *,
    dry_run: bool = False,
    on_result: Callable[[AddResult], None] | None = None,
    prepare: Callable[[InputArticle], InputArticle] | None = None,
    workers: int | None = 0,
) -> Iterator[AddResult]:
    """Add a stream of articles (all rolled back on dry run).

    A read error or a failing article yields a ``failed`` result and the batch
    goes on; what was added before stays added. Each article is written in its
    own savepoint, so a failure undoes that article only.

    ``workers`` worker processes extract the articles of a long batch while
    this process links and writes them (``None``: as many as the machine has
    spare cores; 0: none). Results come in input order either way. Without
    workers every article is committed on its own; with workers, articles
    are committed in groups (:data:`GROUP_ARTICLES`, :data:`GROUP_SECONDS`, or
    whenever the workers have nothing ready) and a result is yielded only once
    its group is committed. On PostgreSQL every article is its own transaction.
    """
    import time

    from sqlalchemy.orm import Session

    from tracker.workers import ExtractStream, auto_workers, describe_error

    stream = ExtractStream(
        items, prepare=prepare, workers=auto_workers() if workers is None else workers
    )
    grouping = database.engine.dialect.name == "sqlite" and not dry_run
    session = Session(database.engine, expire_on_commit=False)
    linker = Linker(session, settings)
    pending: list[AddResult] = []
    opened = 0.0

    def flush() -> Iterator[AddResult]:
        nonlocal linker
        if not pending:
            return
        try:
            session.commit()
        except Exception as exc:
            # Nothing of this group is stored: say so for each of its articles.
            session.rollback()
            linker = Linker(session, settings)
            error = f"not stored, the write failed: {describe_error(exc)}"
            lost = {r.article_id for r in pending if r.outcome in ("added", "revision")}
            for r in pending:
                if r.outcome in ("added", "revision") or (
                    r.outcome == "duplicate" and r.article_id in lost
                ):
                    r.outcome, r.error, r.article_id = "failed", error, None
                    r.mentions, r.transitions = [], []
        yield from report()

    def report() -> Iterator[AddResult]:
        done = pending[:]
        pending.clear()
        for r in done:
            if on_result is not None:
                on_result(r)
            yield r

    try:
        for p in stream:
            if p.article is None or p.error is not None or p.extraction is None:
                label = p.label or _input_label(p.article or p.item)  # type: ignore[arg-type]
                result = AddResult(label, "failed", error=p.error or "no text to read")
            else:
                savepoint = None
                try:
                    if not pending:
                        opened = time.monotonic()
                    savepoint = session.begin_nested()
                    result = add_article(
                        session, p.article, settings, linker=linker, extraction=p.extraction
                    )
                    savepoint.commit()
                    if dry_run:
                        result.outcome = {"added": "would add", "revision": "would revise"}.get(
                            result.outcome, result.outcome
                        )
                except Exception as exc:
                    if savepoint is not None and savepoint.is_active:
                        savepoint.rollback()
                    result = AddResult(_input_label(p.article), "failed", error=describe_error(exc))
                    linker = Linker(session, settings)
            pending.append(result)
            if dry_run:
                # Nothing is committed: later articles still see what earlier
                # ones would have linked, and the whole batch is rolled back.
                yield from report()
            elif (
                not grouping
                or not stream.parallel
                or len(pending) >= GROUP_ARTICLES
                or time.monotonic() - opened >= GROUP_SECONDS
                or not stream.ready()
            ):
                yield from flush()
        yield from flush()
    finally:
        stream.close()
        session.rollback()
        session.close()
