"""Which claim the user means by an id or by words from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.models import Claim

#: Words match claims "about equally well" when their search scores (0-100,
#: plus up to 20 when a figure agrees) are within this many points of the best.
#: Punctuation alone can part two equally good matches by 10 ("OpenAI /" and
#: "OpenAI:"), so the margin is wider than that.
AMBIGUITY_MARGIN = 10.0
#: How many close matches are listed at most.
CHOICES_SHOWN = 6


def claim_named(session: Session, ref: str) -> Claim:
    """The claim ``ref`` names: an id (following merges), or words that match
    one claim clearly better than any other, or one claim's exact text.

    Words that match several claims about equally well are a usage error that
    lists them, so a command never acts on a claim the user did not mean.
    """
    from tracker import store

    text = ref.strip().lstrip("#")
    if text.isdigit():
        return store.resolve_claim(session, text)
    matches = store.search_claims(session, text, limit=CHOICES_SHOWN + 1)
    if not matches:
        return store.resolve_claim(session, text)  # says that nothing matches
    best = matches[0][1]
    close = [(c, s) for c, s in matches if s >= best - AMBIGUITY_MARGIN]
    if len(close) == 1:
        return close[0][0]
    exact = [c for c, _s in close if _words(c.text) == _words(text)]
    if len(exact) == 1:
        return exact[0]
    lines = [f"  #{c.id}  {c.text}  ({s:.0f})" for c, s in close[:CHOICES_SHOWN]]
    if len(close) > CHOICES_SHOWN:
        lines.append(f"  ... and more: tracker search {text}")
    raise click.UsageError(
        f"{text!r} matches several claims about equally well; name one by id:\n" + "\n".join(lines),
        ctx=click.get_current_context(silent=True),
    )


def _words(text: str) -> list[str]:
    return text.casefold().split()
