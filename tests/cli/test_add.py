"""tracker add: what each input became, JSON lines, standard input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

from .helpers import run


def test_add_reports_bad_inputs_and_adds_the_rest(db_url: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "title: Brightwell Foods to cut 300 jobs\nsource: Test Wire\ndate: 2023-03-01\n\n"
        "Brightwell Foods announced on Wednesday that it will cut 300 jobs at its Leeds plant.\n"
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", db_url, "add", str(good), str(empty), str(tmp_path / "nope")])
    assert r.exit_code == 1
    assert "empty" in r.output and "nope" in r.output
    assert "added 1" in r.output and "2 failed" in r.output
    r2 = runner.invoke(cli, ["--db", db_url, "add", str(good)])
    assert r2.exit_code == 0
    assert "already added as #1" in r2.output


def test_add_json_shape(db_url: str, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "title: Quorra Mobility buys Parkly\ndate: 2023-05-02\n\n"
        "Quorra Mobility has acquired Parkly for an undisclosed sum, the company said.\n"
    )
    r = CliRunner().invoke(cli, ["--db", db_url, "add", "--json", str(f)])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output.splitlines()[0])
    assert set(rec) >= {"input", "outcome", "article_id", "error", "mentions", "transitions"}
    assert rec["outcome"] == "added" and rec["article_id"] == 1


def test_add_stdin(db_url: str) -> None:
    text = "date: 2023-06-01\n\nNorvane Robotics confirmed it will cut 200 jobs in Lyon.\n"
    r = CliRunner().invoke(cli, ["--db", db_url, "add", "-"], input=text)
    assert r.exit_code == 0, r.output
    assert "added 1" in r.output


def test_verbose_add_prints_the_score_that_decided(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker import pipeline
    from tracker.link.score import LinkScore
    from tracker.status import Status

    # A counterparty differs: the total carries a 0.8 penalty.
    score = LinkScore({"parties": 0.5, "amount": 1.0, "kind": 1.0, "text": 0.9}, penalty=0.8)
    mention = pipeline.MentionResult(
        claim_id=3,
        claim_text="Microsoft / OpenAI: investment, $10B",
        status=Status.RUMOR,
        quote="Microsoft is said to weigh a $10 billion investment.",
        cue="is said to",
        cue_kind="hearsay",
        action="linked",
        score=score.total,
        explanation=score.to_dict(),
    )
    result = pipeline.AddResult("a.txt", "added", article_id=1, mentions=[mention])
    monkeypatch.setattr(pipeline, "add_inputs", lambda *_a, **_k: iter([result]))
    f = tmp_path / "a.txt"
    f.write_text("Microsoft is said to weigh a $10 billion investment.\n")
    r = run(["--db", str(tmp_path / "t.db"), "add", "-v", str(f)])
    assert r.code == 0, r.stderr
    assert f"(linked, score {score.total:.2f})" in r.stdout
    assert (
        f"score: parties 0.50, amount 1.00, kind 1.00, text 0.90, x0.80 -> {score.total:.2f}"
        in (r.stdout)
    )


def test_one_article_overrides_refuse_several_inputs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for f in (a, b):
        f.write_text("Norvane Robotics confirmed it will cut 200 jobs in Lyon.\n")
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "add", "--title", "One title", str(tmp_path)])
    assert r.code == 2 and r.stdout == ""
    assert f"Error: --title describes a single article, but {tmp_path} is a folder" in r.stderr
    r = run(["--db", db, "add", "--source", "Wire", "--date", "2023-01-01", str(a), str(b)])
    assert r.code == 2
    assert "--source and --date describe a single article, but 2 inputs were given" in r.stderr
    assert not (tmp_path / "t.db").exists()  # refused before anything was opened
    r = run(["--db", db, "add", "--title", "One title", "--lang", "en", str(a)])
    assert r.code == 0, r.stderr
    r = run(["--db", db, "show", "1", "--json"])
    assert json.loads(r.stdout)["title"] == "One title"
    r = run(["--db", db, "add", "--lang", "en", str(tmp_path)])  # --lang suits a folder
    assert r.code == 0, r.stderr


@pytest.mark.parametrize("size", ["0", "-1", "-0.5", "nan", "inf"])
def test_max_size_must_be_a_size(tmp_path: Path, size: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Norvane Robotics confirmed it will cut 200 jobs in Lyon.\n")
    r = run(["--db", str(tmp_path / "t.db"), "add", "--max-size", size, str(f)])
    assert r.code == 2, r.stderr
    assert "Invalid value for '--max-size'" in r.stderr and "is not in the range x>0" in r.stderr


def test_max_size_is_a_limit(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Norvane Robotics confirmed it will cut 200 jobs in Lyon.\n" * 40)
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "add", "--max-size", "0.001", str(f)])
    assert r.code == 1 and "limit" in r.stderr
    r = run(["--db", db, "add", "--max-size", "0.01", str(f)])
    assert r.code == 0 and "added 1" in r.stdout, r.stderr


@pytest.mark.parametrize(
    ("stdout_tty", "stderr_tty", "extra", "bar"),
    [
        (False, True, [], True),  # lines redirected, a terminal to show progress on
        (True, True, [], True),  # on a terminal, the lines go above the bar
        (True, True, ["--json"], False),  # never beside JSON
        (False, True, ["--json"], False),
        (True, True, ["--quiet"], False),  # only the summary
        (False, False, [], False),  # no terminal at all
    ],
)
def test_a_progress_bar_only_on_a_terminal_stderr(
    tmp_path: Path, stdout_tty: bool, stderr_tty: bool, extra: list[str], bar: bool
) -> None:
    f = tmp_path / "many.jsonl"
    f.write_text(
        "".join(
            json.dumps(
                {
                    "id": str(i),
                    "title": f"Company {i} cuts {i + 10} jobs",
                    "lang": "en",
                    "date": "2023-01-01" if i != 55 else "",  # one warning on the way
                }
            )
            + "\n"
            for i in range(60)
        )
    )
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "one.txt").write_text("Norvane Robotics will cut 200 jobs in Lyon.\n")
    args = ["--db", str(tmp_path / "t.db"), "add", "--jobs", "0", str(f), str(tmp_path / "more")]
    r = run([*args, *extra], stdout_isatty=stdout_tty, stderr_isatty=stderr_tty)
    assert r.code == 0, r.stderr
    # stdout never carries the bar, nor any of its control sequences.
    assert "adding" not in r.stdout and "\r" not in r.stdout and "\x1b" not in r.stdout
    warning = f"Warning: {f}#55: no date found; ordered by when it was added\n"
    if bar:
        assert "adding" in r.stderr and "/2" in r.stderr  # two inputs: a file and a folder
        assert warning in r.stderr  # a whole line, above the bar
        assert r.stdout.count(": added as #") == 61
    else:
        assert "adding" not in r.stderr and "\x1b" not in r.stderr
    if "--quiet" in extra:
        assert r.stdout == "added 61, 0 duplicates, 0 failed, claims: 1 new, 0 updated\n"
        assert r.stderr == ""
