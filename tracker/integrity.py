"""``tracker db check``: is the store whole? ``--repair`` re-derives what can be."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from tracker import corrections, store
from tracker.models import Claim, ClaimTerm, Mention, TermStat


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
    if session.get_bind().dialect.name == "sqlite":
        result = session.execute(text("PRAGMA integrity_check")).scalars().all()
        if result != ["ok"]:
            report.problems += [f"sqlite integrity_check: {r}" for r in result[:20]]
        for row in session.execute(text("PRAGMA foreign_key_check")).all()[:20]:
            report.problems.append(f"foreign key broken: table {row[0]} row {row[1]} -> {row[2]}")
    orphans = session.scalar(
        select(func.count()).select_from(Mention).where(~Mention.claim_id.in_(select(Claim.id)))
    )
    if orphans:
        report.problems.append(f"{orphans} mention(s) point to no claim")

    listed_but_empty = (Claim.last_seen.is_not(None), ~Claim.id.in_(select(Mention.claim_id)))
    empty = session.scalar(select(func.count()).select_from(Claim).where(*listed_but_empty))
    if empty:
        report.problems.append(f"{empty} listed claim(s) have no mention")
        if repair:
            session.execute(
                Claim.__table__.update()
                .where(*listed_but_empty)
                .values(first_seen=None, last_seen=None)
            )
            report.repaired.append(f"{empty} claim(s) without mentions taken off the lists")
    on_merged = session.scalar(
        select(func.count())
        .select_from(Mention)
        .where(Mention.claim_id.in_(select(Claim.id).where(Claim.merged_into_id.is_not(None))))
    )
    if on_merged:
        report.problems.append(f"{on_merged} mention(s) sit on a merged claim")

    # Cached statuses and dates must equal the ones derived from the mentions.
    live = session.scalars(store.live(select(Claim)).where(Claim.id.in_(select(Mention.claim_id))))
    for claim in live:
        report.claims_checked += 1
        tl = store.claim_timeline(session, claim.id).timeline
        dates = [s.event.date for s in tl.steps if not s.event.manual]
        derived = (tl.status, min(dates) if dates else None, max(dates) if dates else None)
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
    actual = dict(
        session.execute(select(ClaimTerm.term, func.count()).group_by(ClaimTerm.term)).all()
    )
    recorded = dict(session.execute(select(TermStat.term, TermStat.df)).all())
    wrong = [t for t in set(actual) | set(recorded) if actual.get(t, 0) != recorded.get(t, 0)]
    if wrong:
        report.problems.append(f"{len(wrong)} index term count(s) out of step")
        if repair:
            for term in sorted(wrong):
                n = actual.get(term, 0)
                if term in recorded:
                    session.execute(
                        TermStat.__table__.update().where(TermStat.term == term).values(df=n)
                    )
                else:
                    session.add(TermStat(term=term, df=n))
            report.repaired.append(f"{len(wrong)} index term count(s) recounted")
    return report
