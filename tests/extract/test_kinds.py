"""The table of event kinds: one table, two relations, and what linking needs."""

from __future__ import annotations

import pytest

from tracker import kinds, lexicons
from tracker.extract import lexicon


def test_linking_scores_kinds_by_the_table() -> None:
    """Every pair of kinds is scored by the table's relations, nothing else."""
    from itertools import product

    from tracker.link.score import score_kind

    table = kinds.table()
    for a, b in product(table.names, repeat=2):
        value, veto = score_kind(a, b)
        if table.unknown in (a, b):
            assert (value, veto) == (None, None), (a, b)
        elif a == b:
            assert value == 1.0, (a, b)
        elif table.link_pair(a, b):
            assert value == 0.6, (a, b)
        elif table.generic in (a, b) and {a, b} - {table.generic} <= table.transactions:
            assert value == table.generic_link_score, (a, b)
        else:
            assert value == 0.0 and veto, (a, b)


def test_merging_and_linking_are_two_relations() -> None:
    table = kinds.table()
    assert table.merge_pair("funding_round", "investment")
    assert not table.merge_pair("acquisition", "merger")  # one article: two claims
    assert table.link_pair("merger", "acquisition")  # two outlets: maybe one event
    assert table.merge_compatible < table.link_compatible


def test_groups_hold_kinds() -> None:
    table = kinds.table()
    assert table.generic in table.deals and table.generic not in table.transactions
    assert table.whole_deals <= table.deals
    assert table.unknown not in table.deals
    assert kinds.deal_kinds() == table.deals and kinds.unknown_kind() == "event"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_kind_a_lexicon_gives_is_in_the_table(language: str) -> None:
    assert set(lexicons.load(language)["kinds"]) <= set(kinds.names())


def test_a_table_using_an_unnamed_kind_is_refused() -> None:
    raw = {
        "names": ["deal", "event", "investment", "valuation", "partnership"],
        "generic": "deal",
        "unknown": "event",
        "broad": "investment",
        "valuation": "valuation",
        "partnership": "partnership",
        "groups": {"deals": ["deal", "takeover"]},
    }
    with pytest.raises(ValueError, match="takeover"):
        kinds.parse(raw)
    raw["groups"] = {}
    raw["compatible"] = {"merge": [["deal", "deal"]]}
    with pytest.raises(ValueError, match="two different kinds"):
        kinds.parse(raw)


def test_a_lexicon_with_a_kind_outside_the_table_is_refused(tmp_path) -> None:
    (tmp_path / "xx.toml").write_text(
        'language = "xx"\n[kinds.takeover]\ntriggers = ["take"]\n', encoding="utf-8"
    )
    lexicons.use_dir(tmp_path)
    try:
        with pytest.raises(ValueError, match="takeover"):
            lexicon.get("xx")
    finally:
        lexicons.use_dir(None)


def test_unknown_attributes_raise() -> None:
    with pytest.raises(AttributeError):
        _ = kinds.NO_SUCH_KIND
