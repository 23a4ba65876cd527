"""Every command and subcommand explains itself, with an example."""

from __future__ import annotations

import shlex

import click
import pytest
from click.testing import CliRunner

from tracker.cli import cli

from ..conftest import ROOT
from .helpers import all_commands


@pytest.mark.parametrize(
    ("path", "cmd"), list(all_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_help_with_an_example(path, cmd) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert cmd.get_short_help_str().strip(), f"{path} has no summary"
    assert "Example:" in result.output, f"{' '.join(path)} --help shows no example"


def test_version_and_root_help_name_the_database() -> None:
    r = CliRunner().invoke(cli, ["--version"])
    assert r.exit_code == 0 and "tracker" in r.output
    r = CliRunner().invoke(cli, ["--help"])
    assert "TRACKER_DB" in r.output and "tracker.db" in r.output
    assert "Example:" in r.output


def _examples(help_text: str) -> list[str]:
    """The command lines under "Example:" (after the last pipe, if any)."""
    lines = help_text.split("Example:", 1)[1].splitlines()[1:]
    found = []
    for line in lines:
        if not line.startswith("    ") or not line.strip():
            break
        found.append(line.strip().rsplit("| ", 1)[-1])
    return found


@pytest.mark.parametrize(
    ("path", "cmd"),
    [((), cli), *all_commands()],
    ids=lambda v: " ".join(v) or "tracker" if isinstance(v, tuple) else "",
)
def test_every_example_is_a_valid_command_line(
    path, cmd, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """Each example parses: its command exists, its options and choices are real."""
    help_text = CliRunner().invoke(cli, [*path, "--help"]).output
    examples = _examples(help_text)
    assert examples, help_text
    for _words, command in all_commands():
        if not isinstance(command, click.Group):
            monkeypatch.setattr(command, "callback", lambda **_kw: None)
    monkeypatch.chdir(ROOT)
    for example in examples:
        words = shlex.split(example)
        assert words[0] == "tracker", example
        r = CliRunner().invoke(cli, ["--db", str(tmp_path / "t.db"), *words[1:]])
        assert r.exit_code == 0, f"{example}\n{r.output}"
