"""tracker config, --config and --color: every setting and where it came from."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tracker.config import MatchSettings

from .helpers import add_conversation, run


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_lists_every_setting_and_its_origin(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = _config(tmp_path, 'stale_days = 10\nreport_author = "Desk"\n[thresholds]\nlink = 0.6\n')
    monkeypatch.setenv("TRACKER_LINK_THRESHOLD", "0.7")
    monkeypatch.setenv("TRACKER_JOBS", "1")
    r = run(["--db", str(tmp_path / "x.db"), "--config", str(path), "config", "--json"])
    assert r.code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["file"] == str(path) and data["file_found"] is True
    got = {s["key"]: (s["value"], s["origin"]) for s in data["settings"]}
    defaults = MatchSettings()  # the values of tracker/link/weights.toml
    assert got == {
        "db": (str(tmp_path / "x.db"), "option"),
        "thresholds.link": (0.7, "env TRACKER_LINK_THRESHOLD"),
        "thresholds.suggest": (defaults.suggest, "default"),
        "thresholds.general_link": (defaults.general_link, "default"),
        "thresholds.general_suggest": (defaults.general_suggest, "default"),
        "jobs": (1, "env TRACKER_JOBS"),
        "max_bytes": (5 * 1024 * 1024, "default"),
        "stale_days": (10, f"file {path}"),
        "report_author": ("Desk", f"file {path}"),
        "color": ("auto", "default"),
    }
    r = run(["--config", str(path), "config"])
    lines = r.stdout.splitlines()
    assert lines[0] == f"config file: {path}"
    assert any(line.split(" | ")[0].strip() == "stale_days" and f"file {path}" in line
               for line in lines)  # fmt: skip
    assert any(line.startswith("jobs ") and "env TRACKER_JOBS" in line for line in lines)
    monkeypatch.delenv("TRACKER_JOBS")
    r = run(["config"])
    assert any(line.startswith("jobs ") and "| auto " in line for line in r.stdout.splitlines())
    assert r.stdout.splitlines()[0].endswith("config.toml (none there)")


def test_a_bad_config_file_is_one_error_line(tmp_path: Path) -> None:
    path = _config(tmp_path, "jobs = 2\ncolour = 'never'\n")
    for args in (["config"], ["claims"], ["add", "x.txt"]):
        r = run(["--db", str(tmp_path / "t.db"), "--config", str(path), *args])
        assert r.code == 1
        assert r.stderr == f"Error: {path}: line 2: unknown key 'colour'; did you mean 'color'?\n"
    r = run(["--config", str(tmp_path / "nope.toml"), "rumors"])
    assert (
        r.code == 1 and r.stderr == f"Error: config file {tmp_path / 'nope.toml'} does not exist\n"
    )


def test_the_database_can_come_from_the_file(tmp_path: Path) -> None:
    path = _config(tmp_path, 'db = "from-file.db"\n')
    add_conversation(str(tmp_path / "from-file.db"), tmp_path)
    r = run(["--config", str(path), "claims", "--json"])
    assert r.code == 0 and len(json.loads(r.stdout)) == 3
    r = run(["--config", str(path), "db", "path"])
    assert r.stdout == f"{tmp_path / 'from-file.db'}\n"


def test_colours_follow_the_option_then_the_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "t.db")
    add_conversation(db, tmp_path)
    import re

    def coloured(r) -> bool:  # type: ignore[no-untyped-def]
        return re.search("\x1b\\[3[1-6]m", r.stdout) is not None  # a status's colour

    assert not coloured(run(["--db", db, "rumors"]))  # a pipe: plain
    assert coloured(run(["--db", db, "rumors"], stdout_isatty=True))
    piped = run(["--db", db, "--color", "always", "rumors"])
    assert coloured(piped) and "---+" in piped.stdout  # colours, and a pipe's box lines
    assert not coloured(run(["--db", db, "--color", "never", "rumors"], stdout_isatty=True))
    path = _config(tmp_path, 'color = "never"\n')
    monkeypatch.setenv("TRACKER_CONFIG", str(path))
    assert not coloured(run(["--db", db, "rumors"], stdout_isatty=True))
    assert coloured(run(["--db", db, "--color", "auto", "rumors"], stdout_isatty=True))
    monkeypatch.setenv("TRACKER_COLOR", "always")
    assert coloured(run(["--db", db, "rumors"]))


def test_jobs_from_the_settings_reach_add(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tracker import pipeline

    seen: list[object] = []
    real = pipeline.add_inputs

    def spy(*args, **kw):  # type: ignore[no-untyped-def]
        seen.append(kw.get("workers"))
        return real(*args, **kw)

    monkeypatch.setattr(pipeline, "add_inputs", spy)
    f = tmp_path / "a.txt"
    f.write_text("Norvane Robotics confirmed it will cut 200 jobs in Lyon.\n")
    db = str(tmp_path / "t.db")
    run(["--db", db, "add", str(f)])
    monkeypatch.setenv("TRACKER_JOBS", "3")
    run(["--db", db, "add", str(f)])
    run(["--db", db, "add", "--jobs", "1", str(f)])
    run(["--db", db, "add", "-"], stdin=f.read_text())
    assert seen == [None, 3, 1, 0]
    assert os.environ["TRACKER_JOBS"] == "3"
