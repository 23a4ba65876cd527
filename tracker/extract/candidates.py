"""Which analysed sentences are claims: candidates, inherited parties, weak sentences.

* A sentence is a *candidate* when it has an event kind and a party. A
  sentence without a party inherits the article's main parties (the most
  salient in title and lead: actors first) when it carries an amount or an
  event year ("a first $1B partnership was signed in 2019 between the two
  companies"): both when it speaks of several ("the two companies"), else
  the main actor ("the company", "l'enseigne"), or the main counterparty
  when the event is passive ("the US company had been fined"). A sentence
  whose actor is only a pronoun or a definite noun phrase ("The Redmond-based
  software giant first backed OpenAI") gets the main actor as its actor. A
  sentence whose only news is "terms were not disclosed" inherits the kind
  of the candidate before it (an appointment or a departure has no figure
  to withhold: "her pay stays confidential" leaves it confirmed), and a
  titled person who withholds it ("chief executive X would not say how
  much") speaks for a party without being one.
* *Weak* candidates are dropped: no amount, no cue other than a plain
  statement (a quote attribution or a descriptive "says" is none), and
  neither the headline nor the lead sentence. *Background* candidates are
  dropped too (outside headline and lead): a cumulative or programme figure
  ("has invested $10bn since 2018", "has pledged to invest EUR 12bn by
  2030", "a déjà levé"); so are share-price moves without another figure
  ("le titre a pris 4 %").
* An article with no candidate may still make a *general claim* in its
  headline: named parties and a strong status cue, but no event of a known
  kind ("X reportedly undergoes surgery", "Y denies plan to ...").
"""

from __future__ import annotations

from tracker.extract.cues import decide
from tracker.extract.entities import Entity
from tracker.extract.figures import attach_figures, choose_amount, rumored_figure
from tracker.extract.general import general_claim, stance_cues
from tracker.extract.lexicon import Lexicon
from tracker.extract.roles import actor_is_anaphoric, passive, titled
from tracker.extract.sentence import SentenceInfo
from tracker.kinds import table as kind_table
from tracker.status import Status


def choose_candidates(
    infos: list[SentenceInfo],
    mains: list[Entity],
    folded: str,
    lex: Lexicon,
    *,
    general: bool = True,
    text: str | None = None,
    outlet: str | None = None,
) -> list[SentenceInfo]:
    """The sentences that make claims, in text order, with their parties and
    figure chosen (see the module docstring). ``outlet``: the article's own."""
    table = kind_table()
    candidates: list[SentenceInfo] = []
    figures: list[SentenceInfo] = []
    previous_kind: str | None = None
    for info in infos:
        if not info.analysed:
            continue
        if info.kind is not None:
            # A headline's own ways of holding a claim (": Report", "- sources",
            # "X? No", "claims analyst") hold for its event too; in the body,
            # denial words and a trailing document or source (", memo says").
            extra = stance_cues(
                folded,
                (info.start, info.end),
                lex,
                headline=info.headline,
                original=text,
                outlet=outlet,
            )
            if extra:
                info.decision = decide([*info.decision.cues, *extra], lex)
        if info.decision.status is Status.UNDISCLOSED and info.ranked:
            # "Chief executive Nadia Roussel would not say how much": the one
            # who withholds the figure speaks for a party; she is not one.
            speakers = [e for e, _ in info.ranked if titled(folded, e, info.start, lex)]
            if speakers and len(speakers) == len(info.ranked):
                info.ranked = []
                info.notes.append(f"{speakers[0].name!r} speaks for a party: not a party")
        info.parties = [e for e, _ in info.ranked]
        kind = info.kind
        if kind is None and rumored_figure(info, folded, lex):
            figures.append(info)
            continue
        if kind is None and info.decision.status is Status.UNDISCLOSED:
            # "Terms were not disclosed." speaks of the claim before it, or of
            # an unnamed deal when it stands alone.
            if previous_kind in table.no_figure:
                info.notes.append(f"withholds a figure a {previous_kind} does not have")
                continue
            kind = info.kind = previous_kind or table.generic
            info.notes.append(f"kind {kind} given to a sentence that only withholds terms")
        if kind is None:
            continue
        if kind in table.no_figure and info.decision.status is Status.UNDISCLOSED:
            # "Named CEO; her pay stays confidential": the event has no figure
            # to withhold, and it stands confirmed or rumored by its other cues.
            info.decision = decide([c for c in info.decision.cues if c.kind != "undisclosed"], lex)
            info.notes.append(f"a {kind} has no figure to withhold")
        info.amount = choose_amount(kind, info.amounts)
        if not info.parties:
            if (
                info.amount is None
                and info.event_year is None
                and info.decision.status is not Status.UNDISCLOSED
                and not info.anaphoric
            ):
                info.notes.append("no party, no amount, no year: not a claim")
                info.partyless = True
                continue
            if not mains:
                info.notes.append("no party in the sentence or the article")
                info.partyless = True
                continue
            # "The two companies will invest" speaks of both main parties;
            # "the company", "l'enseigne" of the main actor.
            plural = lex.plural_anaphora.search(folded, info.start, info.end) is not None
            if plural:
                info.parties = list(mains)
            elif len(mains) > 1 and passive(folded, info.trigger_span, lex):
                # "The US company had been fined": the one the main claim acts on.
                info.parties = [mains[1]]
            else:
                info.parties = list(mains[:1])
            info.ranked = [(e, r) for r, e in enumerate(info.parties)]
            info.inherited = True
        elif mains and actor_is_anaphoric(folded, info, lex):
            # "The Redmond-based software giant first backed OpenAI": the
            # actor is the article's main actor, named elsewhere.
            actor = mains[0]
            if actor.canonical not in info.party_keys:
                info.ranked = [(actor, 0)] + [(e, max(r, 1)) for e, r in info.ranked]
                info.parties = [e for e, _ in info.ranked]
                info.notes.append(f"actor {actor.name!r}: the main actor, named by an anaphor")
        if info.market_move and info.amount is None and not (info.headline or info.lead):
            info.notes.append("a share-price move: market news, not a claim")
            continue
        if info.background and not (info.headline or info.lead):
            info.notes.append(f"background: {info.background!r} (cumulative or programme figure)")
            continue
        weak = (
            info.amount is None
            and info.decision.cue_kind == "fact"
            and not info.headline
            and not info.lead
        )
        if weak:
            info.notes.append("weak: no amount, no status cue, not headline or lead")
            continue
        candidates.append(info)
        previous_kind = kind

    if general and not candidates and infos:
        # No event word anywhere: the headline (or, without one, the first
        # sentence) still asserts something, a general claim (see general.py).
        # So does one whose event names nobody ("Developer quits the app he
        # was hired to build").
        first = infos[0]
        kind = first.kind
        if first.partyless:
            first.notes.append(f"its {kind} names no party: read as a general claim")
            first.kind = None
            first.amount = None  # a general claim is compared on its words
        claim = general_claim(first, folded, lex, text=text, outlet=outlet)
        if claim is None:
            first.kind = kind  # as it was read: no claim of either form
        if claim is not None:
            candidates.append(claim)
    if figures and candidates:
        candidates = attach_figures(candidates, figures)
    return candidates
