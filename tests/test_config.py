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
    assert (s.report_author, s.stale_days) == (None, 90)
    s = load_settings("t.db", {"TRACKER_REPORT_AUTHOR": " Desk ", "TRACKER_STALE_DAYS": "30"})
    assert (s.report_author, s.stale_days) == ("Desk", 30)
    with pytest.raises(TrackerError, match="TRACKER_STALE_DAYS"):
        load_settings("t.db", {"TRACKER_STALE_DAYS": "0"})


# --------------------------------------------------------------------------- the config file

FILE = """\
# the team's settings
db = "news.db"
jobs = 2
stale_days = 45
report_author = "Desk"
color = "never"

[thresholds]
link = 0.6
general_suggest = 0.2
"""


def _write(tmp_path, text: str, name: str = "config.toml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_file_sets_what_it_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, FILE)
    s = load_settings(env={"TRACKER_HOME": str(tmp_path / "home")}, config=str(path))
    assert s.db == str(tmp_path / "news.db")  # read from the file's folder
    assert (s.jobs, s.stale_days, s.report_author, s.color) == (2, 45, "Desk", "never")
    assert (s.match.link, s.match.suggest, s.match.general_suggest) == (0.6, 0.42, 0.2)


def test_the_default_file_is_in_tracker_home_and_may_be_missing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"TRACKER_HOME": str(tmp_path)}
    assert load_settings(env=env).jobs is None
    _write(tmp_path, "jobs = 3\n")
    assert load_settings(env=env).jobs == 3
    other = _write(tmp_path, "jobs = 1\n", "other.toml")
    assert load_settings(env={**env, "TRACKER_CONFIG": str(other)}).jobs == 1
    assert (
        load_settings(
            env={**env, "TRACKER_CONFIG": str(other)}, config=str(tmp_path / "config.toml")
        ).jobs
        == 3
    )


@pytest.mark.parametrize(
    ("key", "option", "env", "origin"),
    [
        ("db", "opt.db", "env.db", "option"),
        ("db", None, "env.db", "env TRACKER_DB"),
        ("db", None, None, "file"),
        ("color", "always", "never", "option"),
        ("color", None, "always", "env TRACKER_COLOR"),
        ("color", None, "", "file"),  # set to nothing: unset
    ],
)
def test_precedence_option_env_file_default(tmp_path, key, option, env, origin) -> None:  # type: ignore[no-untyped-def]
    from tracker.config import resolve_settings
    from tracker.configfile import BY_KEY

    path = _write(tmp_path, FILE)
    environ = {"TRACKER_HOME": str(tmp_path / "home")}
    if env is not None:
        environ[BY_KEY[key].env] = env
    found = resolve_settings(
        option if key == "db" else None,
        environ,
        config=str(path),
        color=option if key == "color" else None,
    )
    assert found.values[key].origin == (f"file {path}" if origin == "file" else origin)
    assert found.values["stale_days"].origin == f"file {path}"
    assert found.values["max_bytes"].origin == "default"
    expected = {"option": option, "file": {"db": str(tmp_path / "news.db"), "color": "never"}[key]}
    assert found[key] == expected.get(origin.split()[0], env)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('db = "x.db"\ncolour = "never"\n', "line 2: unknown key 'colour'; did you mean 'color'?"),
        ("[thresholds]\nlink = 0.5\nsugest = 0.3\n",
         "line 3: unknown key 'thresholds.sugest'; did you mean 'thresholds.suggest'?"),
        ("[threshold]\nlink = 0.5\n", "line 1: unknown key 'threshold'; did you mean 'thresholds'?"),
        ("jobs = 2\nstale_days = \"thirty\"\n",
         "line 2: stale_days must be a whole number of at least 1, got 'thirty'"),
        ("[thresholds]\n\n  link = 1.5 # too high\n",
         "line 3: thresholds.link must be a number between 0 and 1, got 1.5"),
        ("thresholds.suggest = true\n",
         "line 1: thresholds.suggest must be a number, got True"),
        ('color = "blue"\n', "line 1: color must be one of auto, always, never, got 'blue'"),
        ("jobs = -1\n", "line 1: jobs must be a whole number of at least 0, got -1"),
        ("thresholds = 0.5\n", "line 1: thresholds must be a table ([thresholds] with"),
        ("jobs = 2\ndb = \n", "line 2: not valid TOML: Invalid value (at line 2, column"),
        ("jobs = 2\njobs = 3\n", "line 2: not valid TOML:"),
        ("nonsense\n", "line 1: not valid TOML:"),
    ],
)  # fmt: skip
def test_a_bad_file_names_its_line_and_key(tmp_path, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, text)
    with pytest.raises(TrackerError) as caught:
        load_settings(env={"TRACKER_HOME": str(tmp_path)})
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value), str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_named_file_must_exist(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TrackerError, match=r"config file .*missing\.toml does not exist"):
        load_settings(env={"TRACKER_HOME": str(tmp_path)}, config=str(tmp_path / "missing.toml"))
    with pytest.raises(TrackerError, match="does not exist"):
        load_settings(env={"TRACKER_CONFIG": str(tmp_path / "gone.toml")})


@pytest.mark.parametrize(
    ("key", "line"),
    [("db", 1), ("jobs", None), ("thresholds", 3), ("thresholds.link", 4),
     ("thresholds.suggest", 6), ("thresholds.color", 7), ("color", None)],
)  # fmt: skip
def test_key_lines(key: str, line: int | None) -> None:
    from tracker.configfile import key_line

    text = 'db = "x"\n# jobs = 2\n[ thresholds ]\nlink=0.5\n\n"suggest" = 0.4\ncolor = 1\n'
    assert key_line(text, key) == line
