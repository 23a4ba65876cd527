"""The table of event kinds: one table, two relations, and what linking needs."""

from __future__ import annotations

import pytest

from tracker import kinds, lexicons, match
from tracker.extract import lexicon


def test_linking_constants_come_from_the_table() -> None:
    # What tracker.match defines today, so it can read them from the table.
    assert kinds.LINK_COMPATIBLE_KINDS == match.COMPATIBLE_KINDS
    assert kinds.TRANSACTION_KINDS == match.TRANSACTION_KINDS
    assert kinds.GENERIC_KIND == match.GENERIC_KIND
    assert kinds.GENERIC_KIND_SCORE == match.GENERIC_KIND_SCORE
    assert kinds.UNKNOWN_KIND == match.UNKNOWN_KIND


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
