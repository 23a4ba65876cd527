"""One sentence: its names, event kind, figures and status (a :class:`SentenceInfo`).

Kind words do not count inside names ("CVC Capital Partners"), inside a
withheld-terms cue or inside a quotation; look-alikes ("investors") carry no
kind. When several kinds appear, the lexicon's priority picks the most
specific. A money verb ("pumped", "apporté") is an event word only next to a
sum (:func:`tracker.extract.figures.money_near`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.extract import amounts as _amounts
from tracker.extract.cues import (
    Decision,
    decide,
    outlet_cue,
    resolve_speech,
    sentence_cues,
)
from tracker.extract.entities import find_entities
from tracker.extract.families import FACT_CONFIDENCE, CueFamily
from tracker.extract.figures import claim_amounts, money_near
from tracker.extract.lexicon import Lexicon
from tracker.extract.phrases import PhraseMatch
from tracker.extract.roles import inside, quoted_spans, resolve_places
from tracker.extract.sentence import SentenceInfo
from tracker.extract.text import CLAUSE_BREAK
from tracker.extract.words import ArticleWords
from tracker.kinds import table as kind_table
from tracker.status import Status


def analyse_sentence(
    text: str,
    folded: str,
    span: tuple[int, int],
    full_span: tuple[int, int],
    index: int,
    lex: Lexicon,
    kind_hits: Sequence[PhraseMatch[str]],
    cue_hits: Sequence[PhraseMatch[CueFamily]],
    words: ArticleWords,
) -> SentenceInfo:
    """Names, event kind, figures and status of one sentence."""
    s0, s1 = span
    entities = find_entities(text, folded, span, index, lex, headline=index == 0, words=words)
    quotes = quoted_spans(text, s0, s1)
    amount_hits = _amounts.find_amounts(text, folded, lex, s0, s1)
    cues = sentence_cues(text, folded, span, cue_hits, lex)
    # The speaker's words are not the article's: cues inside a quotation do
    # not count, except a denial ("'There are no talks,' a spokesman said").
    cues = [c for c in cues if c.kind == "denial" or not inside(quotes, c.start)]
    # "first reported by X" is an echo, not a fresh report.
    recalled = any(c.kind == "recall" for c in cues)
    sources = [] if recalled else [e for e in entities if e.source]
    for entity in sources:
        cue = outlet_cue(text, folded, entity, span, lex)
        if cue is not None:
            cues.append(cue)
    # Kind words inside names do not count ("CVC Capital Partners"), nor
    # inside a withheld-terms cue ("les termes n'ont pas été dévoilés"), nor
    # in a quotation; look-alikes ("investors") carry no kind.
    withheld = [(c.start, c.end) for c in cues if c.kind == "undisclosed"]
    kinds = [
        m
        for m in kind_hits
        if m.payload
        and not any(e.start <= m.start and m.end <= e.end for e in entities)
        and not any(a < m.end and m.start < b for a, b in withheld)
        and not inside(quotes, m.start)
        and not (lex.name_after.fullmatch(m.text) and _no_name_after(text, m.end, lex))
        and not (lex.money_gated.fullmatch(m.text) and not money_near(folded, m, amount_hits, lex))
    ]
    kinds.sort(key=lambda m: (lex.kind_priority.get(m.payload, 100), m.start))
    table = kind_table()
    if len(kinds) > 1 and kinds[0].payload in table.at_a_valuation:
        # "X is valued at $5bn after its latest round": the valuation is the news.
        first = min(kinds, key=lambda m: m.start)
        if first.payload == table.valuation:
            kinds.remove(first)
            kinds.insert(0, first)
    kind = kinds[0].payload if kinds else None
    others = sorted({m.payload for m in kinds} - {kind})
    trigger = (kinds[0].start, kinds[0].end) if kinds else None
    resolve_places(entities, trigger[0] if trigger else None)
    resolve_speech(cues, folded, span, trigger, quotes)
    decision = decide(cues, lex)
    market_move = lex.price_moves.search(folded, s0, s1) is not None
    info = SentenceInfo(
        index=index,
        start=full_span[0],
        end=full_span[1],
        headline=False,
        lead=False,
        entities=entities,
        kind=kind,
        kind_trigger=kinds[0].text if kinds else None,
        other_kinds=others,
        amounts=claim_amounts(folded, amount_hits, kind, kinds, market_move, lex),
        decision=decision,
        event_year=None,
    )
    info.trigger_span = trigger
    info.market_move = market_move
    info.extension = any(
        m.payload == table.partnership
        and lex.extension_before.search(folded[max(s0, m.start - 45) : m.start]) is not None
        for m in kinds
    )
    if kind:
        info.notes.append(f"kind {kind} from {info.kind_trigger!r}")
        info.anaphoric = any(_refers_back(folded, s0, m, lex) for m in kinds)
        info.background = _background(folded, span, trigger, lex)
    if others:
        info.notes.append(f"also kinds: {', '.join(others)} (lower priority)")
    if len(info.amounts) < len(amount_hits):
        info.notes.append(
            "figures left out: prices per share, share-price moves or the valuation of a round"
        )
    return info


def _no_name_after(text: str, end: int, lex: Lexicon) -> bool:
    """A trigger listed in ``name_after`` must be followed by a name: "to
    sell Mobileye" is a deal, "sells vision modules" describes a business,
    "l'arrivée de génériques" is no transfer."""
    m = lex.rules.next_word.match(text, end)
    return not (m and m.group(1).isupper())


def _refers_back(folded: str, sentence_start: int, match: PhraseMatch[str], lex: Lexicon) -> bool:
    """The event word follows a determiner that points back ("the deal",
    "l'opération"), or its phrase begins with one ("the fee")."""
    first = match.text.split()[0]
    if first in lex.anaphora or first[:2] in lex.anaphora:
        return True
    pos = match.start
    window = folded[max(sentence_start, pos - 20) : pos]
    if window.endswith("'"):
        return window[-2:] in lex.anaphora or window.split()[-1] in lex.anaphora
    chunks = window.split()
    return bool(chunks) and window[-1:].isspace() and chunks[-1] in lex.anaphora


def _background(
    folded: str, span: tuple[int, int], trigger: tuple[int, int] | None, lex: Lexicon
) -> str | None:
    """A cumulative or programme marker in the clause of the event word."""
    if trigger is None:
        return None
    for pattern in (lex.background, lex.rules.since_year):
        for m in pattern.finditer(folded, span[0], span[1]):
            a, b = sorted((m.start(), trigger[0]))
            if not CLAUSE_BREAK.search(folded, a, b):
                return m.group()
    return None


def dated_year(
    folded: str,
    span: tuple[int, int],
    trigger: tuple[int, int] | None,
    lex: Lexicon,
    present: int | None,
) -> int | None:
    """A past year the sentence dates its event to ("in 2019"): the first in
    the clause of the event word, else the first in the sentence ("Fondée en
    2018, la société avait levé ... en mars 2022" dates the round to 2022)."""
    if present is None:
        return None
    past = [y for y in lex.years.finditer(folded, span[0], span[1]) if int(y.group(1)) < present]
    if not past:
        return None
    if trigger is not None:
        # A date after the event word first ("raised a Series A in 2020"),
        # then one before it in the same clause.
        in_clause = [
            y for y in past if not CLAUSE_BREAK.search(folded, *sorted((y.start(), trigger[0])))
        ]
        after = [y for y in in_clause if y.start() >= trigger[0]]
        for y in after or in_clause:
            return int(y.group(1))
        # Out of the clause, only a year before the event word dates it ("En
        # 2019, Microsoft avait apporté..."); one after it dates something
        # else (", deepening an alliance that began in 2020").
        before = [y for y in past if y.start() < trigger[0]]
        return int(before[-1].group(1)) if before else None
    return int(past[0].group(1))


#: What a sentence with neither an event word nor a cue asserts (never changed).
_NO_CUE = Decision(Status.CONFIRMED, None, "none", 0.0)


def skipped_sentence(
    text: str,
    folded: str,
    index: int,
    full_span: tuple[int, int],
    span: tuple[int, int],
    kind_hits: Sequence[PhraseMatch[str]],
    cue_hits: Sequence[PhraseMatch[CueFamily]],
    lex: Lexicon,
    trace: bool = True,
) -> SentenceInfo:
    """A sentence that cannot hold a claim: its cues (or its event word), for
    the trace; names and figures are not analysed. Without ``trace`` its cues
    are not read either: nothing but the trace reads a skipped sentence's status."""
    kinds = sorted(
        (m for m in kind_hits if m.payload),
        key=lambda m: (lex.kind_priority.get(m.payload, 100), m.start),
    )
    if kinds:
        decision = Decision(Status.CONFIRMED, None, "fact", FACT_CONFIDENCE)
        note = "weak: no amount, no status cue, no source, not headline or lead"
    elif cue_hits and not trace:
        decision = _NO_CUE
        note = "no event word: not analysed"
    elif cue_hits:
        cues = sentence_cues(text, folded, span, cue_hits, lex)
        resolve_speech(cues, folded, span, None, [])
        decision = decide(cues, lex)
        note = "no event word: names and figures not analysed"
    else:
        decision = _NO_CUE  # most sentences of a long article: one shared record
        note = "no event word or status cue: not analysed"
    return SentenceInfo(
        index=index,
        start=full_span[0],
        end=full_span[1],
        headline=False,
        lead=False,
        entities=(),
        kind=kinds[0].payload if kinds else None,
        kind_trigger=kinds[0].text if kinds else None,
        other_kinds=(),
        amounts=(),
        decision=decision,
        event_year=None,
        notes=[note],
        analysed=False,
    )
