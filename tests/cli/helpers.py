"""What the command-line tests share: the commands, a small story, a captured run."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tracker.cli import cli, main
from tracker.render import Environment


def all_commands(
    group: click.Group = cli, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and subcommand, with the words that name it."""
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


def add_conversation(db_url: str, tmp_path: Path) -> None:
    """The Microsoft-OpenAI story told in two languages, and another deal."""
    from ..stories import SAME_COMPANY_OTHER_DEAL, THE_CONVERSATION
    from ..test_concurrency import write_articles

    paths = write_articles(tmp_path / "conv", [*THE_CONVERSATION, SAME_COMPANY_OTHER_DEAL])
    r = CliRunner().invoke(cli, ["--db", db_url, "add", *paths])
    assert r.exit_code == 0, r.output


@dataclass
class Run:
    """One run of :func:`tracker.cli.main` with its own streams."""

    code: int
    stdout: str
    stderr: str


def run(
    args: Sequence[str],
    *,
    stdin: str = "",
    stdout_isatty: bool = False,
    stderr_isatty: bool = False,
) -> Run:
    """Run the command line on captured streams that may pretend to be terminals."""
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdin=io.StringIO(stdin),
        stdout=out,
        stderr=err,
        stdin_isatty=False,
        stdout_isatty=stdout_isatty,
        stderr_isatty=stderr_isatty,
    )
    with pytest.raises(SystemExit) as exit_info:
        main(list(args), env=env)
    code = exit_info.value.code
    return Run(code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())
