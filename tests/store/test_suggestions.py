"""store/suggestions.py: suggestions for review, and the pairs kept apart."""

from __future__ import annotations

from tracker import store
from tracker.models import Actor


def test_pending_suggestions_best_first_and_closing_them(session, make) -> None:
    a1, a2 = make.article(), make.article()
    c1, c2, c3 = make.claim("c1"), make.claim("c2"), make.claim("c3")
    m1, m2 = make.mention(a1, c1), make.mention(a2, c2)
    store.insert_suggestion(session, mention_id=m1, claim_id=c2, score=0.6)
    store.insert_suggestion(session, mention_id=m2, claim_id=c3, score=0.7)
    store.insert_suggestion(session, mention_id=m2, claim_id=c1, score=0.65)
    pending = store.pending_suggestions(session)
    assert [(s.mention_id, s.claim_id) for s in pending] == [(m2, c3), (m2, c1), (m1, c2)]
    assert store.get_suggestion(session, pending[0].id).score == 0.7

    # m1 now sits in c2, the claim it was suggested for: nothing left to decide.
    store.move_mention(session, store.get_mention(session, m1), c2, linked_by=Actor.MANUAL)
    store.close_moot_suggestions(session)
    session.expire_all()
    assert [(s.mention_id, s.claim_id) for s in store.pending_suggestions(session)] == [
        (m2, c3),
        (m2, c1),
    ]
    store.close_suggestions_to(session, c3, "merged")
    session.expire_all()
    assert [s.claim_id for s in store.pending_suggestions(session)] == [c1]
    assert store.get_suggestion(session, 999) is None


def test_rejections_keep_claims_and_articles_apart(session, make) -> None:
    c1, c2, c3 = make.claim("c1"), make.claim("c2"), make.claim("c3")
    art = make.article()
    store.add_rejection(session, c1, other_claim_id=c2, note="not the same")
    store.add_rejection(session, c3, article_id=art)
    session.flush()
    assert store.rejected_claims(session, c1, None) == {c2}
    assert store.rejected_claims(session, c2, None) == {c1}  # both ways
    assert store.rejected_claims(session, None, art) == {c3}
    assert store.rejected_claims(session, c1, art) == {c2, c3}
    assert store.rejected_claims(session, None, None) == set()
    assert [(r.other_claim_id, r.note) for r in store.rejections_of(session, c1)] == [
        (c2, "not the same")
    ]
    assert store.rejections_of(session, c2) == []
