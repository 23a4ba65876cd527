"""tracker rumors: quiet days, stale rumours, --stale and --fresh, as of a date."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tracker.cli import cli

from ..conftest import SAMPLES
from .helpers import run

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample corpus missing")


@pytest.fixture
def sample_db(db_url: str) -> str:
    r = CliRunner().invoke(cli, ["--db", db_url, "add", str(SAMPLES)])
    assert r.exit_code == 0, r.output
    return db_url


def _ids(output: str) -> list[str]:
    return [line.split("|")[0].strip() for line in output.splitlines()[2:]]


def test_age_shows_quiet_days_and_stale_is_marked(sample_db: str) -> None:
    r = run(["--db", sample_db, "rumors", "--as-of", "2024-06-30"])
    rows = {line.split("|")[0].strip(): line for line in r.stdout.splitlines()[2:]}
    # Helios: last news 2024-04-18, 73 days before: fresh.
    assert "| rumor " in rows["#19"] and "| 117d, quiet 73d" in rows["#19"]
    # Microsoft-OpenAI: last news 2023-02-14, 502 days: stale.
    assert "| undisclosed (stale) |" in rows["#5"] and "| 537d, quiet 502d" in rows["#5"]
    assert "| rumor (stale) " in rows["#16"]


def test_stale_and_fresh_filter(sample_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    r = run(["--db", sample_db, "rumors", "--as-of", "2024-06-30", "--stale"])
    assert _ids(r.stdout) == ["#17", "#16", "#5"]
    r = run(["--db", sample_db, "rumors", "--as-of", "2024-06-30", "--fresh"])
    assert _ids(r.stdout) == ["#19"]
    # As of a date, claims are judged by what was known then: Halvard-Aldane
    # (#9, confirmed on 2023-03-06) was a fresh rumour on 2023-03-01.
    r = run(["--db", sample_db, "rumors", "--as-of", "2023-03-01", "--fresh", "--json"])
    assert [c["id"] for c in json.loads(r.stdout)] == [9, 5]
    r = run(["--db", sample_db, "rumors", "--as-of", "2023-06-30", "--stale", "--json"])
    assert [c["id"] for c in json.loads(r.stdout)] == [5]
    monkeypatch.setenv("TRACKER_STALE_DAYS", "60")
    r = run(["--db", sample_db, "rumors", "--as-of", "2024-06-30", "--fresh"])
    assert r.stdout == "No open claims.\n"
    r = run(["--db", sample_db, "rumors", "--as-of", "2024-06-30", "--stale", "--limit", "2"])
    assert _ids(r.stdout) == ["#19", "#17"]


def test_json_gains_stale_and_quiet_days(sample_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    r = run(["--db", sample_db, "rumors", "--as-of", "2024-06-30", "--json"])
    data = {c["id"]: c for c in json.loads(r.stdout)}
    assert (data[19]["quiet_days"], data[19]["stale"]) == (73, False)
    assert (data[5]["quiet_days"], data[5]["stale"], data[5]["age_days"]) == (502, True, 537)
    monkeypatch.setenv("TRACKER_STALE_DAYS", "500")
    r = run(["--db", sample_db, "rumors", "--as-of", "2024-06-30", "--json"])
    assert [c["id"] for c in json.loads(r.stdout) if c["stale"]] == [5]
    # A settled claim is never stale; its quiet days are still counted.
    r = run(["--db", sample_db, "claims", "--status", "confirmed", "--json"])
    assert all(not c["stale"] and c["quiet_days"] > 0 for c in json.loads(r.stdout))


def test_stale_days_must_be_a_number_of_days(sample_db: str, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_STALE_DAYS", "0")
    r = run(["--db", sample_db, "rumors"])
    assert r.code == 1 and "TRACKER_STALE_DAYS must be a whole number of at least 1" in r.stderr
