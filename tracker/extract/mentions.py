"""From sentences to mentions: candidates, merging, article-level reasoning.

Rules (each is explained in the notes of the mention it shapes):

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
* A sentence with a sum, a rumour cue and a word naming a report or source,
  but no event word ("Rumours had put the envelope at about $3bn", "les
  rumeurs tablaient sur une enveloppe de 10 milliards"), is a *rumoured
  figure* of the article's main claim (its first candidate): it takes that
  claim's kind, parties and year. A rumoured figure that the claim settles
  with its own precise sum outside rumours ("agreed to buy Cinder for $640m"
  after "reports had put the price at $900m") is history and is dropped; so
  are other echoes of it (recalled reports, unnamed "talks to pay ...").
* *Weak* candidates are dropped: no amount, no cue other than a plain
  statement (a quote attribution or a descriptive "says" is none), and
  neither the headline nor the lead sentence. *Background* candidates are
  dropped too (outside headline and lead): a cumulative or programme figure
  ("has invested $10bn since 2018", "has pledged to invest EUR 12bn by
  2030", "a déjà levé"); so are share-price moves without another figure
  ("le titre a pris 4 %").
* A *valuation* in an article about another deal of the same parties is an
  attribute of that deal, not a claim: it gives an acquisition or merger
  without a price its price ("a deal valuing the club at EUR 750m"), and is
  dropped otherwise ("the round values it at $3bn").
* Candidates *merge* into one claim when kinds are equal or compatible
  (investment ~ funding_round: "X raises $1B from Y" is "Y invests $1B in
  X"), parties overlap, amounts are compatible (equal within 2 %, a vague
  range containing the precise value, overlapping ranges, or one side
  missing; different currencies or units never; a percentage never blocks a
  money amount: "49 %" of a stake sold for "EUR 3.2bn") and event years are
  equal. Two more ways in: an *anaphoric* sentence ("The fee could rise to
  EUR 55m", "Ce tour de table serait mené par Redwater") joins the latest
  claim of a compatible kind, its other figure kept out; a later deal
  sentence about the headline's parties joins the headline's claim, which
  keeps its kind ("team up" + "will invest EUR 600m" is one partnership).
* A mention's parties are ordered by salience: the actor (most often the
  subject of the event word), then the counterparty, then the others; four
  at most.
* The merged status: denied > undisclosed > confirmed by an explicit cue >
  rumor > confirmed only as a plain statement. Plain statements rank below
  rumors because news copy states rumored deals flatly in headlines and
  follow-up sentences; an echo of an earlier report is a rumor, so it never
  overrides a confirmation.
* Article-level *undisclosed*: when a claim's group holds an "undisclosed"
  sentence and another claim of a deal kind with overlapping parties has a
  precise figure only as rumor, that claim becomes undisclosed
  (``cue_kind="article:undisclosed"``); its quote is the undisclosed sentence
  (the evidence for the status), its amount the rumored figure, and the
  notes point at the sentence the figure came from. The event claim then
  keeps the status of its other sentences. Without such a rumored figure the
  undisclosed cue stays on the event claim.
* A *vague confirmation* withholds the figure too: a claim confirmed with
  only a vague sum ("a multibillion-dollar investment") whose precise sum
  is only rumored becomes undisclosed, in one group ("multimillion" and
  "$85m" overlap) or across two groups of one kind and the same parties
  whose ranges do not overlap ("plusieurs milliards" confirmed, "10
  milliards" rumored: the confirmed group joins the rumored one).
* An undisclosed claim holding a confirmed *extension of a partnership*
  ("extends its OpenAI alliance with a multibillion-dollar investment",
  "la prolongation de son alliance") splits in two: the partnership,
  confirmed, and the money, undisclosed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.extract.cues import Decision
from tracker.extract.entities import Entity
from tracker.extract.types import Amount, ExtractedMention
from tracker.status import Status

COMPATIBLE_KINDS = {frozenset({"investment", "funding_round"})}
DEAL_KINDS = frozenset(
    {
        "investment",
        "funding_round",
        "acquisition",
        "merger",
        "partnership",
        "valuation",
        "ipo",
        "contract",
        "transfer",
        "deal",
    }
)
#: Events without a figure of their own: a withheld salary does not make an
#: appointment "undisclosed".
NO_FIGURE_KINDS = frozenset({"appointment", "departure"})
AMOUNT_TOLERANCE = 0.02
#: Deals whose price is the value of their target: a valuation of that
#: target in the same article is the deal's figure.
WHOLE_DEALS = frozenset({"acquisition", "merger", "transfer"})
MAX_PARTIES = 4


@dataclass(eq=False)
class SentenceInfo:
    """Everything extraction found in one sentence."""

    index: int
    start: int
    end: int
    headline: bool
    lead: bool
    entities: list[Entity]
    kind: str | None
    kind_trigger: str | None
    other_kinds: list[str]
    amounts: list[tuple[Amount, int, int]]
    decision: Decision
    event_year: int | None
    notes: list[str] = field(default_factory=list)
    parties: list[Entity] = field(default_factory=list)
    inherited: bool = False
    amount: Amount | None = None
    terms: list[str] = field(default_factory=list)
    used: bool = False
    #: Parties in order of salience with their role (see roles.py).
    ranked: list[tuple[Entity, int]] = field(default_factory=list)
    #: The event word refers back ("the deal", "ce tour de table").
    anaphoric: bool = False
    #: Span of the event word that gave the kind.
    trigger_span: tuple[int, int] | None = None
    #: A cumulative or programme marker in the event's clause ("since 2018").
    background: str | None = None
    #: The sentence reports a share-price move ("le titre a pris 4 %").
    market_move: bool = False
    #: False for a sentence skipped before names and figures: no claim.
    analysed: bool = True
    #: A partnership word extended or renewed ("extending a partnership").
    extension: bool = False
    #: No event word: a rumoured figure lent to the article's main claim.
    figure_only: bool = False

    @property
    def party_keys(self) -> set[str]:
        return {p.canonical for p in self.parties}


def choose_amount(kind: str | None, amounts: list[tuple[Amount, int, int]]) -> Amount | None:
    """The figure a claim is about: money first; jobs first for layoffs;
    a precise sum before a vague one ("a multibillion-dollar investment...
    reported at about $10bn")."""
    if not amounts:
        return None
    values = [a for a, _, _ in amounts]
    money = sorted((a for a in values if a.unit is None), key=lambda a: a.value is None)
    counts = [a for a in values if a.unit not in (None, "%")]
    percent = [a for a in values if a.unit == "%"]
    order = [counts, percent, money] if kind in ("layoffs", "closure") else [money, counts, percent]
    for bucket in order:
        if bucket:
            return bucket[0]
    return None  # pragma: no cover - every amount lands in a bucket


def _amount_rank(kind: str | None, amount: Amount | None) -> int:
    if amount is None:
        return 3
    if amount.unit == "%":
        return 2
    money_first = kind not in ("layoffs", "closure")
    return (0 if amount.unit is None else 1) if money_first else (1 if amount.unit is None else 0)


def main_parties(infos: list[SentenceInfo], title_present: bool) -> list[Entity]:
    """The article's main parties: the most salient in title and lead (most
    often the actor, then the most often counterparty)."""
    lead_count = 3 if title_present else 2
    lead = infos[:lead_count]
    rest = infos
    if not any(i.kind for i in lead) and any(i.ranked for i in lead):
        # Names in a headline and lead that state no event (a survey's
        # author, an interviewee) are nobody's parties: only names acting in
        # an event are.
        lead = rest = [i for i in infos if i.kind]
    for scope in (lead, rest):
        first: dict[str, Entity] = {}
        for info in scope:
            for entity, _ in info.ranked:
                first.setdefault(entity.canonical, entity)
        if first:
            order = order_parties([[(e.canonical, r) for e, r in i.ranked] for i in scope])
            return [first[k] for k in order[:2]]
    return []


def order_parties(sentences: list[list[tuple[str, int]]]) -> list[str]:
    """Party keys by salience over several sentences' ranked parties.

    The actor is the key most often subject, the counterparty the key most
    often counterparty; ties go to the more frequent, then the earlier.
    """
    subject: Counter[str] = Counter()
    counter: Counter[str] = Counter()
    total: Counter[str] = Counter()
    seen: dict[str, int] = {}
    for ranked in sentences:
        for key, role in ranked:
            seen.setdefault(key, len(seen))
            total[key] += 1
            subject[key] += role == 0
            counter[key] += role == 1
    if not seen:
        return []
    keys = list(seen)
    first = max(keys, key=lambda k: (subject[k], total[k], -seen[k]))
    rest = [k for k in keys if k != first]
    order = [first]
    if rest:
        second = max(rest, key=lambda k: (counter[k], total[k], -seen[k]))
        order.append(second)
        order += sorted((k for k in rest if k != second), key=lambda k: (-total[k], seen[k]))
    return order


def amounts_compatible(a: Amount | None, b: Amount | None) -> bool:
    """Same figure, a range containing it, overlapping ranges, or one missing."""
    if a is None or b is None:
        return True
    if a.unit != b.unit and None in (a.unit, b.unit):
        return True  # a stake's percentage, the stores bought, and the deal's price
    if a.currency and b.currency and a.currency != b.currency:
        return False
    if (a.unit or None) != (b.unit or None):
        return False
    if a.value is not None and b.value is not None:
        return abs(a.value - b.value) <= AMOUNT_TOLERANCE * max(a.value, b.value)
    return a.low <= b.high and b.low <= a.high


def kinds_compatible(a: str | None, b: str | None) -> bool:
    """Equal kinds, a listed pair, or an unnamed "deal" with any deal kind."""
    if a == b or frozenset({a, b}) in COMPATIBLE_KINDS:
        return True
    return (a == "deal" and b in DEAL_KINDS) or (b == "deal" and a in DEAL_KINDS)


@dataclass
class Group:
    """Candidate sentences of one article that speak of one claim."""

    kind: str | None
    sentences: list[SentenceInfo] = field(default_factory=list)
    lent: list[SentenceInfo] = field(default_factory=list)  # moved by the article rule
    override: tuple[Status, str, SentenceInfo, SentenceInfo] | None = None
    parties: set[str] = field(default_factory=set)
    amounts: list[Amount] = field(default_factory=list)

    @property
    def headline(self) -> bool:
        return any(s.headline for s in self.sentences)

    def add(self, info: SentenceInfo) -> None:
        self.sentences.append(info)
        self.parties |= info.party_keys
        if info.amount is not None and all(a != info.amount for a in self.amounts):
            self.amounts.append(info.amount)

    def amount_fits(self, info: SentenceInfo) -> bool:
        return all(amounts_compatible(a, info.amount) for a in self.amounts)

    @property
    def event_year(self) -> int | None:
        return self.sentences[0].event_year if self.sentences else None

    def accepts(self, info: SentenceInfo) -> bool:
        return (
            kinds_compatible(self.kind, info.kind)
            and bool(self.parties & info.party_keys)
            and self.event_year == info.event_year
            and all(amounts_compatible(a, info.amount) for a in self.amounts)
        )


def attach_valuations(candidates: list[SentenceInfo]) -> list[SentenceInfo]:
    """Valuations in an article about another deal of the same parties become
    that deal's figure (acquisitions, mergers) or are dropped (see module)."""
    deals = [c for c in candidates if c.kind in DEAL_KINDS and c.kind not in ("valuation", "deal")]
    if not deals:
        return candidates
    kept: list[SentenceInfo] = []
    for c in candidates:
        if c.kind != "valuation" or c.headline:
            kept.append(c)
            continue
        # The same parties, or the sentence right after the deal's ("... would
        # offer 24 euros a share, which would value the publisher at 3.4bn").
        related = [
            d
            for d in deals
            if c.inherited
            or d.party_keys & c.party_keys
            or (d.index == c.index - 1 and not any(not p.after_preposition for p in c.parties))
        ]
        if not related:
            kept.append(c)
            continue
        target = related[0]
        priced = any(d.amount is not None and d.amount.unit is None for d in related)
        if target.kind in WHOLE_DEALS and not priced:
            if not (c.inherited or target.party_keys & c.party_keys):
                # Tied by position only: its names ("Bolloré's group") are
                # another way of naming the deal's parties.
                c.parties = list(target.parties)
                c.ranked = [(e, r) for r, e in enumerate(c.parties)]
                c.inherited = True
            c.kind = target.kind
            c.notes.append(f"valuation of the target of the {target.kind}: the deal's figure")
            kept.append(c)
        else:
            c.notes.append(f"valuation in a {target.kind} story: an attribute of the deal")
    return kept


def merge(candidates: list[SentenceInfo]) -> list[Group]:
    """Group candidates of one article by claim (first compatible group wins;
    then anaphora, then the headline's claim: see the module docstring)."""
    groups: list[Group] = []
    for info in candidates:
        group = next((g for g in groups if g.accepts(info)), None)
        if group is None and info.anaphoric:
            joinable = [
                g
                for g in reversed(groups)
                if _kind_joins(g.kind, info.kind)
                and g.event_year == info.event_year
                and (info.inherited or not info.party_keys or g.amount_fits(info))
            ]
            # "Cette collaboration" points back to the claim that named a
            # collaboration, if one did, before the latest deal.
            group = next(
                (g for g in joinable if any(info.kind in s.other_kinds for s in g.sentences)),
                joinable[0] if joinable else None,
            )
            if group is not None and not group.amount_fits(info):
                info.notes.append(
                    f"refers back to the claim of sentence {group.sentences[0].index}; "
                    f"its figure {info.amount.text if info.amount else ''!r} is not the claim's"
                )
                info.amount = None
        if group is None and info.kind in DEAL_KINDS:
            group = next(
                (
                    g
                    for g in groups
                    if g.headline
                    and g.kind in DEAL_KINDS
                    and g.event_year == info.event_year
                    and g.amount_fits(info)
                    and (
                        info.inherited
                        or len(info.party_keys & g.parties) >= 2
                        or (info.party_keys and info.party_keys <= g.parties)
                    )
                ),
                None,
            )
            if group is not None:
                info.notes.append(f"about the headline's parties: part of its {group.kind} claim")
                group.add(info)
                continue
        if group is not None:
            group.add(info)
            if group.kind != info.kind and (info.kind == "investment" or group.kind == "deal"):
                group.kind = info.kind  # the more general / more specific kind names it
            continue
        group = Group(info.kind)
        group.add(info)
        groups.append(group)
    return _drop_stale(groups)


def _stale(group: Group) -> bool:
    """Only echoes of a figure: rumoured figures without event word, unnamed
    deals ("was in talks to pay EUR 2.3bn") or recalled reports."""
    return not group.headline and all(
        s.decision.status is Status.RUMOR
        and (s.figure_only or s.kind == "deal" or s.decision.cue_kind == "recall")
        for s in group.sentences
    )


def _settles(group: Group, echo: Group) -> bool:
    """The group is the claim an echoed figure belongs to, and states its own
    precise sum outside rumours ("agreed to buy Cinder for $640m" after
    "reports had put the price at $900m")."""
    return (
        kinds_compatible(group.kind, echo.kind)
        and bool(group.parties & echo.parties)
        and group.event_year == echo.event_year
        and any(
            s.decision.status is not Status.RUMOR and _precise_money(s.amount)
            for s in group.sentences
        )
    )


def _drop_stale(groups: list[Group]) -> list[Group]:
    """An earlier rumoured figure of a claim the article settles with its own
    figure is history, not a claim of its own."""
    kept = []
    for group in groups:
        settled = (
            next((g for g in groups if g is not group and _settles(g, group)), None)
            if _stale(group)
            else None
        )
        if settled is None:
            kept.append(group)
            continue
        for s in group.sentences:
            s.notes.append(
                f"the claim of sentence {settled.sentences[0].index} states its own figure: "
                "this earlier rumoured one is not kept"
            )
    return kept


def _precise_money(amount: Amount | None) -> bool:
    return amount is not None and amount.unit is None and amount.value is not None


def _vague_money(amount: Amount | None) -> bool:
    return amount is not None and amount.unit is None and amount.value is None


def _kind_joins(group_kind: str | None, kind: str | None) -> bool:
    # "Le rapprochement", "the deal": a deal word pointing back names any deal.
    return kinds_compatible(group_kind, kind) or (kind in DEAL_KINDS and group_kind in DEAL_KINDS)


def _rank(info: SentenceInfo) -> tuple[int, float]:
    status = info.decision.status
    if status is Status.DENIED:
        rank = 5
    elif status is Status.UNDISCLOSED:
        rank = 4
    elif status is Status.CONFIRMED and info.decision.cue_kind != "fact":
        rank = 3
    elif status is Status.RUMOR:
        rank = 2
    else:
        rank = 1
    return rank, info.decision.confidence


def _rumor_only_with_figure(group: Group) -> bool:
    return (
        bool(group.sentences)
        and all(s.decision.status is Status.RUMOR for s in group.sentences)
        and any(a.value is not None and a.unit is None for a in group.amounts)
    )


def _figure_only_rumored(group: Group) -> bool:
    """Its precise sum comes from rumours only; no confirmation states one."""
    precise = [s for s in group.sentences if _precise_money(s.amount)]
    return bool(precise) and all(s.decision.status is Status.RUMOR for s in precise)


def _vaguely_confirmed(group: Group) -> SentenceInfo | None:
    """The sentence that confirms the event with only a vague sum
    ("a multibillion-dollar investment", "plusieurs milliards")."""
    return next(
        (
            s
            for s in group.sentences
            if s.decision.status is Status.CONFIRMED and _vague_money(s.amount)
        ),
        None,
    )


def _status_of(group: Group) -> Status:
    if group.override is not None:
        return group.override[0]
    return max(group.sentences, key=lambda s: (_rank(s), -s.index)).decision.status


def _figure_of(group: Group) -> SentenceInfo:
    return next(s for s in group.sentences if _precise_money(s.amount))


def apply_article_undisclosed(groups: list[Group]) -> list[Group]:
    """Move an "undisclosed" verdict to the claim whose figure is only
    rumored; read a vague confirmation as a withheld figure; keep an extended
    partnership apart from the money it comes with (see the module docstring)."""
    for group in groups:
        undisclosed = [s for s in group.sentences if s.decision.status is Status.UNDISCLOSED]
        if not undisclosed:
            continue
        for other in groups:
            if other is group or other.override is not None or not _rumor_only_with_figure(other):
                continue
            if not (other.parties & group.parties):
                continue
            if not (
                other.kind == group.kind or (other.kind in DEAL_KINDS and group.kind in DEAL_KINDS)
            ):
                continue
            if other.event_year != group.event_year:
                continue
            figure = next(
                s for s in other.sentences if s.amount is not None and s.amount.value is not None
            )
            other.override = (Status.UNDISCLOSED, "article:undisclosed", undisclosed[0], figure)
            group.lent.extend(undisclosed)
            group.sentences = [s for s in group.sentences if s not in undisclosed]
            break
    groups = [g for g in groups if g.sentences]
    _withheld_by_vagueness(groups)
    groups = [g for g in groups if g.sentences]
    return _split_extensions(groups)


def _withheld_by_vagueness(groups: list[Group]) -> None:
    """A confirmation with only a vague sum while the precise sum is only
    rumored: the figure is withheld. In one claim ("confirmed a
    multimillion-dollar deal... reports had put the price at $85m"), or across
    two claims of one kind and the same parties whose figures do not overlap
    ("plusieurs milliards" confirmed, "10 milliards" rumored): the confirmed
    one joins the claim of the figure."""
    for group in groups:
        if group.override is not None or _status_of(group) is Status.UNDISCLOSED:
            continue
        vague = _vaguely_confirmed(group)
        if vague is not None and _figure_only_rumored(group):
            group.override = (Status.UNDISCLOSED, "article:undisclosed", vague, _figure_of(group))
    for confirmed in groups:
        if confirmed.override is not None or not confirmed.sentences:
            continue
        vague = _vaguely_confirmed(confirmed)
        if vague is None or any(_precise_money(s.amount) for s in confirmed.sentences):
            continue
        if _status_of(confirmed) is not Status.CONFIRMED:
            continue
        target = next(
            (
                g
                for g in groups
                if g is not confirmed
                and g.sentences
                and kinds_compatible(g.kind, confirmed.kind)
                and g.kind not in (None, "deal")
                and g.parties & confirmed.parties
                and g.event_year == confirmed.event_year
                and _figure_only_rumored(g)
                and (g.override is not None or _status_of(g) is Status.RUMOR)
            ),
            None,
        )
        if target is None:
            continue
        for s in confirmed.sentences:
            s.notes.append(
                f"confirms with a vague sum the claim of sentence {target.sentences[0].index}, "
                "whose figure is only rumored"
            )
            target.add(s)
        target.sentences.sort(key=lambda s: s.index)
        if target.override is None:
            target.override = (
                Status.UNDISCLOSED,
                "article:undisclosed",
                vague,
                _figure_of(target),
            )
        confirmed.sentences = []


def _split_extensions(groups: list[Group]) -> list[Group]:
    """An undisclosed claim holding a confirmed extension of a partnership
    ("extends its alliance with a multibillion investment") is two claims:
    the partnership, confirmed, and the money, undisclosed."""
    out: list[Group] = []
    for group in groups:
        out.append(group)
        if _status_of(group) is not Status.UNDISCLOSED:
            continue
        extended = [
            s for s in group.sentences if s.extension and s.decision.status is Status.CONFIRMED
        ]
        if not extended:
            continue
        partnership = [
            s
            for s in group.sentences
            if s.kind == "partnership" and s.decision.status is Status.CONFIRMED
        ]
        money = [s for s in group.sentences if s not in partnership]
        if not any(s.kind not in (None, "partnership") for s in money):
            continue
        keys = {k for s in extended for k in s.party_keys}
        side = next(
            (
                g
                for g in groups
                if g is not group
                and g.kind == "partnership"
                and g.parties & keys
                and g.event_year == group.event_year
            ),
            None,
        )
        if side is None:
            side = Group("partnership")
            out.append(side)
        for s in sorted(set(extended) | set(partnership), key=lambda s: s.index):
            if s not in side.sentences:
                side.add(s)
        side.sentences.sort(key=lambda s: s.index)
        group.sentences = []
        group.parties = set()
        group.amounts = []
        for s in money:
            group.add(s)
        if group.kind == "partnership":
            group.kind = next(s.kind for s in money if s.kind not in (None, "partnership"))
        for s in extended:
            s.notes.append("extends a partnership: its own confirmed claim, apart from the money")
    return [g for g in out if g.sentences]


def build_mention(
    group: Group,
    language: str,
    text: str,
    concepts: frozenset[str],
    terms_of: Callable[[SentenceInfo, bool], list[str]],
) -> ExtractedMention:
    """One mention for a group: status, deciding quote, best amount, parties."""
    sentences = group.sentences
    best = max(sentences, key=lambda s: (_rank(s), -s.index))
    decision = best.decision
    status, cue_kind, confidence = decision.status, decision.cue_kind, decision.confidence
    cue = decision.cue.text if decision.cue else None
    quote_info = best
    notes: list[str] = []
    if group.override is not None:
        status, cue_kind, quote_info, figure = group.override
        cue = quote_info.decision.cue.text if quote_info.decision.cue else None
        confidence = 0.75
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
            _amount_rank(group.kind, s.amount),
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
