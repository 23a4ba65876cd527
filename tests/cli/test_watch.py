"""tracker watch: what it prints, its exit codes, and stopping on Ctrl-C or SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ..web import STORY, Page, Site, rss
from .helpers import run


def _story_file(folder: Path, i: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{i}.txt"
    path.write_text(
        f"title: {STORY[i]['title']}\nsource: Harbour Wire\ndate: 2024-06-0{3 + i}\n\n"
        f"{STORY[i]['description']}\n",
        encoding="utf-8",
    )
    return path


def test_once_prints_what_it_adds_and_the_summary(site: Site, tmp_path: Path) -> None:
    feed = site.put("/feed.xml", Page(rss("Harbour Wire", STORY[:2]), etag='"1"'))
    broken = site.put("/broken.xml", Page(b"down", "text/plain", status=503))
    inbox = tmp_path / "inbox"
    _story_file(inbox, 2)
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "watch", feed, broken, str(inbox), "--once"])
    assert r.code == 1  # a source failed: cron hears of it
    assert f"{feed}#{STORY[0]['link']}: added as #1" in r.stdout
    assert f"{inbox / '2.txt'}: added as #3" in r.stdout
    assert r.stdout.endswith("added 3, 0 duplicates, 1 failed, claims: 2 new, 1 updated\n")
    assert r.stderr == f"Error: {broken}: HTTP 503 Service Unavailable\n"
    site.put("/broken.xml", Page(rss("Harbour Wire", STORY[:2])))
    r = run(["--db", db, "watch", feed, broken, str(inbox), "--once"])
    # The feed and the folder are unchanged; the other source now lists known entries.
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "added 0, 2 duplicates, 0 failed, claims: 0 new, 0 updated\n",
        "",
    )


def test_json_and_quiet(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _story_file(inbox, 0)
    (inbox / "empty.txt").write_text("")
    db = str(tmp_path / "t.db")
    r = run(["--db", db, "watch", str(inbox), "--once", "--json"])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(row["outcome"], row["error"]) for row in rows] == [
        ("added", None),
        ("failed", "empty file"),
    ]
    _story_file(inbox, 1)
    r = run(["--db", db, "watch", str(inbox), "--once", "--quiet"])
    assert r.stdout == "added 1, 0 duplicates, 0 failed, claims: 0 new, 1 updated\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--every", "soon"], "cannot read 'soon' as a period"),
        (["--every", "0s"], "the period must be longer than 0"),
        (["-"], "standard input cannot be watched"),
        (["nowhere/"], "nowhere/: no such file or folder"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    inbox = tmp_path / "inbox"
    _story_file(inbox, 0)
    r = run(["--db", str(tmp_path / "t.db"), "watch", str(inbox), *args])
    assert r.code == 2 and message in r.stderr, r.stderr
    assert not (tmp_path / "t.db").exists()


class Watching:
    """``tracker watch`` in a process of its own, its output read as it comes."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        env = {**os.environ, "TRACKER_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
        self.db = str(tmp_path / "t.db")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--db", self.db, "watch", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in self.lines):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.proc.kill()
        raise AssertionError(f"never printed {text!r}: {self.lines}")

    def stop(self, sig: int) -> tuple[int, str, str]:
        self.proc.send_signal(sig)
        try:
            _, err = self.proc.communicate(timeout=30)
        finally:
            self.proc.kill()
        self._reader.join(timeout=5)
        return self.proc.returncode, "".join(self.lines), err


@pytest.mark.parametrize(
    ("sig", "code", "said"),
    [(signal.SIGTERM, 0, "Stopped.\n"), (signal.SIGINT, 130, "Interrupted.\n")],
    ids=["sigterm", "ctrl-c"],
)
def test_a_signal_between_rounds_stops_cleanly(
    tmp_path: Path, sig: int, code: int, said: str
) -> None:
    inbox = tmp_path / "inbox"
    _story_file(inbox, 0)
    w = Watching(tmp_path, str(inbox), "--every", "1h")
    w.wait_for("round 1: added 1")
    returncode, _, err = w.stop(sig)
    assert returncode == code, err
    assert err.endswith(said) and "Traceback" not in err
    assert err.startswith("watching 1 source every 1h (Ctrl-C to stop)\n")
    r = run(["--db", w.db, "articles", "--json"])
    assert [a["title"] for a in json.loads(r.stdout)] == [STORY[0]["title"]]


def test_sigterm_in_the_middle_of_a_round_keeps_what_was_committed(
    site: Site, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    _story_file(inbox, 0)
    _story_file(inbox, 1)
    slow = site.put("/slow.xml", Page(rss("Slow Wire", STORY[2:]), delay=20))
    w = Watching(tmp_path, str(inbox), slow, "--every", "1h", "--timeout", "30")
    w.wait_for(f"{inbox / '1.txt'}: added as #2")
    time.sleep(0.3)  # the slow source is being fetched
    started = time.monotonic()
    returncode, out, err = w.stop(signal.SIGTERM)
    assert returncode == 0 and err.endswith("Stopped.\n") and "Traceback" not in err
    assert time.monotonic() - started < 10  # it did not wait for the slow answer
    assert "round 1" not in out  # the round did not finish
    r = run(["--db", w.db, "articles", "--json"])
    assert [a["title"] for a in json.loads(r.stdout)] == [STORY[1]["title"], STORY[0]["title"]]
    # The folder was done, and recorded as seen, before the slow source began.
    r = run(["--db", w.db, "watch", str(inbox), "--once"])
    assert r.stdout == "added 0, 0 duplicates, 0 failed, claims: 0 new, 0 updated\n"


def test_a_bar_shows_on_a_terminal_while_a_source_is_read(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _story_file(inbox, 0)
    _story_file(inbox, 1)
    args = ["--db", str(tmp_path / "t.db"), "watch", str(inbox), "--once"]
    r = run(args, stderr_isatty=True)
    assert r.code == 0, r.stderr
    assert "inbox" in r.stderr and "/2" in r.stderr  # the source and its two files
    assert "\x1b" not in r.stdout and r.stdout.count(": added as #") == 2
    _story_file(inbox, 2)
    r = run([*args, "--quiet"], stderr_isatty=True)
    assert r.stderr == ""
    assert r.stdout == "added 1, 0 duplicates, 0 failed, claims: 1 new, 0 updated\n"
