"""Choosing between scored candidates: bands (strong / possible / none) and a
gap rule against the runner-up, as beets' ``_recommendation``. Pure."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.config import MatchSettings
from tracker.link.score import LinkScore


class LinkAction(str, enum.Enum):
    """What becomes of a mention: it joins a claim, or it starts one."""

    LINK = "link"
    NEW = "new"


@dataclass(frozen=True)
class Candidate:
    claim_id: int
    score: LinkScore


@dataclass(frozen=True)
class LinkDecision:
    """``LINK``: join ``best``; ``NEW``: start a claim (``suggestion`` may name a
    possible match for review)."""

    action: LinkAction
    best: Candidate | None
    suggestion: Candidate | None
    reason: str


def choose(
    candidates: Iterable[Candidate],
    settings: MatchSettings,
    rejected: frozenset[int] = frozenset(),
) -> LinkDecision:
    """Pick by bands (strong / possible / none) with a gap rule against the runner-up."""
    ranked = sorted(
        (c for c in candidates if c.claim_id not in rejected),
        key=lambda c: (-c.score.total, c.claim_id),
    )
    if not ranked or ranked[0].score.total < settings.suggest:
        return LinkDecision(
            LinkAction.NEW, None, None, "no candidate above the suggestion threshold"
        )
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    total = best.score.total
    if total >= settings.link:
        if runner is not None and total - runner.score.total < settings.gap:
            return LinkDecision(
                LinkAction.LINK,
                best,
                runner,
                f"linked at {total:.2f}; runner-up #{runner.claim_id} is within {settings.gap}",
            )
        return LinkDecision(
            LinkAction.LINK, best, None, f"score {total:.2f} >= link threshold {settings.link}"
        )
    return LinkDecision(
        LinkAction.NEW,
        None,
        best,
        f"possible match #{best.claim_id}, score {total:.2f} "
        f"(between {settings.suggest} and {settings.link})",
    )
