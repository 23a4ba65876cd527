"""A language's lexicon compiled once into the sets and regexes extraction uses.

The TOML files hold words; this module turns them into folded sets and
:class:`~tracker.extract.phrases.PhraseSet` scanners (the regex mechanisms are
in :mod:`.patterns`, the rules that use every language's words in
:mod:`.rules`). Everything is built on first use of a language and cached
(``functools.lru_cache``), per lexicon folder.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tracker import lexicons
from tracker.extract import rules as _rules
from tracker.extract.families import (
    DEFAULT_CONFIDENCE,
    DERIVED,
    CueFamily,
    Tier,
    decision_tiers,
)
from tracker.extract.patterns import (
    NOTHING,
    alternation,
    amount_regex,
    core_regex,
    glued,
    phrases_regex,
    words_before_regex,
)
from tracker.extract.phrases import PhraseSet, phrase_regex
from tracker.extract.rules import Rules
from tracker.extract.text import fold
from tracker.kinds import table as kind_table
from tracker.status import Status


def canonical_tokens(
    tokens: list[str], articles: frozenset[str], suffixes: frozenset[str]
) -> list[str]:
    """Drop leading articles, trailing corporate suffixes and model numbers."""
    tokens = [t.strip(".,;:") for t in tokens]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0] in articles:
        tokens = tokens[1:]
    while len(tokens) > 1 and (
        tokens[-1] in suffixes
        or tokens[-1].rstrip(".") in suffixes
        or any(c.isdigit() for c in tokens[-1])  # a model number: "Aerion A7", "CAC 40"
    ):
        tokens = tokens[:-1]
    return tokens


@dataclass
class Lexicon:
    """Compiled lexicon of one language."""

    language: str
    stopwords: frozenset[str]
    common: frozenset[str]
    abbreviations: frozenset[str]
    final_abbreviations: frozenset[str]
    titles: frozenset[str]
    months: frozenset[str]
    days: frozenset[str]
    not_names: frozenset[str]
    non_parties: frozenset[str]
    places: frozenset[str]
    demonyms: frozenset[str]
    prepositions: frozenset[str]
    articles: frozenset[str]
    role_nouns: frozenset[str]
    generic_heads: frozenset[str]
    anaphora: frozenset[str]
    subject_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    outlets: frozenset[str]
    #: Last words that make a name an outlet's ("... Journal", "... Times").
    outlet_heads: frozenset[str]
    corporate_suffixes: frozenset[str]
    leading_articles: frozenset[str]
    elided_names: frozenset[str]
    kinds: PhraseSet[str]
    kind_priority: dict[str, int]
    name_after: re.Pattern[str]
    #: Money verbs ("pumped", "apporté"): event words only next to a sum.
    money_gated: re.Pattern[str]
    cues: PhraseSet[CueFamily]
    #: Every cue kind that can decide a status (the lexicon's families and the
    #: code's), and the tiers in which they decide (:mod:`.families`).
    cue_families: dict[str, CueFamily]
    cue_tiers: tuple[Tier, ...]
    concepts: PhraseSet[str]
    concept_names: frozenset[str]
    descriptors: re.Pattern[str]
    media_source: re.Pattern[str]
    round_label: re.Pattern[str]
    modal_before: re.Pattern[str]
    conditional_before: re.Pattern[str]
    recall_before: re.Pattern[str]
    plural_anaphora: re.Pattern[str]
    background: re.Pattern[str]
    price_moves: re.Pattern[str]
    sourcing: re.Pattern[str]
    reporting: re.Pattern[str]
    negators: re.Pattern[str]
    disclosure_verbs: re.Pattern[str]
    figure_nouns: re.Pattern[str]
    #: Verbs naming the figure themselves ("put a figure on", "chiffrer").
    figure_verbs: re.Pattern[str]
    #: Self-negated withholding phrases ("under wraps", "tenu secret").
    withholding: re.Pattern[str]
    #: Words naming a report or rumour as such ("rumours", "la presse").
    hearsay: re.Pattern[str]
    #: An extension word a few words before a partnership word.
    extension_before: re.Pattern[str]
    years: re.Pattern[str]
    lexical_word: re.Pattern[str]
    # amounts
    number_words: dict[str, float]
    scales: dict[str, float]
    short_scales: dict[str, float]
    qualifiers: dict[str, str]
    vague: list[tuple[float, float]]
    prefix_currencies: dict[str, str]
    suffix_currencies: dict[str, str]
    units: dict[str, str]
    amount_regex: re.Pattern[str]
    #: What every amount contains: a digit, a scale word or "multi".
    amount_core: re.Pattern[str]
    #: "," when "3,2" is 3.2 and "1.500" 1500 (French), "." when "1,500" is 1500.
    decimal_mark: str
    #: Currency words inside a vague amount ("multibillion-dollar"), in order.
    vague_currencies: tuple[tuple[str, str], ...]
    # matching terms
    stem_rewrites: tuple[tuple[str, str], ...]
    plural_letters: frozenset[str]
    keep_after: frozenset[str]
    #: A conditional ending and the letters, as written, that make it an
    #: imperfect instead ("opérait"): see :func:`tracker.extract.cues.sentence_cues`.
    suffix_ending: str | None
    suffix_not_after: frozenset[str]
    #: The rules that use every language's words.
    rules: Rules
    #: Answers of :meth:`is_ordinary`, cached (words recur across articles).
    _ordinary: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def canonical(self, tokens: list[str]) -> str:
        """Canonical folded name of an entity given its folded tokens."""
        return " ".join(canonical_tokens(tokens, self.leading_articles, self.corporate_suffixes))

    def canonical_name(self, name: str) -> str:
        """Canonical folded name of a written name (``"The Walt Disney Co."``)."""
        return self.canonical(fold(name).split())

    def is_ordinary(self, folded_word: str) -> bool:
        """True for a word that is not a name when capitalised at sentence start."""
        known = self._ordinary.get(folded_word)
        if known is None:
            known = self._ordinary[folded_word] = (
                folded_word in self.stopwords
                or folded_word in self.common
                or folded_word in self.titles
                or folded_word in self.months
                or folded_word in self.days
                or self.lexical_word.fullmatch(folded_word) is not None
            )
            if len(self._ordinary) > 50_000:
                self._ordinary.clear()  # bounded memory on endless input
        return known


def _phrase_words(phrases: list[str]) -> set[str]:
    """Single words (with their ``*``) used in phrases: cue and trigger words.

    Words after a gap (``sell* … (stake|unit|club)``) or in a later group of
    alternatives (``said to (be|explore|target)``) only qualify a trigger:
    they are not trigger words themselves.
    """
    words: set[str] = set()
    for phrase in phrases:
        for position, token in enumerate(fold(phrase).split()):
            if token in ("...", "…"):
                break
            if position > 0 and token.startswith("(") and token.count("|") > 3:
                continue
            for part in re.split(r"[()|]", token):
                if len(part.strip("*")) >= 3 and "'" not in part:
                    words.add(part)
    return words


def get(language: str) -> Lexicon:
    """The compiled lexicon of ``language`` in the current lexicon folder
    (built once, then cached)."""
    return _compiled(lexicons.directory(), language)


@functools.lru_cache(maxsize=32)
def _compiled(directory: Path, language: str) -> Lexicon:
    raw = lexicons.load(language)
    rules = _rules.get()
    words = raw.get("words", {})

    def folded_set(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in words.get(key, []))

    articles = folded_set("leading_articles")
    suffixes = folded_set("corporate_suffixes")
    endings = ["", *words.get("demonym_endings", [])]
    demonyms = frozenset(fold(w) + e for w in words.get("demonyms", []) for e in endings)

    def canonical_set(key: str) -> frozenset[str]:
        return frozenset(
            " ".join(canonical_tokens(fold(w).split(), articles, suffixes))
            for w in words.get(key, [])
        )

    kinds_raw: dict[str, Any] = raw.get("kinds", {})
    unknown = sorted(set(kinds_raw) - set(kind_table().names))
    if unknown:
        raise ValueError(
            f"lexicon {language!r}: kinds not in the kinds table: {', '.join(unknown)}"
        )
    kind_phrases = [(p, kind) for kind, spec in kinds_raw.items() for p in spec.get("triggers", [])]
    # Money verbs scan with the triggers; they give no matching term (an
    # ordinary "mettre" is no investment).
    money_phrases = [
        (p, kind) for kind, spec in kinds_raw.items() for p in spec.get("money_triggers", [])
    ]
    # Look-alikes of event words ("investors", "a partner at") scan with the
    # triggers, so the longer phrase wins, and carry no kind ("").
    not_events = [(p, "") for p in raw.get("not_events", {}).get("phrases", [])]
    cue_phrases: list[tuple[str, CueFamily]] = []
    all_cue_words: list[str] = []
    families: list[CueFamily] = []
    for family, spec in raw.get("cues", {}).items():
        declared = CueFamily(
            family,
            Status(spec["status"]),
            spec.get("strength", "normal"),
            float(spec.get("confidence", DEFAULT_CONFIDENCE)),
        )
        families.append(declared)
        for phrase in spec.get("phrases", []):
            cue_phrases.append((phrase, replace(declared, suffix=phrase.startswith("*"))))
            all_cue_words.append(phrase)
    try:
        cue_tiers = decision_tiers(families)
    except ValueError as err:
        raise ValueError(f"lexicon {language!r}: {err}") from None
    concept_phrases = [(p, c) for c, ps in raw.get("concepts", {}).items() for p in ps]
    lexical = _phrase_words(all_cue_words + [p for p, _ in kind_phrases])
    lexical_source = "|".join(
        re.escape(w.strip("*")) + (r"\w*" if w.endswith("*") else "")
        for w in sorted(lexical, key=len, reverse=True)
        if not w.startswith("*")
    )
    negators = words.get("negators", [])
    # Glued negators ("n't") follow a word; the others start one.
    neg_parts = [re.escape(fold(n)) + r"(?!\w)" for n in rules.glued_negators] + [
        r"(?<!\w)" + re.escape(fold(n)) + (r"" if n.endswith("'") else r"(?!\w)")
        for n in negators
        if n not in rules.glued_negators
    ]
    year_preps = alternation(words.get("year_prepositions", []))
    months = alternation(words.get("months", []))
    year_joiners = glued(rules.year_joiners, r"\s")
    amounts, ranges = amount_regex(raw, list(rules.scale_joiners))
    numbers = raw.get("numbers", {})
    currencies = raw.get("currencies", {})
    terms = raw.get("terms", {})
    suffix_cues = raw.get("suffix_cues", {})
    return Lexicon(
        language=language,
        stopwords=frozenset(fold(w) for w in lexicons.stopwords(language)),
        common=folded_set("common"),
        abbreviations=folded_set("abbreviations"),
        final_abbreviations=folded_set("sentence_final_abbreviations"),
        titles=folded_set("titles"),
        months=folded_set("months"),
        days=folded_set("days"),
        not_names=canonical_set("not_names") | canonical_set("holidays"),
        non_parties=canonical_set("non_parties"),
        places=canonical_set("places"),
        demonyms=demonyms,
        prepositions=folded_set("prepositions"),
        articles=folded_set("articles"),
        role_nouns=folded_set("role_nouns"),
        generic_heads=folded_set("generic_heads"),
        anaphora=folded_set("anaphora"),
        subject_pronouns=folded_set("subject_pronouns"),
        personal_pronouns=folded_set("personal_pronouns"),
        outlets=canonical_set("outlets"),
        outlet_heads=folded_set("outlet_heads"),
        corporate_suffixes=suffixes,
        leading_articles=articles,
        elided_names=folded_set("elided_names"),
        kinds=PhraseSet(kind_phrases + money_phrases + not_events),
        kind_priority={k: int(v.get("priority", 100)) for k, v in kinds_raw.items()},
        name_after=re.compile(
            "|".join(
                phrase_regex(fold(t)) for v in kinds_raw.values() for t in v.get("name_after", [])
            )
            or NOTHING
        ),
        money_gated=re.compile(
            "|".join(phrase_regex(fold(t)) for t, _ in money_phrases) or NOTHING
        ),
        cues=PhraseSet(cue_phrases),
        cue_families={f.family: f for f in (*DERIVED, *families)},
        cue_tiers=cue_tiers,
        concepts=PhraseSet(concept_phrases + [(p, k) for p, k in kind_phrases]),
        concept_names=frozenset(raw.get("concepts", {})) | frozenset(kinds_raw),
        descriptors=re.compile(
            r"(?<!\w)(?:" + alternation(words.get("descriptors", [])) + r")(?!\w)"
        ),
        media_source=re.compile(
            r"(?<!\w)(?:"
            + alternation([*words.get("sourcing", []), *rules.media_sourcing])
            + r")\s+(?:(?:"
            + alternation(rules.articles)
            + r")\s+)?(?:[^\W\d]+\s+){0,2}?(?:"
            + alternation(words.get("media_nouns", []))
            + r")\s+(?:[^\W\d]+\s+){0,2}$"
        ),
        round_label=re.compile(
            r"(?<!\w)(?:" + alternation(words.get("round_words", [])) + r")\s+([a-h])(?![\w'-])"
        ),
        modal_before=words_before_regex(words.get("modal_auxiliaries", [])),
        recall_before=re.compile(
            r"(?<![\w'])(?:" + alternation(words.get("recall_before", [])) + r")(?![\w'])"
        ),
        conditional_before=re.compile(
            r"(?<![\w'])(?:" + alternation(words.get("conditionals", [])) + r")\s(?:\S+\s+){0,4}$"
        ),
        plural_anaphora=re.compile(
            r"(?<![\w'])(?:" + alternation(words.get("plural_anaphora", [])) + r")(?![\w'])"
        ),
        background=phrases_regex(raw.get("background", {}).get("phrases", [])),
        price_moves=phrases_regex(raw.get("price_moves", {}).get("phrases", [])),
        sourcing=re.compile(r"(?<!\w)(?:" + alternation(words.get("sourcing", [])) + r")(?!\w)"),
        reporting=re.compile(
            r"(?<!\w)(?:"
            + ("|".join(phrase_regex(fold(p)) for p in words.get("reporting", [])) or NOTHING)
            + r")(?!\w)"
        ),
        # An empty list must match nothing, not everywhere.
        negators=re.compile("|".join(neg_parts) or NOTHING),
        disclosure_verbs=phrases_regex(raw.get("disclosure", {}).get("verbs", [])),
        figure_nouns=phrases_regex(raw.get("disclosure", {}).get("nouns", [])),
        figure_verbs=phrases_regex(raw.get("disclosure", {}).get("figure_verbs", [])),
        withholding=phrases_regex(raw.get("disclosure", {}).get("withholding", [])),
        hearsay=phrases_regex(words.get("hearsay", [])),
        extension_before=re.compile(
            r"(?<![\w'])(?:"
            + "|".join(phrase_regex(fold(w)) for w in words.get("extension", []))
            + r")(?:\s+[^\s,;:()]{1,30}){0,3}\s+$"
            if words.get("extension")
            else NOTHING
        ),
        years=re.compile(
            rf"(?<!\w)(?:{year_preps})\s(?:(?:{months})\s)?(?:{year_joiners})?((?:19|20)\d\d)(?![\w])"
        ),
        lexical_word=re.compile(lexical_source or NOTHING),
        number_words={fold(k): float(v) for k, v in numbers.get("words", {}).items()},
        scales={fold(k): float(v) for k, v in numbers.get("scales", {}).items()},
        short_scales={fold(k): float(v) for k, v in numbers.get("short_scales", {}).items()},
        qualifiers={fold(k): v for k, v in numbers.get("qualifiers", {}).items()},
        vague=ranges,
        prefix_currencies={fold(k): v for k, v in currencies.get("prefix", {}).items()},
        suffix_currencies={fold(k): v for k, v in currencies.get("suffix", {}).items()},
        units={fold(w): unit for unit, ws in raw.get("units", {}).items() for w in ws},
        amount_regex=amounts,
        amount_core=core_regex([*numbers.get("scales", {}), *numbers.get("vague_prefixes", [])]),
        decimal_mark=numbers.get("decimal_mark", "."),
        vague_currencies=tuple((fold(w), c) for w, c in currencies.get("in_vague", {}).items()),
        stem_rewrites=tuple((fold(a), fold(b)) for a, b in terms.get("rewrites", [])),
        plural_letters=frozenset(terms.get("plural_letters", [])),
        keep_after=frozenset(terms.get("keep_after", [])),
        suffix_ending=suffix_cues.get("ending"),
        suffix_not_after=frozenset(suffix_cues.get("not_after", [])),
        rules=rules,
    )
