"""Which status a sentence gives its claim, and the cue that decided it.

Speech verbs ("said", "a expliqué") are cues of their own: they confirm only
when what was said holds the event (:func:`resolve_speech`); otherwise they
are attributions and leave the sentence a plain statement. An announce verb
under a modal ("could be announced", "devrait annoncer") is a prospect, a
weak rumor cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.extract.families import FACT_CONFIDENCE, CueFamily
from tracker.extract.phrases import PhraseMatch
from tracker.extract.text import CLAUSE_BREAK as _CLAUSE_BREAK
from tracker.status import Status

if TYPE_CHECKING:
    from tracker.extract.entities import Entity
    from tracker.extract.lexicon import Lexicon

_WORDS_BEFORE = re.compile(r"(?:\S+\s+){0,4}$")
_QUESTION = re.compile(r"\?[\s»\"”')\]]{0,6}$")

# Families whose meaning flips under negation ("did not confirm", "n'a pas
# démenti"); the others either carry their own negation ("not disclosed",
# "not in talks") or do not flip.
_NEGATABLE = {"announce": "not_confirmed", "denial": "not_denied", "speech": "attribution"}
_TRAILING_SPEAKER = re.compile(r",\s*(?:[^,;:()«»\"“”]{0,60}?\s)?$")
# After a trailing speech verb, the sentence ends within a few words ("said on
# Tuesday.", "a indiqué le groupe dans un communiqué.") or a clause does.
_TRAILING_END = re.compile(r"(?:\s+[^\s,;:.!?]+){0,6}\s*(?:[,;:.!?»\"”)]|$)")


@dataclass(slots=True)
class Cue:
    """A status cue found in a sentence (after negation is applied)."""

    kind: str  # family, or not_confirmed / not_denied / question
    text: str
    start: int  # in the article text
    end: int


@dataclass(slots=True)
class Decision:
    """The status a sentence asserts, with the cue that decided it."""

    status: Status
    cue: Cue | None
    cue_kind: str
    confidence: float
    cues: Sequence[Cue] = ()
    notes: Sequence[str] = ()


def _negated(folded: str, sentence_start: int, cue_start: int, lex: Lexicon) -> bool:
    """A negator among the few words before the cue, inside its clause."""
    window = folded[max(sentence_start, cue_start - 60) : cue_start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    words = _WORDS_BEFORE.search(window)
    return bool(words and lex.negators.search(words.group()))


def _suffix_ok(text: str, m: PhraseMatch[CueFamily], lex: Lexicon) -> bool:
    """A cue matched by its ending (French conditional ``-erait``) that is no
    such form: an imperfect of ``-érer`` is rejected.

    ``opérait`` folds to ``operait`` like a conditional would; the accent
    before ``rait`` in the original tells them apart (``[suffix_cues]``).
    """
    ending = lex.suffix_ending
    if not ending:
        return True
    pos = m.text.rfind(ending)
    return pos <= 0 or text[m.start + pos - 1] not in lex.suffix_not_after


def sentence_cues(
    text: str,
    folded: str,
    span: tuple[int, int],
    matches: Sequence[PhraseMatch[CueFamily]],
    lex: Lexicon,
) -> list[Cue]:
    """The cues of one sentence, negation applied, in text order."""
    cues: list[Cue] = []
    for m in matches:
        family = m.payload
        if family.suffix and not _suffix_ok(text, m, lex):
            continue
        kind = family.family
        if kind in _NEGATABLE and _negated(folded, span[0], m.start, lex):
            kind = _NEGATABLE[kind]
        elif kind == "announce" and _modal(folded, span[0], m.start, lex):
            kind = "plan"  # "could be announced this week": a prospect
        elif kind == "denial" and _after_past(folded, span[0], m.start, lex):
            kind = "recall"  # "weeks after it dismissed reports": an earlier denial
        cues.append(Cue(kind, text[m.start : m.end], m.start, m.end))
    # "Neither confirmed nor denied this figure": the figure stays a rumor.
    if not any(c.kind in ("undisclosed", "no_comment") for c in cues):
        withheld = _withheld_figure(text, folded, span, lex)
        if withheld is not None:
            cues.append(withheld)
    sentence = text[span[0] : span[1]]
    q = _QUESTION.search(sentence)
    if q:
        cues.append(Cue("question", "?", span[0] + q.start(), span[0] + q.start() + 1))
    return cues


_CLAUSE_START = re.compile(r"[,;:()–—]")


def _after_past(folded: str, sentence_start: int, cue_start: int, lex: Lexicon) -> bool:
    """An "after" or "après" opens the cue's clause: the denial is an earlier one."""
    window = folded[max(sentence_start, cue_start - 80) : cue_start]
    breaks = list(_CLAUSE_START.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return lex.recall_before.search(window) is not None


def _modal(folded: str, sentence_start: int, cue_start: int, lex: Lexicon) -> bool:
    """A modal or future auxiliary right before the cue ("could be", "devrait"),
    or a conditional opening its clause ("if confirmed", "si elle se confirmait")."""
    window = folded[max(sentence_start, cue_start - 40) : cue_start]
    if lex.modal_before.search(window[-30:]) is not None:
        return True
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return lex.conditional_before.search(window) is not None


def resolve_speech(
    cues: list[Cue],
    folded: str,
    span: tuple[int, int],
    trigger: tuple[int, int] | None,
    quotes: list[tuple[int, int]],
) -> None:
    """Turn each speech cue into ``announce`` or ``attribution`` (in place).

    A speech verb confirms when the event word is in what was said: after
    the verb in the same stretch of text ("X said on Tuesday it had agreed
    to buy Y"), or before it when the verb ends the sentence as a trailing
    attribution ("..., the company said on Tuesday"). A verb right after a
    quotation attributes the quotation; one with no event word in reach only
    describes ("says it serves 20,000 customers").
    """
    for cue in cues:
        if cue.kind != "speech":
            continue
        cue.kind = "attribution"
        if trigger is None or any(a <= trigger[0] < b for a, b in quotes):
            continue
        if any(b <= cue.start and not folded[b : cue.start].strip(" ,.!?") for a, b in quotes):
            continue  # '"...," said X': the quotation's attribution
        if trigger[0] >= cue.end:
            if not any(cue.end <= a < trigger[0] for a, _ in quotes):
                cue.kind = "announce"
        elif _TRAILING_SPEAKER.search(folded, trigger[1], cue.start) and _TRAILING_END.match(
            folded, cue.end, span[1]
        ):
            cue.kind = "announce"


def _withheld_figure(text: str, folded: str, span: tuple[int, int], lex: Lexicon) -> Cue | None:
    """A withheld figure, found by families rather than fixed sentences.

    Three families: a negated verb that names the figure itself ("declined to
    put a figure on", "s'est bien gardé de chiffrer", "never said how much");
    a self-negated withholding phrase with a figure noun anywhere in the
    sentence ("kept the price under wraps", "montant tenu secret"); a negated
    disclosure verb with a figure noun anywhere in the sentence ("les
    conditions financières de l'accord entre A et B n'ont pas été rendues
    publiques", "the size of the investment was not revealed").
    """
    s0, s1 = span
    for m in lex.figure_verbs.finditer(folded, s0, s1):
        if _negated(folded, s0, m.start(), lex):
            return Cue("undisclosed", text[m.start() : m.end()], m.start(), m.end())
    noun = lex.figure_nouns.search(folded, s0, s1)
    if noun is None:
        return None
    held = lex.withholding.search(folded, s0, s1)
    if held is not None:
        return Cue("undisclosed", text[held.start() : held.end()], held.start(), held.end())
    for m in lex.disclosure_verbs.finditer(folded, span[0], span[1]):
        if m.start() < noun.end() and noun.start() < m.end():
            continue  # "chiffre" is the noun, not the verb "chiffrer"
        if _negated(folded, span[0], m.start(), lex):
            return Cue("undisclosed", text[m.start() : m.end()], m.start(), m.end())
    return None


def decide(cues: list[Cue], lex: Lexicon) -> Decision:
    """Status from cues, tier by tier (:mod:`.families`): denial > strong
    rumor > undisclosed > announce > recall > weak rumor > plain statement
    ("fact", confirmed, low confidence).

    A recalled report ("earlier reports had put it at...") is a rumor but
    yields to an announcement in the same sentence, and a bare modal or a
    "declined to comment" never overrides an explicit confirmation.
    """
    for tier in lex.cue_tiers:
        ranks = tier.ranks
        chosen = [c for c in cues if c.kind in ranks]
        if chosen:
            # The surest family of the tier, then the first in the text.
            chosen.sort(key=lambda c: (ranks[c.kind], c.start))
            cue = chosen[0]
            others = [f"{c.kind}: {c.text!r}" for c in cues if c is not cue]
            notes = [f"cue {cue.kind}: {cue.text!r}"] + (
                [f"other cues: {', '.join(others)}"] if others else []
            )
            confidence = lex.cue_families[cue.kind].confidence
            return Decision(tier.status, cue, cue.kind, confidence, cues, notes)
    return Decision(
        Status.CONFIRMED, None, "fact", FACT_CONFIDENCE, cues, ["no status cue: stated as fact"]
    )


def outlet_cue(
    text: str, folded: str, entity: Entity, span: tuple[int, int], lex: Lexicon
) -> Cue | None:
    """A rumor cue for an outlet quoted as source ("according to Bloomberg")."""
    before = folded[max(span[0], entity.start - 25) : entity.start]
    after = folded[entity.end : min(span[1], entity.end + 20)]
    src = list(lex.sourcing.finditer(before))
    rep = lex.reporting.search(after)
    if src and src[-1].end() >= len(before) - 6:
        start = entity.start - len(before) + src[-1].start()
        return Cue("outlet_source", text[start : entity.end], start, entity.end)
    if rep and rep.start() <= 8:
        end = entity.end + rep.end()
        return Cue("outlet_source", text[entity.start : end], entity.start, end)
    return None
