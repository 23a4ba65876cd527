"""Mention precision and recall of extraction over labelled short articles.

Run ``python tests/extract/measure_articles.py`` (from the repository root) to
print the scores; ``-v`` lists every article whose mentions differ from its
labels. Each line of ``articles.jsonl`` is one article (``title``, ``body``,
``lang``) with the claims a careful reader says it asserts: ``kind`` (a kind or
a list of acceptable kinds), ``parties`` in order of salience (an entry may be
a list of acceptable names; ``"*"``: any, for a general claim about a common noun), ``amount`` (a value, ``[low, high]`` for a vague
figure, ``null`` for none, ``"*"`` for "any") and ``status``.

A predicted mention is correct when its kind is compatible with the label's,
its first party is the label's first party, its amount is compatible and its
status is equal. Each label is matched by at most one mention.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.extract import ExtractedMention, extract
from tracker.extract import lexicon as _lexicon
from tracker.extract.merge import kinds_compatible

ARTICLES = Path(__file__).resolve().parent / "articles.jsonl"
AMOUNT_TOLERANCE = 0.02


@dataclass
class Scored:
    """One article: its labels, its mentions and which of them matched."""

    id: str
    lang: str
    labels: list[dict[str, Any]]
    mentions: list[ExtractedMention]
    matched: dict[int, int] = field(default_factory=dict)  # label index -> mention index
    party_total: int = 0  # parties of the matched mentions
    party_noise: int = 0  # ... that the label does not name


def load(path: Path = ARTICLES) -> list[dict[str, Any]]:
    """The labelled articles, one dict per line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _names(entry: str | list[str], lang: str) -> list[str]:
    lex = _lexicon.get(lang)
    return [lex.canonical_name(n) for n in ([entry] if isinstance(entry, str) else entry)]


def _same_party(predicted: str, label: str) -> bool:
    """Equal keys, or one is the other's first words ("helios" ~ "helios energie")."""
    a, b = predicted.split(), label.split()
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def _amount_ok(label: Any, mention: ExtractedMention) -> bool:
    amount = mention.amount
    if label == "*":
        return True
    if label is None:
        return amount is None
    if amount is None:
        return False
    low, high = (label, label) if isinstance(label, (int, float)) else label
    if amount.value is not None and low == high:
        return abs(amount.value - low) <= AMOUNT_TOLERANCE * max(amount.value, low)
    return amount.low <= high * (1 + AMOUNT_TOLERANCE) and low <= amount.high * (
        1 + AMOUNT_TOLERANCE
    )


def matches(label: dict[str, Any], mention: ExtractedMention, lang: str) -> bool:
    """Kind-compatible, same first party, compatible amount, equal status."""
    kinds = label["kind"] if isinstance(label["kind"], list) else [label["kind"]]
    if not any(kinds_compatible(mention.kind, k) for k in kinds):
        return False
    if mention.status.value != label["status"]:
        return False
    if label["parties"] == "*":  # a general claim whose subject is a common noun
        return _amount_ok(label["amount"], mention)
    if not mention.parties or not label["parties"]:
        return False
    if not any(_same_party(mention.parties[0], n) for n in _names(label["parties"][0], lang)):
        return False
    return _amount_ok(label["amount"], mention)


def score(rows: list[dict[str, Any]]) -> list[Scored]:
    """Extract every article and match its mentions to its labels."""
    out = []
    for row in rows:
        mentions = extract(
            row["body"],
            title=row.get("title"),
            language=row["lang"],
            reference_year=row.get("year"),
        ).mentions
        scored = Scored(row["id"], row["lang"], row["claims"], mentions)
        used: set[int] = set()
        for li, label in enumerate(row["claims"]):
            for mi, mention in enumerate(mentions):
                if mi not in used and matches(label, mention, row["lang"]):
                    used.add(mi)
                    scored.matched[li] = mi
                    if label["parties"] == "*":
                        break
                    names = [n for entry in label["parties"] for n in _names(entry, row["lang"])]
                    scored.party_total += len(mention.parties)
                    scored.party_noise += sum(
                        not any(_same_party(p, n) for n in names) for p in mention.parties
                    )
                    break
        out.append(scored)
    return out


def precision_recall(scored: list[Scored]) -> tuple[float, float]:
    """Micro-averaged mention precision and recall over all articles."""
    hits = sum(len(s.matched) for s in scored)
    predicted = sum(len(s.mentions) for s in scored)
    labels = sum(len(s.labels) for s in scored)
    return (hits / predicted if predicted else 1.0, hits / labels if labels else 1.0)


def party_noise(scored: list[Scored]) -> float:
    """Share of the parties of correct mentions that the labels do not name."""
    total = sum(s.party_total for s in scored)
    return sum(s.party_noise for s in scored) / total if total else 0.0


def _describe(m: ExtractedMention) -> str:
    amount = m.amount.text if m.amount else "-"
    return f"{m.kind} {list(m.parties)} {amount} {m.status.value} ({m.cue_kind})"


def report(scored: list[Scored], verbose: bool = False) -> str:
    """The printable report: precision, recall, F1, party noise; misses with ``verbose``."""
    p, r = precision_recall(scored)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    lines = [
        f"{len(scored)} articles ({sum(s.lang == 'fr' for s in scored)} French), "
        f"{sum(len(s.labels) for s in scored)} labelled claims, "
        f"{sum(len(s.mentions) for s in scored)} mentions",
        f"mention precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}",
        f"party noise (correct mentions) {party_noise(scored):.3f}",
    ]
    for lang in ("en", "fr"):
        sub = [s for s in scored if s.lang == lang]
        lp, lr = precision_recall(sub)
        lines.append(f"  {lang}: precision {lp:.3f}  recall {lr:.3f}")
    if verbose:
        for s in scored:
            if len(s.matched) == len(s.labels) == len(s.mentions):
                continue
            lines.append(f"\n[{s.id}]")
            for li, label in enumerate(s.labels):
                mark = "ok  " if li in s.matched else "MISS"
                lines.append(
                    f"  {mark} {label['kind']} {label['parties']} {label['amount']} {label['status']}"
                )
            for mi, m in enumerate(s.mentions):
                if mi not in s.matched.values():
                    lines.append(f"  EXTRA {_describe(m)}")
                    lines.append(f"        {m.quote[:110]}")
                else:
                    lines.append(f"  got  {_describe(m)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    print(report(score(load()), verbose="-v" in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
