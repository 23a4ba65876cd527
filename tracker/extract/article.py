"""One article, from its text to its mentions: the orchestration of :func:`extract`.

The flow: split sentences -> find event kinds and status cues (one scan each
over the whole article) -> in the sentences that can hold a claim (an event
word, withheld terms, a reported figure, the headline, the lead), find names,
figures, quotations and the event word's actor (:mod:`.analysis`) -> keep
candidate sentences, and lend a reported figure without event word to the
article's main claim (:mod:`.candidates`) -> merge them into one mention per
claim, parties in order of salience (:mod:`.merge`, :mod:`.roles`) -> apply
the article-level "undisclosed" rules (:mod:`.undisclosed`) -> build the
mentions (:mod:`.mentions`).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

from tracker.extract import lexicon as _lexicon
from tracker.extract import sentences as _sentences
from tracker.extract.aliases import alias
from tracker.extract.analysis import analyse_sentence, dated_year, skipped_sentence
from tracker.extract.candidates import choose_candidates
from tracker.extract.entities import Entity
from tracker.extract.families import CueFamily
from tracker.extract.figures import hearsay_figure
from tracker.extract.general import general_terms
from tracker.extract.language import resolve
from tracker.extract.lexicon import Lexicon
from tracker.extract.mentions import build_mention
from tracker.extract.merge import Group, attach_valuations, merge
from tracker.extract.phrases import PhraseMatch
from tracker.extract.roles import main_parties, rank_parties
from tracker.extract.sentence import SentenceInfo
from tracker.extract.terms import terms_of
from tracker.extract.text import fold_aligned
from tracker.extract.types import Amount, ExtractedMention
from tracker.extract.undisclosed import apply_article_undisclosed
from tracker.extract.words import ArticleWords
from tracker.kinds import UNKNOWN_KIND
from tracker.status import Status

#: Longer "sentences" (no punctuation in a megabyte of text) are analysed in
#: their first characters only: real sentences are far shorter, and it keeps
#: the per-sentence work bounded.
MAX_SENTENCE_CHARS = 2000
_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w])")
M = TypeVar("M")


@dataclass(slots=True)
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


def _hit(hits: list[Sequence[M]], i: int, match: M) -> None:
    bucket = hits[i]
    if bucket:
        cast("list[M]", bucket).append(match)  # a bucket with a hit is a list of its own
    else:
        hits[i] = [match]


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
    general_claims: bool = True,
    source: str | None = None,
    trace: bool = True,
) -> Extraction:
    """Claims mentioned by an article, one merged mention per claim.

    When no sentence reports an event of a known kind, the headline (or the
    lead, without one) makes a general claim (:mod:`.general`), unless
    ``general_claims`` is False (to read sentences on their own).
    ``source``, the article's own outlet, is never one of its parties.

    ``title`` is its own sentence (``headline=True``) and is prepended to the
    text as ``f"{title}\\n\\n{body}"``; every span indexes into
    ``Extraction.text``. ``language`` is guessed from stopwords when None.
    ``reference_year`` is the article's present (its publication year); when
    None the latest year written in the article stands in for it, and a year
    before it dates a recalled past event (``event_year``).

    ``trace=False`` leaves ``Extraction.sentences`` empty: what `explain`
    shows of each sentence is not needed to store the mentions, and it costs
    a copy of the text and a record per sentence.
    """
    with _collector_paused():
        return _extract(body, title, language, reference_year, general_claims, source, trace)


def _distinct(mentions: Iterable[ExtractedMention]) -> list[ExtractedMention]:
    """No mention twice: a headline's general claim and the figure it reports
    can come out as two groups of the same sentence, and two identical
    mentions of one article would make two claims."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for m in mentions:
        key = (m.start, m.end, m.kind, m.status, m.parties, m.amount, m.terms)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _not_the_outlet(entities: Sequence[Entity], source: str, lex: Lexicon) -> None:
    """The article's own outlet ("Le Messager", "The Ledger Daily") is its
    author, never a party: its names are marked as a source."""
    own = lex.canonical_name(source)
    own_tokens = set(own.split())
    if not own_tokens:
        return
    for e in entities:
        tokens = set(e.canonical.split())
        if e.canonical == own or (tokens and tokens <= own_tokens and len(tokens) > 1):
            e.source = True


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one article is extracted.

    Extraction makes a few objects per word and keeps them to the end, where
    reference counting frees them (they form no cycles): meanwhile the
    collector would walk the growing heap again and again for nothing, an
    eighth of the time of a 5 MB article. It is restored as it was, whatever
    happens."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract(
    body: str,
    title: str | None,
    language: str | None,
    reference_year: int | None,
    general_claims: bool,
    source: str | None = None,
    trace: bool = True,
) -> Extraction:
    text = f"{title}\n\n{body}" if title else body
    heading = title.strip() if title else ""
    # A body that opens on its headline again (as many feeds print it) is no
    # more evidence of a language: its words are counted once.
    repeated = bool(heading) and body.lstrip().startswith(heading)
    lang = resolve(body if repeated else text, language)
    lex = _lexicon.get(lang)
    folded = fold_aligned(text)

    spans: list[tuple[int, int]] = []
    offset = 0
    if title:
        if heading:
            s = title.index(heading)
            spans.append((s, s + len(heading)))
        offset = len(title) + 2
    spans.extend(_sentences.split_spans(text, folded, lex, offset))
    starts = [s for s, _ in spans]

    # One scan per finder over the whole article, bucketed by sentence (most
    # sentences have no hit: they share one empty tuple).
    n = len(spans)
    kind_hits: list[Sequence[PhraseMatch[str]]] = [()] * n
    cue_hits: list[Sequence[PhraseMatch[CueFamily]]] = [()] * n
    for m in lex.kinds.finditer(folded):
        i = _bucket(spans, starts, m.start)
        if i is not None and m.end <= spans[i][0] + MAX_SENTENCE_CHARS:
            _hit(kind_hits, i, m)
    withholds = [False] * n
    for c in lex.cues.finditer(folded):
        i = _bucket(spans, starts, c.start)
        if i is not None and c.end <= spans[i][0] + MAX_SENTENCE_CHARS:
            _hit(cue_hits, i, c)
            withholds[i] = withholds[i] or c.payload.family == "undisclosed"
    for d in lex.figure_verbs.finditer(folded):
        i = _bucket(spans, starts, d.start())
        if i is not None:
            withholds[i] = True
    # Disclosure verbs and withholding words withhold a figure only with a
    # figure noun in their sentence.
    for pattern in (lex.disclosure_verbs, lex.withholding):
        for d in pattern.finditer(folded):
            i = _bucket(spans, starts, d.start())
            if i is not None and not withholds[i]:
                withholds[i] = lex.figure_nouns.search(folded, *spans[i]) is not None
    present = reference_year
    if present is None:
        years = [int(y.group()) for y in _YEAR.finditer(text)]
        present = max(years) if years else None

    infos: list[SentenceInfo] = []
    all_entities: list[Entity] = []
    lead_index = 1 if title else 0
    words = ArticleWords(text)
    for i, full_span in enumerate(spans):
        headline = bool(title) and i == 0
        span = (full_span[0], min(full_span[1], full_span[0] + MAX_SENTENCE_CHARS))
        # Names and figures matter only where a claim can be: sentences with
        # an event word or withheld terms (which borrow the kind of the claim
        # before them), the headline and the lead (which name the article's
        # main parties). The other sentences get their status cue only, for
        # the trace. Skipping them keeps extraction fast.
        relevant = (
            any(m.payload for m in kind_hits[i])
            or withholds[i]
            or headline
            or i <= lead_index
            or "?" in text[span[1] - 3 : span[1]]
            or hearsay_figure(folded, span, cue_hits[i], lex)
        )
        if relevant and not (cue_hits[i] or withholds[i] or headline or i <= lead_index):
            # An event word with no cue, no figure and no source to quote is
            # a plain statement outside headline and lead: weak, whatever its
            # names. Only a question or a reported source could change that.
            relevant = (
                "?" in text[span[1] - 3 : span[1]]
                or lex.amount_core.search(folded, span[0], span[1]) is not None
                or lex.sourcing.search(folded, span[0], span[1]) is not None
                or lex.reporting.search(folded, span[0], span[1]) is not None
            )
        if not relevant:
            infos.append(
                skipped_sentence(
                    text, folded, i, full_span, span, kind_hits[i], cue_hits[i], lex, trace
                )
            )
            continue
        info = analyse_sentence(
            text, folded, span, full_span, i, lex, kind_hits[i], cue_hits[i], words
        )
        info.headline = headline
        info.lead = i == lead_index
        info.event_year = dated_year(folded, span, info.trigger_span, lex, present)
        all_entities.extend(info.entities)
        infos.append(info)

    del kind_hits, cue_hits, withholds  # the scans' matches are no longer needed
    alias(all_entities, headline=bool(title))
    if source:
        _not_the_outlet(all_entities, source, lex)
    for info in infos:
        if info.entities:  # otherwise nobody to rank: ranked stays empty
            info.ranked = rank_parties(
                [e for e in info.entities if e.is_party], folded, info.trigger_span, lex
            )
    mains = main_parties(infos, bool(title))

    candidates = choose_candidates(
        infos, mains, folded, lex, general=general_claims, text=text, outlet=source
    )
    groups: list[Group] = apply_article_undisclosed(merge(attach_valuations(candidates)))

    def terms(info: SentenceInfo, words: bool) -> list[str]:
        # Computed only for the sentences a mention shows.
        if info.kind == UNKNOWN_KIND:
            # A general claim is compared on its words, names included.
            return general_terms(folded, (info.start, info.end), lex)
        blocked = [(c.start, c.end) for c in info.decision.cues]
        blocked += [(e.start, e.end) for e in info.entities]
        blocked += [(s, e) for _, s, e in info.amounts]
        return terms_of(folded, (info.start, info.end), blocked, lex, words)

    mentions = _distinct(build_mention(g, lang, text, lex.concept_names, terms) for g in groups)
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
            notes=(*info.notes, *info.decision.notes),
            used=info.used,
        )
        for info in (infos if trace else ())
    ]
    return Extraction(text=text, language=lang, mentions=mentions, sentences=traces)
