"""Fixtures for the store's tests: a session on a fresh database (both
backends, from tests/conftest.py) and a maker of rows through the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tracker import store
from tracker.status import Precision, Status


@pytest.fixture
def session(database: Any) -> Iterator[Session]:
    """One transaction on a fresh database, committed when the test passes."""
    with database.session() as s:
        yield s


@dataclass
class Maker:
    """Rows written with the store's own functions, with readable defaults."""

    session: Session
    made: int = field(default=0)

    def article(
        self,
        published: dt.date | None = dt.date(2023, 1, 10),
        precision: Precision = Precision.DAY,
        **values: Any,
    ) -> int:
        self.made += 1
        values.setdefault("title", f"title {self.made}")
        values.setdefault("body", f"body {self.made}")
        article_id = store.insert_article(
            self.session,
            content_hash=f"{self.made:064d}",
            published=published,
            date_precision=precision if published else Precision.UNKNOWN,
            **values,
        )
        assert article_id is not None
        return article_id

    def claim(self, text: str = "Acme / Globex: acquisition", **values: Any) -> int:
        values.setdefault("key", text.lower())
        values.setdefault("kind", "acquisition")
        values.setdefault("parties", ["acme", "globex"])
        values.setdefault("amount", None)
        values.setdefault("amount_text", None)
        values.setdefault("event_year", None)
        values.setdefault("status", Status.RUMOR)
        return store.insert_claim(self.session, text=text, **values)

    def mention(
        self, article_id: int, claim_id: int, status: Status = Status.RUMOR, **values: Any
    ) -> int:
        values.setdefault("quote", f"quote of article {article_id}")
        values.setdefault("span_start", 0)
        values.setdefault("span_end", len(values["quote"]))
        values.setdefault("parties", [])
        values.setdefault("terms", [])
        return store.insert_mention(
            self.session, article_id=article_id, claim_id=claim_id, status=status, **values
        )


@pytest.fixture
def make(session: Session) -> Maker:
    return Maker(session)
