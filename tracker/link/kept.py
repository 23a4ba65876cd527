"""The timelines a writer keeps in memory: each claim's cached state and its
events, with the mentions the writer adds appended, so re-deriving a claim
after an article reads nothing. The linker drops them when another writer
wrote (see :mod:`tracker.store.changes`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker import store
from tracker.status import Status
from tracker.timeline import Event

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ArticleStamp:
    """What a timeline needs of the article whose mentions are being linked."""

    article_id: int
    date: dt.date  # the date the timeline orders it by
    added_at: dt.datetime
    dated: bool  # published with a date (else ``date`` is the day it was added)
    source: str | None


class KeptTimelines:
    """Claims' cached states and timeline events, by claim id.

    Kept on SQLite only, where writers take turns: nobody else writes while a
    transaction runs, and the change counter read as it starts is the whole
    truth. PostgreSQL's transactions overlap, so another writer's mention of a
    claim can land mid-transaction: there each timeline is read when needed.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.keep = session.get_bind().dialect.name == "sqlite"
        self._known: dict[int, store.KnownTimeline] = {}
        #: The article being linked: its mentions' events are kept.
        self.stamp: ArticleStamp | None = None

    def __len__(self) -> int:
        return len(self._known)

    def get(self, claim_id: int) -> store.KnownTimeline:
        """From memory, else read once and kept."""
        known = self._known.get(claim_id)
        if known is None:
            known = store.known_timeline(self.session, claim_id)
            if self.keep:
                self._known[claim_id] = known
        return known

    def note(
        self, claim_id: int, mention_id: int, article_id: int, status: Status, *, new: bool
    ) -> None:
        """Add the mention just written (``new``: of a claim just created) to
        what is kept of its claim's timeline."""
        if not self.keep:
            return
        stamp = self.stamp
        if stamp is None or stamp.article_id != article_id:
            self._known.pop(claim_id, None)  # an article of unknown dates: read it again
            return
        event = Event(
            date=stamp.date,
            order=(stamp.added_at, article_id, mention_id),
            status=status,
            article_id=article_id,
            mention_id=mention_id,
            source=stamp.source,
            dated=stamp.dated,
        )
        if new:
            # As inserted: the mention's status, not yet seen.
            self._known[claim_id] = store.KnownTimeline(
                store.CachedState(status, None, None), [event]
            )
        elif (known := self._known.get(claim_id)) is not None:
            known.events.append(event)

    def forget(self, claim_id: int) -> None:
        self._known.pop(claim_id, None)

    def clear(self) -> None:
        self._known.clear()
