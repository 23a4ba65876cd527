"""The table of event kinds: their names, groups and compatibilities, as data.

Read from ``tracker/lexicons/kinds.toml`` on first use and cached; nothing is
read at import time. Use :func:`table` for everything at once, or the typed
accessors. The constants linking needs (``UNKNOWN_KIND``, ``GENERIC_KIND``,
``GENERIC_KIND_SCORE``, ``TRANSACTION_KINDS``, ``LINK_COMPATIBLE_KINDS``)
are attributes of this module too, also read on first access, so
``from tracker.kinds import UNKNOWN_KIND`` works as it did from
the linker's old module.

Two relations say which kinds may be one claim, for two questions:
``merge_compatible`` (sentences of one article merged into one claim) and
``link_compatible`` (mentions from different outlets describing one event).
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KINDS_FILE = Path(__file__).resolve().parent / "lexicons" / "kinds.toml"

Pairs = frozenset[frozenset[str]]


@dataclass(frozen=True)
class KindTable:
    """The kinds table, parsed and checked (see ``kinds.toml`` for each field)."""

    names: tuple[str, ...]
    generic: str
    unknown: str
    broad: str
    valuation: str
    partnership: str
    deals: frozenset[str]
    transactions: frozenset[str]
    whole_deals: frozenset[str]
    no_figure: frozenset[str]
    counts_first: frozenset[str]
    at_a_valuation: frozenset[str]
    merge_compatible: Pairs
    link_compatible: Pairs
    generic_link_score: float

    def merge_pair(self, a: str | None, b: str | None) -> bool:
        """``a`` and ``b`` are a listed pair of kinds that merge in one article."""
        return frozenset({a, b}) in self.merge_compatible

    def link_pair(self, a: str | None, b: str | None) -> bool:
        """``a`` and ``b`` are a listed pair of kinds that may be one event across outlets."""
        return frozenset({a, b}) in self.link_compatible


def _pairs(raw: list[list[str]], where: str) -> Pairs:
    pairs = []
    for pair in raw:
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(f"{where}: a pair names two different kinds, not {pair!r}")
        pairs.append(frozenset(pair))
    return frozenset(pairs)


def parse(raw: dict[str, Any], where: str = "kinds table") -> KindTable:
    """A :class:`KindTable` from the parsed TOML; every kind it uses must be named."""
    groups = raw.get("groups", {})
    compatible = raw.get("compatible", {})
    table = KindTable(
        names=tuple(raw["names"]),
        generic=raw["generic"],
        unknown=raw["unknown"],
        broad=raw["broad"],
        valuation=raw["valuation"],
        partnership=raw["partnership"],
        deals=frozenset(groups.get("deals", [])),
        transactions=frozenset(groups.get("transactions", [])),
        whole_deals=frozenset(groups.get("whole_deals", [])),
        no_figure=frozenset(groups.get("no_figure", [])),
        counts_first=frozenset(groups.get("counts_first", [])),
        at_a_valuation=frozenset(groups.get("at_a_valuation", [])),
        merge_compatible=_pairs(compatible.get("merge", []), f"{where} [compatible] merge"),
        link_compatible=_pairs(compatible.get("link", []), f"{where} [compatible] link"),
        generic_link_score=float(compatible.get("generic_link_score", 0.5)),
    )
    used = {table.generic, table.unknown, table.broad, table.valuation, table.partnership}
    for group in (table.deals, table.transactions, table.whole_deals, table.no_figure):
        used |= group
    used |= table.counts_first | table.at_a_valuation
    for pair in table.merge_compatible | table.link_compatible:
        used |= pair
    unknown = sorted(used - set(table.names))
    if unknown:
        raise ValueError(f"{where}: kinds used but not in names: {', '.join(unknown)}")
    return table


@functools.lru_cache(maxsize=1)
def table() -> KindTable:
    """The kinds table (read once, then cached)."""
    with KINDS_FILE.open("rb") as fh:
        return parse(tomllib.load(fh), str(KINDS_FILE))


def names() -> tuple[str, ...]:
    """Every kind a claim can have."""
    return table().names


def generic_kind() -> str:
    """The kind of a transaction the text does not name: ``"deal"``."""
    return table().generic


def unknown_kind() -> str:
    """The kind of a claim whose event no lexicon has a word for: ``"event"``."""
    return table().unknown


def deal_kinds() -> frozenset[str]:
    """Kinds of deal (the generic kind among them)."""
    return table().deals


def transaction_kinds() -> frozenset[str]:
    """The transactions the generic kind weakly agrees with when linking."""
    return table().transactions


def link_compatible() -> Pairs:
    """Pairs of kinds that may describe one event in different outlets' words."""
    return table().link_compatible


def merge_compatible() -> Pairs:
    """Pairs of kinds whose sentences merge into one claim within an article."""
    return table().merge_compatible


def generic_kind_score() -> float:
    """How much the generic kind agrees with a transaction when linking."""
    return table().generic_link_score


#: Module attributes read from the table on first access (PEP 562).
_LAZY = {
    "UNKNOWN_KIND": unknown_kind,
    "GENERIC_KIND": generic_kind,
    "GENERIC_KIND_SCORE": generic_kind_score,
    "TRANSACTION_KINDS": transaction_kinds,
    "LINK_COMPATIBLE_KINDS": link_compatible,
    "MERGE_COMPATIBLE_KINDS": merge_compatible,
    "DEAL_KINDS": deal_kinds,
}

if TYPE_CHECKING:
    UNKNOWN_KIND: str
    GENERIC_KIND: str
    GENERIC_KIND_SCORE: float
    TRANSACTION_KINDS: frozenset[str]
    LINK_COMPATIBLE_KINDS: Pairs
    MERGE_COMPATIBLE_KINDS: Pairs
    DEAL_KINDS: frozenset[str]


def __getattr__(name: str) -> Any:
    accessor = _LAZY.get(name)
    if accessor is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return accessor()


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
