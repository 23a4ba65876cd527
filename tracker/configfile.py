"""Where each setting comes from: an option, an environment variable, the config
file, or its default, in that order of precedence.

The config file is TOML::

    db = "~/news/tracker.db"
    jobs = 2
    stale_days = 30
    report_author = "Newsroom desk"
    color = "auto"          # auto, always or never

    [thresholds]
    link = 0.56
    suggest = 0.42
    general_link = 0.25
    general_suggest = 0.19

It is ``--config PATH``, else ``$TRACKER_CONFIG``, else ``config.toml`` in
``$TRACKER_HOME`` when that is set, else in the user's config directory
(platformdirs ``user_config_dir("tracker")``). A file named by an option or the
environment must exist; the default one may be missing. A mistake in the file
is a :class:`~tracker.errors.TrackerError` naming the file, the line and the key.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError

APP_NAME = "tracker"
CONFIG_NAME = "config.toml"
COLORS = ("auto", "always", "never")


class ConfigError(TrackerError):
    """A config file that cannot be used: its path, the line, the key, why."""


# --------------------------------------------------------------------------- values


class _Bad(ValueError):
    """A value of the wrong type or out of range; says what was wanted."""


def _number(low: float = -math.inf, high: float = math.inf, *, low_open: bool = False) -> Any:
    def parse(raw: object) -> float:
        if isinstance(raw, bool):
            raise _Bad("a number")
        if isinstance(raw, str):
            try:
                value = float(raw)
            except ValueError:
                raise _Bad("a number") from None
        elif isinstance(raw, (int, float)):
            value = float(raw)
        else:
            raise _Bad("a number")
        too_low = value <= low if low_open else value < low
        if not math.isfinite(value) or too_low or value > high:
            if high == math.inf:
                raise _Bad(
                    f"a number above {low:g}" if low_open else f"a number of at least {low:g}"
                )
            raise _Bad(f"a number between {low:g} and {high:g}")
        return value

    return parse


def _whole(low: int) -> Any:
    def parse(raw: object) -> int:
        if isinstance(raw, (bool, float)):
            raise _Bad(f"a whole number of at least {low}")
        if isinstance(raw, str):
            if not raw.strip().lstrip("-").isdigit():
                raise _Bad(f"a whole number of at least {low}")
            raw = int(raw)
        if not isinstance(raw, int) or raw < low:
            raise _Bad(f"a whole number of at least {low}")
        return raw

    return parse


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise _Bad("text")
    return raw.strip()


def _color(raw: object) -> str:
    if not isinstance(raw, str) or raw.strip().lower() not in COLORS:
        raise _Bad("one of " + ", ".join(COLORS))
    return raw.strip().lower()


def _bytes(raw: object) -> int:
    return max(1, int(_number(0, low_open=True)(raw)))


@dataclass(frozen=True)
class Spec:
    """One setting: its key in the file, its environment variable, how to read it."""

    key: str
    env: str
    parse: Callable[[object], Any]
    help: str


SPECS = (
    Spec("db", "TRACKER_DB", _text, "database file or URL"),
    Spec("thresholds.link", "TRACKER_LINK_THRESHOLD", _number(0, 1), "link at or above"),
    Spec("thresholds.suggest", "TRACKER_SUGGEST_THRESHOLD", _number(0, 1), "suggest at or above"),
    Spec(
        "thresholds.general_link",
        "TRACKER_GENERAL_LINK_THRESHOLD",
        _number(0, 1),
        "link general claims at or above",
    ),
    Spec(
        "thresholds.general_suggest",
        "TRACKER_GENERAL_SUGGEST_THRESHOLD",
        _number(0, 1),
        "suggest general claims at or above",
    ),
    Spec("jobs", "TRACKER_JOBS", _whole(0), "worker processes for long batches"),
    Spec("max_bytes", "TRACKER_MAX_BYTES", _bytes, "size limit of one input"),
    Spec("stale_days", "TRACKER_STALE_DAYS", _whole(1), "days after which a rumour is stale"),
    Spec("report_author", "TRACKER_REPORT_AUTHOR", _text, "author named in reports"),
    Spec("color", "TRACKER_COLOR", _color, "colours: auto, always or never"),
)
BY_KEY = {s.key: s for s in SPECS}
#: The tables a file may hold, and the keys in each.
TABLES = {"thresholds": sorted(k.split(".", 1)[1] for k in BY_KEY if k.startswith("thresholds."))}


# --------------------------------------------------------------------------- the file


def config_dir(env: Mapping[str, str]) -> Path:
    """``$TRACKER_HOME`` when set (one folder for the data and its settings),
    else the user's config directory."""
    home = env.get("TRACKER_HOME")
    if home:
        return Path(home)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def config_path(option: str | None, env: Mapping[str, str]) -> tuple[Path, bool]:
    """The config file to read, and whether it was named (an option or
    ``$TRACKER_CONFIG``: it must then exist)."""
    named = option or env.get("TRACKER_CONFIG") or None
    if named:
        return Path(named).expanduser(), True
    return config_dir(env) / CONFIG_NAME, False


@dataclass(frozen=True)
class FileValue:
    value: object
    line: int | None


def read_config(path: Path, *, required: bool) -> dict[str, FileValue]:
    """The settings a config file holds, by key (``thresholds.link``), with their
    lines; {} for a default file that does not exist. Checks names, not values."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise ConfigError(f"config file {path} does not exist") from None
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(f"cannot read config file {path}: {why}") from None
    if path.is_dir():  # pragma: no cover - read_text raises IsADirectoryError first
        raise ConfigError(f"config file {path} is a folder")
    try:
        data = _toml().loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        where = f"line {found.group(1)}: " if found else ""
        raise ConfigError(f"{path}: {where}not valid TOML: {message}") from None
    out: dict[str, FileValue] = {}
    for name, value in data.items():
        if name in TABLES:
            if not isinstance(value, dict):
                raise ConfigError(
                    f"{path}: {_line_part(text, name)}{name} must be a table "
                    f"([{name}] with {', '.join(TABLES[name])})"
                )
            for sub, inner in value.items():
                key = f"{name}.{sub}"
                if key not in BY_KEY:
                    raise ConfigError(f"{path}: {_line_part(text, key)}{_unknown(key)}")
                out[key] = FileValue(inner, key_line(text, key))
        elif name in BY_KEY:
            out[name] = FileValue(value, key_line(text, name))
        else:
            raise ConfigError(f"{path}: {_line_part(text, name)}{_unknown(name)}")
    return out


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _unknown(key: str) -> str:
    known = sorted(BY_KEY) + sorted(TABLES)
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(BY_KEY))})"
    return f"unknown key '{key}'{hint}"


def _line_part(text: str, key: str) -> str:
    line = key_line(text, key)
    return f"line {line}: " if line is not None else ""


_TABLE_LINE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY_LINE = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _dotted(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def key_line(text: str, key: str) -> int | None:
    """The line (from 1) where a TOML document sets ``key`` (``thresholds.link``),
    in a table or as a dotted key; a table's own name is found at its header."""
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE_LINE.match(line)
        if header:
            table = _dotted(header.group(1))
            if table == key:
                return number
            continue
        assigned = _KEY_LINE.match(line)
        if assigned:
            name = _dotted(assigned.group(1))
            full = f"{table}.{name}" if table else name
            if full == key or full.startswith(key + "."):
                return number
    return None


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Resolved:
    """A setting's value and where it came from: ``option``, ``env TRACKER_X``,
    ``file PATH`` or ``default``."""

    key: str
    value: Any
    origin: str


@dataclass(frozen=True)
class Resolution:
    values: dict[str, Resolved]
    #: The config file looked for, and whether it was there.
    path: Path
    found: bool

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value


def resolve(
    defaults: Mapping[str, Any],
    *,
    options: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config: str | None = None,
) -> Resolution:
    """Every setting of :data:`SPECS`: option > environment > file > ``defaults``.

    An environment variable set to nothing counts as unset. A bad value names
    its variable, or its file, line and key.
    """
    env = os.environ if env is None else env
    options = options or {}
    path, required = config_path(config, env)
    in_file = read_config(path, required=required)
    values: dict[str, Resolved] = {}
    for spec in SPECS:
        given = options.get(spec.key)
        raw_env = env.get(spec.env)
        if given is not None:
            values[spec.key] = Resolved(spec.key, given, "option")
        elif raw_env is not None and raw_env.strip() != "":
            try:
                value = spec.parse(raw_env)
            except _Bad as exc:
                raise TrackerError(f"{spec.env} must be {exc}, got {raw_env!r}") from None
            values[spec.key] = Resolved(spec.key, value, f"env {spec.env}")
        elif spec.key in in_file:
            found = in_file[spec.key]
            try:
                value = spec.parse(found.value)
            except _Bad as exc:
                where = f"line {found.line}: " if found.line is not None else ""
                raise ConfigError(
                    f"{path}: {where}{spec.key} must be {exc}, got {found.value!r}"
                ) from None
            if spec.key == "db":
                value = _db_from_file(value, path)
            values[spec.key] = Resolved(spec.key, value, f"file {path}")
        else:
            values[spec.key] = Resolved(spec.key, defaults[spec.key], "default")
    return Resolution(values, path, bool(in_file) or path.is_file())


def _db_from_file(value: str, path: Path) -> str:
    """A database path in the file is read from the file's folder; a URL as it is."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value):
        return value
    db = Path(value).expanduser()
    return str(db if db.is_absolute() else path.parent / db)
