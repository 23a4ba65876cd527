"""Settings from the environment: defaults, precedence, and values out of range."""

from __future__ import annotations

import pytest

from tracker.config import DEFAULT_MAX_BYTES, MatchSettings, load_settings
from tracker.errors import TrackerError


def test_defaults_and_the_db_precedence() -> None:
    env = {"TRACKER_HOME": "/tmp/home"}
    s = load_settings(None, env)
    assert s.db == "/tmp/home/tracker.db" and s.match == MatchSettings()
    assert s.max_bytes == DEFAULT_MAX_BYTES
    assert load_settings(None, {**env, "TRACKER_DB": "x.db"}).db == "x.db"
    assert load_settings("y.db", {**env, "TRACKER_DB": "x.db"}).db == "y.db"


@pytest.mark.parametrize(
    ("name", "raw", "field", "value"),
    [
        ("TRACKER_LINK_THRESHOLD", "0.7", "link", 0.7),
        ("TRACKER_LINK_THRESHOLD", "1", "link", 1.0),
        ("TRACKER_SUGGEST_THRESHOLD", "0", "suggest", 0.0),
        ("TRACKER_SUGGEST_THRESHOLD", " ", "suggest", MatchSettings().suggest),
    ],
)
def test_thresholds_in_range(name: str, raw: str, field: str, value: float) -> None:
    s = load_settings("t.db", {name: raw})
    assert getattr(s.match, field) == value


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("TRACKER_LINK_THRESHOLD", "2", "TRACKER_LINK_THRESHOLD must be a number between 0 and 1"),
        ("TRACKER_LINK_THRESHOLD", "-0.1", "between 0 and 1, got '-0.1'"),
        ("TRACKER_SUGGEST_THRESHOLD", "nan", "TRACKER_SUGGEST_THRESHOLD must be a number between"),
        ("TRACKER_SUGGEST_THRESHOLD", "high", "TRACKER_SUGGEST_THRESHOLD must be a number, got"),
        ("TRACKER_MAX_BYTES", "0", "TRACKER_MAX_BYTES must be a number above 0, got '0'"),
        ("TRACKER_MAX_BYTES", "inf", "TRACKER_MAX_BYTES must be a number above 0"),
    ],
)
def test_values_out_of_range_are_errors_naming_the_variable(
    name: str, raw: str, message: str
) -> None:
    with pytest.raises(TrackerError, match=message.replace("(", r"\(")):
        load_settings("t.db", {name: raw})


def test_report_author_and_stale_days() -> None:
    s = load_settings("t.db", {})
    assert (s.report_author, s.stale_days) == ("tracker", 90)
    s = load_settings("t.db", {"TRACKER_REPORT_AUTHOR": " Desk ", "TRACKER_STALE_DAYS": "30"})
    assert (s.report_author, s.stale_days) == ("Desk", 30)
    assert load_settings("t.db", {"TRACKER_REPORT_AUTHOR": "  "}).report_author == "tracker"
    with pytest.raises(TrackerError, match="TRACKER_STALE_DAYS must be a number of at least 1"):
        load_settings("t.db", {"TRACKER_STALE_DAYS": "0"})
