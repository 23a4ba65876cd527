"""Settings, built explicitly by :func:`load_settings`; nothing is read at import time.

Precedence, for every setting: an option (``--db``, ``--color``) > its
environment variable (``TRACKER_DB``...) > the config file (see
:mod:`tracker.configfile`) > its default. The default database is a file in the
user's data directory.
"""

from __future__ import annotations

import functools
import math
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

if TYPE_CHECKING:
    from tracker.configfile import Resolution


APP_NAME = "tracker"
#: The size limit of one input (a file, a line of JSON Lines); TRACKER_MAX_BYTES sets another.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: A table on a terminal shows this many claims unless --limit or --all says otherwise.
DEFAULT_TABLE_LIMIT = 50


#: Linking's weights, bands and partial agreements, as data.
WEIGHTS_FILE = Path(__file__).resolve().parent / "link" / "weights.toml"


@functools.lru_cache(maxsize=1)
def linking_defaults() -> dict[str, float]:
    """The values of ``link/weights.toml``, flattened (read once, on first use)."""
    with WEIGHTS_FILE.open("rb") as fh:
        raw = tomllib.load(fh)
    return {k: float(v) for table in raw.values() for k, v in table.items()}


def _default(name: str) -> Any:
    return field(default_factory=lambda: linking_defaults()[name])


#: The components of a typed score, in the order they are shown.
COMPONENTS = ("parties", "amount", "kind", "text")


@dataclass(frozen=True)
class MatchSettings:
    """How a mention is scored against a claim and linked (see ``link/weights.toml``).

    At or above ``link`` the mention joins the claim; between ``suggest`` and
    ``link`` it starts a new claim and the candidate is kept as a suggestion for
    ``tracker review``; below ``suggest`` it simply starts a new claim.
    ``gap``: a best candidate must beat the runner-up by this much to be linked
    automatically, otherwise the pair is suggested instead. ``general_*``: the
    same bands for a general claim, scored on its words alone. ``margin_*``:
    below its link threshold, a best candidate far ahead of the others still
    joins (see :func:`tracker.link.decision.choose`).
    """

    link: float = _default("link")
    suggest: float = _default("suggest")
    gap: float = _default("gap")
    max_candidates: int = field(default_factory=lambda: int(linking_defaults()["max_candidates"]))
    general_link: float = _default("general_link")
    general_suggest: float = _default("general_suggest")
    margin_floor: float = _default("margin_floor")
    margin_ratio: float = _default("margin_ratio")
    #: Two claims whose words agree this much become one (see
    #: :mod:`tracker.link.consolidate`).
    merge: float = _default("merge")
    weights: Mapping[str, float] = field(
        default_factory=lambda: {k: linking_defaults()[k] for k in COMPONENTS}
    )
    kind_compatible: float = _default("kind_compatible")
    counterparty_penalty: float = _default("counterparty_penalty")
    amount_tolerance: float = _default("amount_tolerance")
    approximate_tolerance: float = _default("approximate_tolerance")
    amount_revision_ratio: float = _default("amount_revision_ratio")
    amount_revision: float = _default("amount_revision")
    vague_inside: float = _default("vague_inside")
    vague_slack: float = _default("vague_slack")
    vague_overlap: float = _default("vague_overlap")
    currency_mismatch: float = _default("currency_mismatch")
    party_similarity: float = _default("party_similarity")

    def bands(self, mode: str) -> tuple[float, float]:
        """(link, suggest) thresholds for a score of this mode."""
        if mode == "general":
            return self.general_link, self.general_suggest
        return self.link, self.suggest


@dataclass(frozen=True)
class Settings:
    db: str
    max_bytes: int = DEFAULT_MAX_BYTES
    match: MatchSettings = field(default_factory=MatchSettings)
    table_limit: int = DEFAULT_TABLE_LIMIT
    # Settings the config file may hold too (see tracker.configfile).
    #: Worker processes for a long batch (None: one per spare core).
    jobs: int | None = None
    #: An open claim with no news for this many days is stale.
    stale_days: int = 90
    #: Who signs exported fact checks and reports (ClaimReview ``author``;
    #: None: "tracker").
    report_author: str | None = None
    #: Colours: "auto" (on a terminal), "always" or "never".
    color: str = "auto"

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


def _float_env(
    env: Mapping[str, str],
    name: str,
    default: float,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
) -> float:
    """A number from the environment variable ``name`` (``default`` when unset),
    which must lie in [low, high] (``low_open``: above ``low``)."""
    from tracker.errors import TrackerError

    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise TrackerError(f"{name} must be a number, got {raw!r}") from None
    too_low = value <= low if low_open else value < low
    if not math.isfinite(value) or too_low or value > high:
        if high == math.inf:
            wanted = f"a number above {low:g}" if low_open else f"a number of at least {low:g}"
        else:
            wanted = f"a number between {low:g} and {high:g}"
        raise TrackerError(f"{name} must be {wanted}, got {raw!r}")
    return value


def load_settings(
    db: str | None = None,
    env: Mapping[str, str] | None = None,
    *,
    config: str | None = None,
    color: str | None = None,
) -> Settings:
    """Build settings from the options (``db`` is ``--db``, ``config`` is
    ``--config``, ``color`` is ``--color``), the environment and the config file.

    ``TRACKER_LINK_THRESHOLD`` and ``TRACKER_SUGGEST_THRESHOLD`` (and their
    ``general_`` twins) tune the matching bands (each in [0, 1]);
    ``TRACKER_MAX_BYTES`` the size limit of one input file. A value that is not
    a number, or out of its range, is a TrackerError naming the variable (or
    the file, line and key).
    """
    return settings_from(resolve_settings(db, env, config=config, color=color))


def resolve_settings(
    db: str | None = None,
    env: Mapping[str, str] | None = None,
    *,
    config: str | None = None,
    color: str | None = None,
) -> Resolution:
    """Every setting's value and where it came from (for ``tracker config``)."""
    from tracker.configfile import resolve

    env = os.environ if env is None else env
    base = Settings(db=default_db(env))
    defaults = {
        "db": base.db,
        "thresholds.link": base.match.link,
        "thresholds.suggest": base.match.suggest,
        "thresholds.general_link": base.match.general_link,
        "thresholds.general_suggest": base.match.general_suggest,
        "jobs": base.jobs,
        "max_bytes": base.max_bytes,
        "stale_days": base.stale_days,
        "report_author": base.report_author,
        "color": base.color,
    }
    return resolve(defaults, options={"db": db or None, "color": color}, env=env, config=config)


def settings_from(found: Resolution) -> Settings:
    defaults = MatchSettings()
    # Scores are in [0, 1]: a threshold outside can never or always be met.
    match = replace(
        defaults,
        link=found["thresholds.link"],
        suggest=found["thresholds.suggest"],
        general_link=found["thresholds.general_link"],
        general_suggest=found["thresholds.general_suggest"],
    )
    return Settings(
        db=found["db"],
        max_bytes=found["max_bytes"],
        match=match,
        jobs=found["jobs"],
        stale_days=found["stale_days"],
        report_author=found["report_author"],
        color=found["color"],
    )
