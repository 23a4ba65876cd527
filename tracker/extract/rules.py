"""The words of the rules that read every language at once, compiled once.

News copy quotes names and phrases of other languages ("Banco del Sol" in an
English article, "reported by" in a French one), so these rules use the words
of every lexicon in the folder together: the ``[names]``, ``[roles]``,
``[figures]``, ``[headlines]`` and ``[terms]`` sections, and a few keys of
``[words]`` and ``[background]``. The mechanisms (how a name is written, where
a source sits) stay here; the words come from the lexicons.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tracker import lexicons
from tracker.extract.patterns import (
    NOTHING,
    alternation,
    elided,
    glued,
    spaced,
    written_alternation,
)
from tracker.extract.text import UP, fold


@dataclass(frozen=True)
class Rules:
    """Compiled word rules shared by every language (see the module docstring)."""

    #: A run of capitalised words that may be a name ("Bank of America").
    name_run: re.Pattern[str]
    #: An elided word opening a token ("d'", "qu’").
    name_elision: re.Pattern[str]
    connectors: frozenset[str]
    clause_endings: tuple[str, ...]
    participle_endings: tuple[str, ...]
    #: Before a name: it is quoted as a source ("told the daily").
    source_before: re.Pattern[str]
    #: After a name: it is quoted as a source ("reported on Monday").
    source_after: re.Pattern[str]
    #: Before a known outlet: it is a source ("by", "selon").
    source_preposition: re.Pattern[str]
    attributive: re.Pattern[str]
    list_separator: re.Pattern[str]
    #: After a ``name_after`` trigger: a determiner, then the first letter.
    next_word: re.Pattern[str]
    passive_before: re.Pattern[str]
    agent_before: re.Pattern[str]
    speaks: re.Pattern[str]
    per_period: re.Pattern[str]
    per_unit: re.Pattern[str]
    range_gap: re.Pattern[str]
    range_and: frozenset[str]
    between: re.Pattern[str]
    since_year: re.Pattern[str]
    not_news: re.Pattern[str]
    term_elision: re.Pattern[str]
    #: Words of ``[words]`` the per-language regexes add: see :mod:`.lexicon`.
    media_sourcing: tuple[str, ...]
    glued_negators: tuple[str, ...]
    articles: tuple[str, ...]
    year_joiners: tuple[str, ...]
    scale_joiners: tuple[str, ...]


def everywhere(section: str, key: str) -> list[str]:
    """``[section] key`` of every lexicon, in language order, without repeats."""
    out: dict[str, None] = {}
    for language in lexicons.languages():
        for word in lexicons.load(language).get(section, {}).get(key, []):
            out.setdefault(word, None)
    return list(out)


def _bounded(words: list[str]) -> str:
    """Folded words, each at a word start (``\\b``)."""
    folded = sorted({fold(w) for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(r"\b" + re.escape(w) for w in folded) or NOTHING


def _name_run(elisions: list[str], connectors: list[str]) -> tuple[str, str]:
    """Regex sources of a capitalised run and of an elision, on the text as written."""
    elision = "(?:" + ("|".join(elided(e) for e in elisions) or NOTHING) + ")"
    token = (
        rf"(?:{elision})?(?:{UP}\w{{0,40}}|[a-z]{{1,3}}{UP}\w{{0,40}})"
        rf"(?:[-&.]{UP}\w{{0,40}}|-\d\w{{0,20}}){{0,6}}"
    )
    connector = "(?:" + written_alternation(connectors) + ")"
    sep = rf"[ \t\u00a0\u202f]{{1,3}}(?:{connector}[ \t\u00a0\u202f]{{1,3}}){{0,2}}"
    return rf"(?<![\w'’-]){token}(?:{sep}{token}){{0,8}}(?![\w])", rf"^{elision}"


def _next_word(determiners: list[str]) -> str:
    """A determiner as written ("its", "l’"), then the first character after it."""
    plain = written_alternation([d for d in determiners if not d.endswith("'")])
    elisions = "|".join(elided(d) for d in determiners if d.endswith("'")) or NOTHING
    return rf"\s+(?:(?:{plain})\s+|{elisions})?(\S)"


def build() -> Rules:
    """The rules, from the lexicons of :func:`tracker.lexicons.languages`."""

    def alt(section: str, key: str) -> str:
        return alternation(everywhere(section, key))

    run, elision = _name_run(everywhere("names", "elisions"), everywhere("names", "connectors"))
    definite = everywhere("words", "definite_articles")
    article = glued(definite, r"\s")
    articles = glued(definite, r"\s+")
    source_next = alternation(
        everywhere("names", "source_after_next") + everywhere("words", "days")
    )
    ranges = alternation(everywhere("figures", "range_to") + everywhere("figures", "range_and"))
    sources = _bounded(everywhere("names", "source_before"))
    prepositions = _bounded(everywhere("names", "source_prepositions"))
    agents = _bounded(everywhere("roles", "agent_words"))
    price_phrases = spaced(everywhere("figures", "price_phrases"))
    edges = spaced(everywhere("background", "year_edges"))
    return Rules(
        name_run=re.compile(run),
        name_elision=re.compile(elision),
        connectors=frozenset(fold(w) for w in everywhere("names", "connectors")),
        clause_endings=tuple(fold(w) for w in everywhere("names", "clause_endings")),
        participle_endings=tuple(everywhere("names", "participle_endings")),
        source_before=re.compile(rf"(?:{sources})\s+(?:{article})?$"),
        source_after=re.compile(
            rf"\s(?:{alt('names', 'source_after')})(?:\s+(?:{source_next})\b|\s*[,.;])"
        ),
        source_preposition=re.compile(rf"(?:{prepositions})\s+(?:{article})?$"),
        attributive=re.compile(rf"(?:^|\s)(?:{alt('names', 'attributive_articles')})\s$"),
        list_separator=re.compile(rf"\s*(?:,|{alt('names', 'list_words')})?\s*(?:{articles})?"),
        next_word=re.compile(_next_word(everywhere("names", "determiners"))),
        passive_before=re.compile(rf"\b(?:{alt('roles', 'passive_auxiliaries')})\s+(?:\w+\s+)?$"),
        agent_before=re.compile(rf"(?:{agents})\s+(?:\S+\s+){{0,3}}$"),
        speaks=re.compile(rf",?\s+(?:{alt('roles', 'speech_verbs')})\b"),
        per_period=re.compile(
            rf"\s+(?:{alt('figures', 'rate_words')})\s*(?:{alt('figures', 'rate_units')})\b"
        ),
        per_unit=re.compile(
            rf"\s+(?:{alt('figures', 'price_words')})\s*(?:{alt('figures', 'priced_units')})s?\b"
            rf"|\s+(?:{price_phrases})\b"
        ),
        range_gap=re.compile(rf"\s*(?:-|–|—|{ranges})\s*$"),
        range_and=frozenset(fold(w) for w in everywhere("figures", "range_and")),
        between=re.compile(rf"(?:{alt('figures', 'between')})\s+$"),
        since_year=re.compile(
            rf"(?<!\w)(?:{alt('background', 'since_words')})\s+"
            rf"(?:(?:{edges})\s+)?(?:19|20)\d\d(?!\w)"
        ),
        not_news=re.compile(rf"^\s*(?:{alt('headlines', 'not_news')})\s*:"),
        term_elision=re.compile(rf"^(?:{alt('terms', 'elisions')})"),
        media_sourcing=tuple(everywhere("words", "media_sourcing")),
        glued_negators=tuple(everywhere("words", "glued_negators")),
        articles=tuple(definite + everywhere("words", "indefinite_articles")),
        year_joiners=tuple(everywhere("words", "year_joiners")),
        scale_joiners=tuple(everywhere("numbers", "scale_joiners")),
    )


@functools.lru_cache(maxsize=8)
def _compiled(directory: Path) -> Rules:
    return build()


def get() -> Rules:
    """The rules of the current lexicon folder (built once per folder)."""
    return _compiled(lexicons.directory())
