"""What extraction knows of one sentence (a :class:`SentenceInfo`).

:mod:`.analysis` fills one per sentence; the later steps (roles, figures,
candidates, merging, the article rules, mentions) read it and add to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.extract.cues import Decision
from tracker.extract.entities import Entity
from tracker.extract.types import Amount


@dataclass(eq=False, slots=True)
class SentenceInfo:
    """Everything extraction found in one sentence."""

    index: int
    start: int
    end: int
    headline: bool
    lead: bool
    entities: Sequence[Entity]
    kind: str | None
    kind_trigger: str | None
    other_kinds: Sequence[str]
    amounts: Sequence[tuple[Amount, int, int]]
    decision: Decision
    event_year: int | None
    notes: list[str] = field(default_factory=list)
    # Empty tuples until set: a skipped sentence holds no list of its own.
    parties: Sequence[Entity] = ()
    inherited: bool = False
    amount: Amount | None = None
    used: bool = False
    #: Parties in order of salience with their role (see roles.py).
    ranked: Sequence[tuple[Entity, int]] = ()
    #: The event word refers back ("the deal", "ce tour de table").
    anaphoric: bool = False
    #: Span of the event word that gave the kind.
    trigger_span: tuple[int, int] | None = None
    #: A cumulative or programme marker in the event's clause ("since 2018").
    background: str | None = None
    #: The sentence reports a share-price move ("le titre a pris 4 %").
    market_move: bool = False
    #: False for a sentence skipped before names and figures: no claim.
    analysed: bool = True
    #: A partnership word extended or renewed ("extending a partnership").
    extension: bool = False
    #: No event word: a rumoured figure lent to the article's main claim.
    figure_only: bool = False
    #: Its event names no party, here or in the article: not a claim of its kind.
    partyless: bool = False

    @property
    def party_keys(self) -> set[str]:
        return {p.canonical for p in self.parties}
