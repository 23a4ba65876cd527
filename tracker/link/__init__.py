"""Linking: a mention's index keys, its explainable score against a claim, the
decision by bands, the linker that applies it, and the names of new claims.

The face re-exports the pure parts only: the linker, which reads and writes
through :mod:`tracker.store`, is imported from :mod:`tracker.link.linker`, so
the store can use the values defined here without an import circle.
"""

from tracker.link.decision import Candidate, LinkAction, LinkDecision, choose
from tracker.link.features import AmountValue, Features, amount_from, amount_value, format_amount
from tracker.link.naming import claim_key, claim_label
from tracker.link.score import UNKNOWN_KIND, LinkScore

__all__ = [
    "UNKNOWN_KIND",
    "AmountValue",
    "Candidate",
    "Features",
    "LinkAction",
    "LinkDecision",
    "LinkScore",
    "amount_from",
    "amount_value",
    "choose",
    "claim_key",
    "claim_label",
    "format_amount",
]
