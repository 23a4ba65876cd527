"""Proper-noun spans: who a sentence is about, folded and aliased.

A name is a run of capitalised tokens (``OpenAI``, ``Hélios Énergie``,
``Saint-Gobain``, ``Bank of America``). Runs are trimmed of titles, months,
days and, at the start of a sentence or in a Title-Case headline, of ordinary
words. Names that describe a party rather than act (``OpenAI, the maker of
ChatGPT``; asides in parentheses or between dashes), places such as
``Wall Street`` and news outlets quoted as sources are kept but flagged, so
they are not taken as parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.lexicon import Lexicon
from tracker.extract.text import fold_word as fold

_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_UP = "[" + re.escape(_UPPER) + "]"
_ELISION = r"(?:[dDlLjJnNsSmM]|[qQ]u)['’]"
_TOKEN = (
    rf"(?:{_ELISION})?(?:{_UP}\w{{0,40}}|[a-z]{{1,3}}{_UP}\w{{0,40}})"
    rf"(?:[-&.]{_UP}\w{{0,40}}|-\d\w{{0,20}}){{0,6}}"
)
_CONNECTOR = r"(?:of|de|du|des|del|della|di|da|van|von|der|den|&|d['’]|la)"
_SEP = rf"[ \t\u00a0\u202f]{{1,3}}(?:{_CONNECTOR}[ \t\u00a0\u202f]{{1,3}}){{0,2}}"
RUN = re.compile(rf"(?<![\w'’-]){_TOKEN}(?:{_SEP}{_TOKEN}){{0,8}}(?![\w])")
_TOKEN_RE = re.compile(r"\S+")
_ELISION_RE = re.compile(rf"^{_ELISION}")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset(
    {
        "of",
        "de",
        "du",
        "des",
        "del",
        "della",
        "di",
        "da",
        "van",
        "von",
        "der",
        "den",
        "&",
        "d'",
        "la",
    }
)
_PARENS = re.compile(r"\([^()]{0,400}\)")
_DASH_ASIDE = re.compile(r"\s[–—]\s[^–—]{0,400}?\s[–—](?=\s)")
_CLAUSE_END = re.compile(r"[,;:()\[\]«»\"“”–—.!?]")
_FIRST_WORD = re.compile(r"[^\w]{0,12}?(?:\d{1,2}\s?[/.)-]\s?)?(?=\w)")
_PREPOSITION_BEFORE = re.compile(
    r"(?:\bby|\bpar|\bto|\bà|\bau|\btold|\bselon|d'après|\bfrom)\s+(?:l'|le\s|la\s|les\s|the\s)?$"
)


@dataclass
class Entity:
    """One name found in a sentence."""

    name: str  # as written (trimmed)
    canonical: str  # folded, suffix-free key; aliasing may lengthen it
    start: int
    end: int
    sentence: int
    descriptive: bool = False  # describes a party ("the maker of X"): not a party
    source: bool = False  # a news outlet quoted as the source
    non_party: bool = False  # a place or market (Wall Street)

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
    strict = headline and _title_case(sentence)
    words = words or ArticleWords(text)
    regions: list[tuple[int, int]] | None = None
    out: list[Entity] = []
    for m in RUN.finditer(sentence):
        for name, start in _trim_run(m.group(), m.start(), first_pos, words, lex, strict):
            tokens = fold(name).split()
            canonical = lex.canonical(tokens)
            if not canonical or canonical in lex.not_names or canonical.isdigit():
                continue
            if len(tokens) == 1 and (
                tokens[0] in lex.stopwords or tokens[0] in lex.months or tokens[0] in lex.days
            ):
                continue
            entity = Entity(name, canonical, s0 + start, s0 + start + len(name), index)
            if regions is None:
                regions = _regions(sfold, lex)
            entity.descriptive = any(a <= start < b for a, b in regions)
            entity.non_party = canonical in lex.non_parties
            if canonical in lex.outlets and _source_context(sfold, start, start + len(name), lex):
                entity.source = True
            out.append(entity)
    return out


def _source_context(sfold: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when the name at ``start:end`` is quoted as a source."""
    before = sfold[max(0, start - 25) : start]
    if any(m.end() >= len(before) - 6 for m in lex.sourcing.finditer(before)):
        return True
    if _PREPOSITION_BEFORE.search(before):
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
    tokens: list[tuple[str, int, bool]] = []
    for t in _TOKEN_RE.finditer(run):
        word, start = t.group(), offset + t.start()
        elided = _ELISION_RE.match(word)
        if elided and fold(word) not in lex.elided_names:
            word, start = word[elided.end() :], start + elided.end()
        word = _POSSESSIVE.sub("", word) if not word.endswith("s'") else word
        if word:
            tokens.append((word, start, bool(elided)))
    groups: list[list[tuple[str, int]]] = [[]]
    for word, start, elided in tokens:
        if elided and groups[-1]:
            groups.append([])  # "Codex d'OpenAI" is two names
        folded = fold(word)
        at_start = start == first_pos
        bad = folded in lex.titles or folded in lex.months or folded in lex.days
        if not bad and (at_start or strict) and word[0].isupper():
            bad = lex.is_ordinary(folded) or (at_start and words.lower_elsewhere(word))
        if not bad and not groups[-1] and folded in lex.stopwords and folded not in _CONNECTORS:
            bad = True  # a leading article or pronoun: "Le PSG", "Il"
        if bad:
            groups.append([])
        else:
            groups[-1].append((word, start))
    names: list[tuple[str, int]] = []
    for group in groups:
        while group and (
            fold(group[0][0]) in _CONNECTORS
            or (len(group) > 1 and fold(group[0][0]) in lex.not_names)
        ):
            group = group[1:]  # "l'IA GitHub Copilot" -> "GitHub Copilot"
        while group and fold(group[-1][0]) in _CONNECTORS:
            group = group[:-1]
        if not group:
            continue
        _, start = group[0]
        last_word, last_start = group[-1]
        names.append((run[start - offset : last_start - offset + len(last_word)], start))
    return names


_LOWER_WORD = re.compile(r"(?<!\w)[^\W\d_A-Z" + re.escape(_UPPER) + r"]\w*")
_MID_CAPITAL = re.compile(r"[\w,;] (" + _UP + r"\w*)")


class ArticleWords:
    """Words of one article, gathered once on first use (linear time)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None
        self._mid: set[str] | None = None

    def lower_elsewhere(self, word: str) -> bool:
        """A sentence-initial word also written lower-case in the article,
        and never capitalised mid-sentence (which "Total", "Orange" are)."""
        if not word[1:].islower():
            return False  # "OpenAI", "BNP": internal capitals mark a name
        if self._lower is None:
            self._lower = set(_LOWER_WORD.findall(self.text))
            self._mid = set(_MID_CAPITAL.findall(self.text))
        assert self._mid is not None
        return word.lower() in self._lower and word not in self._mid


def alias(entities: list[Entity]) -> None:
    """Resolve bare names to longer ones seen earlier in the same article.

    ``Hélios`` after ``Hélios Énergie`` becomes ``helios energie``: the first
    token of a multi-word name, used alone later, is that name.
    """
    by_first: dict[str, str] = {}
    standalone: set[str] = set()
    for entity in entities:
        tokens = entity.canonical.split()
        if len(tokens) > 1:
            # "Microsoft Designer" after many a bare "Microsoft" is a product
            # of that name, not its long form.
            if tokens[0] not in standalone:
                by_first.setdefault(tokens[0], entity.canonical)
        elif tokens and tokens[0] in by_first:
            entity.canonical = by_first[tokens[0]]
        elif tokens:
            standalone.add(tokens[0])
