"""Names and keys of new claims. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.link.features import AmountValue, format_amount
from tracker.link.keys import amount_term
from tracker.link.score import UNKNOWN_KIND

#: Longest name given to a claim taken from its sentence.
LABEL_CHARS = 90


def claim_label(
    party_names: Sequence[str],
    kind: str | None,
    amount: AmountValue | None,
    year: int | None,
    quote: str | None = None,
) -> str:
    """A short readable name for a new claim: ``Microsoft / OpenAI: investment, $10B``.

    A claim of no known kind of event (``event``) is named by its sentence.
    """
    if kind == UNKNOWN_KIND and quote:
        text = " ".join(quote.split())
        if len(text) > LABEL_CHARS:
            text = text[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"
        return text

    who = " / ".join(party_names[:3]) if party_names else "(unnamed parties)"
    what = (kind or "claim").replace("_", " ")
    parts = [what]
    if amount is not None:
        parts.append(format_amount(amount))
    label = f"{who}: {', '.join(parts)}"
    if year:
        label += f" ({year})"
    return label


def claim_key(
    parties: Sequence[str], kind: str | None, amount: AmountValue | None, words: Iterable[str]
) -> str:
    """The claim's matching key as stored: kind, parties, figure and words."""
    bits = [kind or "", " ".join(sorted(parties))]
    if amount is not None:
        bits.append(amount_term(amount) or f"{amount.dimension}:{amount.low:g}-{amount.high:g}")
    bits.append(" ".join(sorted(set(words))))
    return " | ".join(bits)
