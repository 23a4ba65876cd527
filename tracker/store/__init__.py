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
* :mod:`.checks`: the queries behind ``tracker db check``
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.store.articles import (
    ArticleRef,
    add_mention,
    article_by_hash,
    article_origins,
    delete_mention,
    get_article,
    get_mention,
    has_mentions,
    insert_article,
    insert_mention,
    latest_by_url,
    mention_export_rows,
    mention_links,
    mentions_of_article,
    mentions_of_claim,
    move_mention,
    other_mention_in,
)
from tracker.store.checks import (
    count_listed_without_mentions,
    count_mentions_on_merged,
    count_orphan_mentions,
    live_claims_with_mentions,
    recorded_frequencies,
    set_frequencies,
    sqlite_checks,
    term_claim_counts,
    unlist_claims_without_mentions,
)
from tracker.store.claims import (
    ClaimFeatures,
    add_claim,
    claim_amount,
    claim_feature_rows,
    claim_statuses,
    count_claims,
    features_of,
    follow_merges,
    get_claim,
    insert_claim,
    learn_from_mentions,
    live,
    recompute_features,
    resolve_claim,
    retire_claim,
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
    claim_seen,
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
from tracker.store.suggestions import (
    add_rejection,
    close_moot_suggestions,
    close_suggestions_to,
    get_suggestion,
    insert_suggestion,
    pending_suggestions,
    rejected_claims,
    rejections_of,
)

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
    "add_claim",
    "add_mention",
    "add_rejection",
    "add_terms",
    "article_by_hash",
    "article_origins",
    "cached_state",
    "candidate_ids",
    "claim_amount",
    "claim_bags",
    "claim_feature_rows",
    "claim_rows",
    "claim_seen",
    "claim_statuses",
    "claim_timeline",
    "clear_terms",
    "close_moot_suggestions",
    "close_suggestions_to",
    "count_claims",
    "count_listed_without_mentions",
    "count_matching",
    "count_mentions_on_merged",
    "count_orphan_mentions",
    "counts",
    "delete_mention",
    "document_frequencies",
    "features_of",
    "follow_merges",
    "get_article",
    "get_claim",
    "get_mention",
    "get_suggestion",
    "has_mentions",
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
    "live_claims_with_mentions",
    "mention_export_rows",
    "mention_links",
    "mentions_of_article",
    "mentions_of_claim",
    "move_mention",
    "other_mention_in",
    "pending_suggestions",
    "recompute_features",
    "record",
    "record_status_change",
    "recorded_frequencies",
    "refresh_claim",
    "rejected_claims",
    "rejections_of",
    "resolve_claim",
    "retire_claim",
    "search_claims",
    "set_frequencies",
    "sqlite_checks",
    "term_claim_counts",
    "timeline_events",
    "unlist_claims_without_mentions",
    "update_claim",
    "was_renamed",
]
