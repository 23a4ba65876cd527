"""Values that extraction returns. Pure data: no database, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.status import Status


@dataclass(frozen=True)
class Amount:
    """A figure normalized to a canonical value.

    Money is in base units of ``currency`` (``$10bn`` -> ``value=1e10,
    currency="USD"``); counts carry a ``unit`` (``1,500 jobs`` -> ``value=1500,
    unit="jobs"``); percentages have ``unit="%"``. A vague amount
    (``several billion``, ``multibillion-dollar``, ``plusieurs milliards``) has
    ``value=None`` and the range it admits in ``low``/``high``. A precise amount
    has ``low == high == value``.
    """

    value: float | None
    low: float
    high: float
    currency: str | None = None
    unit: str | None = None
    text: str = ""
    #: How the text bounds the figure: ``"up_to"`` (``jusqu'à``, ``up to``),
    #: ``"about"``, ``"more_than"``, ``"less_than"``; ``None`` when stated flat.
    qualifier: str | None = None

    @property
    def vague(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class ExtractedMention:
    """What one article says of one claim, with the evidence for it.

    ``parties`` are canonical, accent- and case-folded names
    (``"helios energie"``); ``party_names`` the same entities as written, for
    display. ``terms`` is the stance-free matching key: folded, stemmed content
    words, with lexicon words mapped to language-independent concept tokens
    (``"investir"`` and ``"invest"`` both give ``"investment"``), never cue words
    such as *reportedly*, *confirm*, *serait*.
    """

    status: Status
    quote: str
    start: int  # character span of ``quote`` in the text given to extraction
    end: int
    cue: str | None  # the cue text that decided the status (None: stated as fact)
    cue_kind: str  # e.g. "conditional", "unnamed_source", "announce", "fact", "article:undisclosed"
    confidence: float  # 0..1
    kind: str | None  # event kind: "investment", "acquisition", ... or None
    parties: tuple[str, ...]
    party_names: tuple[str, ...]
    amount: Amount | None
    terms: tuple[str, ...]
    language: str
    event_year: int | None = None  # a past year the sentence dates the event to ("in 2019")
    headline: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)  # why: readable trace for `explain`
