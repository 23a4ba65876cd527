"""The terminal layer writes to its environment's streams, plain in a pipe."""

from __future__ import annotations

import io

from tracker import render
from tracker.render import Environment


def _env(tty: bool) -> tuple[Environment, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Environment(stdout=out, stderr=err, stdout_isatty=tty, stderr_isatty=tty), out, err


def test_echo_and_warn_write_to_the_environment() -> None:
    env, out, err = _env(False)
    render.echo(env, "one")
    render.warn(env, "two")
    render.echo(env, "three", err=True)
    assert out.getvalue() == "one\n"
    assert err.getvalue() == "Warning: two\nthree\n"


def test_a_table_is_plain_in_a_pipe_and_coloured_on_a_terminal() -> None:
    rows = [["#1", "Acme buys Beta", "rumor"]]
    env, out, _ = _env(False)
    render.table(env, ["id", "claim", "status"], rows, status_column=2)
    assert "\x1b" not in out.getvalue()
    assert out.getvalue().splitlines()[0].split() == ["id", "|", "claim", "|", "status"]
    env, out, _ = _env(True)
    render.table(env, ["id", "claim", "status"], rows, status_column=2)
    assert "\x1b[33mrumor" in out.getvalue()  # yellow, on a terminal only
    env, out, _ = _env(True)
    env.colour = False
    render.table(env, ["id", "claim", "status"], rows, status_column=2)
    assert "\x1b[33m" not in out.getvalue()


def test_an_environment_reads_its_streams_when_built() -> None:
    out = io.StringIO()
    env = Environment(stdout=out)
    assert env.stdout is out and env.stdout_isatty is False and env.colour is False
    assert Environment(stdin=io.BytesIO(b"x")).stdin_bytes.read() == b"x"
