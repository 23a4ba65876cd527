"""One article's way through the tracker: ingest -> extract -> link -> timeline -> store.

:func:`add_article` runs inside the caller's transaction and never commits.
:func:`add_inputs` is the batch driver used by ``tracker add``: a bad input is
undone alone, and articles are committed (one by one, or in short groups in a
parallel run) before they are reported, so a crash loses only unreported ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from tracker import corrections, store
from tracker.config import Settings
from tracker.link.kept import ArticleStamp
from tracker.link.linker import Linker, order_mentions
from tracker.models import sort_date_of, utcnow
from tracker.results import (
    DRY_RUN_OUTCOMES,
    STORED_OUTCOMES,
    AddResult,
    BatchSummary,
    MentionResult,
    Outcome,
    Transition,
    many_claims_warning,
)
from tracker.workers import ExtractStream, auto_workers, describe_error, extract_article

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.db import Database
    from tracker.extract import Extraction
    from tracker.ingest import ReadError
    from tracker.ingest.article import Article as InputArticle

__all__ = [
    "AddResult",
    "BatchSummary",
    "Linker",
    "MentionResult",
    "Outcome",
    "Transition",
    "add_article",
    "add_inputs",
    "extract_article",
    "lock_keys",
]


def lock_keys(extraction: Extraction) -> list[int]:
    """Advisory lock keys for the claims an article may create or join: one per
    principal party (one shared key for mentions without parties)."""
    import zlib

    keys: set[int] = set()
    for em in extraction.mentions:
        parties = em.parties[:2] or ("",)
        keys.update(zlib.crc32(p.encode("utf-8")) for p in parties)
    return sorted(keys)


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
    from tracker.ingest import content_hash

    label = _input_label(article)
    digest = content_hash(article)
    extraction = extraction if extraction is not None else extract_article(article)
    store.lock_claims(session, lock_keys(extraction))

    existing = store.article_by_hash(session, digest)
    if existing is not None:
        if not _another_appearance(existing, article):
            return _duplicate(label, article, existing)
        return _add_syndicated(session, article, existing, label, digest, linker)
    revision_of = None
    if article.url:
        previous = store.latest_by_url(session, article.url)
        if previous is not None:
            revision_of = previous.id
    added_at = utcnow()
    article_id = _insert(session, article, digest, revision_of_id=revision_of, added_at=added_at)
    if article_id is None:
        # Another process stored the same text since we looked: a duplicate.
        return _duplicate(label, article, _stored_meanwhile(session, digest))
    result = AddResult(
        label,
        Outcome.REVISION if revision_of else Outcome.ADDED,
        article_id=article_id,
        title=article.title,
        warnings=list(article.warnings),
        revision_of=revision_of,
        path=article.path,
    )
    if (warning := many_claims_warning(len(extraction.mentions))) is not None:
        result.warnings.append(warning)
    linker = linker or Linker(session, settings)
    linker.next_article(
        ArticleStamp(
            article_id,
            sort_date_of(article.published, article.precision, added_at),
            added_at,
            dated=article.published is not None,
            source=article.source,
        )
    )
    taken: set[int] = set()
    texts: dict[int, str] = {}
    linked: list[tuple[int, MentionResult]] = []
    for em in order_mentions(extraction.mentions):
        claim_id, mres = linker.link(article_id, em, taken)
        taken.add(claim_id)
        texts[claim_id] = mres.claim_text
        linked.append((em.start, mres))
    # In the article's order (a stable sort: mentions of one sentence keep theirs).
    result.mentions.extend(m for _, m in sorted(linked, key=lambda pair: pair[0]))
    for claim_id in taken:
        before, after = corrections.refresh_claim(
            session, claim_id, cause_article_id=article_id, known=linker.timeline(claim_id)
        )
        if before != after:
            result.transitions.append(Transition(claim_id, texts[claim_id], before, after))
    result.transitions.sort(key=lambda t: t.claim_id)
    return result


def _insert(session: Session, article: InputArticle, digest: str, **links: Any) -> int | None:
    """Store ``article`` under ``digest``; None when that hash is taken."""
    return store.insert_article(
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
        **links,
    )


def _another_appearance(existing: store.ArticleRef, article: InputArticle) -> bool:
    """The same text from another outlet, or at another address: a syndicated
    copy. The same text again from the same outlet and address (or with none
    given) is the same article."""
    other_source = bool(article.source) and _folded(article.source) != _folded(existing.source)
    other_url = bool(article.url) and bool(existing.url) and article.url != existing.url
    return other_source or other_url


def _folded(name: str | None) -> str:
    from tracker.extract.text import fold

    return " ".join(fold(name or "").split())


def _appearance_hash(digest: str, article: InputArticle) -> str:
    import hashlib

    key = "\n".join((digest, _folded(article.source), article.url or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _duplicate(label: str, article: InputArticle, existing: store.ArticleRef) -> AddResult:
    """The result of adding a text already stored as ``existing``: nothing is written."""
    return AddResult(
        label,
        Outcome.DUPLICATE,
        article_id=existing.id,
        title=existing.title,
        warnings=list(article.warnings),
        retracted=existing.retracted_at is not None,
        path=article.path,
    )


def _stored_meanwhile(session: Session, digest: str) -> store.ArticleRef:
    """The article another writer stored under ``digest`` after we looked (an
    insert that conflicted on this very hash)."""
    stored = store.article_by_hash(session, digest)
    if stored is None:  # the conflict was on this very hash: cannot happen
        raise RuntimeError("article insert conflicted but no article has its hash")
    return stored


def _add_syndicated(
    session: Session,
    article: InputArticle,
    existing: store.ArticleRef,
    label: str,
    digest: str,
    linker: Linker | None,
) -> AddResult:
    """Store another appearance of an article's text (``digest``): a row of its
    own (its outlet, address and date) with the first appearance's statements."""
    first = existing.syndicated_of_id or existing.id
    appearance = _appearance_hash(digest, article)
    again = store.article_by_hash(session, appearance)
    if again is not None:  # this very copy, added before
        return _duplicate(label, article, again)
    copy_id = _insert(session, article, appearance, syndicated_of_id=first)
    if copy_id is None:  # another writer stored this copy meanwhile
        return _duplicate(label, article, _stored_meanwhile(session, appearance))
    result = AddResult(
        label,
        Outcome.SYNDICATED,
        article_id=copy_id,
        title=article.title,
        warnings=list(article.warnings),
        syndicated_of=first,
        path=article.path,
    )
    claim_ids = store.copy_mentions(session, first, copy_id)
    if linker is not None:
        linker.forget(claim_ids)  # they gained statements behind its back
    for claim_id in claim_ids:
        before, after = corrections.refresh_claim(session, claim_id, cause_article_id=copy_id)
        if before != after:
            claim = store.get_claim(session, claim_id)
            text = claim.text if claim is not None else f"#{claim_id}"
            result.transitions.append(Transition(claim_id, text, before, after))
    return result


def _input_label(article: InputArticle) -> str:
    where = article.path or "<stdin>"
    if article.external_id:
        return f"{where}#{article.external_id}"
    if article.location:
        return f"{where} ({article.location})"
    return where


# --------------------------------------------------------------------------- batches


#: In a parallel run, a transaction takes up to this many articles, or this
#: many seconds, whichever comes first; it also ends whenever the next article
#: is not ready yet. Bounds what a crash can lose and how long other writers wait.
GROUP_ARTICLES = 100
#: An article whose writes lost a deadlock (or a serialization conflict) to
#: another writer is undone and tried again this many times.
TRANSIENT_RETRIES = 3
#: PostgreSQL's codes for a deadlock and a serialization failure.
_TRANSIENT_CODES = frozenset({"40P01", "40001"})


def _transient(exc: BaseException) -> bool:
    """A conflict between concurrent writers, which trying again resolves."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        return False
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in _TRANSIENT_CODES


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
    goes on; what was added before stays added. A failure undoes that article
    only (its savepoint, or its own transaction).

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
            lost = {r.article_id for r in pending if r.outcome in STORED_OUTCOMES}
            for r in pending:
                if r.outcome in STORED_OUTCOMES or (
                    r.outcome is Outcome.DUPLICATE and r.article_id in lost
                ):
                    r.outcome, r.error, r.article_id = Outcome.FAILED, error, None
                    r.mentions, r.transitions = [], []
                    r.write_failed = True
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
                # Only a read error is no article, and it comes with its label.
                label = p.label or _input_label(p.article or cast("InputArticle", p.item))
                result = AddResult(
                    label,
                    Outcome.FAILED,
                    error=p.error or "no text to read",
                    path=getattr(p.article or p.item, "path", None),
                )
            else:
                if not pending:
                    opened = time.monotonic()
                # Committed on its own, an article needs no savepoint.
                alone = not (dry_run or pending) and (not grouping or not stream.parallel)
                for attempt in range(1 + TRANSIENT_RETRIES):
                    try:
                        with store.undone_on_error(session, whole=alone):
                            result = add_article(
                                session, p.article, settings, linker=linker, extraction=p.extraction
                            )
                        if dry_run:
                            result.outcome = DRY_RUN_OUTCOMES.get(result.outcome, result.outcome)
                        break
                    except Exception as exc:
                        # What the linker kept may hold the undone writes: start afresh.
                        linker = Linker(session, settings)
                        if attempt < TRANSIENT_RETRIES and _transient(exc):
                            continue  # a deadlock victim: its writes are undone, try again
                        result = AddResult(
                            _input_label(p.article),
                            Outcome.FAILED,
                            error=describe_error(exc),
                            path=p.article.path,
                            write_failed=True,
                        )
                        break
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
