"""Listings of claims: filters, sort orders, and the counts shown beside each row."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tracker import timeline
from tracker.models import Article, Claim, ClaimTerm, Mention
from tracker.status import Status
from tracker.store.claims import live
from tracker.store.ledger import timeline_events


@dataclass(frozen=True)
class ClaimFilter:
    statuses: tuple[Status, ...] = ()
    entity: str | None = None
    kind: str | None = None
    since: dt.date | None = None
    as_of: dt.date | None = None
    #: Only claims last seen on or before this day (stale ones), or after it (fresh ones).
    last_seen_until: dt.date | None = None
    last_seen_after: dt.date | None = None


@dataclass
class ClaimRow:
    claim: Claim
    status: Status | None  # None: nothing said of it yet (as of a date)
    first_seen: dt.date | None
    last_seen: dt.date | None
    mentions: int
    sources: list[str]


def _claim_query(flt: ClaimFilter, sort: str) -> Select[Any]:
    # Live claims are the ones with a last_seen date: merged or emptied claims
    # lose theirs. Filtering on it (not on merged_into_id) keeps status listings
    # inside the (status, last_seen) index.
    query = select(Claim).where(Claim.last_seen.is_not(None))
    if flt.kind:
        query = query.where(Claim.kind == flt.kind)
    if flt.as_of is None and flt.statuses:
        query = query.where(Claim.status.in_(flt.statuses))
    if flt.since is not None:
        query = query.where(Claim.last_seen >= flt.since)
    # As of a date, a claim's last news then is no later than its last news now:
    # "after" narrows the candidates in SQL, "until" is checked once derived.
    if flt.last_seen_after is not None:
        query = query.where(Claim.last_seen > flt.last_seen_after)
    if flt.last_seen_until is not None and flt.as_of is None:
        query = query.where(Claim.last_seen <= flt.last_seen_until)
    if flt.entity:
        from tracker.link.keys import fold  # imports the extraction package: only when needed

        # Entities are in the index as party tokens: a lookup, not a scan.
        ent = fold(flt.entity).split()
        if ent:
            sub = (
                select(ClaimTerm.claim_id)
                .where(ClaimTerm.term.in_([f"pt:{t}" for t in ent]))
                .group_by(ClaimTerm.claim_id)
                .having(func.count() >= len(set(ent)))
            )
            query = query.where(Claim.id.in_(sub))
    if flt.as_of is not None:
        query = query.where(Claim.first_seen <= flt.as_of)
    order = {
        "last_seen": (Claim.last_seen.desc(), Claim.id.desc()),
        "first_seen": (Claim.first_seen.asc(), Claim.id.asc()),
        "id": (Claim.id.asc(),),
        "age": (Claim.first_seen.asc(), Claim.id.asc()),
    }.get(sort, (Claim.last_seen.desc(), Claim.id.desc()))
    return query.order_by(*order)


def count_matching(session: Session, flt: ClaimFilter) -> int | None:
    """How many claims a listing would show without a limit (None: not cheap to
    know, as with ``as_of``, where each claim's timeline must be derived)."""
    if flt.as_of is not None:
        return None
    sub = _claim_query(flt, "id").order_by(None).with_only_columns(Claim.id).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def list_claims(
    session: Session, flt: ClaimFilter, *, sort: str = "last_seen", limit: int | None = None
) -> list[ClaimRow]:
    """Claims with their status (as of a date, when asked) and counts.

    With ``as_of`` each claim's status is re-derived from its timeline, in
    batches, until ``limit`` rows are found.
    """
    if flt.as_of is None and limit is not None and sort == "last_seen" and len(flt.statuses) > 1:
        # Newest first over several statuses: read each status's newest from the
        # (status, last_seen) index and merge, instead of sorting every match.
        found: list[Claim] = []
        for status in flt.statuses:
            one = dataclasses.replace(flt, statuses=(status,))
            found += session.scalars(_claim_query(one, sort).limit(limit)).all()
        found.sort(key=lambda c: (c.last_seen, c.id), reverse=True)
        return claim_rows(session, found[:limit])
    query = _claim_query(flt, sort)
    if flt.as_of is None:
        if limit is not None:
            query = query.limit(limit)
        return claim_rows(session, list(session.scalars(query)))
    # As of a date, dates and statuses are those derived then, so every claim
    # known by that date is read before sorting and cutting to the limit.
    rows: list[ClaimRow] = []
    offset, batch = 0, 500
    while True:
        claims = list(session.scalars(query.offset(offset).limit(batch)))
        if not claims:
            break
        offset += batch
        rows += [
            r
            for r in claim_rows(session, claims, as_of=flt.as_of, statuses=flt.statuses)
            if _seen_within(r, flt)
        ]
    if sort in ("first_seen", "age"):
        rows.sort(key=lambda r: (r.first_seen or dt.date.min, r.claim.id))
    elif sort == "id":
        rows.sort(key=lambda r: r.claim.id)
    else:
        rows.sort(key=lambda r: (r.last_seen or dt.date.min, r.claim.id), reverse=True)
    return rows if limit is None else rows[:limit]


def _seen_within(row: ClaimRow, flt: ClaimFilter) -> bool:
    """Whether a row's last news (as of the filter's date) is within its bounds."""
    last = row.last_seen
    if flt.last_seen_until is not None and (last is None or last > flt.last_seen_until):
        return False
    return flt.last_seen_after is None or (last is not None and last > flt.last_seen_after)


#: Claims per batch when a listing reads counts and outlets.
ROW_CHUNK = 500


def claim_rows(
    session: Session,
    claims: Sequence[Claim],
    *,
    as_of: dt.date | None = None,
    statuses: Sequence[Status] = (),
) -> list[ClaimRow]:
    """Listing rows for these claims: counts of articles and outlets, and the
    status as of a date when asked (claims not yet known then are left out)."""
    if len(claims) > ROW_CHUNK:
        # Bounded IN lists: SQLite caps the number of bound values per statement.
        out: list[ClaimRow] = []
        for i in range(0, len(claims), ROW_CHUNK):
            out += claim_rows(session, claims[i : i + ROW_CHUNK], as_of=as_of, statuses=statuses)
        return out
    if not claims:
        return []
    ids = [c.id for c in claims]
    # A retracted article's statements are not counted.
    counted = (Mention.claim_id.in_(ids), Article.retracted_at.is_(None))
    counts = dict(
        session.execute(
            select(Mention.claim_id, func.count(func.distinct(Mention.article_id)))
            .join(Article, Article.id == Mention.article_id)
            .where(*counted)
            .group_by(Mention.claim_id)
        ).all()
    )
    source_rows = session.execute(
        select(Mention.claim_id, Article.source)
        .join(Article, Article.id == Mention.article_id)
        .where(*counted)
        .distinct()
    ).all()
    sources: dict[int, list[str]] = {}
    for cid, src in source_rows:
        if src:
            sources.setdefault(cid, []).append(src)
    rows = []
    for claim in claims:
        status = claim.status
        first, last = claim.first_seen, claim.last_seen
        n_articles = counts.get(claim.id, 0)
        outlets = set(sources.get(claim.id, []))
        if as_of is not None:
            tl = timeline.derive(timeline_events(session, claim.id)).as_of(as_of)
            if tl.status is None:
                continue
            status = tl.status
            known = [s.event for s in tl.steps if not s.event.manual]
            if known:
                first, last = tl.seen
            # Only what had been published by then counts.
            n_articles = len({e.article_id for e in known})
            outlets = {e.source for e in known if e.source}
            if statuses and status not in statuses:
                continue
        rows.append(
            ClaimRow(
                claim=claim,
                status=status,
                first_seen=first,
                last_seen=last,
                mentions=n_articles,
                sources=sorted(outlets),
            )
        )
    return rows


def counts(session: Session) -> dict[str, int]:
    return {
        "articles": session.scalar(select(func.count()).select_from(Article)) or 0,
        "claims": session.scalar(live(select(func.count()).select_from(Claim))) or 0,
        "mentions": session.scalar(select(func.count()).select_from(Mention)) or 0,
    }
