"""What matching compares: a figure as numbers, and the features of a mention or a claim. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.extract.types import Amount

#: A claim keeps at most this many party names, the most cited first (a
#: mention's own cap is set by extraction).
MAX_CLAIM_PARTIES = 8


@dataclass(frozen=True)
class AmountValue:
    """The parts of an amount that matching compares."""

    value: float | None
    low: float
    high: float
    currency: str | None = None
    unit: str | None = None
    #: Written as approximate ("about $1.3bn", "près de 800 M€"): it agrees
    #: with a precise figure within a wider tolerance. Not part of equality.
    approximate: bool = field(default=False, compare=False)

    @property
    def vague(self) -> bool:
        return self.value is None

    @property
    def dimension(self) -> str:
        return self.currency or self.unit or "?"


def amount_from(
    value: float | None,
    low: float | None,
    high: float | None,
    currency: str | None = None,
    unit: str | None = None,
) -> AmountValue | None:
    """An amount from stored columns; None when no figure was recorded."""
    if low is None or high is None:
        return None
    return AmountValue(value, low, high, currency, unit)


@dataclass(frozen=True)
class Features:
    """What both a mention and a claim expose to matching."""

    parties: tuple[str, ...]
    kind: str | None
    amount: AmountValue | None
    event_year: int | None
    #: term -> weight (count): the words of a mention, the centroid of a claim.
    bag: Mapping[str, float]


def amount_value(amount: Amount | None) -> AmountValue | None:
    """The comparable parts of an extracted amount."""
    if amount is None:
        return None
    value = amount_from(amount.value, amount.low, amount.high, amount.currency, amount.unit)
    if value is not None and amount.qualifier == "about":
        value = replace(value, approximate=True)
    return value


def amount_dict(amount: Amount | None) -> dict[str, Any] | None:
    """An extracted amount as stored with its mention (JSON)."""
    if amount is None:
        return None
    return {
        "value": amount.value,
        "low": amount.low,
        "high": amount.high,
        "currency": amount.currency,
        "unit": amount.unit,
        "text": amount.text,
    }


def precision(amount: AmountValue | None) -> int:
    """0 without a figure, 1 for a vague one, 2 for a precise one."""
    if amount is None:
        return 0
    return 1 if amount.vague else 2


CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def _num(v: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(v) >= size:
            return f"{v / size:.3g}{suffix}"
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:g}"


def format_amount(amount: AmountValue) -> str:
    """``$10B``, ``€3.2B``, ``1,500 jobs``, ``8%``, ``$1B-$100B (vague)``."""
    sign = CURRENCY_SIGNS.get(amount.currency or "", "")
    after = "" if sign or not amount.currency else f" {amount.currency}"
    unit = amount.unit

    def one(v: float) -> str:
        if unit == "%":
            return f"{v:g}%"
        text = f"{sign}{_num(v)}{after}"
        return f"{text} {unit}" if unit else text

    if amount.value is not None:
        return one(amount.value)
    return f"{one(amount.low)}–{one(amount.high)} (vague)"
