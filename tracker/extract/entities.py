"""Proper-noun spans: who a sentence is about, folded and aliased.

A name is a run of capitalised tokens (``OpenAI``, ``Hélios Énergie``,
``Saint-Gobain``, ``Bank of America``). Runs are trimmed of titles, months,
days and, at the start of a sentence or in a Title-Case headline, of ordinary
words. Not names at all: holidays and rubrics (``not_names``), round labels
(the ``B`` of ``Series B``), other single letters, a sentence-initial
participle or adverb (``Founded in``, ``Fondée en``, ``Plutôt``) and a
sentence-initial modifier of a role noun (``Gold producer Aurex``).

Kept but flagged, so they are not taken as parties: names that describe a
party rather than act (``OpenAI, the maker of ChatGPT``; asides in parentheses
or between dashes), markets (``Wall Street``), demonyms (``Danish``), names
used as modifiers (``Boston-based``, ``Japan's Kaito``), news outlets quoted as
sources (a known outlet, or any name after "according to the daily", "told",
"seen by", or before "reported on/that") and places. A place may still act
(``France fines Google``): :mod:`tracker.extract.roles` decides once the
sentence's event word is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tracker.extract.lexicon import Lexicon
from tracker.extract.text import UP as _UP
from tracker.extract.text import fold_word as fold
from tracker.extract.words import ArticleWords

_TOKEN_RE = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")
_PARENS = re.compile(r"\([^()]{0,400}\)")
_DASH_ASIDE = re.compile(r"\s[–—]\s[^–—]{0,400}?\s[–—](?=\s)")
_CLAUSE_END = re.compile(r"[,;:()\[\]«»\"“”–—.!?]")
_FIRST_WORD = re.compile(r"[^\w]{0,12}?(?:\d{1,2}\s?[/.)-]\s?)?(?=\w)")
_NEXT_WORDS = re.compile(
    r"[ \t\u00a0]+([a-zà-ÿ][\w'-]*)(?:[ \t\u00a0]+([a-zà-ÿ][\w'-]*))?(?=[ \t\u00a0]+("
    + _UP
    + r")?)"
)
_LOWER_NEXT = re.compile(r"\s[a-zà-ÿ]")
# "Boston-based", "Low-cost": a name glued to a lower-case word is a modifier.
_HYPHEN_AFTER = re.compile(r"-[a-zà-ÿ]")
# "Japan's Kaito", "Germany's DAX": a possessive place qualifies a name.
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s")


@dataclass(slots=True)
class Entity:
    """One name found in a sentence."""

    name: str  # as written (trimmed)
    canonical: str  # folded, suffix-free key; aliasing may lengthen it
    start: int
    end: int
    sentence: int
    descriptive: bool = False  # describes a party ("the maker of X"): not a party
    source: bool = False  # a news outlet quoted as the source
    non_party: bool = False  # a market, a demonym, a modifier, an inactive place
    place: bool = False  # in the gazetteer of places: a party only when it acts
    after_preposition: bool = False  # "in X", "de X": an object, never the subject

    @property
    def is_party(self) -> bool:
        return not (self.descriptive or self.source or self.non_party)


def _regions(folded: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans (relative to ``folded``) whose names describe rather than act."""
    regions = [(m.start(), m.end()) for m in _PARENS.finditer(folded)]
    regions += [(m.start(), m.end()) for m in _DASH_ASIDE.finditer(folded)]
    for m in lex.descriptors.finditer(folded):
        end = _CLAUSE_END.search(folded, m.end())
        regions.append((m.end(), end.start() if end else len(folded)))
    return regions


def _title_case(sentence: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", sentence)
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) > 0.6


def find_entities(
    text: str,
    folded_text: str,
    span: tuple[int, int],
    index: int,
    lex: Lexicon,
    *,
    headline: bool = False,
    words: ArticleWords | None = None,
) -> list[Entity]:
    """Names in the sentence ``text[span[0]:span[1]]``, with flags.

    ``text`` is the whole article so a sentence-initial word can be checked
    against the rest of it (a word seen lower-case elsewhere is not a name).
    """
    s0, s1 = span
    sentence = text[s0:s1]
    sfold = folded_text[s0:s1]
    first = _FIRST_WORD.match(sentence)
    first_pos = first.end() if first else 0
    strict = _title_case(sentence)  # a headline, or one repeated atop the body
    words = words or ArticleWords(text)
    regions: list[tuple[int, int]] | None = None
    out: list[Entity] = []
    rules = lex.rules
    for m in _runs(sentence, rules.name_run.match):
        for name, start in _trim_run(m.group(), m.start(), first_pos, words, lex, strict):
            tokens = fold(name).split()
            canonical = lex.canonical(tokens)
            if not canonical or canonical in lex.not_names or canonical.isdigit():
                continue
            if len(tokens) == 1 and (
                tokens[0] in lex.stopwords or tokens[0] in lex.months or tokens[0] in lex.days
            ):
                continue
            if len(canonical) == 1 and canonical != "x":
                continue  # "Series B", "Plan C": a label, not a name ("X" is a company)
            end = start + len(name)
            opening = (
                _opening_word(sentence, end, lex)
                if start == first_pos and len(tokens) == 1
                else None
            )
            if opening == "clause":
                continue
            entity = Entity(name, canonical, s0 + start, s0 + end, index)
            if regions is None:
                regions = _regions(sfold, lex)
            entity.descriptive = opening == "modifier" or any(a <= start < b for a, b in regions)
            entity.after_preposition = _after_preposition(sfold, start, lex)
            entity.place = canonical in lex.places
            entity.non_party = (
                canonical in lex.non_parties
                or (len(tokens) <= 2 and canonical in lex.demonyms)
                or _HYPHEN_AFTER.match(sentence, end) is not None
                or (entity.place and _POSSESSIVE_AFTER.match(sentence, end) is not None)
            )
            outlet = canonical in lex.outlets or (bool(tokens) and tokens[-1] in lex.outlet_heads)
            if _source_context(sfold, start, end, lex, outlet):
                entity.source = True
            if (
                out
                and out[-1].after_preposition
                and rules.list_separator.fullmatch(sfold, out[-1].end - s0, start)
            ):
                entity.after_preposition = True  # "in Canada, the Netherlands and the Gulf"
            if (
                entity.place
                and rules.attributive.search(sfold, 0, start)
                and _LOWER_NEXT.match(sentence, end)
            ):
                entity.non_party = True  # "a New York investment firm": an adjective
            if (
                entity.place
                and entity.non_party
                and out
                and out[-1].place
                and sfold[out[-1].end - s0 : start].strip() == ","
            ):
                out[-1].non_party = True  # "Redmond, Washington-based": one location
            out.append(entity)
    return out


def _before_connector(run: str, word: str, connectors: frozenset[str]) -> bool:
    """``word`` is followed by a connector in ``run`` ("Bank of America")."""
    rest = run[run.find(word) + len(word) :].split(maxsplit=1)
    return bool(rest) and fold(rest[0]) in connectors


_CAPITAL = re.compile(_UP)


def _runs(
    sentence: str, run_match: Callable[[str, int], re.Match[str] | None]
) -> Iterator[re.Match[str]]:
    """``name_run.finditer(sentence)``, faster: a run holds a capital at most
    six characters after its start ("iPhone", "qu'iPad"), so the run regex is
    tried only just before capitals, which a plain character class finds at
    C speed."""
    last = 0
    for cap in _CAPITAL.finditer(sentence):
        u = cap.start()
        if u < last:
            continue
        for s in range(max(last, u - 6), u + 1):
            m = run_match(sentence, s)
            if m is not None:
                last = m.end()
                yield m
                break


def _opening_word(sentence: str, end: int, lex: Lexicon) -> str | None:
    """What a sentence-initial capitalised word is when it is no name.

    ``"clause"``: a participle or adverb opening a clause ("Founded in 2016,",
    "Fondée en", "Separately,"). ``"modifier"``: the modifier of a role noun
    before a name ("Gold producer Aurex", "Tesla rival BYD"), kept as a
    description. ``None``: a name.
    """
    original = sentence[:end].split()[-1]
    word = fold(original)
    after = sentence[end : end + 60]
    following = _NEXT_WORDS.match(after)
    if following and following.group(3):
        nouns = [fold(w) for w in following.groups()[:2] if w]
        if any(n in lex.role_nouns or n.rstrip("s") in lex.role_nouns for n in nouns):
            return "modifier"
    next_word = after.split(maxsplit=1)[0] if after.strip() else ""
    clause = after[:1] == "," or fold(next_word) in lex.prepositions
    if clause and len(word) > 4:
        if word.endswith(lex.rules.clause_endings):
            return "clause"
        if original.endswith(lex.rules.participle_endings):
            return "clause"
    return None


def _after_preposition(sfold: str, start: int, lex: Lexicon) -> bool:
    """True when the word before the name (articles skipped) is a preposition."""
    chunks = sfold[max(0, start - 40) : start].split()
    for chunk in reversed(chunks[-4:]):
        if chunk in lex.articles:
            continue
        return chunk in lex.prepositions
    return False


def _source_context(sfold: str, start: int, end: int, lex: Lexicon, outlet: bool) -> bool:
    """True when the name at ``start:end`` is quoted as a source.

    A known ``outlet`` needs only a sourcing word nearby; any other name needs
    a reporting context ("told X", "according to the daily X", "X reported on").
    """
    before = sfold[max(0, start - 60) : start]
    if lex.rules.source_before.search(before) or lex.media_source.search(before):
        return True
    if lex.rules.source_after.match(sfold, end):
        return True
    if not outlet:
        return False
    before = before[-25:]
    if any(m.end() >= len(before) - 6 for m in lex.sourcing.finditer(before)):
        return True
    if lex.rules.source_preposition.search(before):
        return True
    after = sfold[end : end + 20]
    m = lex.reporting.search(after)
    return bool(m and m.start() <= 8)


def _trim_run(
    run: str,
    offset: int,
    first_pos: int,
    words: ArticleWords,
    lex: Lexicon,
    strict: bool,
) -> list[tuple[str, int]]:
    """Split a capitalised run into names: [(name, start in sentence)]."""
    connectors = lex.rules.connectors
    whole = fold(run)
    if whole in lex.places:
        return [(run, offset)]  # "New York": a known place is one name
    if offset != first_pos and not strict and " " not in run and "'" not in run and "’" not in run:
        # The common case, one word mid-sentence ("Microsoft"): same answer
        # as the general path below, without its bookkeeping.
        if (
            whole in lex.titles
            or whole in lex.months
            or whole in lex.days
            or whole in connectors
            or whole in lex.stopwords
        ):
            return []
        return [(run, offset)]
    tokens: list[tuple[str, int, bool]] = []
    for t in _TOKEN_RE.finditer(run):
        word, start = t.group(), offset + t.start()
        elision = lex.rules.name_elision.match(word)
        if elision and fold(word) not in lex.elided_names:
            word, start = word[elision.end() :], start + elision.end()
        word = _POSSESSIVE.sub("", word) if not word.endswith("s'") else word
        if word:
            tokens.append((word, start, bool(elision)))
    groups: list[list[tuple[str, int]]] = [[]]
    for word, start, elided in tokens:
        if elided and groups[-1]:
            groups.append([])  # "Codex d'OpenAI" is two names
        folded = fold(word)
        at_start = start == first_pos
        bad = folded in lex.titles or folded in lex.months or folded in lex.days
        if not bad and (at_start or strict) and word[0].isupper():
            bad = (
                lex.is_ordinary(folded)
                or (at_start and words.lower_elsewhere(word))
                or (
                    at_start
                    and folded in lex.generic_heads
                    and not _before_connector(run, word, connectors)
                )
            )
            if bad and at_start and len(tokens) > 1 and words.seen_mid_sentence(run):
                bad = False  # "Boutiques Lemaire : ..." is named so mid-sentence too
        if not bad and not groups[-1] and folded in lex.stopwords and folded not in connectors:
            bad = True  # a leading article or pronoun: "Le PSG", "Il"
        if bad:
            groups.append([])
        else:
            groups[-1].append((word, start))
    names: list[tuple[str, int]] = []
    for group in groups:
        while group and (
            fold(group[0][0]) in connectors
            or (len(group) > 1 and fold(group[0][0]) in lex.not_names)
        ):
            group = group[1:]  # "l'IA GitHub Copilot" -> "GitHub Copilot"
        while group and fold(group[-1][0]) in connectors:
            group = group[:-1]
        if not group:
            continue
        _, start = group[0]
        last_word, last_start = group[-1]
        names.append((run[start - offset : last_start - offset + len(last_word)], start))
    return names
