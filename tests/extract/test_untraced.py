"""Storing an article extracts it without the trace ``explain`` shows: the
mentions must be exactly those of the traced extraction."""

from __future__ import annotations

from tracker.extract import extract
from tracker.ingest import ReadError, read_inputs

from ..conftest import ROOT, SAMPLES


def test_an_untraced_extraction_finds_the_same_mentions() -> None:
    folders = [SAMPLES, ROOT / "tests" / "corpus" / "heldout"]
    articles = [a for a in read_inputs([str(f) for f in folders]) if not isinstance(a, ReadError)]
    assert len(articles) > 100
    skipped_with_cues = 0
    for a in articles:
        kw = {"title": a.title, "language": a.language, "source": a.source}
        traced = extract(a.body, **kw)
        untraced = extract(a.body, trace=False, **kw)
        assert untraced.mentions == traced.mentions, a.path
        assert untraced.sentences == []
        skipped_with_cues += sum(1 for s in traced.sentences if not s.used and s.cue)
    assert skipped_with_cues > 0  # sentences whose cues only the trace reads
