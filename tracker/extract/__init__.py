"""Extraction: from an article's text to the claims it mentions.

Pure functions, no database and no I/O beyond loading the lexicons once. The
flow of :func:`extract`: split sentences -> find names, event kinds, amounts
and status cues (each found by one regex scan over the whole article) ->
decide each sentence's status -> keep candidate sentences -> merge them into
one mention per claim -> apply the article-level "undisclosed" rule (see
:mod:`tracker.extract.mentions`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker import lexicons
from tracker.extract import amounts as _amounts
from tracker.extract import lexicon as _lexicon
from tracker.extract import sentences as _sentences
from tracker.extract.cues import Cue, Decision, decide, sentence_cues
from tracker.extract.entities import ArticleWords, Entity, alias, find_entities
from tracker.extract.lexicon import Lexicon
from tracker.extract.mentions import (
    Group,
    SentenceInfo,
    apply_article_undisclosed,
    build_mention,
    choose_amount,
    main_parties,
    merge,
)
from tracker.extract.terms import terms_of
from tracker.extract.text import fold, fold_aligned
from tracker.extract.types import Amount, ExtractedMention
from tracker.status import Status

__all__ = [
    "Amount",
    "ExtractedMention",
    "Extraction",
    "SentenceTrace",
    "extract",
    "fold",
    "guess_language",
    "key_terms",
    "parse_amounts",
    "split_sentences",
]

DEFAULT_LANGUAGE = "en"
#: Longer "sentences" (no punctuation in a megabyte of text) are analysed in
#: their first characters only: real sentences are far shorter, and it keeps
#: the per-sentence work bounded.
MAX_SENTENCE_CHARS = 2000
_GUESS_WORDS = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w])")


@dataclass
class SentenceTrace:
    """What one sentence yielded and why, for ``tracker explain``."""

    text: str
    start: int
    end: int
    kind: str | None
    parties: tuple[str, ...]
    amounts: tuple[Amount, ...]
    status: Status | None
    cue: str | None
    notes: tuple[str, ...]
    used: bool


@dataclass
class Extraction:
    """Result of :func:`extract`: mentions with spans into ``text``."""

    text: str
    language: str
    mentions: list[ExtractedMention]
    sentences: list[SentenceTrace]


def guess_language(text: str) -> str:
    """``"en"``, ``"fr"``... by counting each lexicon's own stopwords.

    Words that are stopwords in several languages do not vote. Defaults to
    English when nothing votes.
    """
    langs = lexicons.languages()
    sets = {lang: lexicons.stopwords(lang) for lang in langs}
    scores = dict.fromkeys(langs, 0)
    for word in _GUESS_WORDS.findall(text[:4000].lower()):
        owners = [lang for lang in langs if word in sets[lang]]
        if len(owners) == 1:
            scores[owners[0]] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang == DEFAULT_LANGUAGE))
    return best if scores[best] > 0 else DEFAULT_LANGUAGE


def _language(text: str, language: str | None) -> str:
    if language and language in lexicons.languages():
        return language
    return guess_language(text)


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, whitespace trimmed.

    Survives abbreviations (``Inc.``, ``M.``, ``U.S.``), figures (``$1.5bn``,
    ``3,2``), quotes and French spacing before ``? ! : ;``. A blank line always
    ends a sentence.
    """
    return _sentences.split(text, _lexicon.get(_language(text, language)))


def key_terms(text: str, language: str | None = None) -> list[str]:
    """The stance-free matching words of free text (a user's search query), as
    :func:`extract` computes them for a mention, so both meet in the index."""
    folded = fold(text)
    return terms_of(folded, (0, len(folded)), [], _lexicon.get(_language(text, language)))


def parse_amounts(sentence: str, language: str) -> list[tuple[Amount, int, int]]:
    """Amounts in ``sentence`` with their spans, normalized.

    Money in base units with an ISO currency (``$10bn`` -> 1e10 USD), counts
    with a canonical unit (``1 500 emplois`` -> 1500 jobs), percentages with
    unit ``%``; vague amounts (``plusieurs milliards``) have ``value=None``
    and a ``low``/``high`` range. Years are not amounts.
    """
    lex = _lexicon.get(_language(sentence, language))
    return _amounts.find_amounts(sentence, fold_aligned(sentence), lex)


def _bucket(spans: Sequence[tuple[int, int]], starts: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < spans[i][1]:
        return i
    return None


def extract(
    body: str,
    *,
    title: str | None = None,
    language: str | None = None,
    reference_year: int | None = None,
) -> Extraction:
    """Claims mentioned by an article, one merged mention per claim.

    ``title`` is its own sentence (``headline=True``) and is prepended to the
    text as ``f"{title}\\n\\n{body}"``; every span indexes into
    ``Extraction.text``. ``language`` is guessed from stopwords when None.
    ``reference_year`` is the article's present (its publication year); when
    None the latest year written in the article stands in for it, and a year
    before it dates a recalled past event (``event_year``).
    """
    text = f"{title}\n\n{body}" if title else body
    lang = _language(text, language)
    lex = _lexicon.get(lang)
    folded = fold_aligned(text)

    spans: list[tuple[int, int]] = []
    offset = 0
    if title:
        t = title.strip()
        if t:
            s = title.index(t)
            spans.append((s, s + len(t)))
        offset = len(title) + 2
    spans.extend(_sentences.split_spans(text[offset:], folded[offset:], lex, offset))
    starts = [s for s, _ in spans]

    # One scan per finder over the whole article, bucketed by sentence.
    n = len(spans)
    kind_hits: list[list] = [[] for _ in range(n)]
    cue_hits: list[list] = [[] for _ in range(n)]
    for m in lex.kinds.finditer(folded):
        i = _bucket(spans, starts, m.start)
        if i is not None and m.end <= spans[i][0] + MAX_SENTENCE_CHARS:
            kind_hits[i].append(m)
    for m in lex.cues.finditer(folded):
        i = _bucket(spans, starts, m.start)
        if i is not None and m.end <= spans[i][0] + MAX_SENTENCE_CHARS:
            cue_hits[i].append(m)
    years = [int(y.group()) for y in _YEAR.finditer(text)]
    present = reference_year or (max(years) if years else None)

    infos: list[SentenceInfo] = []
    all_entities = []
    lead_index = 1 if title else 0
    words = ArticleWords(text)
    for i, full_span in enumerate(spans):
        headline = bool(title) and i == 0
        span = (full_span[0], min(full_span[1], full_span[0] + MAX_SENTENCE_CHARS))
        # Names and figures matter only where a claim can be: sentences with
        # an event word or a status cue, the headline and the lead (which
        # name the article's main parties). Skipping the rest keeps
        # extraction fast on long articles.
        relevant = (
            bool(kind_hits[i] or cue_hits[i])
            or headline
            or i <= lead_index
            or "?" in text[span[1] - 3 : span[1]]
        )
        if not relevant:
            infos.append(_skipped(i, full_span))
            continue
        entities = find_entities(text, folded, span, i, lex, headline=headline, words=words)
        amount_hits = _amounts.find_amounts(text, folded, lex, span[0], span[1])
        all_entities.extend(entities)
        cues = sentence_cues(text, folded, span, cue_hits[i], lex)
        for entity in entities:
            if entity.source:
                cues.append(_outlet_cue(text, folded, entity, span, lex))
        cues = [c for c in cues if c is not None]
        decision = decide(cues)
        # Kind words inside names do not count ("CVC Capital Partners"), nor
        # inside a withheld-terms cue ("les termes n'ont pas été dévoilés").
        withheld = [(c.start, c.end) for c in cues if c.kind == "undisclosed"]
        kinds = [
            m
            for m in kind_hits[i]
            if not any(e.start <= m.start and m.end <= e.end for e in entities)
            and not any(a < m.end and m.start < b for a, b in withheld)
        ]
        kinds.sort(key=lambda m: (lex.kind_priority.get(m.payload, 100), m.start))
        kind = kinds[0].payload if kinds else None
        others = sorted({m.payload for m in kinds} - {kind})
        event_year = None
        for y in lex.years.finditer(folded, span[0], span[1]):
            year = int(y.group(1))
            if present is not None and year < present:
                event_year = year
                break
        info = SentenceInfo(
            index=i,
            start=full_span[0],
            end=full_span[1],
            headline=headline,
            lead=i == lead_index,
            entities=entities,
            kind=kind,
            kind_trigger=kinds[0].text if kinds else None,
            other_kinds=others,
            amounts=amount_hits,
            decision=decision,
            event_year=event_year,
        )
        if kind:
            info.notes.append(f"kind {kind} from {info.kind_trigger!r}")
        if others:
            info.notes.append(f"also kinds: {', '.join(others)} (lower priority)")
        infos.append(info)

    alias(all_entities)
    mains = main_parties(infos, bool(title))

    candidates: list[SentenceInfo] = []
    previous_kind: str | None = None
    for info in infos:
        info.parties = [e for e in info.entities if e.is_party]
        kind = info.kind
        if kind is None and info.decision.status is Status.UNDISCLOSED:
            # "Terms were not disclosed." speaks of the claim before it, or of
            # an unnamed deal when it stands alone.
            kind = info.kind = previous_kind or "deal"
            info.notes.append(f"kind {kind} given to a sentence that only withholds terms")
        if kind is None:
            continue
        info.amount = choose_amount(kind, info.amounts)
        if not info.parties:
            if (
                info.amount is None
                and info.event_year is None
                and info.decision.status is not Status.UNDISCLOSED
            ):
                info.notes.append("no party, no amount, no year: not a claim")
                continue
            if not mains:
                info.notes.append("no party in the sentence or the article")
                continue
            info.parties = list(mains)
            info.inherited = True
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

    groups: list[Group] = apply_article_undisclosed(merge(candidates))

    def terms(info: SentenceInfo) -> list[str]:
        # Computed only for the sentences a mention shows.
        blocked = [(c.start, c.end) for c in info.decision.cues]
        blocked += [(e.start, e.end) for e in info.entities]
        blocked += [(s, e) for _, s, e in info.amounts]
        return terms_of(folded, (info.start, info.end), blocked, lex)

    mentions = [build_mention(g, lang, text, lex.concept_names, terms) for g in groups]
    traces = [
        SentenceTrace(
            text=text[info.start : info.end],
            start=info.start,
            end=info.end,
            kind=info.kind,
            parties=tuple(
                dict.fromkeys(
                    p.canonical for p in (info.parties or [e for e in info.entities if e.is_party])
                )
            ),
            amounts=tuple(a for a, _, _ in info.amounts),
            status=info.decision.status
            if (info.kind or info.decision.cue) and info.decision.cue_kind != "none"
            else None,
            cue=info.decision.cue.text if info.decision.cue else None,
            notes=tuple(info.notes + info.decision.notes),
            used=info.used,
        )
        for info in infos
    ]
    return Extraction(text=text, language=lang, mentions=mentions, sentences=traces)


def _skipped(index: int, span: tuple[int, int]) -> SentenceInfo:
    """A sentence with no event word, cue or figure position: not analysed."""
    return SentenceInfo(
        index=index,
        start=span[0],
        end=span[1],
        headline=False,
        lead=False,
        entities=[],
        kind=None,
        kind_trigger=None,
        other_kinds=[],
        amounts=[],
        decision=Decision(Status.CONFIRMED, None, "none", 0.0),
        event_year=None,
        notes=["no event word or status cue: not analysed"],
    )


def _outlet_cue(
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
