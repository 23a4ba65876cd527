"""Settings, built explicitly by :func:`load_settings`; nothing is read at import time.

Precedence for the database: ``--db`` option > ``TRACKER_DB`` environment
variable > a file in the user's data directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

APP_NAME = "tracker"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: A table on a terminal shows this many claims unless --limit or --all says otherwise.
DEFAULT_TABLE_LIMIT = 50


@dataclass(frozen=True)
class MatchSettings:
    """Decision bands for linking a mention to a claim (scores in [0, 1]).

    At or above ``link`` the mention joins the claim; between ``suggest`` and
    ``link`` it starts a new claim and the candidate is kept as a suggestion for
    ``tracker review``; below ``suggest`` it simply starts a new claim.
    ``gap``: a best candidate must beat the runner-up by this much to be linked
    automatically, otherwise the pair is suggested instead.
    """

    link: float = 0.56
    suggest: float = 0.42
    gap: float = 0.02
    max_candidates: int = 15


@dataclass(frozen=True)
class Settings:
    db: str
    max_bytes: int = DEFAULT_MAX_BYTES
    match: MatchSettings = field(default_factory=MatchSettings)
    table_limit: int = DEFAULT_TABLE_LIMIT

    def with_db(self, db: str) -> Settings:
        return replace(self, db=db)


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the default database lives: ``TRACKER_HOME`` or the platform's data dir."""
    env = os.environ if env is None else env
    home = env.get("TRACKER_HOME")
    if home:
        return Path(home)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db(env: Mapping[str, str] | None = None) -> str:
    return str(data_dir(env) / "tracker.db")


def _float_env(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        from tracker.errors import TrackerError

        raise TrackerError(f"{name} must be a number, got {raw!r}") from None


def load_settings(db: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from an explicit ``db`` (the ``--db`` option) and the environment.

    ``TRACKER_LINK_THRESHOLD`` and ``TRACKER_SUGGEST_THRESHOLD`` tune the
    matching bands; ``TRACKER_MAX_BYTES`` the size limit of one input file.
    """
    env = os.environ if env is None else env
    chosen = db or env.get("TRACKER_DB") or default_db(env)
    defaults = MatchSettings()
    match = MatchSettings(
        link=_float_env(env, "TRACKER_LINK_THRESHOLD", defaults.link),
        suggest=_float_env(env, "TRACKER_SUGGEST_THRESHOLD", defaults.suggest),
        gap=defaults.gap,
        max_candidates=defaults.max_candidates,
    )
    max_bytes = int(_float_env(env, "TRACKER_MAX_BYTES", DEFAULT_MAX_BYTES))
    return Settings(db=chosen, max_bytes=max_bytes, match=match)
