"""The README's walkthrough is run for real: its commands, in order, on a fresh
database, must print every line the README shows (``...`` stands for lines left out)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli

from .conftest import ROOT

README = ROOT / "README.md"


def walkthrough() -> list[tuple[str, list[str]]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Walkthrough", 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line.rstrip())
    return steps


def test_readme_has_a_walkthrough_with_the_key_transition() -> None:
    steps = walkthrough()
    commands = [c for c, _ in steps]
    assert any(c.startswith("tracker add sample_articles") for c in commands)
    assert any(c.startswith("tracker rumors") for c in commands)
    history = [out for c, out in steps if c.startswith("tracker history")]
    assert history and any("rumor → undisclosed" in line for line in history[0])


def test_readme_walkthrough_output_is_true(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "walkthrough.db"))
    runner = CliRunner()
    for command, expected in walkthrough():
        args = shlex.split(command)
        assert args[0] == "tracker", command
        result = runner.invoke(cli, args[1:])
        lines = [line.rstrip() for line in result.output.splitlines()]
        for want in expected:
            if want.strip() in ("", "..."):
                continue
            assert want in lines, f"`{command}` did not print:\n{want}\n--- it printed:\n" + (
                "\n".join(lines)
            )


def test_the_modules_the_readme_names_exist() -> None:
    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"`(tracker/[\w/.]*)`", text))
    tree = text.split("## Where things are", 1)[1].split("```", 2)[1]
    entries = [line.split()[0] for line in tree.splitlines()[2:] if line.strip()]
    entries += [m for m in re.findall(r"\b\w+\.py\b", tree) if m not in entries]
    assert named and entries
    assert [p for p in sorted(named) if not (ROOT / p).exists()] == []
    assert [e for e in entries if not (ROOT / "tracker" / e).exists()] == []
