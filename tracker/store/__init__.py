"""Queries and writes: the only place with SQL. Every function takes a Session
and never commits: the caller owns the transaction.

The face: every public name of the store's modules is re-exported here, so
callers write ``from tracker import store`` and ``store.article_by_hash(...)``.

* :mod:`.articles`: articles, and the mentions they hold
* :mod:`.index`: claim terms, document frequencies, candidate retrieval
* :mod:`.claims`: claim features, claim writes, finding a claim by id or text
* :mod:`.listing`: listings of claims with their counts
* :mod:`.ledger`: the ledger, and a claim's timeline read from the database
* :mod:`.suggestions`: suggestions for review, and rejected pairs
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.store.articles import (
    ArticleRef,
    article_by_hash,
    get_article,
    insert_article,
    insert_mention,
    latest_by_url,
    mentions_of_article,
)
from tracker.store.claims import (
    ClaimFeatures,
    claim_amount,
    claim_feature_rows,
    count_claims,
    features_of,
    insert_claim,
    learn_from_mentions,
    live,
    recompute_features,
    resolve_claim,
    search_claims,
    update_claim,
)
from tracker.store.index import (
    add_terms,
    candidate_ids,
    claim_bags,
    clear_terms,
    document_frequencies,
    insert_or_increment_df,
)
from tracker.store.ledger import (
    CachedState,
    ClaimTimeline,
    cached_state,
    claim_timeline,
    ledger,
    record,
    record_status_change,
    timeline_events,
    was_renamed,
)
from tracker.store.listing import (
    ROW_CHUNK,
    ClaimFilter,
    ClaimRow,
    claim_rows,
    count_matching,
    counts,
    list_claims,
)
from tracker.store.suggestions import insert_suggestion, pending_suggestions, rejected_claims

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.status import Status


def refresh_claim(
    session: Session,
    claim_id: int,
    *,
    cause_article_id: int | None = None,
    note: str | None = None,
) -> tuple[Status | None, Status | None]:
    """Re-derive a claim's cached status and dates; see
    :func:`tracker.corrections.refresh_claim`, where the rule of what the ledger
    records lives. Kept on the face for the callers that reach it here."""
    from tracker.corrections import refresh_claim as refresh

    return refresh(session, claim_id, cause_article_id=cause_article_id, note=note)


__all__ = [
    "ROW_CHUNK",
    "ArticleRef",
    "CachedState",
    "ClaimFeatures",
    "ClaimFilter",
    "ClaimRow",
    "ClaimTimeline",
    "add_terms",
    "article_by_hash",
    "cached_state",
    "candidate_ids",
    "claim_amount",
    "claim_bags",
    "claim_feature_rows",
    "claim_rows",
    "claim_timeline",
    "clear_terms",
    "count_claims",
    "count_matching",
    "counts",
    "document_frequencies",
    "features_of",
    "get_article",
    "insert_article",
    "insert_claim",
    "insert_mention",
    "insert_or_increment_df",
    "insert_suggestion",
    "latest_by_url",
    "learn_from_mentions",
    "ledger",
    "list_claims",
    "live",
    "mentions_of_article",
    "pending_suggestions",
    "recompute_features",
    "record",
    "record_status_change",
    "refresh_claim",
    "rejected_claims",
    "resolve_claim",
    "search_claims",
    "timeline_events",
    "update_claim",
    "was_renamed",
]
