"""main(): one place for exit codes and error messages; the environment it writes to."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

from .helpers import run


def test_user_errors_are_one_line_exit_1(tmp_path: Path) -> None:
    runner = CliRunner()
    notdb = tmp_path / "notes.txt"
    notdb.write_text("hello")
    cases = [
        ["--db", str(notdb), "rumors"],
        ["--db", str(tmp_path / "missing" / "x.db"), "claims"],
        ["--db", str(tmp_path / "t.db"), "history", "999"],
        ["--db", str(tmp_path / "t.db"), "show", "999"],
    ]
    for args in cases:
        r = runner.invoke(cli, args)
        assert r.exit_code == 1, (args, r.output)
        assert r.output.startswith("Error: "), (args, r.output)
        assert "Traceback" not in r.output
        assert len(r.output.strip().splitlines()) == 1, r.output


def test_more_user_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "t.db")
    for args in (
        ["--db", db, "export", "-o", str(tmp_path / "missing" / "x.csv")],
        ["--db", "mysql://u@127.0.0.1/x", "rumors"],
    ):
        r = runner.invoke(cli, args)
        assert r.exit_code == 1, (args, r.output)
        assert r.output.startswith("Error: ") and "unexpected" not in r.output, r.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "claims", "--status", "maybe"])
    assert r.exit_code == 2
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), "rumors", "--as-of", "soon-ish"])
    assert r.exit_code == 2 and "cannot read" in r.output


def test_unexpected_errors_are_one_line_unless_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker import store

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("the index is on fire")

    monkeypatch.setattr(store, "list_claims", broken)
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "claims"])
    assert r.code == 1 and r.stdout == ""
    assert r.stderr == (
        "Error: unexpected RuntimeError: the index is on fire "
        "(run with --verbose for the traceback)\n"
    )
    with pytest.raises(RuntimeError, match="on fire"):
        run(["--db", db, "--verbose", "claims"])


def test_tracker_db_env_var_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("TRACKER_DB", str(target))
    r = CliRunner().invoke(cli, ["db", "path"])
    assert r.output.strip() == str(target)
    r = CliRunner().invoke(cli, ["rumors"])
    assert r.exit_code == 0 and target.exists()


def test_output_goes_to_the_environment_streams(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "rumors"])
    assert (r.code, r.stdout, r.stderr) == (0, "No open claims.\n", "")
    r = run(["--db", db, "show", "7"])
    assert (r.code, r.stdout) == (1, "")
    assert r.stderr.startswith("Error: no article '7'") and r.stderr.count("\n") == 1


def test_shell_completion_script_and_answers() -> None:
    runner = CliRunner()
    r = runner.invoke(cli, [], prog_name="tracker", env={"_TRACKER_COMPLETE": "bash_source"})
    assert r.exit_code == 0 and "_tracker_completion" in r.output
    r = runner.invoke(
        cli,
        [],
        prog_name="tracker",
        env={"_TRACKER_COMPLETE": "bash_complete", "COMP_WORDS": "tracker ru", "COMP_CWORD": "1"},
    )
    assert "rumors" in r.output


def test_a_threshold_out_of_range_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_LINK_THRESHOLD", "2")
    r = run(["--db", str(tmp_path / "t.db"), "rumors"])
    assert (r.code, r.stdout) == (1, "")
    assert r.stderr == "Error: TRACKER_LINK_THRESHOLD must be a number between 0 and 1, got '2'\n"


def test_ctrl_c_exits_130_with_a_short_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker import store

    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    db = str(tmp_path / "t.db")
    monkeypatch.setattr(store, "list_claims", interrupted)
    for args in (["claims"], ["-v", "rumors"]):
        r = run(["--db", db, *args])
        assert (r.code, r.stdout, r.stderr) == (130, "", "Interrupted.\n"), args


def test_ctrl_c_at_a_prompt_exits_130(tmp_path: Path) -> None:
    import io

    import tracker.cli
    from tracker.render import Environment

    class CtrlC(io.StringIO):
        def readline(self, *_a: object) -> str:
            raise KeyboardInterrupt

    db = str(tmp_path / "t.db")
    assert run(["--db", db, "rumors"]).code == 0
    err = io.StringIO()
    env = Environment(stdin=CtrlC(), stdout=io.StringIO(), stderr=err)
    with pytest.raises(SystemExit) as exit_info:
        tracker.cli.main(["--db", db, "db", "downgrade", "base"], env=env)
    assert exit_info.value.code == 130 and err.getvalue() == "Interrupted.\n"
    # An end of input is no interrupt: the prompt's answer is no.
    r = run(["--db", db, "db", "downgrade", "base"])
    assert r.code == 1 and r.stderr == "Aborted!\n"


def test_sigint_in_a_real_process_exits_130(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    db = str(tmp_path / "t.db")
    assert run(["--db", db, "rumors"]).code == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", db, "db", "downgrade", "base"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    prompt = ""
    while not prompt.endswith("[y/N]: ") and time.monotonic() < deadline:
        prompt += proc.stdout.read(1)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip() == "Interrupted." and "Traceback" not in err


def test_a_bad_call_found_by_the_readers_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracker.ingest
    from tracker.ingest import InputError

    def refuse(*_a: object, **_k: object) -> None:
        raise InputError("unknown format 'xml' (choose from text, feed)")

    monkeypatch.setattr(tracker.ingest, "read_inputs", refuse)
    r = run(["--db", str(tmp_path / "t.db"), "add", "x.txt"])
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == "Error: unknown format 'xml' (choose from text, feed)\n"
