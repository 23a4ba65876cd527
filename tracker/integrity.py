"""``tracker db check``: is the store whole? ``--repair`` re-derives what can be."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker import corrections, store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    claims_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems or len(self.repaired) >= len(self.problems)


def check(session: Session, *, repair: bool = False) -> CheckReport:
    """Verify integrity; with ``repair``, fix what can be re-derived."""
    report = CheckReport()
    sqlite = store.sqlite_checks(session)
    if sqlite is not None:
        messages, broken = sqlite
        if messages != ["ok"]:
            report.problems += [f"sqlite integrity_check: {r}" for r in messages[:20]]
        for row in broken[:20]:
            report.problems.append(f"foreign key broken: table {row[0]} row {row[1]} -> {row[2]}")
    orphans = store.count_orphan_mentions(session)
    if orphans:
        report.problems.append(f"{orphans} mention(s) point to no claim")

    empty = store.count_listed_without_mentions(session)
    if empty:
        report.problems.append(f"{empty} listed claim(s) have no mention")
        if repair:
            store.unlist_claims_without_mentions(session)
            report.repaired.append(f"{empty} claim(s) without mentions taken off the lists")
    on_merged = store.count_mentions_on_merged(session)
    if on_merged:
        report.problems.append(f"{on_merged} mention(s) sit on a merged claim")

    # Cached statuses and dates must equal the ones derived from the mentions.
    for claim in store.live_claims_with_mentions(session):
        report.claims_checked += 1
        tl = store.claim_timeline(session, claim.id).timeline
        derived = (tl.status, *tl.seen)
        cached = (claim.status, claim.first_seen, claim.last_seen)
        if derived != cached:
            report.problems.append(
                f"claim #{claim.id}: cached {cached[0].value} {cached[1]}..{cached[2]}, "
                f"derived {derived[0].value if derived[0] else None} {derived[1]}..{derived[2]}"
            )
            if repair:
                corrections.refresh_claim(session, claim.id, note="repaired by db check")
                report.repaired.append(f"claim #{claim.id}: status and dates re-derived")

    # Document frequencies must count the claims that carry each term.
    actual = store.term_claim_counts(session)
    recorded = store.recorded_frequencies(session)
    wrong = [t for t in set(actual) | set(recorded) if actual.get(t, 0) != recorded.get(t, 0)]
    if wrong:
        report.problems.append(f"{len(wrong)} index term count(s) out of step")
        if repair:
            store.set_frequencies(
                session, {t: actual.get(t, 0) for t in wrong}, recorded=recorded.keys()
            )
            report.repaired.append(f"{len(wrong)} index term count(s) recounted")
    return report
