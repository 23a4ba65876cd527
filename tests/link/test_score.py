"""Scoring and decisions: structure vetoes, vague amounts, bands."""

from __future__ import annotations

import pytest

from tracker.config import MatchSettings
from tracker.link.decision import Candidate
from tracker.link.decision import choose as decide
from tracker.link.features import AmountValue, Features
from tracker.link.score import LinkScore, score

B = 1e9


def usd(v: float) -> AmountValue:
    return AmountValue(v, v, v, "USD")


MULTI = AmountValue(None, 1e9, 1e11, "USD")
SEVERAL = AmountValue(None, 2e9, 9.99e9, "USD")


def feats(parties=("microsoft", "openai"), kind="investment", amount=None, year=None, bag=None):
    return Features(tuple(parties), kind, amount, year, bag or {})


@pytest.mark.parametrize(
    ("mention", "claim", "vetoed"),
    [
        (feats(amount=usd(10 * B)), feats(amount=usd(1 * B)), True),  # $10B vs $1B
        (feats(amount=usd(10 * B)), feats(amount=usd(10 * B)), False),
        (feats(amount=usd(0.45 * B)), feats(amount=usd(0.3 * B)), False),  # revised figure
        (feats(amount=MULTI), feats(amount=usd(10 * B)), False),  # vague in range
        (feats(amount=SEVERAL), feats(amount=usd(20 * B)), True),  # outside range
        (feats(parties=("amazon", "anthropic")), feats(), True),  # no party in common
        (feats(kind="layoffs"), feats(kind="investment"), True),
        (feats(kind="acquisition"), feats(kind="investment"), False),  # a stake sale
        (feats(kind="funding_round"), feats(kind="investment"), False),  # compatible
        (feats(year=2019), feats(year=2023), True),
        (feats(amount=AmountValue(1500, 1500, 1500, unit="jobs")), feats(amount=usd(1500)), True),
    ],
)
def test_structure_vetoes(mention: Features, claim: Features, vetoed: bool) -> None:
    s = score(mention, claim, {})
    assert bool(s.vetoes) is vetoed
    assert (s.total == 0.0) is vetoed


def test_same_deal_across_languages_scores_high() -> None:
    # Different words, same parties, figure and kind: structure carries it.
    en = feats(
        amount=usd(10 * B), bag={"w:talk": 1, "pt:microsoft": 1, "pt:openai": 1, "k:investment": 1}
    )
    fr = feats(
        amount=usd(10 * B),
        bag={"w:pret": 1, "pt:microsoft": 1, "pt:openai": 1, "k:investment": 1, "w:renouvel": 1},
    )
    s = score(fr, en, {})
    assert s.total >= MatchSettings().link
    assert set(s.components) == {"parties", "amount", "kind", "text"}


def test_counterparty_difference_lowers_score() -> None:
    bag = {"pt:microsoft": 1, "k:investment": 1}
    same = score(feats(bag=bag), feats(bag=bag), {}).total
    other = score(feats(parties=("microsoft", "anthropic"), bag=bag), feats(bag=bag), {}).total
    assert other < same * 0.85


def test_alias_party_matches() -> None:
    s = score(feats(parties=("helios",)), feats(parties=("helios energie", "vantor")), {})
    assert s.components["parties"] == 1.0
    assert not s.vetoes


def test_describe_shows_components_and_total() -> None:
    s = LinkScore(components={"parties": 1.0, "text": 0.5})
    text = s.describe()
    assert "parties 1.00" in text and "text 0.50" in text and "->" in text
    s.vetoes.append("different figures (10B vs 1B)")
    assert "vetoed" in s.describe()


def _cand(cid: int, parties: float, text: float) -> Candidate:
    return Candidate(cid, LinkScore(components={"parties": parties, "text": text}))


def test_decide_bands() -> None:
    st = MatchSettings(link=0.7, suggest=0.5, gap=0.05)
    assert decide([], st).action == "new"
    strong = decide([_cand(1, 1.0, 0.9), _cand(2, 0.2, 0.1)], st)
    assert strong.action == "link" and strong.best.claim_id == 1 and strong.suggestion is None
    middle = decide([_cand(3, 0.7, 0.5)], st)
    assert middle.action == "new" and middle.suggestion.claim_id == 3
    assert "possible match #3" in middle.reason
    weak = decide([_cand(4, 0.2, 0.1)], st)
    assert weak.action == "new" and weak.suggestion is None
    close = decide([_cand(5, 1.0, 0.9), _cand(6, 1.0, 0.88)], st)
    assert close.action == "link" and close.suggestion.claim_id == 6


def test_decide_skips_rejected() -> None:
    st = MatchSettings(link=0.7, suggest=0.5)
    d = decide([_cand(1, 1.0, 0.9)], st, rejected=frozenset({1}))
    assert d.action == "new" and d.best is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("helios", "helios energie", True),
        ("valmont", "olympique de valmont", True),
        ("microsoft", "microsoft corp", True),
        ("north korea", "south korea", False),
        ("brennmark nord", "brennmark sud", False),
        ("openai", "open ai", True),  # spelling variant
        ("de", "olympique de valmont", False),  # not a distinctive word
    ],
)
def test_party_aliases(a: str, b: str, same: bool) -> None:
    from tracker.link.score import _same_party

    assert _same_party(a, b) is same


def test_principal_share_counts_against_the_smaller_side() -> None:
    s = score(feats(parties=("norvane", "hestia")), feats(parties=("hestia",)), {})
    assert s.components["parties"] == 1.0
    s = score(feats(parties=("microsoft", "anthropic")), feats(), {})
    assert s.components["parties"] == 0.5


def test_upper_bound_bounds_every_text_and_is_zero_when_vetoed() -> None:
    from tracker.link.score import structure, upper_bound

    bags = [{}, {"w:cloud": 1.0}, {"w:cloud": 2.0, "w:chips": 1.0}, {"w:other": 3.0}]
    pairs = [
        (feats(amount=usd(10 * B)), feats(amount=usd(10 * B))),
        (feats(amount=MULTI), feats(amount=usd(10 * B))),
        (feats(parties=("microsoft", "anthropic")), feats()),  # counterparty differs
        (feats(kind="acquisition"), feats(kind="investment")),
        (feats(amount=usd(10 * B)), feats(amount=usd(1 * B))),  # vetoed
        (feats(parties=("x",), kind=None), feats(parties=(), kind=None)),
    ]
    idf = {"w:cloud": 2.0, "w:chips": 1.5}
    for mention, claim in pairs:
        partial = structure(mention, claim)
        bound = upper_bound(partial)
        if partial.vetoes:
            assert bound == 0.0
        for mb in bags:
            for cb in bags:
                m = Features(mention.parties, mention.kind, mention.amount, mention.event_year, mb)
                c = Features(claim.parties, claim.kind, claim.amount, claim.event_year, cb)
                full = score(m, c, idf)
                assert full.total <= bound + 1e-12
                assert full.to_dict() == score(m, c, idf).to_dict()
    # Identical texts reach the bound.
    same = {"w:cloud": 1.0}
    m = Features(("microsoft", "openai"), "investment", usd(10 * B), None, same)
    assert score(m, m, idf).total == pytest.approx(upper_bound(structure(m, m)))


@pytest.mark.parametrize(
    ("kind", "vetoed"),
    [("investment", False), ("acquisition", False), ("partnership", False),
     ("layoffs", True), ("fine", True), ("appointment", True)],
)  # fmt: skip
def test_a_generic_deal_agrees_weakly_with_any_transaction(kind: str, vetoed: bool) -> None:
    from tracker.link.score import score_kind

    for a, b in (("deal", kind), (kind, "deal")):
        value, veto = score_kind(a, b)
        assert (veto is not None) is vetoed
        if not vetoed:
            assert value == 0.5


def test_an_event_of_unknown_kind_says_nothing_about_kind() -> None:
    from tracker.link.score import UNKNOWN_KIND, score_kind

    for other in ("acquisition", "layoffs", UNKNOWN_KIND, None):
        assert score_kind(UNKNOWN_KIND, other) == (None, None)
        assert score_kind(other, UNKNOWN_KIND) == (None, None)


def test_a_stake_and_a_price_are_not_a_conflict() -> None:
    from tracker.link.score import score_amount

    stake = AmountValue(57.0, 57.0, 57.0, unit="%")
    assert score_amount(stake, usd(3.4 * B)) == (None, None)
    assert score_amount(usd(3.4 * B), stake) == (None, None)
    jobs = AmountValue(1500, 1500, 1500, unit="jobs")
    assert score_amount(jobs, usd(3.4 * B))[1] is not None  # jobs and dollars still conflict


def test_an_approximate_figure_agrees_within_a_wider_tolerance() -> None:
    from dataclasses import replace

    from tracker.link.score import score_amount

    about = replace(usd(0.8 * B), approximate=True)  # "nearly $800m"
    assert score_amount(about, usd(0.78 * B))[0] == 1.0
    # Stated flat, the same two figures are a revision at best.
    assert score_amount(usd(0.8 * B), usd(0.78 * B))[0] == pytest.approx(0.25)
    # Approximate is not anything: $1B against $800m still differs.
    assert score_amount(about, usd(1.0 * B))[0] == pytest.approx(0.25)


def test_a_typed_match_wins_over_a_general_one() -> None:
    """A general claim's words-only score runs on its own scale; it does not
    outrank a typed candidate that clears the typed band."""
    from tracker.config import MatchSettings
    from tracker.link.decision import LinkAction

    m = MatchSettings()
    typed = Candidate(1, LinkScore(components={"parties": 1.0, "kind": 1.0, "text": 0.3}))
    general = Candidate(2, LinkScore(components={"text": 0.5}, mode="general"))
    decision = decide([general, typed], m)
    assert decision.action is LinkAction.LINK and decision.best.claim_id == 1
    # Without a typed candidate in its band, the general one may link.
    weak = Candidate(1, LinkScore(components={"parties": 0.5, "kind": 0.0, "text": 0.0}))
    assert decide([general, weak], m).best.claim_id == 2


def _general(cid: int, text: float) -> Candidate:
    return Candidate(cid, LinkScore(components={"text": text}, mode="general"))


def test_a_best_candidate_far_ahead_links_under_the_threshold() -> None:
    """The margin rule: under its link threshold but at ``margin_floor`` of it,
    a best candidate links when no other reaches ``margin_ratio`` of it."""
    st = MatchSettings(general_link=0.3, general_suggest=0.2, margin_floor=0.8, margin_ratio=0.6)
    alone = decide([_general(1, 0.25), _general(2, 0.14)], st)
    assert alone.action == "link" and alone.best.claim_id == 1 and alone.suggestion is None
    assert "far ahead" in alone.reason and "60%" in alone.reason
    # A runner-up within the ratio (0.16 > 0.6 * 0.25): a suggestion, as before.
    close = decide([_general(1, 0.25), _general(2, 0.16)], st)
    assert close.action == "new" and close.suggestion.claim_id == 1
    # Under the floor (0.8 * 0.3 = 0.24), however far ahead.
    low = decide([_general(1, 0.23)], st)
    assert low.action == "new" and low.suggestion.claim_id == 1
    # A floor of 1.0 turns the rule off.
    off = MatchSettings(general_link=0.3, general_suggest=0.2, margin_floor=1.0, margin_ratio=0.6)
    assert decide([_general(1, 0.29)], off).action == "new"


def test_the_margin_rule_compares_strengths_across_modes_and_skips_rejected() -> None:
    st = MatchSettings(
        link=0.6, suggest=0.45, general_link=0.3, general_suggest=0.2,
        margin_floor=0.8, margin_ratio=0.6,
    )  # fmt: skip
    best = _general(1, 0.27)  # strength 0.9
    # A typed candidate at 0.35 of its 0.6 (strength 0.58 > 0.6 * 0.9 = 0.54) holds it back ...
    typed = Candidate(2, LinkScore(components={"text": 0.35}))
    assert decide([best, typed], st).action == "new"
    # ... unless a person rejected that pair: it no longer counts.
    assert decide([best, typed], st, rejected=frozenset({2})).action == "link"
    # A vetoed candidate scores nothing and holds nothing back.
    vetoed = Candidate(3, LinkScore(components={"text": 0.9}, vetoes=["different years"]))
    assert decide([best, vetoed], st).action == "link"


@pytest.mark.parametrize("mode", ["typed", "general"])
def test_a_candidate_under_the_least_deciding_score_changes_no_decision(mode: str) -> None:
    """The linker skips the full score of candidates that cannot reach
    ``least_deciding``: whatever the best, adding one just under it (or at its
    best, if a typed candidate's upper bound says no more) decides the same."""
    from tracker.link.decision import least_deciding

    st = MatchSettings()
    floor = least_deciding(mode, st)
    link = st.bands(mode)[0]
    assert floor < st.bands(mode)[1]  # the margin rule asks for more than the bands

    def cand(cid: int, total: float) -> Candidate:
        return Candidate(cid, LinkScore(components={"text": total}, mode=mode))

    for i in range(0, 121):
        best = cand(1, link * i / 100)
        with_weak = decide([best, cand(2, floor - 1e-6)], st)
        alone = decide([best], st)
        assert (with_weak.action, with_weak.best, with_weak.margin) == (
            alone.action, alone.best, alone.margin,
        ), i  # fmt: skip
    # ... and one just above it can: it denies the margin rule to the least such best.
    least = cand(1, st.margin_floor * link + 1e-9)
    assert decide([least], st).margin
    assert not decide([least, cand(2, floor + 1e-3)], st).margin
