"""Re-deriving a claim's cached status and dates from its timeline, and the
rule of what the ledger records when the status moves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker import store, timeline
from tracker.status import Status

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def refresh_claim(
    session: Session,
    claim_id: int,
    *,
    cause_article_id: int | None = None,
    note: str | None = None,
    known: store.KnownTimeline | None = None,
) -> tuple[Status | None, Status | None]:
    """Re-derive a claim's cached status and dates from its timeline.

    A change of status is appended to the ledger (who: auto) with the article
    that caused it. Returns ``(before, after)``.

    ``known`` is what the caller already knows of the claim (its cached state
    and every event of its timeline, those it just wrote included): nothing is
    read, and ``known.state`` is brought up to date. Without it both are read.
    """
    if known is None:
        known = store.known_timeline(session, claim_id)
    current = known.state
    tl = timeline.derive(known.events)
    before = current.status if current.first_seen is not None else None
    after = tl.status
    first, last = tl.seen
    changes: dict[str, Any] = {}
    if (first, last) != (current.first_seen, current.last_seen):
        changes["first_seen"], changes["last_seen"] = first, last
    if after is not None and after != current.status:
        changes["status"] = after
    if changes:
        store.update_claim(session, claim_id, **changes)
        known.state = store.CachedState(changes.get("status", current.status), first, last)
    if after is not None and after != before:
        # The step that produced the final status names the article that caused it.
        cause = cause_article_id
        for step in reversed(tl.steps):
            if step.transition is not None:
                cause = step.event.article_id or cause
                break
        store.record_status_change(session, claim_id, before, after, article_id=cause, note=note)
    return before, after
