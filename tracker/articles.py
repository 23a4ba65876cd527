"""Articles as a whole: listing them, and retracting one (its statements then
count in no claim's timeline) or restoring it.

Each takes a Session and never commits. A retraction keeps every row: the
article and its mentions stay stored, so ``restore`` puts them back as they
were, and the same text added again is recognised (and said to be retracted)
instead of coming back silently.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker import corrections, store
from tracker.errors import TrackerError
from tracker.models import utcnow
from tracker.status import Status

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


# --------------------------------------------------------------------------- listing


def _folded(text: str) -> str:
    """Case and accents ignored: ``Échos`` and ``echos`` read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching_sources(names: Iterable[str], wanted: str) -> tuple[str, ...]:
    """The outlet names that contain ``wanted``, case and accents ignored. Pure."""
    needle = _folded(wanted.strip())
    return tuple(n for n in names if needle in _folded(n))


@dataclass
class ArticleListing:
    rows: list[store.ArticleRow]
    #: How many match when more than ``rows`` do (None: ``rows`` is all of them).
    total: int | None = None


def list_articles(
    session: Session,
    *,
    source: str | None = None,
    since: dt.date | None = None,
    claim_id: int | None = None,
    limit: int | None = None,
) -> ArticleListing:
    """Articles newest first, from outlets whose name contains ``source``, dated
    on or after ``since``, speaking of ``claim_id``; at most ``limit``."""
    sources = None
    if source is not None:
        sources = matching_sources(store.source_names(session), source)
    flt = store.ArticleFilter(sources=sources, since=since, claim_id=claim_id)
    rows = store.list_articles(session, flt, limit=limit)
    total = None
    if limit is not None and len(rows) == limit:
        total = store.count_articles(session, flt)
    return ArticleListing(rows, total)


# --------------------------------------------------------------------------- retraction


@dataclass
class ClaimChange:
    claim_id: int
    text: str
    before: Status | None
    after: Status | None
    #: False when no counted statement is left: the claim is off the lists.
    listed: bool = True


@dataclass
class Retraction:
    """What retracting (or restoring) an article did, for the CLI to print."""

    article_id: int
    message: str
    claims: list[ClaimChange] = field(default_factory=list)


def retract(session: Session, article_ref: str, *, note: str) -> Retraction:
    """Take an article's statements out of every claim: they count in no
    timeline, listing or export, the claims' statuses and dates are re-derived,
    and each claim's ledger says so (with ``note``)."""
    note = note.strip()
    if not note:
        raise TrackerError("say why the article is retracted (--note)")
    article = store.get_article(session, article_ref)
    if article.retracted_at is not None:
        raise TrackerError(
            f"article #{article.id} is already retracted "
            f"(since {article.retracted_at:%Y-%m-%d}: {article.retraction_note})"
        )
    store.set_retraction(session, article.id, utcnow(), note)
    changes = _rederive(session, article.id, "retract", note)
    return Retraction(article.id, f"retracted article #{article.id}", changes)


def restore(session: Session, article_ref: str, *, note: str | None = None) -> Retraction:
    """Count a retracted article's statements again, in every claim they sit in."""
    article = store.get_article(session, article_ref)
    if article.retracted_at is None:
        raise TrackerError(f"article #{article.id} is not retracted")
    store.set_retraction(session, article.id, None, None)
    changes = _rederive(session, article.id, "restore", note)
    return Retraction(article.id, f"restored article #{article.id}", changes)


def _rederive(
    session: Session, article_id: int, action: str, note: str | None
) -> list[ClaimChange]:
    """Rebuild the features, index and timeline of each claim the article speaks of."""
    changes = []
    why = f"article #{article_id} {'retracted' if action == 'retract' else 'restored'}"
    for claim_id in store.claims_of_article(session, article_id):
        claim = store.get_claim(session, claim_id)
        if claim is None:  # pragma: no cover - mentions always point at a claim
            continue
        store.record(session, claim_id, action, article_id=article_id, note=note)
        store.recompute_features(session, claim_id)
        before, after = corrections.refresh_claim(
            session, claim_id, cause_article_id=article_id, note=why
        )
        listed = store.cached_state(session, claim_id).last_seen is not None
        changes.append(ClaimChange(claim_id, claim.text, before, after, listed))
    store.close_moot_suggestions(session)
    return changes
