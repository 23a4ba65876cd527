"""Extraction: from an article's text to the claims it mentions.

Pure functions, no database and no I/O beyond loading the lexicons once. The
flow of :func:`extract`: split sentences -> find event kinds and status cues
(one scan each over the whole article) -> in the sentences that can hold a
claim (an event word, withheld terms, a reported figure, the headline, the
lead), find names, figures, quotations and the event word's actor (a money
verb such as "pumped" or "apporté" is an event word only next to a sum) ->
decide each sentence's status (speech verbs confirm only what was said:
:mod:`.cues`) -> keep candidate sentences, and lend a reported figure
without event word to the article's main claim -> merge them into one
mention per claim, parties in order of salience (:mod:`.roles`) -> apply
the article-level "undisclosed" rules (see :mod:`tracker.extract.mentions`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tracker import lexicons
from tracker.extract import amounts as _amounts
from tracker.extract import lexicon as _lexicon
from tracker.extract import sentences as _sentences
from tracker.extract.cues import (
    CONFIDENCE,
    Cue,
    Decision,
    decide,
    resolve_speech,
    sentence_cues,
)
from tracker.extract.entities import ArticleWords, Entity, alias, find_entities
from tracker.extract.lexicon import Lexicon
from tracker.extract.mentions import (
    NO_FIGURE_KINDS,
    Group,
    SentenceInfo,
    apply_article_undisclosed,
    attach_valuations,
    build_mention,
    choose_amount,
    main_parties,
    merge,
)
from tracker.extract.roles import inside, passive, quoted_spans, rank_parties, resolve_places
from tracker.extract.terms import terms_of
from tracker.extract.text import fold, fold_aligned
from tracker.extract.types import Amount, ExtractedMention
from tracker.match import UNKNOWN_KIND
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
    withholds = [False] * n
    for m in lex.cues.finditer(folded):
        i = _bucket(spans, starts, m.start)
        if i is not None and m.end <= spans[i][0] + MAX_SENTENCE_CHARS:
            cue_hits[i].append(m)
            withholds[i] = withholds[i] or m.payload.family == "undisclosed"
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
    all_entities = []
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
            or _hearsay_figure(folded, span, cue_hits[i], lex)
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
            infos.append(_skipped(text, folded, i, full_span, span, kind_hits[i], cue_hits[i], lex))
            continue
        info = _analyse(text, folded, span, full_span, i, lex, kind_hits[i], cue_hits[i], words)
        info.headline = headline
        info.lead = i == lead_index
        info.event_year = _event_year(folded, span, info.trigger_span, lex, present)
        all_entities.extend(info.entities)
        infos.append(info)

    alias(all_entities, headline=bool(title))
    for info in infos:
        info.ranked = rank_parties(
            [e for e in info.entities if e.is_party], folded, info.trigger_span
        )
    mains = main_parties(infos, bool(title))

    candidates: list[SentenceInfo] = []
    figures: list[SentenceInfo] = []
    previous_kind: str | None = None
    for info in infos:
        if not info.analysed:
            continue
        if info.decision.status is Status.UNDISCLOSED and info.ranked:
            # "Chief executive Nadia Roussel would not say how much": the one
            # who withholds the figure speaks for a party; she is not one.
            speakers = [e for e, _ in info.ranked if _titled(folded, e, info.start, lex)]
            if speakers and len(speakers) == len(info.ranked):
                info.ranked = []
                info.notes.append(f"{speakers[0].name!r} speaks for a party: not a party")
        info.parties = [e for e, _ in info.ranked]
        kind = info.kind
        if kind is None and _rumored_figure(info, folded, lex):
            figures.append(info)
            continue
        if kind is None and info.decision.status is Status.UNDISCLOSED:
            # "Terms were not disclosed." speaks of the claim before it, or of
            # an unnamed deal when it stands alone.
            if previous_kind in NO_FIGURE_KINDS:
                info.notes.append(f"withholds a figure a {previous_kind} does not have")
                continue
            kind = info.kind = previous_kind or "deal"
            info.notes.append(f"kind {kind} given to a sentence that only withholds terms")
        if kind is None:
            continue
        if kind in NO_FIGURE_KINDS and info.decision.status is Status.UNDISCLOSED:
            # "Named CEO; her pay stays confidential": the event has no figure
            # to withhold, and it stands confirmed or rumored by its other cues.
            info.decision = decide([c for c in info.decision.cues if c.kind != "undisclosed"])
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
                continue
            if not mains:
                info.notes.append("no party in the sentence or the article")
                continue
            # "The two companies will invest" speaks of both main parties;
            # "the company", "l'enseigne" of the main actor.
            plural = lex.plural_anaphora.search(folded, info.start, info.end) is not None
            if plural:
                info.parties = list(mains)
            elif len(mains) > 1 and passive(folded, info.trigger_span):
                # "The US company had been fined": the one the main claim acts on.
                info.parties = [mains[1]]
            else:
                info.parties = list(mains[:1])
            info.ranked = [(e, r) for r, e in enumerate(info.parties)]
            info.inherited = True
        elif mains and _actor_is_anaphoric(folded, info, lex):
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

    if not candidates and infos:
        # No event word anywhere: the headline (or, without one, the first
        # sentence) may still report, deny or confirm something about named
        # parties ("X reportedly undergoes surgery", "Y denies plan to ...").
        general = _general_claim(infos[0], folded)
        if general is not None:
            candidates.append(general)
    if figures and candidates:
        candidates = _attach_figures(candidates, figures)
    groups: list[Group] = apply_article_undisclosed(merge(attach_valuations(candidates)))

    def terms(info: SentenceInfo, words: bool) -> list[str]:
        # Computed only for the sentences a mention shows.
        blocked = [(c.start, c.end) for c in info.decision.cues]
        blocked += [(e.start, e.end) for e in info.entities]
        blocked += [(s, e) for _, s, e in info.amounts]
        return terms_of(folded, (info.start, info.end), blocked, lex, words)

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


#: Cue families strong enough to make such a claim: a report, an unnamed or
#: named source, a denial. Talks count only when named as such; "eyes",
#: "nears", "is exploring", confirmations and announcements do not (a market
#: wrap "nears record high", "announces Prime Day dates").
_GENERAL_CUES = frozenset({"unnamed_source", "outlet_source", "reported", "denial"})
_TALKS_WORDS = re.compile(r"\b(?:talks|discussions?|negociations?|pourparlers|negotiations?)\b")
#: Headlines of columns, interviews and analysis pieces, and sources that are
#: analysts: opinions, not reports of an event.
_NOT_NEWS = re.compile(
    r"^\s*(?:opinion|column|comment|interview|analysis|editorial|explainer|podcast|live|"
    r"chronique|tribune|entretien|analyse|editorial|decryptage|point de vue)\s*:"
)
_ANALYSTS = re.compile(r"\banaly(?:st|ste)s?\b")
#: A denial makes a kind-less claim only when it denies a report: "denies",
#: "dismissed reports", "hoax", "intox"; not "calls off a strike", "rules out
#: a rate cut", "did not raise prices", "exclut Mbappe du groupe".
_DENIES_A_REPORT = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|dement\w*|reject\w*|dismiss\w*|rebuff\w*|hoax|fake|debunk\w*"
    r"|false|intox|canular|faux|fausse\w*|rumou?rs?|rumeurs?|report\w*|sans fondement|infonde\w*)\b"
)
#: Aggregator labels ("Report: ...") rumor a known event, never make one.
_LABEL = re.compile(r"^reports?\s*:$|^rumeur\s*:$")


def _general_cue(family: str, cue_text: str) -> bool:
    """A cue strong enough to make a claim out of a headline with no event word."""
    if family == "talks":
        return _TALKS_WORDS.search(cue_text) is not None
    if family not in _GENERAL_CUES or _ANALYSTS.search(cue_text) or _LABEL.match(cue_text.strip()):
        return False
    return family != "denial" or _DENIES_A_REPORT.search(cue_text) is not None


def _general_claim(info: SentenceInfo, folded: str) -> SentenceInfo | None:
    """The headline's claim when it names parties and a strong status cue but
    no event of a known kind: a claim of kind ``event``, identified by its
    parties and words."""
    if not info.analysed or info.kind is not None or not info.parties or info.market_move:
        return None
    cue = info.decision.cue
    if cue is None:
        return None
    family = info.decision.cue_kind
    cue_text = folded[cue.start : cue.end]
    if not _general_cue(family, cue_text):
        return None
    sentence = folded[info.start : info.end]
    if _NOT_NEWS.match(sentence) or "?" in sentence:
        return None
    info.kind = UNKNOWN_KIND
    info.notes.append(f"no event word: a general claim, decided by {family} {cue.text!r}")
    return info


def _event_year(
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
            y for y in past if not _CLAUSE_BREAK.search(folded, *sorted((y.start(), trigger[0])))
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


def _analyse(
    text: str,
    folded: str,
    span: tuple[int, int],
    full_span: tuple[int, int],
    index: int,
    lex: Lexicon,
    kind_hits: list,
    cue_hits: list,
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
        cue = _outlet_cue(text, folded, entity, span, lex)
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
        and not (lex.name_after.fullmatch(m.text) and _no_name_after(text, m.end))
        and not (lex.money_gated.fullmatch(m.text) and not _money_near(folded, m, amount_hits))
    ]
    kinds.sort(key=lambda m: (lex.kind_priority.get(m.payload, 100), m.start))
    if len(kinds) > 1 and kinds[0].payload in ("funding_round", "investment"):
        # "X is valued at $5bn after its latest round": the valuation is the news.
        first = min(kinds, key=lambda m: m.start)
        if first.payload == "valuation":
            kinds.remove(first)
            kinds.insert(0, first)
    kind = kinds[0].payload if kinds else None
    others = sorted({m.payload for m in kinds} - {kind})
    trigger = (kinds[0].start, kinds[0].end) if kinds else None
    resolve_places(entities, trigger[0] if trigger else None)
    resolve_speech(cues, folded, span, trigger, quotes)
    decision = decide(cues)
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
        amounts=_claim_amounts(folded, amount_hits, kind, kinds, market_move),
        decision=decision,
        event_year=None,
    )
    info.trigger_span = trigger
    info.market_move = market_move
    info.extension = any(
        m.payload == "partnership"
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


#: Money verbs count next to a sum at least this large: "$24 a share" or a
#: "$2,499" robot is paid, but is no deal's figure.
MIN_MONEY = 1e5
_MONEY_GAP_AFTER = 45
_MONEY_GAP_BEFORE = 20
_MONEY_BREAK = re.compile(r"[;:()!?]")
_PER_PERIOD = re.compile(
    r"\s+(?:a|an|per|par|each|chaque|l')\s*(?:year|an|annee|month|mois|day|jour|week|semaine"
    r"|share|action|unit|unite)\b"
)
#: A price per share or per unit, after the figure: "$47.50 a share", "24 euros par action".
_PER_UNIT = re.compile(
    r"\s+(?:per|par|each|pour|chaque|l')\s*(?:share|action|unit|unite|titre)s?\b"
    r"|\s+(?:in cash\s+)?(?:a|per)\s+share\b"
)


def _money_near(folded: str, match: Any, amounts: list[tuple[Amount, int, int]]) -> bool:
    """A sum of money (with its currency) inside a money verb's phrase, right
    after it ("pumped $2bn into", "apporté un milliard de dollars à") or just
    before it ("a $10bn commitment")."""
    for amount, a, b in amounts:
        if amount.unit is not None or amount.currency is None:
            continue
        if _PER_PERIOD.match(folded, b):
            continue  # "EUR 6bn a year in payments", "$24 a share": a rate, no deal
        if (amount.value if amount.value is not None else amount.high) < MIN_MONEY:
            continue
        if match.start <= a and b <= match.end:
            return True
        if 0 <= a - match.end <= _MONEY_GAP_AFTER and not _MONEY_BREAK.search(folded, match.end, a):
            return True
        if 0 <= match.start - b <= _MONEY_GAP_BEFORE and not _CLAUSE_BREAK.search(
            folded, b, match.start
        ):
            return True
    return False


#: Cue families that can give a figure-only sentence a rumoured figure.
_HEARSAY_FAMILIES = frozenset({"unnamed_source", "outlet_source", "reported", "recall", "talks"})


def _hearsay_figure(folded: str, span: tuple[int, int], cue_hits: list, lex: Lexicon) -> bool:
    """A sentence with a rumour cue, a word naming a report and a figure: it
    may hold the rumoured figure of the article's claim (see :func:`extract`)."""
    return (
        any(m.payload.family in _HEARSAY_FAMILIES for m in cue_hits)
        and lex.amount_core.search(folded, span[0], span[1]) is not None
        and lex.hearsay.search(folded, span[0], span[1]) is not None
    )


def _rumored_figure(info: SentenceInfo, folded: str, lex: Lexicon) -> bool:
    """No event word, a rumour decided by a named report or source, and a sum
    of money: "Rumours had put the envelope at about $3bn", "les rumeurs
    tablaient sur une enveloppe de 10 milliards". A bare conditional ("les
    ventes seraient tombées à...") is no report of a figure."""
    decision = info.decision
    if decision.status is not Status.RUMOR or decision.cue_kind not in _HEARSAY_FAMILIES:
        return False
    if lex.hearsay.search(folded, info.start, info.end) is None:
        return False
    return any(a.unit is None and a.value is not None for a, _, _ in info.amounts)


def _attach_figures(
    candidates: list[SentenceInfo], figures: list[SentenceInfo]
) -> list[SentenceInfo]:
    """Give each figure-only rumour sentence the kind, parties and year of the
    article's main claim (its first candidate), as a rumoured figure of it.
    A sentence naming other parties only speaks of something else."""
    main = candidates[0]
    keys = main.party_keys
    for info in figures:
        cue = info.decision.cue
        if cue is not None:
            # "Trade press had pegged it at...", "Bloomberg reports put...":
            # a name right before the cue is the source, not a party.
            info.parties = [e for e in info.parties if not 0 <= cue.start - e.end <= 1]
        if info.parties and not (info.party_keys & keys):
            info.notes.append("a rumoured figure of other parties than the main claim's: not used")
            continue
        kind = main.kind
        amount = choose_amount(kind, info.amounts)
        if amount is None or amount.unit == "%":
            continue
        info.kind = kind
        info.amount = amount
        info.ranked = list(main.ranked)
        info.parties = [e for e, _ in info.ranked]
        info.event_year = main.event_year
        info.inherited = True
        info.figure_only = True
        info.notes.append(
            f"no event word: the rumoured figure {amount.text!r} of the main claim "
            f"(sentence {main.index}, {kind})"
        )
    attached = [f for f in figures if f.figure_only]
    return sorted(candidates + attached, key=lambda c: c.index)


def _titled(folded: str, entity: Entity, sentence_start: int, lex: Lexicon) -> bool:
    """A person named after a title ("chief executive Nadia Roussel", "son
    PDG, Jean Vidal"): a speaker for a party."""
    window = folded[max(sentence_start, entity.start - 30) : entity.start]
    words = window.replace(",", " ").split()
    return bool(words) and words[-1] in lex.titles


def _actor_is_anaphoric(folded: str, info: SentenceInfo, lex: Lexicon) -> bool:
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
    clause = _CLAUSE_BREAK.split(head)[-1].split(maxsplit=1)
    if clause and clause[0] in lex.personal_pronouns:
        return True
    if any(r == 0 for _, r in info.ranked):
        return False
    words = head.split(maxsplit=1)
    if not words:
        return False
    first = words[0]
    return first in lex.subject_pronouns or first[:2] in lex.subject_pronouns


_NEXT_WORD = re.compile(r"\s+(?:(?:the|its|le|la|les|sa|son|ses)\s+|[lLdD]['’])?(\S)")


def _no_name_after(text: str, end: int) -> bool:
    """A trigger listed in ``name_after`` must be followed by a name: "to
    sell Mobileye" is a deal, "sells vision modules" describes a business,
    "l'arrivée de génériques" is no transfer."""
    m = _NEXT_WORD.match(text, end)
    return not (m and m.group(1).isupper())


def _refers_back(folded: str, sentence_start: int, match: Any, lex: Lexicon) -> bool:
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


_SINCE_YEAR = re.compile(
    r"(?<!\w)(?:since|depuis)\s+(?:(?:the\s+)?(?:early|late|end\s+of|fin|début)\s+)?(?:19|20)\d\d(?!\w)"
)
_CLAUSE_BREAK = re.compile(r"[,;:()«»\"“”–—]")


def _background(
    folded: str, span: tuple[int, int], trigger: tuple[int, int] | None, lex: Lexicon
) -> str | None:
    """A cumulative or programme marker in the clause of the event word."""
    if trigger is None:
        return None
    for pattern in (lex.background, _SINCE_YEAR):
        for m in pattern.finditer(folded, span[0], span[1]):
            a, b = sorted((m.start(), trigger[0]))
            if not _CLAUSE_BREAK.search(folded, a, b):
                return m.group()
    return None


def _claim_amounts(
    folded: str,
    amounts: list[tuple[Amount, int, int]],
    kind: str | None,
    kinds: list,
    market_move: bool,
) -> list[tuple[Amount, int, int]]:
    """The figures a claim of the sentence can have: without share-price
    moves ("shares jumped 35%"), and without the valuation of a round or an
    investment ("raise $250m at a $3bn valuation")."""
    if not amounts:
        return amounts
    # "$47.50 a share" is a price per share, never a deal's total: left out. A
    # sum per period ("EUR 6bn a year") stays unless another sum is there too.
    amounts = [h for h in amounts if not _PER_UNIT.match(folded, h[2])]
    rates = [h for h in amounts if h[0].currency and _PER_PERIOD.match(folded, h[2])]
    if rates and len(rates) < sum(1 for h in amounts if h[0].currency):
        amounts = [h for h in amounts if h not in rates]
    if market_move:
        amounts = [h for h in amounts if h[0].unit != "%"]
    if kind in ("funding_round", "investment"):
        valuations = [m for m in kinds if m.payload == "valuation"]
        if valuations:
            amounts = [h for h in amounts if not _valuation_figure(folded, h, valuations)]
    return amounts


def _valuation_figure(folded: str, hit: tuple[Amount, int, int], valuations: list) -> bool:
    _, start, end = hit
    for v in valuations:
        if v.start <= start <= v.end + 45:
            return True  # "valued at $3bn", "would value it at roughly $3bn"
        if end <= v.start and not folded[end : v.start].strip(" -"):
            return True  # "a $3bn valuation"
    return False


def _skipped(
    text: str,
    folded: str,
    index: int,
    full_span: tuple[int, int],
    span: tuple[int, int],
    kind_hits: list,
    cue_hits: list,
    lex: Lexicon,
) -> SentenceInfo:
    """A sentence that cannot hold a claim: its cues (or its event word), for
    the trace; names and figures are not analysed."""
    kinds = sorted(
        (m for m in kind_hits if m.payload),
        key=lambda m: (lex.kind_priority.get(m.payload, 100), m.start),
    )
    if kinds:
        decision = Decision(Status.CONFIRMED, None, "fact", CONFIDENCE["fact"])
        note = "weak: no amount, no status cue, no source, not headline or lead"
    elif cue_hits:
        cues = sentence_cues(text, folded, span, cue_hits, lex)
        resolve_speech(cues, folded, span, None, [])
        decision = decide(cues)
        note = "no event word: names and figures not analysed"
    else:
        decision = Decision(Status.CONFIRMED, None, "none", 0.0)
        note = "no event word or status cue: not analysed"
    return SentenceInfo(
        index=index,
        start=full_span[0],
        end=full_span[1],
        headline=False,
        lead=False,
        entities=[],
        kind=kinds[0].payload if kinds else None,
        kind_trigger=kinds[0].text if kinds else None,
        other_kinds=[],
        amounts=[],
        decision=decision,
        event_year=None,
        notes=[note],
        analysed=False,
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
