"""Who acts in a sentence: quoted speech, places that act, parties by salience.

A sentence's event word (its kind trigger) splits it: the actor is the first
party before it that no preposition governs ("Halvard Capital ... is in talks to
invest"), the counterparty the first party after it ("... in Aldane Labs", "de
Kestrel Vision"); the passive swaps them ("Kestrel was acquired by Norvane").
The matcher weighs the first two parties of a mention most, so the order
matters as much as the set.

Quoted speech is the speaker's, not the article's: event words and cues inside
a long quotation ("'We will use the money to open offices,' said ...") do not
make a claim. Short quoted fragments (``« plusieurs milliards d'euros »``) are
the article's own words and count.

Over a whole article, the *main parties* are the most salient in title and
lead: the actor most often subject, the counterparty most often counterparty.
A mention's parties are ordered by salience the same way over its sentences:
the actor, then the counterparty, then the others.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from tracker.extract.entities import Entity
from tracker.extract.sentence import SentenceInfo
from tracker.extract.text import CLAUSE_BREAK

if TYPE_CHECKING:
    from tracker.extract.lexicon import Lexicon

SUBJECT, COUNTERPARTY, OTHER = 0, 1, 2
#: A quotation with fewer words is a fragment the article makes its own.
MIN_QUOTE_WORDS = 6

_OPENERS = " \t\n([{—–-"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` inside quotation marks, of at least
    :data:`MIN_QUOTE_WORDS` words. A closing mark with no opening one in the
    sentence closes a quotation begun in an earlier sentence; an opening mark
    left open runs to the sentence end."""
    raw: list[tuple[int, int]] = []
    for opener, closer in (("“", "”"), ("«", "»")):
        if opener not in text[start:end] and closer not in text[start:end]:
            continue
        open_at: int | None = None
        for i in range(start, end):
            char = text[i]
            if char == opener:
                open_at = i
            elif char == closer:
                raw.append((start if open_at is None else open_at, i + 1))
                open_at = None
        if open_at is not None:
            raw.append((open_at, end))
    if '"' in text[start:end]:
        open_at = None
        seen_any = False
        for i in range(start, end):
            if text[i] != '"':
                continue
            opening = (i == start or text[i - 1] in _OPENERS) and i + 1 < end
            if opening and open_at is None:
                open_at = i
            elif open_at is not None:
                raw.append((open_at, i + 1))
                open_at = None
            elif not seen_any:
                raw.append((start, i + 1))
            seen_any = True
        if open_at is not None:
            raw.append((open_at, end))
    return [(a, b) for a, b in raw if len(_WORD.findall(text, a, b)) >= MIN_QUOTE_WORDS]


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when ``pos`` falls inside one of ``spans``."""
    return any(a <= pos < b for a, b in spans)


def resolve_places(entities: list[Entity], trigger_start: int | None) -> None:
    """A place acts only as the subject: before the event word, after no
    preposition (without an event word, only as the sentence's first name)."""
    first = next((e for e in entities if e.is_party or e.place), None)
    for entity in entities:
        if not entity.place or not entity.is_party:
            continue
        if entity.after_preposition:
            acts = False
        elif trigger_start is None:
            acts = entity is first
        else:
            acts = entity.end <= trigger_start
        if not acts:
            entity.non_party = True


def passive(folded: str, trigger: tuple[int, int] | None, lex: Lexicon) -> bool:
    """The event word is in the passive ("had been fined", "a été racheté")."""
    return trigger is not None and bool(
        lex.rules.passive_before.search(folded[max(0, trigger[0] - 25) : trigger[0]])
    )


_POSSESSIVE = re.compile(r"['’]s\s+")


def _owns_next(party: Entity, parties: list[Entity], folded: str, lex: Lexicon) -> bool:
    """``party`` is followed by a possessive and, right after it, another party
    that does not speak ("Apple's Tim Cook said": the owner is the party, its
    officer only speaks)."""
    m = _POSSESSIVE.match(folded, party.end)
    speaks = lex.rules.speaks
    return m is not None and any(
        q.start == m.end() and not speaks.match(folded, q.end) for q in parties if q is not party
    )


def rank_parties(
    parties: list[Entity], folded: str, trigger: tuple[int, int] | None, lex: Lexicon
) -> list[tuple[Entity, int]]:
    """Parties of one sentence in order of salience, each with its role."""
    unique: list[Entity] = []
    seen: set[str] = set()
    for p in parties:
        if p.canonical not in seen:
            seen.add(p.canonical)
            unique.append(p)
    if not unique:
        return []
    # "Bolloré's Vivendi", "Alphabet's Google": the owner qualifies the party
    # that acts; it ranks after the others.
    owners = [p for p in unique if _owns_next(p, unique, folded, lex)]
    if owners:
        unique = [p for p in unique if p not in owners] + owners
    if trigger is None:
        subject = next((p for p in unique if not p.after_preposition), None)
        if subject is None:  # only objects ("un investissement dans OpenAI")
            return [(p, COUNTERPARTY if i == 0 else OTHER) for i, p in enumerate(unique)]
        rest = [p for p in unique if p is not subject]
        return [(subject, SUBJECT)] + [
            (p, COUNTERPARTY if i == 0 else OTHER) for i, p in enumerate(rest)
        ]
    t0, t1 = trigger
    before = [p for p in unique if p.end <= t0]
    after = [p for p in unique if p.start >= t1]
    subject = next((p for p in before if not p.after_preposition), None)
    agent = next(
        (p for p in after if lex.rules.agent_before.search(folded[max(0, p.start - 40) : p.start])),
        None,
    )
    counterparty: Entity | None = None
    if agent is not None and (subject is None or passive(folded, trigger, lex)):
        subject, counterparty = agent, subject
    if subject is None:
        # No actor named: the first party is only the object of the event
        # ("un investissement dans OpenAI").
        objects = before + after
        objects += [p for p in unique if p not in objects]
        return [(p, COUNTERPARTY if i == 0 else OTHER) for i, p in enumerate(objects)]
    if counterparty is None:
        counterparty = next(
            (p for p in after if p is not subject),
            next((p for p in before if p is not subject), None),
        )
    ranked = [(subject, SUBJECT)]
    if counterparty is not None and counterparty is not subject:
        ranked.append((counterparty, COUNTERPARTY))
    ranked += [(p, OTHER) for p in unique if p is not subject and p is not counterparty]
    return ranked


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


def titled(folded: str, entity: Entity, sentence_start: int, lex: Lexicon) -> bool:
    """A person named after a title ("chief executive Nadia Roussel", "son
    PDG, Jean Vidal"): a speaker for a party."""
    window = folded[max(sentence_start, entity.start - 30) : entity.start]
    words = window.replace(",", " ").split()
    return bool(words) and words[-1] in lex.titles


def actor_is_anaphoric(folded: str, info: SentenceInfo, lex: Lexicon) -> bool:
    """No party acts before the event word, and the sentence opens on a
    pronoun or a definite noun phrase ("It", "The software giant", "Le groupe"),
    or the event word's clause opens on a personal pronoun ("En mars 2022,
    elle avait levé 90 millions lors d'une série B menée par X": X led the
    round, "elle" raised it)."""
    if info.trigger_span is None:
        return False
    if any(e.start < info.trigger_span[0] for e in info.parties):
        return False
    head = folded[info.start : info.trigger_span[0]]
    clause = CLAUSE_BREAK.split(head)[-1].split(maxsplit=1)
    if clause and clause[0] in lex.personal_pronouns:
        return True
    if any(r == 0 for _, r in info.ranked):
        return False
    words = head.split(maxsplit=1)
    if not words:
        return False
    first = words[0]
    return first in lex.subject_pronouns or first[:2] in lex.subject_pronouns
