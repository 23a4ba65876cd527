"""``tracker add`` over a folder of garbage and one good article: no traceback,
exit code 1 when some input failed, and the good article is stored."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.cli import cli

GOOD_NAME = "0-good.txt"  # sorts first: the good article is read, and numbered, first
GOOD_TITLE = "Brightwell Foods to cut 300 jobs"
GOOD_TEXT = (
    f"title: {GOOD_TITLE}\nsource: Test Wire\ndate: 2023-03-01\n\n"
    "Brightwell Foods announced on Wednesday that it will cut 300 jobs at its Leeds plant.\n"
)
EXTENSIONS = [".txt", ".md", ".html", ".xml", ".rss", ".json", ".jsonl"]

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
records = st.dictionaries(
    st.sampled_from(["id", "title", "body", "text", "date", "lang", "source", "url"]), json_values
)
jsonl_files = st.lists(
    st.one_of(
        st.one_of(records, json_values).map(json.dumps),
        st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),
    ),
    min_size=1,
    max_size=4,
).map(lambda lines: ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass"))
garbage_files = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(EXTENSIONS), st.binary(max_size=300)),
        st.tuples(st.just(".jsonl"), jsonl_files),
    ),
    min_size=1,
    max_size=5,
)


def _add(folder: Path, db: Path, *extra: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "add", "--json", *extra, str(folder)])


def _check_add(folder: Path, db: Path, *extra: str) -> None:
    result = _add(folder, db, *extra)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    records_out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    failed = [r for r in records_out if r["outcome"] == "failed"]
    assert result.exit_code == (1 if failed else 0), result.output
    assert all(r["error"] and "\n" not in r["error"] for r in failed)
    good = [r for r in records_out if r["input"].endswith(GOOD_NAME)]
    assert len(good) == 1 and good[0]["outcome"] == "added", good
    shown = CliRunner().invoke(cli, ["--db", str(db), "show", str(good[0]["article_id"]), "--json"])
    assert shown.exit_code == 0, shown.output
    article = json.loads(shown.stdout)
    assert article["title"] == GOOD_TITLE and article["source"] == "Test Wire"
    assert article["mentions"], "the good article's claim was read"


def _write_folder(root: Path, files: list[tuple[str, bytes]]) -> Path:
    folder = root / "inputs"
    folder.mkdir()
    (folder / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
    for number, (extension, data) in enumerate(files):
        (folder / f"r{number}{extension}").write_bytes(data)
    return folder


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbage_files)
def test_add_a_folder_of_garbage_and_one_good_article(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _check_add(_write_folder(root, files), root / "tracker.db", "--jobs", "0")


def test_add_garbage_with_worker_processes(tmp_path):
    # Past WARMUP_ARTICLES inputs, extraction moves to worker processes.
    lines = [
        b'{"body": 3}',
        b"[1, 2]",
        b"\xff\xfe{",
        b'{"title": {"a": 1}}',
        b'{"body": "\\ud800 Contoso said on Monday it had hired 40 engineers."}',
    ] * 8
    files = [
        (".txt", os.urandom(200)),
        (".jsonl", b"\n".join(lines) + b"\n"),
        (".html", b"<html><body>&#27;&#1114112;</body></html>"),
        (".xml", b"<rss><channel><item><title>x&#1114112;</title></item></channel>"),
        (".md", b"---\n: [\n---\n"),
    ]
    _check_add(_write_folder(tmp_path, files), tmp_path / "tracker.db", "--jobs", "2")
    again = _add(tmp_path / "inputs", tmp_path / "tracker.db", "--jobs", "0")
    assert again.exit_code == 1
    outcomes = {json.loads(line)["outcome"] for line in again.stdout.splitlines()}
    assert outcomes == {"duplicate", "failed"}
