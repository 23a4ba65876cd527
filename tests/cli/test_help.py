"""Every command and subcommand explains itself, with an example."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tracker.cli import cli

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
