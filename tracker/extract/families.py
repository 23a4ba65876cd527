"""Cue families: what a status cue says, and the order in which cues decide.

Each lexicon declares its families under ``[cues.NAME]`` with a ``status``, a
``strength`` and a ``confidence``. A sentence's status is decided tier by
tier, in :data:`DECISION_ORDER` of ``(strength, status)``: a strong denial,
then a strong rumor cue, an undisclosed figure, a confirmation, a recalled
report, a weak rumor cue. Within a tier the surer family decides, then the one
declared first. Families of a :data:`SILENT` strength never decide by
themselves (a deal's completion timing; speech verbs, which confirm only what
was said). The code derives a few cue kinds of its own (:data:`DERIVED`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.status import Status

#: The confidence of a family that declares none.
DEFAULT_CONFIDENCE = 0.6


@dataclass(frozen=True)
class CueFamily:
    """What a status cue says: its family name, status, strength and confidence."""

    family: str
    status: Status
    strength: str
    confidence: float = DEFAULT_CONFIDENCE
    suffix: bool = False  # matched by a ``*ending`` phrase: check the accent


@dataclass(frozen=True)
class Tier:
    """One step of the decision: its status and its families, by precedence."""

    status: Status
    ranks: dict[str, int]


#: The order of the tiers, by the (strength, status) of their families.
DECISION_ORDER: tuple[tuple[str, Status], ...] = (
    ("strong", Status.DENIED),
    ("strong", Status.RUMOR),
    ("normal", Status.UNDISCLOSED),
    ("normal", Status.CONFIRMED),
    ("recall", Status.RUMOR),
    ("weak", Status.RUMOR),
)
#: Strengths of families that never decide by themselves.
SILENT = frozenset({"neutral", "speech"})
#: Cue kinds the code derives, not words: a question mark ending the sentence,
#: a negated announcement ("did not confirm"), a negated denial ("n'a pas
#: démenti"). Declared before any lexicon's families.
DERIVED: tuple[CueFamily, ...] = (
    CueFamily("question", Status.RUMOR, "strong", 0.7),
    CueFamily("not_confirmed", Status.RUMOR, "weak", 0.65),
    CueFamily("not_denied", Status.RUMOR, "weak", 0.6),
)
#: The confidence of a sentence without a cue that decides: a plain statement.
FACT_CONFIDENCE = 0.5


def decision_tiers(families: Iterable[CueFamily]) -> tuple[Tier, ...]:
    """The tiers of :data:`DECISION_ORDER` for the derived kinds and
    ``families`` (in declaration order). Raises ``ValueError`` for a family
    that could never decide by mistake: a (strength, status) with no tier."""
    declared = [*DERIVED, *families]
    placed = {key for key in DECISION_ORDER}
    for family in declared:
        if family.strength not in SILENT and (family.strength, family.status) not in placed:
            raise ValueError(
                f"cue family {family.family!r}: no decision for strength "
                f"{family.strength!r} with status {family.status.value!r}"
            )
    tiers = []
    for strength, status in DECISION_ORDER:
        members = [f for f in declared if (f.strength, f.status) == (strength, status)]
        members.sort(key=lambda f: -f.confidence)  # stable: ties keep declaration order
        tiers.append(Tier(status, {f.family: i for i, f in enumerate(members)}))
    return tuple(tiers)
