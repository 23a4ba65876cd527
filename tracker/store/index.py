"""The inverted index: each claim's terms (its centroid), the document
frequency of every term, and candidate retrieval. Never a scan of claims."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Integer, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from tracker.models import ClaimTerm, TermStat
from tracker.store import _sql as t
from tracker.store.changes import note_index_write

_df_of = t.prebuilt(
    lambda: select(t.stats.c.term, t.stats.c.df).where(
        t.stats.c.term.in_(bindparam("terms", expanding=True))
    )
)
_candidates = t.prebuilt(
    lambda: (
        select(t.terms.c.claim_id)
        .where(t.terms.c.term.in_(bindparam("terms", expanding=True)))
        .group_by(t.terms.c.claim_id)
        .order_by(func.count().desc(), func.sum(t.terms.c.weight).desc(), t.terms.c.claim_id)
        .limit(bindparam("lim", type_=Integer, literal_execute=True))
    )
)
_bags = t.prebuilt(
    lambda: select(t.terms.c.claim_id, t.terms.c.term, t.terms.c.weight).where(
        t.terms.c.claim_id.in_(bindparam("ids", expanding=True))
    )
)
_weight_bump = t.prebuilt(
    lambda: (
        update(t.terms)
        .where(t.terms.c.claim_id == bindparam("b_claim"), t.terms.c.term == bindparam("b_term"))
        .values(weight=t.terms.c.weight + bindparam("b_n"))
    )
)


def insert_or_increment_df(session: Session, terms: Iterable[str], delta: int = 1) -> None:
    """Add ``delta`` to the document frequency of each term (one executemany)."""
    terms = sorted(set(terms))
    if not terms:
        return
    note_index_write(session)
    raw = t.sqlite_driver(session)
    # Sorted: concurrent writers lock rows in the same order, so they never deadlock.
    if raw is not None:
        raw.executemany(
            "INSERT INTO term_stats (term, df) VALUES (?, ?) "
            "ON CONFLICT (term) DO UPDATE SET df = term_stats.df + excluded.df",
            [(term, delta) for term in terms],
        )
        return
    conn = session.connection()
    conn.execute(_df_upsert(conn.dialect.name), [{"b_term": term, "b_df": delta} for term in terms])


def _build_df_upsert(insert: Any) -> Any:
    ins = insert(t.stats).values(term=bindparam("b_term"), df=bindparam("b_df"))
    return ins.on_conflict_do_update(
        index_elements=[t.stats.c.term], set_={"df": t.stats.c.df + ins.excluded.df}
    )


_df_upsert = t.per_dialect(_build_df_upsert)


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
    note_index_write(session)
    known = known or {}
    new = {term: n for term, n in counts.items() if term not in known}
    raw = t.sqlite_driver(session)
    if new:
        if raw is not None:
            raw.executemany(
                "INSERT INTO claim_terms (term, claim_id, weight) VALUES (?, ?, ?)",
                [(term, claim_id, n) for term, n in sorted(new.items())],
            )
        else:
            session.connection().execute(
                t.terms.insert(),
                [
                    {"term": term, "claim_id": claim_id, "weight": n}
                    for term, n in sorted(new.items())
                ],
            )
        insert_or_increment_df(session, new)
    old = sorted((term, n) for term, n in counts.items() if term in known)
    if old:
        # One executemany; the increment happens in SQL, so a concurrent writer's
        # increment is never overwritten by a stale weight.
        if raw is not None:
            raw.executemany(
                "UPDATE claim_terms SET weight = weight + ? WHERE claim_id = ? AND term = ?",
                [(n, claim_id, term) for term, n in old],
            )
        else:
            session.connection().execute(
                _weight_bump(),
                [{"b_claim": claim_id, "b_term": term, "b_n": n} for term, n in old],
            )


def clear_terms(session: Session, claim_id: int) -> None:
    """Remove a claim from the index (before a rebuild, or when it is merged away)."""
    terms = list(session.scalars(select(ClaimTerm.term).where(ClaimTerm.claim_id == claim_id)))
    if not terms:
        return
    note_index_write(session)
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
    raw = t.sqlite_driver(session)
    for i in range(0, len(terms), 500):
        chunk = terms[i : i + 500]
        if raw is not None:
            rows = raw.execute(
                f"SELECT term, df FROM term_stats WHERE term IN ({t.marks(len(chunk))})", chunk
            ).fetchall()
        else:
            rows = session.connection().execute(_df_of(), {"terms": chunk}).all()
        out.update({term: d for term, d in rows})
    return out


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
    raw = t.sqlite_driver(session)
    if raw is not None:
        rows = raw.execute(
            f"SELECT claim_id FROM claim_terms WHERE term IN ({t.marks(len(terms))}) "
            "GROUP BY claim_id ORDER BY count(*) DESC, sum(weight) DESC, claim_id LIMIT ?",
            [*terms, limit + len(excluded)],
        ).fetchall()
    else:
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
    raw = t.sqlite_driver(session)
    if raw is not None:
        rows = raw.execute(
            "SELECT claim_id, term, weight FROM claim_terms "
            f"WHERE claim_id IN ({t.marks(len(claim_ids))})",
            list(claim_ids),
        ).fetchall()
    else:
        # .all(): one fetchall, not a fetchone per row (bags run to hundreds of rows)
        rows = session.connection().execute(_bags(), {"ids": list(claim_ids)}).all()
    for cid, term, weight in rows:
        bags[cid][term] = float(weight)
    return bags
