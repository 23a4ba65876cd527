"""What the store's modules share: the tables, and statements built once.

Hot paths use the tables directly: Core statements skip the ORM's per-row work.
"""

from __future__ import annotations

from typing import Any

from tracker.models import Article, Claim, ClaimTerm, LedgerEntry, Mention, Suggestion, TermStat

articles = Article.__table__
claims = Claim.__table__
mentions = Mention.__table__
terms = ClaimTerm.__table__
stats = TermStat.__table__
ledger = LedgerEntry.__table__
suggestions = Suggestion.__table__


def prebuilt(build: Any) -> Any:
    """Build a statement once, on first use: the hot path then only binds values
    (constructing a statement costs more than running it on SQLite)."""
    cache: list[Any] = []

    def get() -> Any:
        if not cache:
            cache.append(build())
        return cache[0]

    return get


def per_dialect(build: Any) -> Any:
    """Like :func:`prebuilt`, for statements spelled per dialect (``ON
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
