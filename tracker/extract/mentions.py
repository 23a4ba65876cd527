"""One mention per merged claim: its status, deciding quote, figure, parties and terms."""

from __future__ import annotations

from collections.abc import Callable

from tracker.extract.figures import amount_rank
from tracker.extract.merge import Group, status_rank
from tracker.extract.roles import order_parties
from tracker.extract.sentence import SentenceInfo
from tracker.extract.types import ExtractedMention

MAX_PARTIES = 4
#: The confidence of a status the article-level rules give (:mod:`.undisclosed`).
ARTICLE_RULE_CONFIDENCE = 0.75


def build_mention(
    group: Group,
    language: str,
    text: str,
    concepts: frozenset[str],
    terms_of: Callable[[SentenceInfo, bool], list[str]],
) -> ExtractedMention:
    """One mention for a group: status, deciding quote, best amount, parties."""
    sentences = group.sentences
    best = max(sentences, key=lambda s: (status_rank(s), -s.index))
    decision = best.decision
    status, cue_kind, confidence = decision.status, decision.cue_kind, decision.confidence
    cue = decision.cue.text if decision.cue else None
    quote_info = best
    notes: list[str] = []
    if group.override is not None:
        status, cue_kind, quote_info, figure = group.override
        # The article rules lend an override only a sentence with a figure.
        assert figure.amount is not None
        cue = quote_info.decision.cue.text if quote_info.decision.cue else None
        confidence = ARTICLE_RULE_CONFIDENCE
        notes.append(
            f"article rule: the article withholds the figure (sentence {quote_info.index}) "
            f"while the figure {figure.amount.text!r} appears only as rumor (sentence {figure.index})"
        )
        for s in group.sentences:
            s.used = True
        quote_info.used = True
    else:
        for s in sentences:
            s.used = True
    # Money before counts before percentages (counts first for job cuts),
    # precise before vague, then the deciding sentence, then text order.
    with_amount = [s for s in sentences if s.amount is not None]
    amount_from = min(
        with_amount,
        key=lambda s: (
            s.amount is None or s.amount.value is None,
            amount_rank(group.kind, s.amount),
            s is not best,
            s.index,
        ),
        default=None,
    )
    amount = amount_from.amount if amount_from else None
    if amount_from is not None and amount_from is not best and group.override is None:
        notes.append(
            f"amount from sentence {amount_from.index} ({amount_from.decision.status.value})"
        )
    ordered = sorted(sentences, key=lambda s: s.index)
    written: dict[str, str] = {}
    for s in ordered:
        for p in s.parties:
            written.setdefault(p.canonical, p.name)
    ranked = [[(e.canonical, r) for e, r in s.ranked] for s in ordered]
    parties = [k for k in order_parties(ranked) if k in written][:MAX_PARTIES]
    names = [written[k] for k in parties]
    terms: list[str] = []
    # Terms: the words of the quoted sentence (and of the figure's sentence),
    # plus the concept tokens of every merged sentence: focused, yet shared
    # across languages.
    focus = {quote_info.index, best.index} | ({amount_from.index} if amount_from else set())
    for s in sorted(set(sentences) | {quote_info}, key=lambda s: s.index):
        for t in terms_of(s, s.index in focus):
            if t not in terms and (s.index in focus or t in concepts or t.startswith("round_")):
                terms.append(t)
    if group.kind and group.kind not in terms:
        terms.insert(0, group.kind)
    notes.extend(quote_info.notes)
    notes.extend(quote_info.decision.notes)
    if len(sentences) > 1:
        listing = ", ".join(f"{s.index}:{s.decision.status.value}" for s in sentences)
        notes.append(f"merged sentences {listing}")
    if any(s.inherited for s in sentences):
        notes.append("parties inherited from the article's main parties")
    return ExtractedMention(
        status=status,
        quote=text[quote_info.start : quote_info.end],
        start=quote_info.start,
        end=quote_info.end,
        cue=cue,
        cue_kind=cue_kind,
        confidence=confidence,
        kind=group.kind,
        parties=tuple(parties),
        party_names=tuple(names),
        amount=amount,
        terms=tuple(terms),
        language=language,
        event_year=group.event_year,
        headline=any(s.headline for s in sentences),
        notes=tuple(notes),
    )
