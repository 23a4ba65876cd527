"""store/index.py: claim terms, document frequencies, candidate retrieval."""

from __future__ import annotations

from tracker import store


def test_new_terms_count_once_per_claim_and_weights_add_up(session, make) -> None:
    c1, c2 = make.claim(), make.claim("Other")
    store.add_terms(session, c1, {"p:acme": 1, "w:deal": 2})
    assert store.document_frequencies(session, ["p:acme", "w:deal", "w:none"]) == {
        "p:acme": 1,
        "w:deal": 1,
    }
    # Terms the claim already has: weights grow, frequencies do not.
    known = store.claim_bags(session, [c1])[c1]
    store.add_terms(session, c1, {"p:acme": 3, "k:acquisition": 1}, known)
    assert store.claim_bags(session, [c1]) == {
        c1: {"p:acme": 4.0, "w:deal": 2.0, "k:acquisition": 1.0}
    }
    store.add_terms(session, c2, {"p:acme": 1})
    assert store.document_frequencies(session, ["p:acme", "k:acquisition"]) == {
        "p:acme": 2,
        "k:acquisition": 1,
    }


def test_clear_terms_takes_a_claim_out_of_the_counts(session, make) -> None:
    c1, c2 = make.claim(), make.claim("Other")
    store.add_terms(session, c1, {"p:acme": 1, "w:deal": 1})
    store.add_terms(session, c2, {"p:acme": 1})
    store.clear_terms(session, c1)
    store.clear_terms(session, c1)  # nothing left: a no-op
    assert store.claim_bags(session, [c1, c2]) == {c1: {}, c2: {"p:acme": 1.0}}
    assert store.document_frequencies(session, ["p:acme", "w:deal"]) == {"p:acme": 1, "w:deal": 0}


def test_frequencies_of_many_terms_are_read_in_chunks(session) -> None:
    terms = [f"w:t{i}" for i in range(1203)]
    store.insert_or_increment_df(session, terms)
    store.insert_or_increment_df(session, terms[:10], delta=2)
    df = store.document_frequencies(session, terms)
    assert len(df) == 1203
    assert df["w:t0"] == 3 and df["w:t1202"] == 1


def test_candidates_share_most_terms_then_most_weight(session, make) -> None:
    two, heavy, light, none = (make.claim(f"c{i}") for i in range(4))
    store.add_terms(session, two, {"p:acme": 1, "p:globex": 1})
    store.add_terms(session, heavy, {"p:acme": 5})
    store.add_terms(session, light, {"p:acme": 1})
    store.add_terms(session, none, {"p:initech": 1})
    terms = ["p:acme", "p:globex"]
    assert store.candidate_ids(session, terms, limit=10) == [two, heavy, light]
    assert store.candidate_ids(session, terms, limit=2) == [two, heavy]
    assert store.candidate_ids(session, terms, limit=2, exclude=[two]) == [heavy, light]
    assert store.candidate_ids(session, [], limit=10) == []


def test_bags_of_no_claims(session) -> None:
    assert store.claim_bags(session, []) == {}
