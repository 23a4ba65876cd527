"""Regression guard: `tracker eval` on the labelled corpora must not fall below
the figures the README reports (a floor, not a tuning target)."""

from __future__ import annotations

import re

import pytest

from tracker.config import load_settings
from tracker.evaluate import run

from .conftest import ROOT

#: The real headlines of the development set live outside the repository.
EMERGENT = ROOT.parent / "shared" / "data" / "emergent-dev" / "labels.jsonl"

CORPORA = {
    "sample_articles": ROOT / "sample_articles" / "labels.jsonl",
    "benchmarks/dev-linking": ROOT / "benchmarks" / "dev-linking" / "labels.jsonl",
    "emergent-dev": EMERGENT,
    "tests/corpus/heldout": ROOT / "tests" / "corpus" / "heldout" / "labels.jsonl",
    "tests/corpus/blind-2": ROOT / "tests" / "corpus" / "blind-2" / "labels.jsonl",
}


def reported() -> dict[str, dict[str, float]]:
    """The README's accuracy table: corpus -> column -> value."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Accuracy", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    table = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        name = re.sub(r"[`*]|\s*\(.*\)", "", cells[0]).strip()
        table[name] = {
            h: float(c)
            for h, c in zip(header[1:], cells[1:], strict=False)
            if re.match(r"^[\d.]+$", c)
        }
    return table


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_eval_does_not_fall_below_the_readme(corpus: str, tmp_path) -> None:
    if not CORPORA[corpus].is_file():
        pytest.skip(f"{CORPORA[corpus].parent} is absent (the real headlines stay outside)")
    floor = reported()[corpus]
    report = run(str(CORPORA[corpus]), [], load_settings(str(tmp_path / "unused.db"))).to_dict()
    measured = {
        "B-cubed F1": report["linking"]["bcubed_f1"],
        "pair precision": report["linking"]["pair_precision"],
        "pair recall": report["linking"]["pair_recall"],
        "status accuracy": report["status"]["accuracy"],
        "final status": report["final_status"]["accuracy"],
        "coverage": report["coverage"],
    }
    assert not report["failed"]
    if corpus != "emergent-dev":  # it holds the same headline from one host twice
        assert not report["unmatched_labels"]
    for name, value in floor.items():
        if name in measured and measured[name] is not None:
            assert measured[name] >= value - 1e-9, f"{corpus}: {name} {measured[name]} < {value}"
    assert {"B-cubed F1", "status accuracy"} <= set(floor)
