"""The general claim of a headline with no event of a known kind.

Most news headlines name no deal, departure or fine: "Government fires an
employee who skipped work for 24 years", "Nun gives birth after stomach
pains", "Is X about to quit?". Each still asserts something, so each makes a
claim of kind ``event``: stated as fact it is confirmed, hedged or attributed
a rumor, asked a rumor, denied a denial. A piece that asserts nothing (a
column, an interview, a market wrap) makes none, decided by the markers of
its genre, never by its topic.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from tracker.extract.cues import Cue, decide
from tracker.extract.general_rules import GeneralRules, rules
from tracker.extract.lexicon import Lexicon
from tracker.extract.sentence import SentenceInfo
from tracker.extract.text import fold
from tracker.kinds import UNKNOWN_KIND

#: A general claim needs this many content words: "Update", "Live: day 3" say nothing.
MIN_WORDS = 3


#: A label opening a headline: "NYT: ...", "Daily Courier: ..." (an outlet, if
#: the lexicon knows it as one).
_LEADING_LABEL = re.compile(r"^\W*((?:[^\W\d_][\w.&'’-]*\s*){1,3}):\s")
#: "...: CNN", "... - Reuters", "...: WSJ Report": a headline ending on a
#: short attribution after a colon or a dash.
_TRAILING_ATTRIBUTION = re.compile(
    r"(?:\s[:–—-]\s+|:\s+|\s-(?=[A-Z]))(?:[A-Z][\w.&'’-]*\s*){1,3}\W*$"
)
#: Right before a verbless negation, a comma or "but": the headline says what a thing
#: is rather than denying it ("a ticket, not an arrest", "mais pas celui-ci").
_CONTRAST = re.compile(r"(?:,|\bbut|\bmais|\bet)\s*$")
#: A headline that is a quotation, alone or after its speaker: « ... », "...",
#: "Brightwell chief: 'Shoppers are trading down'" (the words of an interview).
_QUOTATION = re.compile(r"^\s*(?:[^:«»\"“”]{1,60}:\s*)?[«\"“‘'][^«»\"“”]{8,}[»\"”’']\W*$")
_WORD = re.compile(r"[^\W\d_]{2,}")


@functools.lru_cache(maxsize=16)
def _stemmer(language: str) -> Any:
    import snowballstemmer  # imported on first use: extraction starts fast

    name = {"en": "english", "fr": "french"}.get(language, language)
    try:
        return snowballstemmer.stemmer(name)
    except KeyError:
        return None


def general_terms(folded: str, span: tuple[int, int], lex: Lexicon) -> list[str]:
    """The words a general claim is compared on: every content word of its
    sentence, names included, stemmed (Snowball), without function words or
    stance words. Its cues are not blanked out whole: the stance words drop
    "reported" from "explosion reported", and the rest ("explosion", the
    "senator" who says) tells what the claim is about."""
    s0, s1 = span
    stemmer = _stemmer(lex.language)
    stance = rules(lex.language).stance_words
    out: list[str] = []
    for word in _WORD.findall(folded[s0:s1]):
        if word in lex.stopwords or word in stance:
            continue
        out.append(stemmer.stemWord(word) if stemmer is not None else word)
    return out


_CAPITALISED = re.compile(r"(?<=\s)([^\W\d_])[\w'’-]*")


def _title_case(sentence: str, lex: Lexicon) -> bool:
    """A Title Case headline: function words capitalised after its first word
    ("Apple Watch Likely To Be Launched On..."). Many names in a row
    ("Hélène Marcy quitterait Radio Ondine") do not make one."""
    small = [
        m.group(0) for m in _CAPITALISED.finditer(sentence) if fold(m.group(0)) in lex.stopwords
    ]
    return sum(1 for w in small if w[0].isupper()) >= 2


def content_words(sentence: str, lex: Lexicon) -> list[str]:
    """The folded words of ``sentence`` that are not function words."""
    return [w for w in _WORD.findall(sentence) if w not in lex.stopwords]


def stance_cues(
    folded: str,
    span: tuple[int, int],
    lex: Lexicon,
    *,
    headline: bool = True,
    original: str | None = None,
    outlet: str | None = None,
) -> list[Cue]:
    """Cues of how a headline holds its claim, wherever they stand: a denial
    word or a negated predicate, a question (and its own answer), hearsay
    leading, trailing or in the middle.

    In a sentence of the body (``headline=False``) only the unambiguous ones
    count: denial words, and a speaker that is a document, a source or a
    report trailing the sentence (", memo says", ": reports"); a body's
    modals and questions are read by the lexicon's own cues.

    Cue texts are taken from ``folded``. ``original`` is the text before
    folding (aligned with it): the rule that needs capitals to see a name
    ("...: CNN") reads it, and without it finds nothing.
    ``outlet`` is the article's own: a headline ending on its name ("... -
    Reuters" from Reuters) is signed, not attributed."""
    s0, s1 = span
    sentence = folded[s0:s1]
    genre = rules(lex.language)
    cues: list[Cue] = []

    def add(kind: str, m: re.Match[str] | None) -> None:
        if m is not None:
            cues.append(
                Cue(kind, folded[s0 + m.start() : s0 + m.end()], s0 + m.start(), s0 + m.end())
            )

    def denial(m: re.Match[str] | None) -> re.Match[str] | None:
        # "Agrees a deal weeks after denying talks": a recalled denial;
        # "has not denied", "n'a pas démenti": no denial at all.
        if m is not None and (
            genre.recalled_before.search(sentence, 0, m.start())
            or lex.negators.search(sentence, max(0, m.start() - 20), m.start())
        ):
            return None
        return m

    if not headline:
        add("denial", denial(genre.denial.search(sentence)))
        add("unnamed_source", genre.speaker_suffix.search(sentence))
        return cues
    yes = genre.answer_yes.search(sentence)
    written = original[s0:s1] if original else None  # "où" apart from "ou"
    add("denial", genre.answer_no.search(sentence))
    add("denial", _unasked(sentence, denial(genre.denial.search(sentence)), written))
    negated = genre.negation.search(sentence) or _verbless(sentence, genre)
    negated = _unasked(sentence, negated, written)
    if negated is not None and genre.feeling.match(sentence, negated.end()):
        negated = None  # "Keldor isn't happy with its tablet": a feeling, reported
    if negated is not None and not genre.double_negation.match(sentence, negated.end()):
        add("denial", denial(negated))
    if yes is not None:
        add("announce", yes)
    elif "?" in sentence and not cues:
        at = sentence.index("?")
        cues.append(Cue("question", "?", s0 + at, s0 + at + 1))
    add("reported", _hearsay(sentence, genre))
    official = genre.official.search(sentence)
    if official is not None:
        add("announce", official)
    else:
        add("unnamed_source", genre.speaker_prefix.search(sentence))
    add("unnamed_source", genre.speaker_suffix.search(sentence))
    capitals = (original if original is not None else folded)[s0:s1]
    trailing = _TRAILING_ATTRIBUTION.search(capitals)
    if trailing is not None and _attributed(trailing.group(), outlet, lex):
        add("outlet_source", trailing)
    label = _LEADING_LABEL.match(sentence)
    if label is not None and _is_outlet(label.group(1), lex):
        add("outlet_source", label)
    return cues


#: A question mark closing the clause of a denial, a few words after it.
_ASKED = re.compile(r"[^.!?:;,–—\n]{0,60}?\?")
#: At most this many words between the denial and the question mark.
ASKED_WORDS = 5
_CLAUSE_START = re.compile(r"[.!?:;,–—\n][^.!?:;,–—\n]*$")
#: The "or" of an alternative question, in either language.
_OR = re.compile(r"(?<!\w)(?:or|ou)(?!\w)")


def _verbless(sentence: str, genre: GeneralRules) -> re.Match[str] | None:
    """A verbless negation ("blast not a gas leak"), unless it opens the
    headline ("Not a drill: ...") or stands beside what the thing is ("a
    warning, not a ban")."""
    m = genre.verbless.search(sentence)
    if m is None:
        return None
    before = sentence[: m.start()].rstrip(" \t\"'«“‘")
    if not before or before.endswith(":") or _CONTRAST.search(before):
        return None
    return m


def _unasked(
    sentence: str, m: re.Match[str] | None, original: str | None = None
) -> re.Match[str] | None:
    """``m``, unless an alternative question asks it: "Real or hoax?", "Fake
    or freak?" weigh both and doubt the claim (a question: a rumor). A
    question about the denial alone ("Was the video a hoax?") leans to it.
    ``original`` (aligned with ``sentence``, before folding) tells "ou" from
    "où"."""
    if m is None:
        return None
    return None if _asked(sentence, m.start(), m.end(), original) else m


def _asked(text: str, start: int, end: int, original: str | None = None) -> bool:
    q = _ASKED.match(text, end)
    if q is None or len(q.group().split()) > ASKED_WORDS:
        return False
    opened = _CLAUSE_START.search(text, 0, start)
    clause = (original or text)[opened.start() + 1 if opened else 0 : q.end()]
    return _OR.search(clause.lower()) is not None


def _hearsay(sentence: str, genre: GeneralRules) -> re.Match[str] | None:
    """The first hearsay of ``sentence`` that bears on its claim: a modal in a
    subordinate clause ("a catfish which could be the biggest") or an
    adjective ("a would-be robber") hedges nothing the headline asserts."""
    for m in genre.hearsay.finditer(sentence):
        if not _subordinate_modal(sentence, m.start(), m.end(), genre):
            return m
    return None


def _subordinate_modal(text: str, start: int, end: int, genre: GeneralRules) -> bool:
    """``text[start:end]`` is a modal that hedges no claim of the headline's:
    an adjective ("would-be") or the verb of a subordinate clause."""
    if genre.modals.fullmatch(text, start, end) is None:
        return False
    if text.startswith("-", end):
        return True
    return genre.subordinate.search(text, max(0, start - 60), start) is not None


def _attributed(attribution: str, outlet: str | None, lex: Lexicon) -> bool:
    """The name after a headline's last colon or dash is another outlet
    (known as one, or named like one): "...: CNN", "... -CNBC", "... - Daily
    Courier". The headline is on its word. A person, an office ("...:
    Pentagon") or a label ("...: New Details") says nothing of the kind, and
    the article's own outlet only signs its headline."""
    name = attribution.strip(" :–—-\t")
    if not _is_outlet(name, lex):
        return False
    if not outlet:
        return True
    mine, own = lex.canonical_name(name), lex.canonical_name(outlet)
    return not (mine == own or mine in own.split() or own in mine)


def _is_outlet(name: str, lex: Lexicon) -> bool:
    """An outlet's name: known as one, or ending in an outlet's word ("Courier")."""
    canonical = lex.canonical_name(name)
    tokens = canonical.split()
    return canonical in lex.outlets or (len(tokens) > 1 and tokens[-1] in lex.outlet_heads)


def general_claim(
    info: SentenceInfo,
    folded: str,
    lex: Lexicon,
    *,
    text: str | None = None,
    outlet: str | None = None,
) -> SentenceInfo | None:
    """``info`` (the headline, or the lead without one) as a claim of kind
    ``event``, or None when the piece asserts nothing."""
    if not info.analysed or info.kind is not None:
        return None
    sentence = folded[info.start : info.end]
    genre = rules(lex.language)
    if lex.rules.not_news.match(sentence):
        info.notes.append("a column, an interview or an analysis: no claim")
        return None
    if genre.interview.search(sentence) or _QUOTATION.match(sentence):
        info.notes.append("an interview, or a quotation of someone's view: no claim")
        return None
    if genre.market_wrap.search(sentence) or genre.market_subject.match(sentence):
        info.notes.append("a market wrap: no claim")
        return None
    if len(content_words(sentence, lex)) < MIN_WORDS:
        info.notes.append("too few words to make a claim")
        return None
    # Cue texts from the folded text: aligned with the original, so spans hold.
    extra = stance_cues(folded, (info.start, info.end), lex, original=text, outlet=outlet)
    cues = info.decision.cues
    # A deal's denial words ("rules out", "calls off", "exclut") deny no claim
    # of a headline without a deal: "the Fed ruled out a rate cut" is news.
    kept = [
        c
        for c in cues
        if not (c.kind == "question" and any(e.kind != "question" for e in extra))
        and not (c.kind == "denial" and not genre.denial.search(folded, c.start, c.end))
        and not (c.kind == "denial" and _asked(folded, c.start, c.end, text))
        and not _subordinate_modal(folded, c.start, c.end, genre)
    ]
    if extra or len(kept) != len(cues):
        info.decision = decide(kept + extra, lex)
    if text is not None and _title_case(text[info.start : info.end], lex) and info.parties:
        # Every word of a Title Case headline is capitalised: its capitals
        # name nothing for sure. Its names still count among its words.
        info.notes.append("a Title Case headline: no party read from its capitals")
        info.parties = []
        info.ranked = []
    info.kind = UNKNOWN_KIND
    how = info.decision.cue_kind
    cue = info.decision.cue
    info.notes.append(
        f"no event word: a general claim, {info.decision.status.value} by {how}"
        + (f" {cue.text!r}" if cue else "")
    )
    return info
