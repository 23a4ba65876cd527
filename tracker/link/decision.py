"""Choosing between scored candidates: bands (strong / possible / none) and a
gap rule against the runner-up, as beets' ``_recommendation``; below the link
band, a margin rule (a best candidate far ahead of every other, as the ratio
test of feature matching). Pure."""

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
    #: Linked by the margin rule, under the link threshold.
    margin: bool = False


def _strength(candidate: Candidate, settings: MatchSettings) -> float:
    """A score as a share of its own link threshold: general and typed scores
    live on different scales and are compared by how far each clears its band."""
    link, _ = settings.bands(candidate.score.mode)
    return candidate.score.total / link if link > 0 else candidate.score.total


def choose(
    candidates: Iterable[Candidate],
    settings: MatchSettings,
    rejected: frozenset[int] = frozenset(),
) -> LinkDecision:
    """Pick by bands (strong / possible / none) with a gap rule against the
    runner-up; below the link band, by the margin rule (:func:`_far_ahead`)."""
    candidates = [c for c in candidates if c.claim_id not in rejected]
    eligible = [c for c in candidates if c.score.total >= settings.bands(c.score.mode)[1]]
    # Structured evidence first: when a typed candidate clears its link band,
    # general candidates (words alone) do not compete with it.
    if any(
        c.score.mode != "general" and c.score.total >= settings.bands(c.score.mode)[0]
        for c in eligible
    ):
        eligible = [c for c in eligible if c.score.mode != "general"]
    ranked = sorted(eligible, key=lambda c: (-_strength(c, settings), c.claim_id))
    if not ranked:
        return LinkDecision(
            LinkAction.NEW, None, None, "no candidate above the suggestion threshold"
        )
    best = ranked[0]
    link, suggest = settings.bands(best.score.mode)
    total = best.score.total
    runner = ranked[1] if len(ranked) > 1 else None
    if total >= link:
        gap = settings.gap / settings.link if settings.link > 0 else settings.gap
        if runner is not None and _strength(best, settings) - _strength(runner, settings) < gap:
            return LinkDecision(
                LinkAction.LINK,
                best,
                runner,
                f"linked at {total:.2f}; runner-up #{runner.claim_id} is within {settings.gap}",
            )
        return LinkDecision(
            LinkAction.LINK, best, None, f"score {total:.2f} >= link threshold {link}"
        )
    ahead = _far_ahead(best, candidates, settings)
    if ahead is not None:
        return LinkDecision(LinkAction.LINK, best, None, ahead, margin=True)
    return LinkDecision(
        LinkAction.NEW,
        None,
        best,
        f"possible match #{best.claim_id}, score {total:.2f} (between {suggest} and {link})",
    )


def least_deciding(mode: str, settings: MatchSettings) -> float:
    """The least score of this mode that can change a decision: it reaches the
    suggestion band, comes within the gap of a link, or denies the margin rule
    to a best candidate (more than ``margin_ratio`` of the least such best).
    A candidate that cannot reach it needs no full score."""
    link, suggest = settings.bands(mode)
    return min(suggest, link - settings.gap, settings.margin_ratio * settings.margin_floor * link)


def _far_ahead(best: Candidate, candidates: list[Candidate], settings: MatchSettings) -> str | None:
    """Why ``best``, below its link threshold, still joins, or None.

    It must reach ``margin_floor`` of the threshold, and every other candidate
    stay under ``margin_ratio`` of its strength: a story retold in other words
    scores low against its own claim, and lower still against the rest.
    """
    link, _ = settings.bands(best.score.mode)
    total = best.score.total
    if total < settings.margin_floor * link:
        return None
    strength = _strength(best, settings)
    runner = max(
        (_strength(c, settings) for c in candidates if c.claim_id != best.claim_id), default=0.0
    )
    if runner > settings.margin_ratio * strength:
        return None
    return (
        f"linked at {total:.2f}, under the link threshold {link} but far ahead:"
        f" no other candidate reaches {settings.margin_ratio:.0%} of it"
    )
