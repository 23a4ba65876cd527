"""Per-status precision/recall of extraction over the labelled sentence set.

Run ``python tests/extract/measure_status.py`` (from the repository root) to
print the table and the confusion matrix; ``-v`` lists the misses. Each line
of ``sentences.jsonl`` is extracted as a one-sentence article; the predicted
status is that of the first mention (``none`` when there is none).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tracker.extract import extract

SENTENCES = Path(__file__).resolve().parent / "sentences.jsonl"
LABELS = ("rumor", "confirmed", "undisclosed", "denied", "none")


@dataclass
class Row:
    text: str
    lang: str
    status: str
    kind: str | None
    amount: float | None
    predicted: str
    predicted_kind: str | None
    predicted_amount: float | None


def load(path: Path = SENTENCES) -> list[dict]:
    """The labelled sentences, one dict per line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(rows: list[dict]) -> list[Row]:
    """Extract every labelled sentence and pair it with its label."""
    out = []
    for row in rows:
        # A sentence read on its own: not the lead of an article, so no
        # general claim stands in for a missing event (a headline is a title).
        if row.get("style") == "headline":
            mentions = extract("", title=row["text"], language=row["lang"]).mentions
        else:
            mentions = extract(row["text"], language=row["lang"], general_claims=False).mentions
        first = mentions[0] if mentions else None
        out.append(
            Row(
                text=row["text"],
                lang=row["lang"],
                status=row["status"] or "none",
                kind=row["kind"],
                amount=row["amount"],
                predicted=first.status.value if first else "none",
                predicted_kind=first.kind if first else None,
                predicted_amount=first.amount.value if first and first.amount else None,
            )
        )
    return out


def accuracy(rows: list[Row]) -> float:
    """Share of sentences whose predicted status equals the label."""
    return sum(r.status == r.predicted for r in rows) / len(rows)


def per_status(rows: list[Row]) -> dict[str, tuple[float, float, int]]:
    """status -> (precision, recall, support)."""
    result = {}
    for label in LABELS:
        tp = sum(r.status == label and r.predicted == label for r in rows)
        predicted = sum(r.predicted == label for r in rows)
        actual = sum(r.status == label for r in rows)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        result[label] = (precision, recall, actual)
    return result


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def report(rows: list[Row], verbose: bool = False) -> str:
    """The printable report: per-status table, confusion matrix, accuracies."""
    lines = [f"{len(rows)} sentences ({sum(r.lang == 'fr' for r in rows)} French)", ""]
    lines.append(f"{'status':<12} {'precision':>9} {'recall':>7} {'support':>8}")
    for label, (p, r, n) in per_status(rows).items():
        lines.append(f"{label:<12} {p:>9.2f} {r:>7.2f} {n:>8}")
    lines += ["", "confusion (rows: label, columns: predicted)"]
    matrix = Counter((r.status, r.predicted) for r in rows)
    lines.append(" " * 12 + "".join(f"{c[:10]:>12}" for c in LABELS))
    for label in LABELS:
        lines.append(f"{label:<12}" + "".join(f"{matrix[(label, c)]:>12}" for c in LABELS))
    for lang in ("en", "fr"):
        sub = [r for r in rows if r.lang == lang]
        if sub:
            lines.append(f"status accuracy {lang}: {accuracy(sub):.3f}")
    lines.append(f"status accuracy: {accuracy(rows):.3f}")
    claims = [r for r in rows if r.status != "none"]
    lines.append(
        f"kind accuracy (claims): {sum(r.kind == r.predicted_kind for r in claims) / len(claims):.3f}"
    )
    lines.append(
        f"amount accuracy (claims): {sum(_close(r.amount, r.predicted_amount) for r in claims) / len(claims):.3f}"
    )
    if verbose:
        lines.append("")
        for r in rows:
            if (
                r.status != r.predicted
                or r.kind != r.predicted_kind
                or not _close(r.amount, r.predicted_amount)
            ):
                lines.append(
                    f"[{r.lang}] {r.status}->{r.predicted} {r.kind}->{r.predicted_kind} "
                    f"{r.amount}->{r.predicted_amount} :: {r.text}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    print(report(predict(load()), verbose="-v" in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
