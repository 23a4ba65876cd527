"""Corrections a person makes: link, unlink, merge, split, set-status, rename,
review (a status is re-derived by :func:`tracker.refresh.refresh_claim`).

Each takes a Session and never commits. Each is written to the ledger (who:
manual), and each leaves the index and the cached statuses re-derived, so a
later ``add`` builds on the corrected state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker import store
from tracker.errors import TrackerError
from tracker.models import Actor
from tracker.refresh import refresh_claim as refresh_claim
from tracker.status import Status

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.models import Claim, Mention, Suggestion


@dataclass
class Change:
    """What a correction did, for the CLI to print."""

    message: str
    claim_ids: list[int]


def rebuild(session: Session, claim: Claim) -> int:
    """Recompute a claim's features and index from its mentions (after a move);
    returns how many mentions it holds."""
    return store.recompute_features(session, claim.id)


def _retire(
    session: Session, claim: Claim, into: Claim | None, note: str, actor: Actor = Actor.MANUAL
) -> None:
    """A claim left without mentions: point it at where they went, drop it from the index."""
    store.retire_claim(session, claim, into.id if into is not None else None)
    store.record(session, claim.id, "retire", note=note, actor=actor)


def _move(
    session: Session, mention: Mention, target: Claim, actor: Actor = Actor.MANUAL
) -> Mention | None:
    """Move a mention to ``target``; if the article already speaks of ``target``,
    keep the existing mention and record the other in the ledger (nothing lost)."""
    if mention.claim_id == target.id:
        return mention
    if store.other_mention_in(session, mention, target.id) is not None:
        store.record(
            session,
            target.id,
            "fold",
            actor=actor,
            article_id=mention.article_id,
            note="a second mention of the same article was folded into this claim",
            data={"status": mention.status.value, "quote": mention.quote, "cue": mention.cue},
        )
        store.delete_mention(session, mention)
        return None
    store.move_mention(session, mention, target.id, linked_by=actor)
    return mention


def _new_claim_from(session: Session, mention: Mention, text: str) -> Claim:
    return store.add_claim(session, text=text, key=text, status=mention.status)


_FINISHED = "re-derived after a correction"


def _finish(session: Session, *claims: Claim, note: str = _FINISHED) -> None:
    store.close_moot_suggestions(session)
    for claim in claims:
        if claim.merged_into_id is None and rebuild(session, claim):
            refresh_claim(session, claim.id, note=note)


def link(
    session: Session, article_ref: str, claim_ref: str, *, status: Status | None = None
) -> Change:
    """Attach an article's statement to a claim, by hand."""
    article = store.get_article(session, article_ref)
    claim = store.resolve_claim(session, claim_ref)
    mentions = store.mentions_of_article(session, article.id)
    if any(m.claim_id == claim.id for m in mentions):
        raise TrackerError(f"article #{article.id} is already linked to claim #{claim.id}")

    def likeness(m: Mention) -> tuple[int, bool, int]:
        return (len(set(m.parties or []) & set(claim.parties or [])), m.kind == claim.kind, -m.id)

    # A statement of the article about the same parties and kind of event was
    # split off by mistake: move it. Otherwise the link is a new statement, and the
    # article's other claims stay where they are.
    alike = [
        m
        for m in mentions
        if likeness(m)[0] and (m.kind == claim.kind or m.kind is None or claim.kind is None)
    ]
    if alike:
        mention = max(alike, key=likeness)
        old = store.get_claim(session, mention.claim_id)
        _move(session, mention, claim)
        if status is not None:
            mention.status = status
        if old is not None and _empty(session, old):
            _retire(session, old, None, f"its only mention moved to #{claim.id}")
        touched = [c for c in (old, claim) if c is not None]
    else:
        quote = article.title or article.body[:200]
        store.add_mention(
            session,
            article_id=article.id,
            claim_id=claim.id,
            status=status or Status.RUMOR,
            quote=quote,
            span_start=0,
            span_end=len(quote),
            cue="linked by hand",
            cue_kind="manual",
            confidence=1.0,
            linked_by=Actor.MANUAL,
            language=article.language,
            kind=claim.kind,
            parties=list(claim.parties or []),
            terms=[],
        )
        touched = [claim]
    store.record(session, claim.id, "link", article_id=article.id)
    _finish(session, *touched)
    return Change(f"linked article #{article.id} to claim #{claim.id}", [claim.id])


def _empty(session: Session, claim: Claim) -> bool:
    return not store.has_mentions(session, claim.id)


def unlink(session: Session, article_ref: str, claim_ref: str) -> Change:
    """Detach an article from a claim: its statement becomes a claim of its own,
    and the pair is never linked or suggested again."""
    article = store.get_article(session, article_ref)
    claim = store.resolve_claim(session, claim_ref)
    mentions = [m for m in store.mentions_of_article(session, article.id) if m.claim_id == claim.id]
    if not mentions:
        raise TrackerError(f"article #{article.id} is not linked to claim #{claim.id}")
    new = _new_claim_from(session, mentions[0], f"{claim.text} (from article #{article.id})")
    for m in mentions:
        _move(session, m, new)
    store.add_rejection(session, claim.id, article_id=article.id, note="unlinked by hand")
    store.add_rejection(session, claim.id, other_claim_id=new.id, note="unlinked by hand")
    store.record(session, claim.id, "unlink", article_id=article.id, data={"new_claim": new.id})
    store.record(session, new.id, "split", article_id=article.id, data={"from_claim": claim.id})
    if _empty(session, claim):
        _retire(session, claim, None, "its last mention was unlinked")
    _finish(session, claim, new)
    return Change(
        f"unlinked article #{article.id} from claim #{claim.id}; it now backs claim #{new.id}",
        [claim.id, new.id],
    )


def merge(
    session: Session, claim_ref: str | int, into_ref: str | int, *, automatic: str | None = None
) -> Change:
    """Fold one claim into another; the old id keeps resolving to the new one.

    ``automatic``: the tracker's own merge (:mod:`tracker.link.consolidate`),
    with its reason; the ledger says so, and who did it.
    """
    actor = Actor.AUTO if automatic else Actor.MANUAL
    why = f": {automatic}" if automatic else ""
    claim = store.resolve_claim(session, claim_ref)
    into = store.resolve_claim(session, into_ref)
    if claim.id == into.id:
        raise TrackerError(f"claim #{claim.id} cannot be merged into itself")
    for m in store.mentions_of_claim(session, claim.id):
        _move(session, m, into, actor)
    store.close_suggestions_to(session, claim.id, "merged")
    for rej in store.rejections_of(session, claim.id):
        # What the user kept apart from the old claim stays apart from the new one.
        other = rej.other_claim_id
        if other != into.id:
            store.add_rejection(
                session, into.id, other_claim_id=other, article_id=rej.article_id, note=rej.note
            )
    store.record(
        session,
        into.id,
        "merge",
        actor=actor,
        note=f"absorbed claim #{claim.id}{why}",
        data={"from_claim": claim.id, "text": claim.text},
    )
    _retire(session, claim, into, f"merged into #{into.id}", actor)
    store.record(
        session,
        claim.id,
        "merge",
        actor=actor,
        note=f"merged into #{into.id}{why}",
        data={"into_claim": into.id},
    )
    _finish(session, into, note=f"re-derived after a merge{why}" if automatic else _FINISHED)
    return Change(f"merged claim #{claim.id} into #{into.id}{why}", [into.id])


def split(session: Session, claim_ref: str, article_refs: Sequence[str]) -> Change:
    """Move some articles' statements out of a claim into a new claim."""
    claim = store.resolve_claim(session, claim_ref)
    articles = list(
        {a.id: a for a in (store.get_article(session, r) for r in article_refs)}.values()
    )
    moving = [
        m
        for a in articles
        for m in store.mentions_of_article(session, a.id)
        if m.claim_id == claim.id
    ]
    missing = sorted({a.id for a in articles} - {m.article_id for m in moving})
    if missing:
        raise TrackerError(
            f"article(s) {', '.join(f'#{i}' for i in missing)} are not linked to claim #{claim.id}"
        )
    new = _new_claim_from(session, moving[0], f"{claim.text} (split)")
    for m in moving:
        _move(session, m, new)
    store.add_rejection(session, claim.id, other_claim_id=new.id, note="split by hand")
    store.record(
        session, claim.id, "split", data={"new_claim": new.id, "articles": [a.id for a in articles]}
    )
    store.record(session, new.id, "split", data={"from_claim": claim.id})
    if _empty(session, claim):
        _retire(session, claim, new, "all its mentions were split off")
    _finish(session, claim, new)
    return Change(
        f"split {len(articles)} article(s) from claim #{claim.id} into #{new.id}",
        [claim.id, new.id],
    )


def set_status(
    session: Session,
    claim_ref: str,
    status: Status,
    *,
    note: str | None,
    effective: dt.date | None = None,
) -> Change:
    """Set a claim's status by hand from a date on (default: today).

    Statements dated later still apply after it, by the usual rules.
    """
    claim = store.resolve_claim(session, claim_ref)
    before = claim.status
    store.record(
        session,
        claim.id,
        "set-status",
        from_status=before,
        to_status=status,
        note=note,
        effective=effective or dt.date.today(),
    )
    refresh_claim(session, claim.id, note="set by hand")
    return Change(f"claim #{claim.id}: {before.value} -> {claim.status.value}", [claim.id])


def rename(session: Session, claim_ref: str, text: str) -> Change:
    claim = store.resolve_claim(session, claim_ref)
    text = text.strip()
    if not text:
        raise TrackerError("the new text is empty")
    store.record(session, claim.id, "rename", data={"from": claim.text, "to": text})
    claim.text = text
    return Change(f"claim #{claim.id} renamed", [claim.id])


def accept(session: Session, suggestion: Suggestion) -> Change:
    """The suggested claim is right: move the mention there."""
    mention = store.get_mention(session, suggestion.mention_id)
    target = store.get_claim(session, suggestion.claim_id)
    if mention is None or target is None:
        suggestion.state = "stale"
        return Change("suggestion no longer applies", [])
    target = store.follow_merges(session, target)
    old = store.get_claim(session, mention.claim_id)
    if old is not None and old.id == target.id:
        suggestion.state = "stale"
        return Change(f"article #{mention.article_id} is already in claim #{target.id}", [])
    suggestion.state = "accepted"
    article_id = mention.article_id
    _move(session, mention, target)
    store.record(
        session,
        target.id,
        "accept",
        article_id=article_id,
        data={"from_claim": old.id if old else None, "score": suggestion.score},
    )
    if old is not None and old.id != target.id and _empty(session, old):
        _retire(session, old, target, f"its mention joined #{target.id} on review")
    _finish(session, *(c for c in (old, target) if c is not None))
    return Change(f"article #{article_id} now backs claim #{target.id}", [target.id])


def reject(session: Session, suggestion: Suggestion) -> Change:
    """Not the same claim: never suggest this pair again."""
    mention = store.get_mention(session, suggestion.mention_id)
    suggestion.state = "rejected"
    if mention is not None:
        store.add_rejection(
            session,
            mention.claim_id,
            other_claim_id=suggestion.claim_id,
            note="rejected on review",
        )
        store.record(session, mention.claim_id, "reject", data={"other_claim": suggestion.claim_id})
    return Change("rejected", [])


@dataclass(frozen=True)
class PendingMatch:
    """A suggestion as the reviewer sees it."""

    suggestion_id: int
    article_id: int
    claim_id: int
    claim: str
    suggested_claim_id: int
    suggested_claim: str
    score: float
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "suggestion_id": self.suggestion_id,
            "article_id": self.article_id,
            "claim_id": self.claim_id,
            "claim": self.claim,
            "suggested_claim_id": self.suggested_claim_id,
            "suggested_claim": self.suggested_claim,
            "score": round(self.score, 4),
            "quote": self.quote,
        }


def pending(session: Session) -> list[PendingMatch]:
    """Suggestions still to decide, best first (moot ones are closed first)."""
    store.close_moot_suggestions(session)
    out = []
    for sug in store.pending_suggestions(session):
        mention = store.get_mention(session, sug.mention_id)
        other = store.get_claim(session, sug.claim_id)
        if mention is None or other is None:
            continue
        out.append(
            PendingMatch(
                sug.id,
                mention.article_id,
                mention.claim_id,
                mention.claim.text,
                other.id,
                other.text,
                sug.score,
                mention.quote,
            )
        )
    return out


def answer(session: Session, suggestion_id: int, *, same: bool) -> Change:
    """Record a reviewer's answer: ``same`` links, otherwise the pair is kept apart."""
    sug = store.get_suggestion(session, suggestion_id)
    if sug is None or sug.state != "pending":
        return Change("this suggestion was already decided", [])
    if same:
        return accept(session, sug)
    reject(session, sug)
    return Change("Kept apart; this pair will not be suggested again.", [])
