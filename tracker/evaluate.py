"""``tracker eval``: measure linking and statuses against labelled articles.

Labels are JSON Lines (see ``sample_articles/README.md``)::

    {"type": "article", "path": "articles/x.txt", "claims": [{"story": "k", "status": "rumor"}]}
    {"type": "article", "path": "feeds/f.jsonl", "id": "e1", "claims": []}
    {"type": "story", "story": "k", "final_status": "confirmed"}

Linking is scored with the extended B-cubed measure for overlapping clusters
(Amigó et al., 2009: an article may speak of several claims) and with pairwise
precision and recall of "these two articles speak of the same claim". Statuses
are scored after mapping each labelled story to the claim that holds most of
its articles.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from tracker.config import Settings
from tracker.errors import TrackerError

STATUSES = ("rumor", "confirmed", "undisclosed", "denied")
MISSING = "missing"


@dataclass
class Labels:
    #: (path relative to the labels file's folder, external id or "") -> {story: status}
    articles: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    finals: dict[str, str] = field(default_factory=dict)


def load_labels(path: str | Path) -> Labels:
    """Read a labels file; a malformed line is an error naming the line."""
    labels = Labels()
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TrackerError(f"cannot read labels {p}: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            kind = rec.get("type", "article")
            if kind == "story":
                labels.finals[str(rec["story"])] = _status(rec["final_status"])
            elif kind == "article":
                key = (_norm(rec["path"]), str(rec.get("id") or ""))
                labels.articles[key] = {
                    str(c["story"]): _status(c["status"]) for c in rec.get("claims", [])
                }
            else:
                raise ValueError(f"unknown record type {kind!r}")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise TrackerError(f"{p}: line {n}: not a label record ({exc})") from None
    if not labels.articles:
        raise TrackerError(f"{p}: no article labels found")
    return labels


def _status(value: Any) -> str:
    v = str(value).strip().lower()
    if v not in STATUSES:
        raise ValueError(f"unknown status {value!r}")
    return v


def _norm(path: str) -> str:
    return Path(path).as_posix().lstrip("./")


# --------------------------------------------------------------------------- measures


def bcubed(
    predicted: Mapping[str, set[Any]], gold: Mapping[str, set[Any]]
) -> tuple[float, float, float]:
    """Extended B-cubed precision, recall, F1 for overlapping clusterings.

    ``predicted[item]`` and ``gold[item]`` are the sets of clusters an item is in.
    """
    items = list(gold)
    precisions: list[float] = []
    recalls: list[float] = []
    for e in items:
        ce, le = predicted.get(e, set()), gold.get(e, set())
        p_terms, r_terms = [], []
        for e2 in items:
            c2, l2 = predicted.get(e2, set()), gold.get(e2, set())
            cc, ll = len(ce & c2), len(le & l2)
            if cc:
                p_terms.append(min(cc, ll) / cc)
            if ll:
                r_terms.append(min(cc, ll) / ll)
        if p_terms:
            precisions.append(sum(p_terms) / len(p_terms))
        if r_terms:
            recalls.append(sum(r_terms) / len(r_terms))
    p = sum(precisions) / len(precisions) if precisions else 1.0
    r = sum(recalls) / len(recalls) if recalls else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pairwise(
    predicted: Mapping[str, set[Any]], gold: Mapping[str, set[Any]]
) -> tuple[float, float]:
    """Precision and recall of "these two articles share a claim"."""
    items = sorted(gold)
    pred_pairs = {(a, b) for a, b in combinations(items, 2) if predicted[a] & predicted[b]}
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] & gold[b]}
    both = len(pred_pairs & gold_pairs)
    p = both / len(pred_pairs) if pred_pairs else 1.0
    r = both / len(gold_pairs) if gold_pairs else 1.0
    return p, r


def macro_f1(confusion: Mapping[str, Mapping[str, int]]) -> float:
    scores = []
    for s in STATUSES:
        tp = confusion.get(s, {}).get(s, 0)
        fp = sum(confusion.get(g, {}).get(s, 0) for g in confusion if g != s)
        fn = sum(n for p, n in confusion.get(s, {}).items() if p != s)
        if tp + fp + fn == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def map_stories(
    gold: Mapping[str, set[str]], pred: Mapping[str, set[int]], extra: Iterable[str] = ()
) -> dict[str, int | None]:
    """Pair each labelled story with one claim, one to one, greedily by the
    Jaccard overlap of their articles (ties: more shared articles, then lower ids)."""
    story_articles: dict[str, set[str]] = defaultdict(set)
    claim_articles: dict[int, set[str]] = defaultdict(set)
    for name, stories in gold.items():
        for s in stories:
            story_articles[s].add(name)
        for c in pred.get(name, set()):
            claim_articles[c].add(name)
    pairs = []
    for s, arts in story_articles.items():
        for c, carts in claim_articles.items():
            inter = len(arts & carts)
            if inter:
                pairs.append((inter / len(arts | carts), inter, s, c))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2], p[3]))
    mapping: dict[str, int | None] = {s: None for s in [*story_articles, *extra]}
    used: set[int] = set()
    for _jaccard, _shared, s, c in pairs:
        if mapping[s] is None and c not in used:
            mapping[s] = c
            used.add(c)
    return mapping


# --------------------------------------------------------------------------- report


@dataclass
class Report:
    articles: int
    unmatched_labels: list[str]
    failed: list[str]
    bcubed: tuple[float, float, float]
    pairs: tuple[float, float]
    status_accuracy: float
    status_macro_f1: float
    confusion: dict[str, dict[str, int]]
    stories: list[dict[str, Any]]
    #: Labelled articles that make a claim, and how many of them got a mention.
    claim_articles: int = 0
    covered: int = 0

    @property
    def coverage(self) -> float:
        """Share of the articles labelled with a claim that make at least one mention."""
        return self.covered / self.claim_articles if self.claim_articles else 1.0

    @property
    def final_accuracy(self) -> float | None:
        """Share of stories whose claim ends with the labelled status; None when
        the labels give no final status (no story records): not scored."""
        judged = [s for s in self.stories if s["expected"] is not None]
        return sum(s["correct"] for s in judged) / len(judged) if judged else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "coverage": round(self.coverage, 4),
            "unmatched_labels": self.unmatched_labels,
            "failed": self.failed,
            "linking": {
                "bcubed_precision": round(self.bcubed[0], 4),
                "bcubed_recall": round(self.bcubed[1], 4),
                "bcubed_f1": round(self.bcubed[2], 4),
                "pair_precision": round(self.pairs[0], 4),
                "pair_recall": round(self.pairs[1], 4),
            },
            "status": {
                "accuracy": round(self.status_accuracy, 4),
                "macro_f1": round(self.status_macro_f1, 4),
                "confusion": self.confusion,
            },
            "final_status": {
                "accuracy": None if self.final_accuracy is None else round(self.final_accuracy, 4),
                "stories": self.stories,
            },
        }

    def text(self) -> str:
        p, r, f = self.bcubed
        lines = [
            f"articles evaluated: {self.articles}",
            f"coverage: {self.coverage:.3f} of the {self.claim_articles} articles that make a claim"
            " have a mention",
            "",
            "linking (articles grouped by claim)",
            f"  B-cubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}",
            f"  pairwise precision {self.pairs[0]:.3f}  recall {self.pairs[1]:.3f}",
            "",
            "status of each (article, claim) label",
            f"  accuracy {self.status_accuracy:.3f}  macro-F1 {self.status_macro_f1:.3f}",
            "  confusion (rows: labelled, columns: found)",
        ]
        cols = [*STATUSES, MISSING]
        lines.append("  " + " " * 12 + "".join(f"{c[:11]:>12}" for c in cols))
        for g in STATUSES:
            row = self.confusion.get(g, {})
            lines.append(f"  {g:<12}" + "".join(f"{row.get(c, 0):>12}" for c in cols))
        if self.final_accuracy is None:
            lines += ["", "final status per story: not scored (the labels have no story records)"]
        else:
            lines += ["", f"final status per story: {self.final_accuracy:.3f} correct"]
        for s in self.stories:
            if s["expected"] is None:
                continue
            mark = "ok " if s["correct"] else "XX "
            found = f"#{s['claim_id']} {s['found']}" if s["claim_id"] else "not found"
            lines.append(f"  {mark}{s['story']:<34} expected {s['expected'] or '-':<12} {found}")
        if self.unmatched_labels:
            lines += ["", "labels with no matching article:"]
            lines += [f"  {u}" for u in self.unmatched_labels]
        if self.failed:
            lines += ["", "inputs that failed:"]
            lines += [f"  {u}" for u in self.failed]
        return "\n".join(lines)


def run(
    labels_path: str,
    article_paths: Iterable[str],
    settings: Settings,
    *,
    on_start: Callable[[int | None], None] | None = None,
    on_result: Callable[[Any], None] | None = None,
) -> Report:
    """Add the articles to a temporary database and score them against the labels.

    ``on_start`` hears how many inputs will be read (None: not known),
    ``on_result`` each input's result as it is added.
    """
    from tracker import pipeline
    from tracker.db import open_database
    from tracker.ingest import read_inputs
    from tracker.link import consolidate

    labels = load_labels(labels_path)
    base = Path(labels_path).resolve().parent
    paths = list(article_paths) or [str(base)]
    if on_start is not None:
        from tracker.ingest import count_inputs

        on_start(count_inputs(paths))
    with tempfile.TemporaryDirectory(prefix="tracker-eval-") as tmp:
        database = open_database(str(Path(tmp) / "eval.db"))
        try:
            results = list(
                pipeline.add_inputs(
                    database,
                    read_inputs(paths, max_bytes=settings.max_bytes),
                    settings.with_db(str(Path(tmp) / "eval.db")),
                    on_result=on_result,
                )
            )
            # As ``tracker add`` does at the end of a run.
            joined = set().union(*map(consolidate.joined_claims, results))
            consolidate.after_run(database, settings, joined)
            return _score(database, labels, base, results)
        finally:
            database.dispose()


def _key_of(path: str | None, external_id: str | None, base: Path) -> tuple[str, str]:
    rel = ""
    if path:
        p = Path(path).resolve()
        try:
            rel = p.relative_to(base).as_posix()
        except ValueError:
            rel = p.as_posix()
    return (rel, external_id or "")


def _score(database: Any, labels: Labels, base: Path, results: list[Any]) -> Report:
    from tracker import store

    failed = [f"{r.input}: {r.error}" for r in results if r.outcome == "failed"]
    predicted: dict[str, set[int]] = {}
    statuses: dict[str, dict[int, str]] = {}
    keys: dict[tuple[str, str], str] = {}
    with database.session() as session:
        origins = store.article_origins(session)
        links = store.mention_links(session)
        finals = {cid: status.value for cid, status in store.claim_statuses(session).items()}
    by_id: dict[int, tuple[str, str]] = {}
    for article_id, path, external_id in origins:
        key = by_id[article_id] = _key_of(path, external_id, base)
        name = f"{key[0]}#{key[1]}" if key[1] else key[0]
        keys[key] = name
        predicted[name] = set()
        statuses[name] = {}
    for article_id, claim_id, status in links:
        name = keys[by_id[article_id]]
        predicted[name].add(claim_id)
        statuses[name][claim_id] = status.value

    gold: dict[str, set[str]] = {}
    gold_status: dict[str, dict[str, str]] = {}
    unmatched: list[str] = []
    for key, claims in labels.articles.items():
        labelled = keys.get(key) or keys.get((key[0], ""))
        if labelled is None:
            unmatched.append(f"{key[0]}#{key[1]}" if key[1] else key[0])
            continue
        gold[labelled] = set(claims)
        gold_status[labelled] = dict(claims)
    pred = {name: predicted.get(name, set()) for name in gold}

    story_claim = map_stories(gold, pred, sorted(set(labels.finals)))
    stories = sorted(story_claim)

    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total = correct = 0
    for name, claims in gold_status.items():
        for story, expected in claims.items():
            cid = story_claim.get(story)
            found = statuses[name].get(cid, MISSING) if cid is not None else MISSING
            confusion[expected][found] += 1
            total += 1
            correct += found == expected
    story_rows = []
    for story in stories:
        cid = story_claim.get(story)
        final = labels.finals.get(story)
        found_final = finals.get(cid) if cid is not None else None
        story_rows.append(
            {
                "story": story,
                "expected": final,
                "claim_id": cid,
                "found": found_final,
                "correct": final is not None and found_final == final,
            }
        )
    conf = {g: dict(row) for g, row in confusion.items()}
    return Report(
        articles=len(gold),
        unmatched_labels=unmatched,
        failed=failed,
        bcubed=bcubed(pred, gold),
        pairs=pairwise(pred, gold),
        status_accuracy=correct / total if total else 0.0,
        status_macro_f1=macro_f1(conf),
        confusion=conf,
        stories=story_rows,
        claim_articles=sum(1 for name in gold if gold[name]),
        covered=sum(1 for name in gold if gold[name] and pred[name]),
    )
