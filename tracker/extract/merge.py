"""Candidates of one article merged into claims.

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
* A rumoured figure that the claim settles with its own precise sum outside
  rumours ("agreed to buy Cinder for $640m" after "reports had put the price
  at $900m") is history and is dropped; so are other echoes of it (recalled
  reports, unnamed "talks to pay ...").
* The merged status: denied > undisclosed > confirmed by an explicit cue >
  rumor > confirmed only as a plain statement. Plain statements rank below
  rumors because news copy states rumored deals flatly in headlines and
  follow-up sentences; an echo of an earlier report is a rumor, so it never
  overrides a confirmation.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.extract.figures import precise_money
from tracker.extract.sentence import SentenceInfo
from tracker.extract.types import Amount
from tracker.kinds import table as kind_table
from tracker.status import Status

AMOUNT_TOLERANCE = 0.02


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
    table = kind_table()
    if a == b or table.merge_pair(a, b):
        return True
    generic, deals = table.generic, table.deals
    return (a == generic and b in deals) or (b == generic and a in deals)


@dataclass(slots=True)
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
    table = kind_table()
    plain = (table.valuation, table.generic)
    deals = [c for c in candidates if c.kind in table.deals and c.kind not in plain]
    if not deals:
        return candidates
    # Deals by party and by sentence: the deals related to a valuation are
    # found without testing them all (they keep the order of the article).
    by_party: dict[str, list[int]] = {}
    by_index: dict[int, list[int]] = {}
    for i, d in enumerate(deals):
        for key in d.party_keys:
            by_party.setdefault(key, []).append(i)
        by_index.setdefault(d.index, []).append(i)
    kept: list[SentenceInfo] = []
    for c in candidates:
        if c.kind != table.valuation or c.headline:
            kept.append(c)
            continue
        # The same parties, or the sentence right after the deal's ("... would
        # offer 24 euros a share, which would value the publisher at 3.4bn").
        if c.inherited:
            related = deals
        else:
            found = {i for key in c.party_keys for i in by_party.get(key, ())}
            if not any(not p.after_preposition for p in c.parties):
                found.update(by_index.get(c.index - 1, ()))
            related = [deals[i] for i in sorted(found)]
        if not related:
            kept.append(c)
            continue
        target = related[0]
        priced = any(d.amount is not None and d.amount.unit is None for d in related)
        if target.kind in table.whole_deals and not priced:
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


class PartyIndex:
    """Groups by the party keys they hold: the groups sharing a party with a
    sentence, found without testing every group of the article (a rule that
    needs a shared party only has to look at those)."""

    def __init__(self, groups: Iterable[Group] = ()) -> None:
        self._groups: list[Group] = []
        self._position: dict[int, int] = {}
        self._by_key: dict[str, set[int]] = {}
        for group in groups:
            self.add(group, group.parties)

    def position(self, group: Group) -> int:
        """The order in which ``group`` was first indexed."""
        return self._position[id(group)]

    def add(self, group: Group, keys: Iterable[str]) -> None:
        """Index ``group`` (first time: after the groups indexed before it) under ``keys``."""
        pos = self._position.get(id(group))
        if pos is None:
            pos = self._position[id(group)] = len(self._groups)
            self._groups.append(group)
        for key in keys:
            self._by_key.setdefault(key, set()).add(pos)

    def sharing(self, keys: Iterable[str]) -> list[Group]:
        """The groups indexed under one of ``keys``, in the order they were indexed."""
        found: set[int] = set()
        for key in keys:
            found |= self._by_key.get(key, set())
        return [self._groups[i] for i in sorted(found)]


def merge(candidates: list[SentenceInfo]) -> list[Group]:
    """Group candidates of one article by claim (first compatible group wins;
    then anaphora, then the headline's claim: see the module docstring).

    Groups are indexed by party, year and the other kinds their sentences
    name, so each candidate tests only the groups that could take it, in the
    order a scan of all groups would: the same groups, in linear time."""
    table = kind_table()
    groups: list[Group] = []
    by_party = PartyIndex()
    by_year: dict[int | None, list[Group]] = {}
    #: Positions of the groups a sentence of which names each other kind.
    by_other_kind: dict[str, list[int]] = {}
    headlines: list[Group] = []

    def add(group: Group, info: SentenceInfo) -> None:
        group.add(info)
        by_party.add(group, info.party_keys)
        pos = by_party.position(group)
        for kind in info.other_kinds:
            positions = by_other_kind.setdefault(kind, [])
            i = bisect.bisect_left(positions, pos)
            if i == len(positions) or positions[i] != pos:
                positions.insert(i, pos)
        if info.headline and all(g is not group for g in headlines):
            headlines.append(group)
            headlines.sort(key=by_party.position)

    for info in candidates:
        group = next((g for g in by_party.sharing(info.party_keys) if g.accepts(info)), None)
        if group is None and info.anaphoric:

            def joinable(g: Group, info: SentenceInfo = info) -> bool:
                return (
                    _kind_joins(g.kind, info.kind)
                    and g.event_year == info.event_year
                    and (info.inherited or not info.party_keys or g.amount_fits(info))
                )

            # "Cette collaboration" points back to the claim that named a
            # collaboration, if one did, before the latest deal.
            named = by_other_kind.get(info.kind or "", [])
            group = next((groups[i] for i in reversed(named) if joinable(groups[i])), None)
            if group is None:
                latest = reversed(by_year.get(info.event_year, []))
                group = next((g for g in latest if joinable(g)), None)
            if group is not None and not group.amount_fits(info):
                info.notes.append(
                    f"refers back to the claim of sentence {group.sentences[0].index}; "
                    f"its figure {info.amount.text if info.amount else ''!r} is not the claim's"
                )
                info.amount = None
        if group is None and info.kind in table.deals:
            group = next(
                (
                    g
                    for g in headlines
                    if g.kind in table.deals
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
                add(group, info)
                continue
        if group is not None:
            add(group, info)
            if group.kind != info.kind and (
                info.kind == table.broad or group.kind == table.generic
            ):
                group.kind = info.kind  # the more general / more specific kind names it
            continue
        group = Group(info.kind)
        by_party.add(group, ())
        groups.append(group)
        by_year.setdefault(info.event_year, []).append(group)
        add(group, info)
    return _drop_stale(groups)


def _stale(group: Group) -> bool:
    """Only echoes of a figure: rumoured figures without event word, unnamed
    deals ("was in talks to pay EUR 2.3bn") or recalled reports."""
    generic = kind_table().generic
    return not group.headline and all(
        s.decision.status is Status.RUMOR
        and (s.figure_only or s.kind == generic or s.decision.cue_kind == "recall")
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
            s.decision.status is not Status.RUMOR and precise_money(s.amount)
            for s in group.sentences
        )
    )


def _drop_stale(groups: list[Group]) -> list[Group]:
    """An earlier rumoured figure of a claim the article settles with its own
    figure is history, not a claim of its own."""
    by_party = PartyIndex(groups)
    kept = []
    for group in groups:
        settled = (
            next(
                (
                    g
                    for g in by_party.sharing(group.parties)
                    if g is not group and _settles(g, group)
                ),
                None,
            )
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


def _kind_joins(group_kind: str | None, kind: str | None) -> bool:
    # "Le rapprochement", "the deal": a deal word pointing back names any deal.
    deals = kind_table().deals
    return kinds_compatible(group_kind, kind) or (kind in deals and group_kind in deals)


def status_rank(info: SentenceInfo) -> tuple[int, float]:
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
