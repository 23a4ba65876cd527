"""Claims: what matching reads of them, their writes, and finding one by id or text."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from tracker.errors import NotFound
from tracker.kinds import UNKNOWN_KIND
from tracker.link.features import MAX_CLAIM_PARTIES, AmountValue, Features, amount_from
from tracker.models import Claim, utcnow
from tracker.status import Status
from tracker.store import _sql as t
from tracker.store.changes import note_index_write
from tracker.store.index import add_terms, candidate_ids, clear_terms

_feature_rows = t.prebuilt(
    lambda: select(
        t.claims.c.id,
        t.claims.c.text,
        t.claims.c.parties,
        t.claims.c.kind,
        t.claims.c.amount_value,
        t.claims.c.amount_low,
        t.claims.c.amount_high,
        t.claims.c.currency,
        t.claims.c.unit,
        t.claims.c.event_year,
    ).where(
        t.claims.c.id.in_(bindparam("ids", expanding=True)), t.claims.c.merged_into_id.is_(None)
    )
)


def live(query: Select[Any]) -> Select[Any]:
    return query.where(Claim.merged_into_id.is_(None))


def count_claims(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Claim)) or 0


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
    raw = t.sqlite_driver(session)
    if raw is not None:
        rows = raw.execute(
            "SELECT id, text, parties, kind, amount_value, amount_low, amount_high, currency, "
            f"unit, event_year FROM claims WHERE id IN ({t.marks(len(ids))}) "
            "AND merged_into_id IS NULL",
            list(ids),
        ).fetchall()
        # ``parties`` is a JSON column: SQLite hands back its text.
        rows = [(*r[:2], json.loads(r[2]) if r[2] is not None else None, *r[3:]) for r in rows]
    else:
        rows = session.connection().execute(_feature_rows(), {"ids": list(ids)}).all()
    for cid, text, parties, kind, value, low, high, currency, unit, year in rows:
        amount = amount_from(value, low, high, currency, unit)
        found[cid] = ClaimFeatures(cid, text, list(parties or []), kind, amount, year)
    return {i: found[i] for i in ids if i in found}


def features_of(row: ClaimFeatures, bag: Mapping[str, float]) -> Features:
    return Features(tuple(row.parties), row.kind, row.amount, row.event_year, bag)


def claim_amount(claim: Claim) -> AmountValue | None:
    return amount_from(
        claim.amount_value, claim.amount_low, claim.amount_high, claim.currency, claim.unit
    )


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
    note_index_write(session)  # the number of claims weighs every term's IDF
    now = utcnow()
    claim_id = t.insert_row(
        session,
        t.claims,
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
    assert claim_id is not None  # no conflict to ignore
    return claim_id


def update_claim(session: Session, claim_id: int, **values: Any) -> None:
    # Other writers keep a claim's features (for linking) and its status and
    # dates (with its timeline) in memory: any change to its row moves the counter.
    note_index_write(session)
    values["updated_at"] = utcnow()
    t.update_row(session, t.claims, claim_id, values)
    _expire_claim(session, claim_id)


def _expire_claim(session: Session, claim_id: int) -> None:
    """An ORM copy of a claim changed behind the ORM's back must be reloaded."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Claim) and obj.id == claim_id:
            session.expire(obj)


# --------------------------------------------------------------------------- learning

_learnt_columns = (
    "parties",
    "kind",
    "event_year",
    "amount_value",
    "amount_low",
    "amount_high",
    "currency",
    "unit",
    "amount_text",
)
_mention_features = t.prebuilt(
    lambda: (
        select(
            t.mentions.c.parties,
            t.mentions.c.kind,
            t.mentions.c.event_year,
            t.mentions.c.amount,
            t.mentions.c.terms,
        )
        .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
        .where(t.mentions.c.claim_id == bindparam("cid"), t.articles.c.retracted_at.is_(None))
        .order_by(t.mentions.c.id)
    )
)
_learnt_now = t.prebuilt(
    lambda: select(*(t.claims.c[c] for c in _learnt_columns)).where(
        t.claims.c.id == bindparam("cid")
    )
)


def _stored_amount(amount: Mapping[str, Any] | None) -> AmountValue | None:
    a = amount or {}
    return amount_from(
        a.get("value"), a.get("low"), a.get("high"), a.get("currency"), a.get("unit")
    )


def learn_from_mentions(mentions: Sequence[Any]) -> tuple[dict[str, Any], Counter[str]]:
    """A claim's features voted from its mentions' (``parties``, ``kind``,
    ``event_year``, ``amount``, ``terms``), and its index terms. Pure.

    The most cited parties, the most cited known kind (a known kind of event
    outvotes "event", a headline with no event word), the most cited year, and
    the most precise figure (the first one, among equals).
    """
    from tracker.link.keys import mention_terms

    parties: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    years: Counter[int] = Counter()
    best: tuple[int, Mapping[str, Any]] | None = None
    total: Counter[str] = Counter()
    for m in mentions:
        parties.update(m.parties or [])
        if m.kind:
            kinds[m.kind] += 1
        if m.event_year:
            years[m.event_year] += 1
        amount = _stored_amount(m.amount)
        rank = 0 if amount is None else (1 if amount.vague else 2)
        if rank and (best is None or rank > best[0]):
            best = (rank, m.amount)
        total.update(mention_terms(m.parties or [], m.kind, amount, m.event_year, m.terms or []))
    known = Counter({k: n for k, n in kinds.items() if k != UNKNOWN_KIND}) or kinds
    amount = _stored_amount(best[1]) if best else None
    features = {
        "parties": [p for p, _ in parties.most_common(MAX_CLAIM_PARTIES)],
        "kind": known.most_common(1)[0][0] if known else None,
        "event_year": years.most_common(1)[0][0] if years else None,
        "amount_value": amount.value if amount else None,
        "amount_low": amount.low if amount else None,
        "amount_high": amount.high if amount else None,
        "currency": amount.currency if amount else None,
        "unit": amount.unit if amount else None,
        "amount_text": (best[1] or {}).get("text") if best else None,
    }
    return features, total


def recompute_features(session: Session, claim_id: int) -> int:
    """Recompute a claim's features (parties, kind, year, figure) and its index
    terms from the mentions it holds now; returns how many it holds.

    Mentions of retracted articles are left out, as if the claim did not hold
    them. A claim left with no mention keeps its features and leaves the index.
    """
    session.flush()  # mentions just moved by the ORM must be seen
    conn = session.connection()
    mentions = conn.execute(_mention_features(), {"cid": claim_id}).all()
    clear_terms(session, claim_id)
    if not mentions:
        return 0
    features, terms = learn_from_mentions(mentions)
    now = conn.execute(_learnt_now(), {"cid": claim_id}).mappings().one()
    changes = {c: v for c, v in features.items() if now[c] != v}
    if changes:
        update_claim(session, claim_id, **changes)
    add_terms(session, claim_id, terms)
    return len(mentions)


# --------------------------------------------------------------------------- corrections


def get_claim(session: Session, claim_id: int) -> Claim | None:
    return session.get(Claim, claim_id)


def follow_merges(session: Session, claim: Claim) -> Claim:
    """The claim a merged claim ended up in (itself when it was never merged)."""
    seen = set()
    while claim.merged_into_id is not None and claim.id not in seen:
        seen.add(claim.id)
        target = session.get(Claim, claim.merged_into_id)
        if target is None:  # merged_into_id is a foreign key: cannot happen
            raise RuntimeError(f"claim {claim.id} was merged into a claim that does not exist")
        claim = target
    return claim


def add_claim(session: Session, *, text: str, key: str, status: Status) -> Claim:
    """A new, empty claim (its features are learnt from the mentions moved in)."""
    note_index_write(session)
    claim = Claim(text=text, key=key, parties=[], status=status)
    session.add(claim)
    session.flush()
    return claim


def retire_claim(session: Session, claim: Claim, into_id: int | None) -> None:
    """Take a claim without mentions off the lists and out of the index; a
    merged claim points at the claim that took its mentions."""
    clear_terms(session, claim.id)
    if into_id is not None:
        claim.merged_into_id = into_id
    claim.first_seen = None
    claim.last_seen = None


def claim_statuses(session: Session) -> dict[int, Status]:
    """The cached status of every claim, merged ones included."""
    return {cid: status for cid, status in session.execute(select(Claim.id, Claim.status))}


# --------------------------------------------------------------------------- finding


def resolve_claim(session: Session, ref: str | int) -> Claim:
    """A claim by id (following merges) or by fuzzy text; ambiguity lists choices.

    The transaction shares the consolidation lock first: no claim it names is
    folded away under it (see :func:`tracker.store.share_consolidation_lock`).
    """
    from tracker.store.changes import share_consolidation_lock

    share_consolidation_lock(session)
    text = str(ref).strip().lstrip("#")
    if text.isdigit():
        claim = session.get(Claim, int(text))
        if claim is None:
            raise NotFound(f"no claim #{text}")
        return follow_merges(session, claim)
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
    """Claims whose text resembles ``text``: an index lookup, then the ranking of
    :mod:`tracker.search` (a figure in the query must agree with the claim's)."""
    from tracker import search

    query = search.parse_query(text)
    ids = candidate_ids(session, query.terms, limit=200)
    if not ids:
        return []
    claims = {c.id: c for c in session.scalars(live(select(Claim)).where(Claim.id.in_(ids)))}
    entries = [search.Entry(c.id, c.text, c.key, claim_amount(c)) for c in claims.values()]
    return [(claims[cid], s) for cid, s in search.rank(query, entries, limit=limit)]
