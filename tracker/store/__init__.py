"""Queries and writes: the only place with SQL. Every function takes a Session
and never commits: the caller owns the transaction.

The face: every public name of the store's modules is re-exported here, so
callers write ``from tracker import store`` and ``store.article_by_hash(...)``.

* :mod:`.articles`: articles, and the mentions they hold
* :mod:`.article_listing`: listings of articles with the claims they speak of
* :mod:`.index`: claim terms, document frequencies, candidate retrieval
* :mod:`.changes`: the counter that tells a writer another one wrote the index
* :mod:`.claims`: claim features, claim writes, finding a claim by id or text
* :mod:`.listing`: listings of claims with their counts
* :mod:`.ledger`: the ledger, and a claim's timeline read from the database
* :mod:`.records`: the statements of many claims at once (outlets' records, reports)
* :mod:`.suggestions`: suggestions for review, and rejected pairs
* :mod:`.checks`: the queries behind ``tracker db check``
* :mod:`.watched`: what ``tracker watch`` last saw of each URL and file
"""

from __future__ import annotations

from tracker.store._sql import savepoint
from tracker.store.article_listing import (
    ArticleFilter,
    ArticleRow,
    article_rows,
    count_articles,
    list_articles,
    source_names,
)
from tracker.store.articles import (
    ArticleRef,
    add_mention,
    article_by_hash,
    article_origins,
    claims_of_article,
    copy_mentions,
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
    set_retraction,
)
from tracker.store.changes import committed_changes, index_changes, note_index_write
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
from tracker.store.records import claim_timelines, rumour_sources, statement_events
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
from tracker.store.watched import WatchState, record_watched, watch_key, watched_states

__all__ = [
    "ROW_CHUNK",
    "ArticleFilter",
    "ArticleRef",
    "ArticleRow",
    "CachedState",
    "ClaimFeatures",
    "ClaimFilter",
    "ClaimRow",
    "ClaimTimeline",
    "WatchState",
    "add_claim",
    "add_mention",
    "add_rejection",
    "add_terms",
    "article_by_hash",
    "article_origins",
    "article_rows",
    "cached_state",
    "candidate_ids",
    "claim_amount",
    "claim_bags",
    "claim_feature_rows",
    "claim_rows",
    "claim_seen",
    "claim_statuses",
    "claim_timeline",
    "claim_timelines",
    "claims_of_article",
    "clear_terms",
    "close_moot_suggestions",
    "close_suggestions_to",
    "committed_changes",
    "copy_mentions",
    "count_articles",
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
    "index_changes",
    "insert_article",
    "insert_claim",
    "insert_mention",
    "insert_or_increment_df",
    "insert_suggestion",
    "latest_by_url",
    "learn_from_mentions",
    "ledger",
    "list_articles",
    "list_claims",
    "live",
    "live_claims_with_mentions",
    "mention_export_rows",
    "mention_links",
    "mentions_of_article",
    "mentions_of_claim",
    "move_mention",
    "note_index_write",
    "other_mention_in",
    "pending_suggestions",
    "recompute_features",
    "record",
    "record_status_change",
    "record_watched",
    "recorded_frequencies",
    "rejected_claims",
    "rejections_of",
    "resolve_claim",
    "retire_claim",
    "rumour_sources",
    "savepoint",
    "search_claims",
    "set_frequencies",
    "set_retraction",
    "source_names",
    "sqlite_checks",
    "statement_events",
    "term_claim_counts",
    "timeline_events",
    "unlist_claims_without_mentions",
    "update_claim",
    "was_renamed",
    "watch_key",
    "watched_states",
]
