"""Article-level reasoning on merged claims: a withheld figure, an extended partnership.

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

from tracker.extract.figures import precise_money, vague_money
from tracker.extract.merge import Group, PartyIndex, kinds_compatible, status_rank
from tracker.extract.sentence import SentenceInfo
from tracker.kinds import table as kind_table
from tracker.status import Status


def _rumor_only_with_figure(group: Group) -> bool:
    return (
        bool(group.sentences)
        and all(s.decision.status is Status.RUMOR for s in group.sentences)
        and any(a.value is not None and a.unit is None for a in group.amounts)
    )


def _figure_only_rumored(group: Group) -> bool:
    """Its precise sum comes from rumours only; no confirmation states one."""
    precise = [s for s in group.sentences if precise_money(s.amount)]
    return bool(precise) and all(s.decision.status is Status.RUMOR for s in precise)


def _vaguely_confirmed(group: Group) -> SentenceInfo | None:
    """The sentence that confirms the event with only a vague sum
    ("a multibillion-dollar investment", "plusieurs milliards")."""
    return next(
        (
            s
            for s in group.sentences
            if s.decision.status is Status.CONFIRMED and vague_money(s.amount)
        ),
        None,
    )


def _status_of(group: Group) -> Status:
    if group.override is not None:
        return group.override[0]
    return max(group.sentences, key=lambda s: (status_rank(s), -s.index)).decision.status


def _figure_of(group: Group) -> SentenceInfo:
    return next(s for s in group.sentences if precise_money(s.amount))


def apply_article_undisclosed(groups: list[Group]) -> list[Group]:
    """Move an "undisclosed" verdict to the claim whose figure is only
    rumored; read a vague confirmation as a withheld figure; keep an extended
    partnership apart from the money it comes with (see the module docstring)."""
    deals = kind_table().deals
    by_party = PartyIndex(groups)  # parties do not change here
    for group in groups:
        undisclosed = [s for s in group.sentences if s.decision.status is Status.UNDISCLOSED]
        if not undisclosed:
            continue
        for other in by_party.sharing(group.parties):
            if other is group or other.override is not None or not _rumor_only_with_figure(other):
                continue
            if not (other.parties & group.parties):
                continue
            if not (other.kind == group.kind or (other.kind in deals and group.kind in deals)):
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
    generic = kind_table().generic
    by_party = PartyIndex(groups)
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
        if vague is None or any(precise_money(s.amount) for s in confirmed.sentences):
            continue
        if _status_of(confirmed) is not Status.CONFIRMED:
            continue
        target = next(
            (
                g
                for g in by_party.sharing(confirmed.parties)
                if g is not confirmed
                and g.sentences
                and kinds_compatible(g.kind, confirmed.kind)
                and g.kind not in (None, generic)
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
            by_party.add(target, s.party_keys)
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
    alliance = kind_table().partnership
    # Parties only grow for the groups searched here (a side taking sentences):
    # the index holds every party a group has had; the search checks the live ones.
    by_party = PartyIndex(groups)
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
            if s.kind == alliance and s.decision.status is Status.CONFIRMED
        ]
        money = [s for s in group.sentences if s not in partnership]
        if not any(s.kind not in (None, alliance) for s in money):
            continue
        keys = {k for s in extended for k in s.party_keys}
        side = next(
            (
                g
                for g in by_party.sharing(keys)
                if g is not group
                and g.kind == alliance
                and g.parties & keys
                and g.event_year == group.event_year
            ),
            None,
        )
        searched = side is not None  # a new side is not one of the groups searched
        if side is None:
            side = Group(alliance)
            out.append(side)
        for s in sorted(set(extended) | set(partnership), key=lambda s: s.index):
            if s not in side.sentences:
                side.add(s)
                if searched:
                    by_party.add(side, s.party_keys)
        side.sentences.sort(key=lambda s: s.index)
        group.sentences = []
        group.parties = set()
        group.amounts = []
        for s in money:
            group.add(s)
        if group.kind == alliance:
            group.kind = next(s.kind for s in money if s.kind not in (None, alliance))
        for s in extended:
            s.notes.append("extends a partnership: its own confirmed claim, apart from the money")
    return [g for g in out if g.sentences]
