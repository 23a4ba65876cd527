"""The measures behind `tracker eval`, on hand-checked toy clusterings."""

from __future__ import annotations

import pytest

from tracker.errors import TrackerError
from tracker.evaluate import bcubed, load_labels, macro_f1, pairwise


def test_bcubed_perfect_and_lumped() -> None:
    gold = {"a": {"x"}, "b": {"x"}, "c": {"y"}}
    assert bcubed({"a": {1}, "b": {1}, "c": {2}}, gold) == pytest.approx((1.0, 1.0, 1.0))
    p, r, _f = bcubed({"a": {1}, "b": {1}, "c": {1}}, gold)  # everything in one claim
    assert r == pytest.approx(1.0)
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    p, r, _ = bcubed({"a": {1}, "b": {2}, "c": {3}}, gold)  # nothing linked
    assert p == pytest.approx(1.0) and r == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_bcubed_overlapping_items() -> None:
    gold = {"a": {"x", "y"}, "b": {"x"}}
    p, r, _ = bcubed({"a": {1, 2}, "b": {1}}, gold)
    assert (p, r) == pytest.approx((1.0, 1.0))


def test_pairwise() -> None:
    gold = {"a": {"x"}, "b": {"x"}, "c": {"y"}}
    assert pairwise({"a": {1}, "b": {1}, "c": {1}}, gold) == pytest.approx((1 / 3, 1.0))


def test_macro_f1() -> None:
    conf = {"rumor": {"rumor": 2}, "confirmed": {"confirmed": 1, "rumor": 1}}
    # rumor: p=2/3 r=1 f=0.8 ; confirmed: p=1 r=0.5 f=2/3
    assert macro_f1(conf) == pytest.approx((0.8 + 2 / 3) / 2)


def test_labels_errors_name_the_line(tmp_path) -> None:
    f = tmp_path / "labels.jsonl"
    f.write_text('{"type": "article", "path": "a.txt", "claims": []}\n{"type": "story"}\n')
    with pytest.raises(TrackerError, match="line 2"):
        load_labels(f)
    f.write_text(
        '{"type": "article", "path": "a.txt", "claims": [{"story": "s", "status": "x"}]}\n'
    )
    with pytest.raises(TrackerError, match="unknown status"):
        load_labels(f)


def test_coverage_and_unscored_final_status(tmp_path) -> None:
    """Coverage counts the claim-bearing articles that got a mention; labels
    without story records leave the final status unscored, not 0."""
    import json

    from tracker.config import load_settings
    from tracker.evaluate import run

    rows = [
        {"id": "a", "title": "Orvane agrees to buy Keldor for $2 billion", "body": "."},
        {
            "id": "b",
            "title": "Orvane in talks to buy Keldor for $2 billion, sources say",
            "body": ".",
        },
        {"id": "c", "title": "Opinion: what the markets got wrong", "body": "."},
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    labels = [
        {
            "type": "article",
            "path": "a.jsonl",
            "id": "a",
            "claims": [{"story": "s", "status": "confirmed"}],
        },
        {
            "type": "article",
            "path": "a.jsonl",
            "id": "b",
            "claims": [{"story": "s", "status": "rumor"}],
        },
        {
            "type": "article",
            "path": "a.jsonl",
            "id": "c",
            "claims": [{"story": "t", "status": "rumor"}],
        },
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in labels), encoding="utf-8")
    report = run(str(path), [], load_settings(str(tmp_path / "x.db")))
    # The column makes no claim (its genre), so two of the three are covered.
    assert (report.claim_articles, report.covered) == (3, 2)
    assert report.to_dict()["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    assert report.final_accuracy is None and report.to_dict()["final_status"]["accuracy"] is None
    assert "not scored" in report.text()
