"""Cue families: their status, strength and confidence in the lexicons decide."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tracker import lexicons
from tracker.extract import extract, lexicon
from tracker.extract.families import CueFamily, decision_tiers
from tracker.status import Status

#: The decision order the extraction has always had, tier by tier.
EXPECTED_TIERS = [
    (Status.DENIED, ["denial"]),
    (Status.RUMOR, ["unnamed_source", "outlet_source", "reported", "talks", "question"]),
    (Status.UNDISCLOSED, ["undisclosed"]),
    (Status.CONFIRMED, ["announce"]),
    (Status.RUMOR, ["recall"]),
    (Status.RUMOR, ["not_confirmed", "not_denied", "no_comment", "plan", "modal"]),
]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_lexicon_gives_the_decision_order(language: str) -> None:
    tiers = lexicon.get(language).cue_tiers
    got = [(t.status, sorted(t.ranks, key=t.ranks.__getitem__)) for t in tiers]
    assert got == EXPECTED_TIERS


@pytest.mark.parametrize("language", ["en", "fr"])
def test_confidences_come_from_the_lexicon(language: str) -> None:
    families = lexicon.get(language).cue_families
    assert families["denial"].confidence == 0.9
    assert families["modal"].confidence == 0.55
    assert families["question"].confidence == 0.7  # derived by the code
    assert families["completion"].strength == "neutral"


def test_a_family_that_could_never_decide_is_refused() -> None:
    with pytest.raises(ValueError, match="no decision"):
        decision_tiers([CueFamily("hype", Status.CONFIRMED, "strong")])


def _edited_lexicons(tmp_path: Path, family: str, key: str, value: str) -> Path:
    """A copy of the package's lexicons with ``[cues.family] key`` set to ``value``
    (a folder of its own: lexicons are cached per folder)."""
    tmp_path = tmp_path / f"{family}-{key}"
    tmp_path.mkdir()
    for path in lexicons.LEXICON_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copytree(lexicons.LEXICON_DIR / "stopwords", tmp_path / "stopwords")
    en = tmp_path / "en.toml"
    text = en.read_text(encoding="utf-8")
    section = re.compile(rf"(\[cues\.{family}\]\n(?:\w+ = .*\n)*?){key} = .*\n")
    text, n = section.subn(rf"\g<1>{key} = {value}\n", text)
    assert n == 1
    en.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def lexicon_dir():
    yield
    lexicons.use_dir(None)


SENTENCE = "Orvane could buy Keldor for $2 billion."


def test_editing_a_confidence_changes_the_mention(tmp_path: Path, lexicon_dir) -> None:
    (before,) = extract(SENTENCE, language="en").mentions
    assert (before.status, before.cue_kind, before.confidence) == (Status.RUMOR, "modal", 0.55)
    lexicons.use_dir(_edited_lexicons(tmp_path, "modal", "confidence", "0.42"))
    (after,) = extract(SENTENCE, language="en").mentions
    assert (after.status, after.cue_kind, after.confidence) == (Status.RUMOR, "modal", 0.42)


def test_editing_a_status_changes_the_decision(tmp_path: Path, lexicon_dir) -> None:
    lexicons.use_dir(_edited_lexicons(tmp_path, "modal", "status", '"denied"'))
    with pytest.raises(ValueError, match="modal"):
        extract(SENTENCE, language="en")  # a weak denial has no place in the order
    lexicons.use_dir(_edited_lexicons(tmp_path, "modal", "strength", '"strong"'))
    (m,) = extract(SENTENCE, language="en").mentions
    assert m.cue_kind == "modal"


def test_editing_a_strength_changes_which_cue_wins(tmp_path: Path, lexicon_dir) -> None:
    body = "Orvane is in talks to buy Keldor, and Orvane announced the deal on Monday."
    (before,) = extract(body, language="en").mentions
    assert (before.status, before.cue_kind) == (Status.RUMOR, "talks")
    lexicons.use_dir(_edited_lexicons(tmp_path, "talks", "strength", '"weak"'))
    (after,) = extract(body, language="en").mentions
    assert (after.status, after.cue_kind) == (Status.CONFIRMED, "announce")
