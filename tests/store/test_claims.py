"""store/claims.py: features, writes, learning from mentions, finding a claim."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tracker import store
from tracker.errors import NotFound
from tracker.link.features import AmountValue
from tracker.models import Actor, Claim
from tracker.status import Status

USD_1B = {"value": 1e9, "low": 1e9, "high": 1e9, "currency": "USD", "text": "$1bn"}
SEVERAL_B = {"value": None, "low": 2e9, "high": 9e9, "currency": "USD", "text": "several billion"}


def test_feature_rows_are_the_live_claims_in_the_order_asked(session, make) -> None:
    amount = AmountValue(1e9, 1e9, 1e9, "USD")
    a = make.claim("A", amount=amount, event_year=2023)
    b = make.claim("B")
    merged = make.claim("M")
    store.update_claim(session, merged, merged_into_id=a)
    rows = store.claim_feature_rows(session, [b, merged, a])
    assert list(rows) == [b, a]
    assert rows[a] == store.ClaimFeatures(a, "A", ["acme", "globex"], "acquisition", amount, 2023)
    feats = store.features_of(rows[a], {"w:x": 1.0})
    assert (feats.parties, feats.amount, feats.bag) == (("acme", "globex"), amount, {"w:x": 1.0})
    assert store.count_claims(session) == 3


def test_update_claim_reloads_the_orm_copy(session, make) -> None:
    cid = make.claim()
    claim = store.get_claim(session, cid)
    assert claim.status is Status.RUMOR
    store.update_claim(session, cid, status=Status.CONFIRMED, parties=["x"])
    assert claim.status is Status.CONFIRMED and claim.parties == ["x"]
    assert store.claim_statuses(session) == {cid: Status.CONFIRMED}


def test_add_and_retire_a_claim(session, make) -> None:
    into = store.get_claim(session, make.claim())
    claim = store.add_claim(session, text="new", key="new", status=Status.DENIED)
    assert (claim.text, claim.parties, claim.status) == ("new", [], Status.DENIED)
    store.add_terms(session, claim.id, {"p:acme": 1})
    claim.first_seen = claim.last_seen = into.created_at.date()
    store.retire_claim(session, claim, into.id)
    assert (claim.merged_into_id, claim.first_seen, claim.last_seen) == (into.id, None, None)
    assert store.claim_bags(session, [claim.id]) == {claim.id: {}}
    assert store.follow_merges(session, claim).id == into.id


def test_follow_merges_stops_on_a_cycle(session, make) -> None:
    a, b = make.claim("A"), make.claim("B")
    store.update_claim(session, a, merged_into_id=b)
    store.update_claim(session, b, merged_into_id=a)
    assert store.follow_merges(session, store.get_claim(session, a)).id in (a, b)


def test_resolve_by_id_follows_merges(session, make) -> None:
    a, b = make.claim("A"), make.claim("B")
    store.update_claim(session, a, merged_into_id=b)
    assert store.resolve_claim(session, str(a)).id == b
    assert store.resolve_claim(session, f"#{b}").id == b
    with pytest.raises(NotFound, match="no claim #999"):
        store.resolve_claim(session, "999")


def test_search_finds_a_claim_by_its_words_and_figure(session, make) -> None:
    ten = make.claim(
        "Microsoft / OpenAI: investment, $10B",
        key="investment | microsoft openai",
        amount=AmountValue(1e10, 1e10, 1e10, "USD"),
    )
    one = make.claim(
        "Microsoft / OpenAI: investment, $1B",
        key="investment | microsoft openai",
        amount=AmountValue(1e9, 1e9, 1e9, "USD"),
    )
    for cid in (ten, one):
        store.add_terms(session, cid, {"pt:microsoft": 1, "pt:openai": 1})
    found = store.search_claims(session, "Microsoft OpenAI $10 billion")
    scores = {c.id: s for c, s in found}
    assert found[0][0].id == ten
    assert scores[ten] > scores.get(one, 0)
    assert store.resolve_claim(session, "Microsoft OpenAI $10 billion").id == ten
    assert store.search_claims(session, "nothing indexed") == []
    with pytest.raises(NotFound, match="no claim matches"):
        store.resolve_claim(session, "nothing indexed")


def row(parties=(), kind=None, year=None, amount=None, terms=()) -> SimpleNamespace:
    return SimpleNamespace(
        parties=list(parties), kind=kind, event_year=year, amount=amount, terms=list(terms)
    )


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # The most cited parties, most cited first.
        ([row(["b", "a"]), row(["a"])], {"parties": ["a", "b"]}),
        # A known kind outvotes "event" (a headline with no event word).
        ([row(kind="event"), row(kind="event"), row(kind="merger")], {"kind": "merger"}),
        ([row(kind="event")], {"kind": "event"}),
        ([row()], {"kind": None, "event_year": None, "amount_value": None}),
        ([row(year=2022), row(year=2023), row(year=2023)], {"event_year": 2023}),
        # A precise figure beats a vague one; among equals, the first.
        (
            [row(amount=SEVERAL_B), row(amount=USD_1B), row(amount={**USD_1B, "value": 2e9})],
            {"amount_value": 1e9, "amount_low": 1e9, "currency": "USD", "amount_text": "$1bn"},
        ),
        (
            [row(amount=SEVERAL_B)],
            {"amount_value": None, "amount_low": 2e9, "amount_high": 9e9, "unit": None},
        ),
    ],
)
def test_learn_from_mentions(mentions, expected) -> None:
    features, _terms = store.learn_from_mentions(mentions)
    assert {k: features[k] for k in expected} == expected


def test_learnt_terms_are_the_sum_of_the_mentions_terms() -> None:
    _features, terms = store.learn_from_mentions(
        [row(["acme corp"], "merger", 2023, USD_1B, ["deal"]), row(["acme corp"], terms=["deal"])]
    )
    assert terms["p:acme corp"] == 2 and terms["pt:acme"] == 2 and terms["w:deal"] == 2
    assert terms["k:merger"] == 1 and terms["y:2023"] == 1
    assert sum(1 for t in terms if t.startswith("a:")) == 1


def test_recompute_features_from_the_mentions_held_now(session, make) -> None:
    a1, a2 = make.article(), make.article()
    cid = make.claim("Acme: deal", parties=[], kind=None)
    other = make.claim("Other")
    make.mention(a1, cid, parties=["acme", "globex"], kind="event", amount=SEVERAL_B)
    moving = make.mention(
        a2, cid, parties=["acme"], kind="acquisition", amount=USD_1B, event_year=2023
    )
    assert store.recompute_features(session, cid) == 2
    claim = store.get_claim(session, cid)
    assert claim.parties == ["acme", "globex"]
    assert (claim.kind, claim.event_year) == ("acquisition", 2023)
    assert (claim.amount_value, claim.currency, claim.amount_text) == (1e9, "USD", "$1bn")
    bag = store.claim_bags(session, [cid])[cid]
    assert bag["p:acme"] == 2.0 and bag["k:acquisition"] == 1.0
    assert store.document_frequencies(session, ["p:acme"]) == {"p:acme": 1}

    # Nothing changed: nothing is written, and the index is the same.
    stamp = claim.updated_at
    assert store.recompute_features(session, cid) == 2
    assert store.get_claim(session, cid).updated_at == stamp
    assert store.claim_bags(session, [cid])[cid] == bag
    assert store.document_frequencies(session, ["p:acme"]) == {"p:acme": 1}

    # One mention leaves: the claim learns from the one left.
    store.move_mention(session, store.get_mention(session, moving), other, linked_by=Actor.MANUAL)
    assert store.recompute_features(session, cid) == 1
    claim = session.get(Claim, cid)
    assert (claim.kind, claim.event_year, claim.amount_value) == ("event", None, None)
    assert (claim.amount_low, claim.amount_text) == (2e9, "several billion")


def test_recompute_features_of_an_empty_claim_empties_its_index(session, make) -> None:
    cid = make.claim("Acme: deal")
    store.add_terms(session, cid, {"p:acme": 1})
    assert store.recompute_features(session, cid) == 0
    assert store.claim_bags(session, [cid]) == {cid: {}}
    assert store.get_claim(session, cid).parties == ["acme", "globex"]  # kept


def test_claim_amount(session, make) -> None:
    amount = AmountValue(None, 2e9, 9e9, "USD")
    claim = store.get_claim(session, make.claim(amount=amount))
    assert store.claim_amount(claim) == amount
    assert store.claim_amount(store.get_claim(session, make.claim("none"))) is None


def test_claim_updates_bind_json_and_enums_on_every_backend(database) -> None:
    with database.session() as s:
        cid = store.insert_claim(
            s,
            text="A / B: investment",
            key="k",
            kind="investment",
            parties=["a"],
            amount=None,
            amount_text=None,
            event_year=None,
            status=Status.RUMOR,
        )
        store.update_claim(s, cid, parties=["a", "b é"], status=Status.CONFIRMED)
        store.update_claim(s, cid, status=Status.DENIED)  # another set of columns
        s.commit()
        claim = s.get(Claim, cid)
        assert claim.parties == ["a", "b é"]
        assert claim.status is Status.DENIED
