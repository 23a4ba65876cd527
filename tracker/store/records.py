"""Statements read in bulk: every dated statement of many claims at once, for
the outlets' track record and the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, joinedload

from tracker import timeline
from tracker.models import Article, Claim, LedgerEntry, Mention
from tracker.status import Status
from tracker.store import _sql as t
from tracker.store.ledger import ClaimTimeline
from tracker.store.listing import ROW_CHUNK


def statement_events(
    session: Session,
    *,
    claim_ids: Collection[int] | None = None,
    outlets: Collection[str] | None = None,
    until: dt.date | None = None,
) -> dict[int, list[timeline.Event]]:
    """Every live claim's dated statements (mentions with their article's outlet,
    and statuses set by hand), by claim id, as :func:`timeline_events` reads
    them one claim at a time.

    ``claim_ids``: only these claims. ``outlets``: only the claims any of these
    outlets (in any spelling) reported as a rumour. ``until``: only statements
    dated on or before that day (what was known then).
    """
    if outlets is not None:
        from tracker.track_record import fold_outlet

        keys = {fold_outlet(o) for o in outlets}
        reported = {
            cid for cid, src in rumour_sources(session, until=until) if fold_outlet(src) in keys
        }
        claim_ids = reported if claim_ids is None else reported & set(claim_ids)
    if claim_ids is not None:
        ids = sorted(set(claim_ids))
        out: dict[int, list[timeline.Event]] = {}
        for i in range(0, len(ids), ROW_CHUNK):
            out.update(_events(session, ids[i : i + ROW_CHUNK], until))
        return out
    return _events(session, None, until)


def _events(
    session: Session, ids: list[int] | None, until: dt.date | None
) -> dict[int, list[timeline.Event]]:
    m, a, c = t.mentions.c, t.articles.c, t.claims.c
    query = (
        select(
            m.id,
            m.claim_id,
            m.status,
            m.article_id,
            a.published,
            a.sort_date,
            a.added_at,
            a.source,
        )
        .join(t.articles, a.id == m.article_id)
        .join(t.claims, c.id == m.claim_id)
        .where(c.last_seen.is_not(None))
    )
    manual = select(
        t.ledger.c.id,
        t.ledger.c.claim_id,
        t.ledger.c.to_status,
        t.ledger.c.effective,
        t.ledger.c.at,
    ).where(t.ledger.c.action == "set-status", t.ledger.c.to_status.is_not(None))
    if ids is not None:
        query = query.where(m.claim_id.in_(ids))
        manual = manual.where(t.ledger.c.claim_id.in_(ids))
    if until is not None:
        query = query.where(a.sort_date <= until)
    conn = session.connection()
    events: dict[int, list[timeline.Event]] = {}
    for r in conn.execute(query):
        events.setdefault(r.claim_id, []).append(
            timeline.Event(
                date=r.sort_date or r.added_at.date(),
                order=(r.added_at, r.article_id, r.id),
                status=Status(r.status),
                article_id=r.article_id,
                mention_id=r.id,
                source=r.source,
                dated=r.published is not None,
            )
        )
    for row in conn.execute(manual):
        day = row.effective or row.at.date()
        if row.claim_id not in events or (until is not None and day > until):
            continue
        events[row.claim_id].append(
            timeline.Event(
                date=day,
                order=(row.at, 1 << 62, row.id),
                status=Status(row.to_status),
                ledger_id=row.id,
                manual=True,
                source="manual",
            )
        )
    return events


def rumour_sources(session: Session, *, until: dt.date | None = None) -> list[tuple[int, str]]:
    """``(claim_id, outlet)`` of every rumour stated by an article with an outlet."""
    m, a = t.mentions.c, t.articles.c
    query = (
        select(m.claim_id, a.source)
        .join(t.articles, a.id == m.article_id)
        .where(m.status == Status.RUMOR, a.source.is_not(None))
        .distinct()
    )
    if until is not None:
        query = query.where(a.sort_date <= until)
    return [(r.claim_id, r.source) for r in session.connection().execute(query)]


def claim_timelines(session: Session, claim_ids: Collection[int]) -> dict[int, ClaimTimeline]:
    """What :func:`claim_timeline` gives for one claim, for many at once: a few
    queries per batch of claims instead of a few per claim (articles' bodies
    are not read)."""
    ids = sorted(set(claim_ids))
    out: dict[int, ClaimTimeline] = {}
    for i in range(0, len(ids), ROW_CHUNK):
        chunk = ids[i : i + ROW_CHUNK]
        events = _events(session, chunk, None)
        claims = session.scalars(select(Claim).where(Claim.id.in_(chunk))).all()
        mentions = session.scalars(
            select(Mention)
            .where(Mention.claim_id.in_(chunk))
            .options(
                # What a history shows: not the features kept for re-linking, nor bodies.
                defer(Mention.terms),
                defer(Mention.explanation),
                defer(Mention.parties),
                defer(Mention.amount),
                joinedload(Mention.article).options(defer(Article.body)),
            )
        ).all()
        ledger_ids = [e.ledger_id for evs in events.values() for e in evs if e.manual]
        manual = (
            session.scalars(select(LedgerEntry).where(LedgerEntry.id.in_(ledger_ids))).all()
            if ledger_ids
            else []
        )
        by_claim: dict[int, dict[int, Mention]] = {}
        for m in mentions:
            by_claim.setdefault(m.claim_id, {})[m.id] = m
        entries = {e.id: e for e in manual}
        for claim in claims:
            evs = events.get(claim.id, [])
            out[claim.id] = ClaimTimeline(
                claim=claim,
                mentions=by_claim.get(claim.id, {}),
                manual={
                    e.ledger_id: entries[e.ledger_id]
                    for e in evs
                    if e.manual and e.ledger_id is not None
                },
                timeline=timeline.derive(evs),
            )
    return out
