"""What the store's modules share: the tables, and statements built once.

Hot paths use the tables directly: Core statements skip the ORM's per-row work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Table

from tracker.models import (
    Article,
    Claim,
    ClaimTerm,
    IndexChanges,
    LedgerEntry,
    Mention,
    Suggestion,
    TermStat,
)

# SQLAlchemy types ``__table__`` as any FromClause; a declarative model's is a Table.
articles = cast(Table, Article.__table__)
claims = cast(Table, Claim.__table__)
mentions = cast(Table, Mention.__table__)
terms = cast(Table, ClaimTerm.__table__)
stats = cast(Table, TermStat.__table__)
ledger = cast(Table, LedgerEntry.__table__)
suggestions = cast(Table, Suggestion.__table__)
changes = cast(Table, IndexChanges.__table__)


def prebuilt(build: Callable[[], Any]) -> Callable[[], Any]:
    """Build a statement once, on first use: the hot path then only binds values
    (constructing a statement costs more than running it on SQLite)."""
    cache: list[Any] = []

    def get() -> Any:
        if not cache:
            cache.append(build())
        return cache[0]

    return get


def per_dialect(build: Callable[[Callable[..., Any]], Any]) -> Callable[[str], Any]:
    """Like :func:`prebuilt`, for statements spelled per dialect (``ON
    CONFLICT``): ``build`` gets the dialect's ``insert`` construct, once per
    dialect."""
    cache: dict[str, Any] = {}

    def get(dialect: str) -> Any:
        stmt = cache.get(dialect)
        if stmt is None:
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                stmt = build(pg_insert)
            else:
                from sqlalchemy.dialects.sqlite import insert as sqlite_insert

                stmt = build(sqlite_insert)
            cache[dialect] = stmt
        return stmt

    return get
