"""The ledger (append-only: status changes and corrections) and the timeline
read from a claim's mentions and manual statuses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from tracker import timeline
from tracker.errors import NotFound
from tracker.models import Actor, Claim, LedgerEntry, Mention, utcnow
from tracker.status import Status
from tracker.store import _sql as t
from tracker.store.changes import note_index_write

_events_of = t.prebuilt(
    lambda: (
        select(
            t.mentions.c.id,
            t.mentions.c.status,
            t.mentions.c.article_id,
            t.articles.c.published,
            t.articles.c.sort_date,
            t.articles.c.added_at,
            t.articles.c.source,
        )
        .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
        # A retracted article's statements count in no timeline.
        .where(t.mentions.c.claim_id == bindparam("cid"), t.articles.c.retracted_at.is_(None))
    )
)
_manual_of = t.prebuilt(
    lambda: select(t.ledger.c.id, t.ledger.c.to_status, t.ledger.c.effective, t.ledger.c.at).where(
        t.ledger.c.claim_id == bindparam("cid"),
        t.ledger.c.action == "set-status",
        t.ledger.c.to_status.is_not(None),
    )
)
_cached_status = t.prebuilt(
    lambda: select(t.claims.c.status, t.claims.c.first_seen, t.claims.c.last_seen).where(
        t.claims.c.id == bindparam("cid")
    )
)
_renamed = t.prebuilt(
    lambda: (
        select(t.ledger.c.id)
        .where(t.ledger.c.claim_id == bindparam("cid"), t.ledger.c.action == "rename")
        .limit(1)
    )
)


def record(
    session: Session,
    claim_id: int,
    action: str,
    *,
    actor: Actor = Actor.MANUAL,
    note: str | None = None,
    article_id: int | None = None,
    from_status: Status | None = None,
    to_status: Status | None = None,
    effective: dt.date | None = None,
    data: dict[str, Any] | None = None,
) -> LedgerEntry:
    # A correction changes what a claim's timeline holds: writers that keep
    # timelines in memory learn of it from the change counter.
    note_index_write(session)
    entry = LedgerEntry(
        claim_id=claim_id,
        actor=actor,
        action=action,
        note=note,
        article_id=article_id,
        from_status=from_status,
        to_status=to_status,
        effective=effective,
        data=data,
        at=utcnow(),
    )
    session.add(entry)
    return entry


def ledger(session: Session, claim_id: int) -> list[LedgerEntry]:
    return list(
        session.scalars(
            select(LedgerEntry).where(LedgerEntry.claim_id == claim_id).order_by(LedgerEntry.id)
        )
    )


def was_renamed(session: Session, claim_id: int) -> bool:
    return session.connection().execute(_renamed(), {"cid": claim_id}).first() is not None


# --------------------------------------------------------------------------- timeline


@dataclass
class ClaimTimeline:
    claim: Claim
    mentions: dict[int, Mention]
    manual: dict[int, LedgerEntry]
    timeline: timeline.Timeline


def claim_timeline(session: Session, claim_id: int) -> ClaimTimeline:
    """The claim's mentions and manual statuses, ordered into a timeline."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim #{claim_id}")
    events = timeline_events(session, claim_id)
    mention_ids = [e.mention_id for e in events if e.mention_id is not None]
    ledger_ids = [e.ledger_id for e in events if e.ledger_id is not None]
    mentions = (
        session.scalars(
            select(Mention)
            .where(Mention.id.in_(mention_ids))
            .options(selectinload(Mention.article))
        ).all()
        if mention_ids
        else []
    )
    manual = (
        session.scalars(select(LedgerEntry).where(LedgerEntry.id.in_(ledger_ids))).all()
        if ledger_ids
        else []
    )
    return ClaimTimeline(
        claim=claim,
        mentions={m.id: m for m in mentions},
        manual={e.id: e for e in manual},
        timeline=timeline.derive(events),
    )


def timeline_events(session: Session, claim_id: int) -> list[timeline.Event]:
    """A claim's dated statements (mentions and manual statuses), from two queries."""
    conn = session.connection()
    events = [
        timeline.Event(
            date=r.sort_date or r.added_at.date(),
            order=(r.added_at, r.article_id, r.id),
            status=r.status,
            article_id=r.article_id,
            mention_id=r.id,
            source=r.source,
            dated=r.published is not None,
        )
        for r in conn.execute(_events_of(), {"cid": claim_id}).all()
    ]
    for r in conn.execute(_manual_of(), {"cid": claim_id}).all():
        events.append(
            timeline.Event(
                date=r.effective or r.at.date(),
                order=(r.at, 1 << 62, r.id),
                status=r.to_status,
                ledger_id=r.id,
                manual=True,
                source="manual",
            )
        )
    return events


def claim_seen(session: Session, claim_id: int) -> tuple[dt.date | None, dt.date | None]:
    """When a claim was first and last seen in the news (see
    :attr:`tracker.timeline.Timeline.seen`: an undated article never makes it
    seen later than its dated ones)."""
    return timeline.derive(timeline_events(session, claim_id)).seen


@dataclass(frozen=True)
class CachedState:
    """What a claim's row holds of its timeline: status and dates."""

    status: Status
    first_seen: dt.date | None
    last_seen: dt.date | None


def cached_state(session: Session, claim_id: int) -> CachedState:
    """The status and dates cached on a claim's row, after flushing pending
    changes (so mentions just moved are seen)."""
    session.flush()
    row = session.connection().execute(_cached_status(), {"cid": claim_id}).first()
    if row is None:
        raise NotFound(f"no claim #{claim_id}")
    return CachedState(row.status, row.first_seen, row.last_seen)


@dataclass
class KnownTimeline:
    """What a writer knows of a claim: the state cached on its row and its
    timeline's events. Kept by a writer that adds the events it writes, so
    re-deriving the claim needs no read (see :class:`tracker.link.Linker`)."""

    state: CachedState
    events: list[timeline.Event]


def known_timeline(session: Session, claim_id: int) -> KnownTimeline:
    """A claim's cached state and timeline events, as the store holds them."""
    state = cached_state(session, claim_id)
    return KnownTimeline(state, timeline_events(session, claim_id))


def record_status_change(
    session: Session,
    claim_id: int,
    before: Status | None,
    after: Status,
    *,
    article_id: int | None,
    note: str | None,
) -> None:
    """Append a derived change of status to the ledger (who: auto)."""
    t.insert_row(
        session,
        t.ledger,
        {
            "claim_id": claim_id,
            "at": utcnow(),
            "actor": Actor.AUTO,
            "action": "status",
            "from_status": before,
            "to_status": after,
            "article_id": article_id,
            "note": note,
        },
    )
