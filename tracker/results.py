"""What ``tracker add`` reports of each input and of a batch: plain values."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from tracker.status import Status


@dataclass
class MentionResult:
    """What became of one mention: which claim, how, and why."""

    claim_id: int
    claim_text: str
    status: Status
    quote: str
    cue: str | None
    cue_kind: str | None
    action: str  # "linked" | "new" (what the JSON output says)
    score: float | None
    explanation: dict[str, Any] | None
    suggestion: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "claim": self.claim_text,
            "status": self.status.value,
            "quote": self.quote,
            "cue": self.cue,
            "cue_kind": self.cue_kind,
            "action": self.action,
            "score": None if self.score is None else round(self.score, 4),
            "suggestion": self.suggestion,
        }


class Outcome(str, enum.Enum):
    """What became of one input."""

    ADDED = "added"
    DUPLICATE = "duplicate"
    REVISION = "revision"
    #: The same text from another outlet or address: another appearance.
    SYNDICATED = "syndicated"
    FAILED = "failed"
    #: On a dry run: what would have happened.
    WOULD_ADD = "would add"
    WOULD_REVISE = "would revise"

    def __str__(self) -> str:
        return self.value


#: What a dry run reports instead of what a real run does.
DRY_RUN_OUTCOMES = {Outcome.ADDED: Outcome.WOULD_ADD, Outcome.REVISION: Outcome.WOULD_REVISE}
#: Outcomes that stored a new article.
STORED_OUTCOMES = (Outcome.ADDED, Outcome.REVISION, Outcome.SYNDICATED)


@dataclass
class Transition:
    claim_id: int
    claim_text: str
    before: Status | None
    after: Status | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "claim": self.claim_text,
            "from": self.before.value if self.before else None,
            "to": self.after.value if self.after else None,
        }


@dataclass
class AddResult:
    """The outcome of one input: added, duplicate, revision, failed (or would-be, on dry run)."""

    input: str
    outcome: Outcome
    article_id: int | None = None
    title: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    mentions: list[MentionResult] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    revision_of: int | None = None
    #: For a syndicated copy: the article whose text it repeats.
    syndicated_of: int | None = None
    #: A duplicate of an article that was retracted: it still counts in no claim.
    retracted: bool = False
    #: The file, address or ``<stdin>`` the input was read from (not in the JSON).
    path: str | None = None
    #: Failed while being stored, not while being read: the same input may
    #: well be stored if tried again (not in the JSON).
    write_failed: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome is not Outcome.FAILED

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "outcome": self.outcome.value,
            "article_id": self.article_id,
            "title": self.title,
            "error": self.error,
            "warnings": list(self.warnings),
            "revision_of": self.revision_of,
            "syndicated_of": self.syndicated_of,
            "retracted": self.retracted,
            "mentions": [m.to_dict() for m in self.mentions],
            "transitions": [t.to_dict() for t in self.transitions],
        }


@dataclass
class BatchSummary:
    added: int = 0
    duplicates: int = 0
    revisions: int = 0
    syndicated: int = 0
    failed: int = 0
    claims_new: int = 0
    claims_updated: int = 0

    def count(self, result: AddResult) -> None:
        if result.outcome in (Outcome.ADDED, Outcome.WOULD_ADD):
            self.added += 1
        elif result.outcome in (Outcome.REVISION, Outcome.WOULD_REVISE):
            self.added += 1
            self.revisions += 1
        elif result.outcome is Outcome.SYNDICATED:
            self.added += 1
            self.syndicated += 1
        elif result.outcome is Outcome.DUPLICATE:
            self.duplicates += 1
        elif result.outcome is Outcome.FAILED:
            self.failed += 1
        for m in result.mentions:
            if m.action == "new":
                self.claims_new += 1
            else:
                self.claims_updated += 1

    def line(self, dry_run: bool = False) -> str:
        verb = "would add" if dry_run else "added"
        parts = [f"{verb} {self.added}"]
        notes = []
        if self.revisions:
            notes.append(f"{self.revisions} revisions")
        if self.syndicated:
            notes.append(f"{self.syndicated} syndicated")
        if notes:
            parts[0] += f" ({', '.join(notes)})"
        parts += [
            f"{self.duplicates} duplicate{'s' if self.duplicates != 1 else ''}",
            f"{self.failed} failed",
            f"claims: {self.claims_new} new, {self.claims_updated} updated",
        ]
        return ", ".join(parts)


#: More claims than this in one article: many articles in one file. All are
#: tracked; the warning says how to keep them apart.
MANY_CLAIMS = 500


def many_claims_warning(count: int) -> str | None:
    """The warning for an article that makes ``count`` claims, or None."""
    if count <= MANY_CLAIMS:
        return None
    return (
        f"{count:,} claims in one article: if it holds many articles, a folder or "
        "JSON Lines keeps them apart (each with its own date and source)"
    )
