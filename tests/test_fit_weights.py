"""The weight fit's pure parts: scoring recorded candidates, choosing, writing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import fit_weights


def test_a_wrong_link_costs_precision_and_a_missed_story() -> None:
    rows = [(0.9, True), (0.8, False), (0.2, False)]
    had = [True, True, True]
    # 0.8 is a wrong link (a false positive, and the right claim missed).
    assert fit_weights._counts(rows, had, 0.5) == (1, 1, 2)
    assert fit_weights._precision(rows, had, 0.85) == 1.0
    assert fit_weights._f1(rows, had, 0.85) == pytest.approx(2 / (2 + 0 + 2))


def test_choose_prefers_precision_then_f1() -> None:
    good = {"synthetic": {"bcubed_f1": 0.90, "pair_precision": 0.99}}
    better_but_loose = {"synthetic": {"bcubed_f1": 0.95, "pair_precision": 0.95}}
    assert fit_weights.choose([{}, {}], [good, better_but_loose], 0.98) == 0
    assert fit_weights.choose([{}, {}], [good, better_but_loose], 0.90) == 1
    # None meets the floor: the most precise.
    assert fit_weights.choose([{}, {}], [better_but_loose, good], 0.995) == 1


def test_write_replaces_the_fitted_values_only(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "weights.toml"
    copy.write_text(fit_weights.WEIGHTS.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(fit_weights, "WEIGHTS", copy)
    before = copy.read_text(encoding="utf-8")
    values = {"parties": 0.3, "amount": 0.2, "kind": 0.1, "text": 0.4,
              "link": 0.6, "general_link": 0.3, "margin_floor": 0.9,
              "margin_ratio": 0.55}  # fmt: skip
    fit_weights.write(values)
    after = copy.read_text(encoding="utf-8")
    assert "\nparties = 0.3\n" in after and "\nlink = 0.6\n" in after
    assert "\ngeneral_link = 0.3\n" in after
    assert "\nmargin_floor = 0.9\n" in after and "\nmargin_ratio = 0.55\n" in after
    # Comments and the hand-set tables are kept.
    assert after.count("#") == before.count("#")
    assert after.split("[bands]")[1] == before.split("[bands]")[1]


def test_the_margin_grid_varies_the_rule_alone() -> None:
    base = {**fit_weights.current(), "margin_floor": 0.85, "margin_ratio": 0.65}
    grid = fit_weights.margin_grid(base)
    pairs = {(g["margin_floor"], g["margin_ratio"]) for g in grid}
    assert (0.85, 0.65) not in pairs  # the values in use are evaluated once, as themselves
    assert (1.0, fit_weights.MARGIN_RATIOS[0]) in pairs  # and the rule turned off
    assert sum(1 for floor, _ in pairs if floor == 1.0) == 1  # once: the ratio does not matter
    assert all({**g, "margin_floor": 0, "margin_ratio": 0} == {**base, "margin_floor": 0,
               "margin_ratio": 0} for g in grid)  # fmt: skip
