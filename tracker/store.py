"""Queries and writes. Every function takes a Session and never commits: the
caller owns the transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from tracker import timeline
from tracker.errors import NotFound
from tracker.match import AmountValue, Features, amount_from
from tracker.models import (
    Actor,
    Article,
    Claim,
    ClaimTerm,
    LedgerEntry,
    Mention,
    Rejection,
    Suggestion,
    TermStat,
    utcnow,
)
from tracker.status import Status

# --------------------------------------------------------------------------- articles


# Hot paths use the tables directly: Core statements skip the ORM's per-row work.
_articles = Article.__table__
_claims = Claim.__table__
_mentions = Mention.__table__
_terms = ClaimTerm.__table__
_stats = TermStat.__table__
_ledger = LedgerEntry.__table__
_suggestions = Suggestion.__table__


def _prebuilt(build: Any) -> Any:
    """Build a statement once, on first use: the hot path then only binds values
    (constructing a statement costs more than running it on SQLite)."""
    cache: list[Any] = []

    def get() -> Any:
        if not cache:
            cache.append(build())
        return cache[0]

    return get


def _per_dialect(build: Any) -> Any:
    """Like :func:`_prebuilt`, for statements spelled per dialect (``ON
    CONFLICT``): ``build`` gets the dialect's ``insert`` construct, once per
    dialect."""
    cache: dict[str, Any] = {}

    def get(dialect: str) -> Any:
        stmt = cache.get(dialect)
        if stmt is None:
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert
            stmt = cache[dialect] = build(insert)
        return stmt

    return get


_by_hash = _prebuilt(
    lambda: select(_articles.c.id, _articles.c.title).where(
        _articles.c.content_hash == bindparam("h")
    )
)
_by_url = _prebuilt(
    lambda: (
        select(_articles.c.id, _articles.c.title)
        .where(_articles.c.url == bindparam("u"))
        .order_by(_articles.c.id.desc())
        .limit(1)
    )
)
_df_of = _prebuilt(
    lambda: select(_stats.c.term, _stats.c.df).where(
        _stats.c.term.in_(bindparam("terms", expanding=True))
    )
)
_candidates = _prebuilt(
    lambda: (
        select(_terms.c.claim_id)
        .where(_terms.c.term.in_(bindparam("terms", expanding=True)))
        .group_by(_terms.c.claim_id)
        .order_by(func.count().desc(), func.sum(_terms.c.weight).desc(), _terms.c.claim_id)
        .limit(bindparam("lim", type_=Integer, literal_execute=True))
    )
)
_bags = _prebuilt(
    lambda: select(_terms.c.claim_id, _terms.c.term, _terms.c.weight).where(
        _terms.c.claim_id.in_(bindparam("ids", expanding=True))
    )
)
_feature_rows = _prebuilt(
    lambda: select(
        _claims.c.id,
        _claims.c.text,
        _claims.c.parties,
        _claims.c.kind,
        _claims.c.amount_value,
        _claims.c.amount_low,
        _claims.c.amount_high,
        _claims.c.currency,
        _claims.c.unit,
        _claims.c.event_year,
    ).where(_claims.c.id.in_(bindparam("ids", expanding=True)), _claims.c.merged_into_id.is_(None))
)
_weight_bump = _prebuilt(
    lambda: (
        update(_terms)
        .where(_terms.c.claim_id == bindparam("b_claim"), _terms.c.term == bindparam("b_term"))
        .values(weight=_terms.c.weight + bindparam("b_n"))
    )
)
_events_of = _prebuilt(
    lambda: (
        select(
            _mentions.c.id,
            _mentions.c.status,
            _mentions.c.article_id,
            _articles.c.sort_date,
            _articles.c.added_at,
            _articles.c.source,
        )
        .join(_articles, _articles.c.id == _mentions.c.article_id)
        .where(_mentions.c.claim_id == bindparam("cid"))
    )
)
_manual_of = _prebuilt(
    lambda: select(_ledger.c.id, _ledger.c.to_status, _ledger.c.effective, _ledger.c.at).where(
        _ledger.c.claim_id == bindparam("cid"),
        _ledger.c.action == "set-status",
        _ledger.c.to_status.is_not(None),
    )
)
_cached_status = _prebuilt(
    lambda: select(_claims.c.status, _claims.c.first_seen, _claims.c.last_seen).where(
        _claims.c.id == bindparam("cid")
    )
)
_renamed = _prebuilt(
    lambda: (
        select(_ledger.c.id)
        .where(_ledger.c.claim_id == bindparam("cid"), _ledger.c.action == "rename")
        .limit(1)
    )
)


@dataclass(frozen=True)
class ArticleRef:
    id: int
    title: str | None


def article_by_hash(session: Session, content_hash: str) -> ArticleRef | None:
    row = session.connection().execute(_by_hash(), {"h": content_hash}).first()
    return ArticleRef(row.id, row.title) if row else None


def latest_by_url(session: Session, url: str) -> ArticleRef | None:
    row = session.connection().execute(_by_url(), {"u": url}).first()
    return ArticleRef(row.id, row.title) if row else None


_article_insert = _per_dialect(
    lambda insert: (
        insert(_articles)
        .on_conflict_do_nothing(index_elements=[_articles.c.content_hash])
        .returning(_articles.c.id)
    )
)


def insert_article(session: Session, **values: Any) -> int | None:
    """Insert an article; None when one with the same ``content_hash`` exists
    (stored meanwhile by another writer): no error, no savepoint needed."""
    from tracker.models import sort_date_of

    values.setdefault("added_at", utcnow())
    values["sort_date"] = sort_date_of(
        values.get("published"), values["date_precision"], values["added_at"]
    )
    conn = session.connection()
    return conn.execute(_article_insert(conn.dialect.name), values).scalar()


def get_article(session: Session, ref: str | int) -> Article:
    """An article by id, external id, or URL."""
    text = str(ref).strip().lstrip("#")
    article: Article | None = None
    if text.isdigit():
        article = session.get(Article, int(text))
    if article is None:
        article = session.scalar(
            select(Article)
            .where(or_(Article.external_id == text, Article.url == text))
            .order_by(Article.id.desc())
            .limit(1)
        )
    if article is None:
        raise NotFound(f"no article {ref!r} (give an article id, external id or URL)")
    return article


# --------------------------------------------------------------------------- index


def insert_or_increment_df(session: Session, terms: Iterable[str], delta: int = 1) -> None:
    """Add ``delta`` to the document frequency of each term (one executemany)."""
    terms = sorted(set(terms))
    if not terms:
        return
    conn = session.connection()
    # Sorted: concurrent writers lock rows in the same order, so they never deadlock.
    conn.execute(_df_upsert(conn.dialect.name), [{"b_term": t, "b_df": delta} for t in terms])


def _build_df_upsert(insert: Any) -> Any:
    ins = insert(_stats).values(term=bindparam("b_term"), df=bindparam("b_df"))
    return ins.on_conflict_do_update(
        index_elements=[_stats.c.term], set_={"df": _stats.c.df + ins.excluded.df}
    )


_df_upsert = _per_dialect(_build_df_upsert)


def add_terms(
    session: Session,
    claim_id: int,
    counts: Mapping[str, int],
    known: Mapping[str, float] | None = None,
) -> None:
    """Add a mention's terms to a claim's centroid.

    ``known`` maps the terms the claim already has to their current weights
    (as loaded for scoring), so existing rows are updated in one batch.
    """
    if not counts:
        return
    known = known or {}
    new = {t: n for t, n in counts.items() if t not in known}
    conn = session.connection()
    if new:
        conn.execute(
            _terms.insert(),
            [{"term": t, "claim_id": claim_id, "weight": n} for t, n in sorted(new.items())],
        )
        insert_or_increment_df(session, new)
    old = [
        {"b_claim": claim_id, "b_term": t, "b_n": n}
        for t, n in sorted(counts.items())
        if t in known
    ]
    if old:
        # One executemany; the increment happens in SQL, so a concurrent writer's
        # increment is never overwritten by a stale weight.
        conn.execute(_weight_bump(), old)


def clear_terms(session: Session, claim_id: int) -> None:
    """Remove a claim from the index (before a rebuild, or when it is merged away)."""
    terms = list(session.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == claim_id)))
    if not terms:
        return
    session.execute(delete(ClaimTerm).where(ClaimTerm.claim_id == claim_id))
    terms = sorted(terms)  # sorted: writers lock rows in one order
    for i in range(0, len(terms), 500):
        session.execute(
            update(TermStat)
            .where(TermStat.term.in_(terms[i : i + 500]))
            .values(df=TermStat.df - 1)
            .execution_options(synchronize_session=False)
        )


def document_frequencies(session: Session, terms: Iterable[str]) -> dict[str, int]:
    terms = sorted(set(terms))
    out: dict[str, int] = {}
    conn = session.connection()
    for i in range(0, len(terms), 500):
        rows = conn.execute(_df_of(), {"terms": terms[i : i + 500]}).all()
        out.update({t: d for t, d in rows})
    return out


def count_claims(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Claim)) or 0


def candidate_ids(
    session: Session,
    terms: Sequence[str],
    *,
    limit: int,
    exclude: Iterable[int] = (),
) -> list[int]:
    """Claims that share the most of ``terms`` (already chosen rare enough by the
    caller), best first. Reads the inverted index only: never a scan of claims."""
    if not terms:
        return []
    excluded = set(exclude)
    rows = (
        session.connection()
        .execute(_candidates(), {"terms": list(terms), "lim": limit + len(excluded)})
        .all()
    )
    return [cid for (cid,) in rows if cid not in excluded][:limit]


def claim_bags(session: Session, claim_ids: Sequence[int]) -> dict[int, dict[str, float]]:
    bags: dict[int, dict[str, float]] = {cid: {} for cid in claim_ids}
    if not claim_ids:
        return bags
    # .all(): one fetchall, not a fetchone per row (bags run to hundreds of rows)
    for cid, term, weight in session.connection().execute(_bags(), {"ids": list(claim_ids)}).all():
        bags[cid][term] = float(weight)
    return bags


@dataclass(frozen=True)
class ClaimFeatures:
    """What matching reads of a claim, without building an ORM object."""

    id: int
    text: str
    parties: list[str]
    kind: str | None
    amount: AmountValue | None
    event_year: int | None


def claim_feature_rows(session: Session, ids: Sequence[int]) -> dict[int, ClaimFeatures]:
    """The live claims among ``ids``, in the order given."""
    found = {}
    for r in session.connection().execute(_feature_rows(), {"ids": list(ids)}).all():
        amount = amount_from(r.amount_value, r.amount_low, r.amount_high, r.currency, r.unit)
        found[r.id] = ClaimFeatures(
            r.id, r.text, list(r.parties or []), r.kind, amount, r.event_year
        )
    return {i: found[i] for i in ids if i in found}


def features_of(row: ClaimFeatures, bag: Mapping[str, float]) -> Features:
    return Features(tuple(row.parties), row.kind, row.amount, row.event_year, bag)


def insert_claim(
    session: Session,
    *,
    text: str,
    key: str,
    kind: str | None,
    parties: list[str],
    amount: AmountValue | None,
    amount_text: str | None,
    event_year: int | None,
    status: Status,
) -> int:
    now = utcnow()
    return (
        session.connection()
        .execute(
            _claims.insert().returning(_claims.c.id),
            {
                "text": text,
                "key": key,
                "kind": kind,
                "parties": parties,
                "amount_value": amount.value if amount else None,
                "amount_low": amount.low if amount else None,
                "amount_high": amount.high if amount else None,
                "currency": amount.currency if amount else None,
                "unit": amount.unit if amount else None,
                "amount_text": amount_text,
                "event_year": event_year,
                "status": status,
                "created_at": now,
                "updated_at": now,
            },
        )
        .scalar_one()
    )


_CLAIM_UPDATES: dict[frozenset[str], Any] = {}


def update_claim(session: Session, claim_id: int, **values: Any) -> None:
    values["updated_at"] = utcnow()
    # One prebuilt statement per set of columns: building one costs more than running it.
    columns = frozenset(values)
    stmt = _CLAIM_UPDATES.get(columns)
    if stmt is None:
        stmt = (
            update(_claims)
            .where(_claims.c.id == bindparam("u_id"))
            .values({c: bindparam(f"u_{c}") for c in sorted(columns)})
        )
        _CLAIM_UPDATES[columns] = stmt
    params = {f"u_{c}": v for c, v in values.items()}
    params["u_id"] = claim_id
    session.connection().execute(stmt, params)
    _expire_claim(session, claim_id)


def _expire_claim(session: Session, claim_id: int) -> None:
    """An ORM copy of a claim changed behind the ORM's back must be reloaded."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Claim) and obj.id == claim_id:
            session.expire(obj)


def was_renamed(session: Session, claim_id: int) -> bool:
    return session.connection().execute(_renamed(), {"cid": claim_id}).first() is not None


def insert_mention(session: Session, **values: Any) -> int:
    values.setdefault("linked_by", Actor.AUTO)
    values.setdefault("created_at", utcnow())
    return (
        session.connection()
        .execute(_mentions.insert().returning(_mentions.c.id), values)
        .scalar_one()
    )


def insert_suggestion(session: Session, **values: Any) -> None:
    values.setdefault("state", "pending")
    values.setdefault("created_at", utcnow())
    session.connection().execute(_suggestions.insert(), values)


def claim_amount(claim: Claim) -> AmountValue | None:
    return amount_from(
        claim.amount_value, claim.amount_low, claim.amount_high, claim.currency, claim.unit
    )


def rejected_claims(session: Session, claim_id: int | None, article_id: int | None) -> set[int]:
    """Claims the user said must not be linked to this claim or this article."""
    conds = []
    if claim_id is not None:
        conds.append(Rejection.claim_id == claim_id)
        conds.append(Rejection.other_claim_id == claim_id)
    if article_id is not None:
        conds.append(Rejection.article_id == article_id)
    if not conds:
        return set()
    out: set[int] = set()
    for a, b, art in session.execute(
        select(Rejection.claim_id, Rejection.other_claim_id, Rejection.article_id).where(
            or_(*conds)
        )
    ):
        if art is not None:
            out.add(a)
        elif claim_id is not None:
            out.add(b if a == claim_id else a)
    out.discard(claim_id)  # type: ignore[arg-type]
    return out


# --------------------------------------------------------------------------- claims


def live(query: Select[Any]) -> Select[Any]:
    return query.where(Claim.merged_into_id.is_(None))


def resolve_claim(session: Session, ref: str | int) -> Claim:
    """A claim by id (following merges) or by fuzzy text; ambiguity lists choices."""
    text = str(ref).strip().lstrip("#")
    if text.isdigit():
        claim = session.get(Claim, int(text))
        if claim is None:
            raise NotFound(f"no claim #{text}")
        seen = set()
        while claim.merged_into_id is not None and claim.id not in seen:
            seen.add(claim.id)
            claim = session.get(Claim, claim.merged_into_id)  # type: ignore[assignment]
        return claim
    matches = search_claims(session, text, limit=6)
    if not matches:
        raise NotFound(f"no claim matches {text!r}; try `tracker claims` or `tracker search`")
    best_score = matches[0][1]
    close = [(c, s) for c, s in matches if s >= best_score - 5]
    if len(close) > 1 and best_score < 100:
        choices = "\n".join(f"  #{c.id}  {c.text}  ({s:.0f})" for c, s in close)
        raise NotFound(f"{text!r} matches several claims; pick one by id:\n{choices}")
    return matches[0][0]


def search_claims(session: Session, text: str, *, limit: int = 20) -> list[tuple[Claim, float]]:
    """Claims whose text resembles ``text``: index lookup, then rapidfuzz ranking.

    A figure in the query (``10 billion``, ``10 milliards``) must agree with the
    claim's: it lifts claims with that figure and sinks claims with another.
    """
    from rapidfuzz import fuzz

    from tracker.extract import guess_language, parse_amounts
    from tracker.keys import amount_term, fold, query_terms
    from tracker.match import score_amount
    from tracker.pipeline import amount_value

    amounts = [amount_value(a) for a, _s, _e in parse_amounts(text, guess_language(text))]
    terms = query_terms(text)
    terms += [t for t in (amount_term(a) for a in amounts if a is not None and a.currency) if t]
    ids = candidate_ids(session, terms, limit=200)
    if not ids:
        return []
    query = fold(text)
    claims = session.scalars(live(select(Claim)).where(Claim.id.in_(ids))).all()
    scored = []
    for claim in claims:
        s = max(
            fuzz.token_set_ratio(query, fold(claim.text)),
            fuzz.partial_ratio(query, fold(claim.key)) * 0.9,
        )
        held = claim_amount(claim)
        for amount in amounts:
            if amount is not None and held is not None and amount.dimension == "?":
                # "10 billion" with no currency: compare the number alone.
                amount = dataclasses.replace(amount, currency=held.currency, unit=held.unit)
            agreement, veto = score_amount(amount, held)
            if veto:
                s -= 25
            elif agreement == 1.0:
                s += 20
            elif agreement is not None and agreement >= 0.8:
                s += 5  # a vague range agrees, but says less
        scored.append((claim, float(s)))
    scored.sort(key=lambda cs: (-cs[1], cs[0].id))
    return [cs for cs in scored if cs[1] >= 50][:limit]


@dataclass(frozen=True)
class ClaimFilter:
    statuses: tuple[Status, ...] = ()
    entity: str | None = None
    kind: str | None = None
    since: dt.date | None = None
    as_of: dt.date | None = None


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
    if flt.entity:
        from tracker.keys import fold  # imports the extraction package: only when needed

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
        rows += claim_rows(session, claims, as_of=flt.as_of, statuses=flt.statuses)
    if sort in ("first_seen", "age"):
        rows.sort(key=lambda r: (r.first_seen or dt.date.min, r.claim.id))
    elif sort == "id":
        rows.sort(key=lambda r: r.claim.id)
    else:
        rows.sort(key=lambda r: (r.last_seen or dt.date.min, r.claim.id), reverse=True)
    return rows if limit is None else rows[:limit]


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
    counts = dict(
        session.execute(
            select(Mention.claim_id, func.count(func.distinct(Mention.article_id)))
            .where(Mention.claim_id.in_(ids))
            .group_by(Mention.claim_id)
        ).all()
    )
    source_rows = session.execute(
        select(Mention.claim_id, Article.source)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.claim_id.in_(ids))
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
            dates = [e.date for e in known]
            first, last = (min(dates), max(dates)) if dates else (first, last)
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


@dataclass
class ClaimRow:
    claim: Claim
    status: Status | None  # None: nothing said of it yet (as of a date)
    first_seen: dt.date | None
    last_seen: dt.date | None
    mentions: int
    sources: list[str]


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


def refresh_claim(
    session: Session,
    claim_id: int,
    *,
    cause_article_id: int | None = None,
    note: str | None = None,
) -> tuple[Status | None, Status | None]:
    """Re-derive a claim's cached status and dates from its timeline.

    A change is appended to the ledger (who: auto) with the article that caused
    it. Returns ``(before, after)``.
    """
    session.flush()
    conn = session.connection()
    current = conn.execute(_cached_status(), {"cid": claim_id}).first()
    if current is None:
        raise NotFound(f"no claim #{claim_id}")
    tl = timeline.derive(timeline_events(session, claim_id))
    before = current.status if current.first_seen is not None else None
    after = tl.status
    dates = [s.event.date for s in tl.steps if not s.event.manual]
    first = min(dates) if dates else None
    last = max(dates) if dates else None
    changes: dict[str, Any] = {}
    if (first, last) != (current.first_seen, current.last_seen):
        changes.update(first_seen=first, last_seen=last)
    if after is not None and after != current.status:
        changes["status"] = after
    if changes:
        update_claim(session, claim_id, **changes)
    if after is not None and after != before:
        # The step that produced the final status names the article that caused it.
        cause = cause_article_id
        for step in reversed(tl.steps):
            if step.transition is not None:
                cause = step.event.article_id or cause
                break
        conn.execute(
            _ledger.insert(),
            {
                "claim_id": claim_id,
                "at": utcnow(),
                "actor": Actor.AUTO,
                "action": "status",
                "from_status": before,
                "to_status": after,
                "article_id": cause,
                "note": note,
            },
        )
    return before, after


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


def pending_suggestions(session: Session) -> list[Suggestion]:
    return list(
        session.scalars(
            select(Suggestion)
            .where(Suggestion.state == "pending")
            .order_by(Suggestion.score.desc(), Suggestion.id)
        )
    )


def mentions_of_article(session: Session, article_id: int) -> list[Mention]:
    return list(
        session.scalars(
            select(Mention)
            .where(Mention.article_id == article_id)
            .order_by(Mention.span_start, Mention.id)
        )
    )


def counts(session: Session) -> dict[str, int]:
    return {
        "articles": session.scalar(select(func.count()).select_from(Article)) or 0,
        "claims": session.scalar(live(select(func.count()).select_from(Claim))) or 0,
        "mentions": session.scalar(select(func.count()).select_from(Mention)) or 0,
    }


__all__ = [
    "ClaimFilter",
    "ClaimRow",
    "ClaimTimeline",
    "add_terms",
    "article_by_hash",
    "candidate_ids",
    "claim_bags",
    "claim_rows",
    "claim_timeline",
    "clear_terms",
    "count_claims",
    "count_matching",
    "counts",
    "document_frequencies",
    "get_article",
    "latest_by_url",
    "ledger",
    "list_claims",
    "mentions_of_article",
    "pending_suggestions",
    "record",
    "refresh_claim",
    "rejected_claims",
    "resolve_claim",
    "search_claims",
]
