"""Fit the link score's weights and thresholds to labelled corpora.

Runs each labelled corpus through the tracker, records for every mention the
candidates the linker scored (their named components, mode, vetoes) and which
of them already hold the mention's labelled story, then searches:

* the weights of the typed components (parties, amount, kind, text) on a grid
  of the simplex, with the typed link threshold, and
* the general link threshold, and
* the margin rule below the link thresholds (a best candidate far ahead of
  every other: its floor, a share of the threshold, and the runner-up's
  ratio), on a small grid evaluated for real,

for the decisions "join this claim" or "start a new one" with the highest F1
(a right link is a true positive; a wrong link a false positive; a new claim
where the story had one a false negative). The suggestion thresholds keep
their distance below the link thresholds. With ``--write`` the ``[fitted]``
table of ``tracker/link/weights.toml`` is rewritten; every link still shows
its named components.

Corpora (those present are used): the real headlines in
``../shared/data/emergent-dev`` (read from there, never copied), the sample
articles, ``benchmarks/dev-linking`` and a synthetic corpus generated on the
fly (``benchmarks/generate.py``). The held-out and blind corpora under
``tests/corpus`` are never used here: they measure the result.

The fit is one pass: the candidates recorded depend on the weights in use, so
running it again after ``--write`` may move the values a little.

Example::

    python benchmarks/fit_weights.py            # print the fit
    python benchmarks/fit_weights.py --write    # and store it
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "tracker" / "link" / "weights.toml"
COMPONENTS = ("parties", "amount", "kind", "text")
#: The fitted values besides the weights.
FITTED = ("link", "general_link", "margin_floor", "margin_ratio")


@dataclass
class Seen:
    """One mention as the linker saw it."""

    corpus: str
    general: bool  # the mention itself is a general claim
    #: (mode, components, penalty, vetoed, right) per candidate.
    candidates: list[tuple[str, dict[str, float], float, bool, bool]] = field(default_factory=list)
    has_right: bool = False  # a claim of its story was on record


def _corpora(args: argparse.Namespace, tmp: Path) -> list[tuple[str, Path]]:
    found = [
        ("emergent-dev", ROOT.parent / "shared" / "data" / "emergent-dev" / "labels.jsonl"),
        ("sample_articles", ROOT / "sample_articles" / "labels.jsonl"),
        ("dev-linking", ROOT / "benchmarks" / "dev-linking" / "labels.jsonl"),
    ]
    out = [(name, path) for name, path in found if path.is_file()]
    if args.synthetic:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import generate

        corpus = tmp / "synthetic"
        with contextlib.redirect_stdout(sys.stderr):  # its manifest is not the fit's output
            generate.main(["--articles", str(args.synthetic), "--seed", "11", "--out", str(corpus)])
        with (
            (corpus / "truth.jsonl").open(encoding="utf-8") as fh,
            (corpus / "labels.jsonl").open("w", encoding="utf-8") as out_fh,
        ):
            for line in fh:
                t = json.loads(line)
                if t["claim"]:
                    rec = {"type": "article", "path": "articles.jsonl", "id": t["id"],
                           "claims": [{"story": t["claim"], "status": t["status"]}]}  # fmt: skip
                    out_fh.write(json.dumps(rec) + "\n")
        out.append(("synthetic", corpus / "labels.jsonl"))
    return out


def record(name: str, labels_path: Path, tmp: Path) -> list[Seen]:
    """Add one corpus to a fresh database, recording what the linker saw."""
    from sqlalchemy.orm import Session

    from tracker import pipeline
    from tracker.config import load_settings
    from tracker.db import open_database
    from tracker.evaluate import _key_of, load_labels
    from tracker.ingest import ReadError, read_inputs
    from tracker.link.linker import Linker
    from tracker.link.score import is_general

    labels = load_labels(labels_path)
    base = labels_path.resolve().parent
    db = tmp / f"{name}.db"
    database = open_database(str(db))
    settings = load_settings(str(db))
    story_of_claim: dict[int, Counter[str]] = defaultdict(Counter)
    seen: list[Seen] = []
    current: dict[str, Any] = {"story": None}

    def observe(em: Any, candidates: list[Any]) -> None:
        story = current["story"]
        if story is None:
            return
        rec = Seen(name, is_general(em.kind))
        rights = {cid for cid, c in story_of_claim.items() if c and c.most_common(1)[0][0] == story}
        rec.has_right = bool(rights)
        for cand in candidates:
            s = cand.score
            rec.candidates.append(
                (s.mode, dict(s.components), s.penalty, bool(s.vetoes), cand.claim_id in rights)
            )
        seen.append(rec)

    try:
        session = Session(database.engine)
        linker = Linker(session, settings)
        linker.observe = observe
        for item in read_inputs([str(base)]):
            if isinstance(item, ReadError):
                continue
            gold = labels.articles.get(_key_of(item.path, item.external_id, base))
            if gold is None:
                gold = labels.articles.get((_key_of(item.path, None, base)[0], ""))
            stories = sorted(gold or {})
            current["story"] = stories[0] if len(stories) == 1 else None
            result = pipeline.add_article(session, item, settings, linker=linker)
            if current["story"] is not None:
                for m in result.mentions:
                    story_of_claim[m.claim_id][current["story"]] += 1
        session.rollback()
        session.close()
    finally:
        database.dispose()
    return seen


def _total(components: dict[str, float], penalty: float, weights: dict[str, float]) -> float:
    used = [k for k in components if k in weights]
    weight = sum(weights[k] for k in used)
    if not used or weight <= 0:
        return 0.0
    return penalty * sum(weights[k] * components[k] for k in used) / weight


def _counts(
    rows: list[tuple[float, bool]], has_right: list[bool], threshold: float
) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for (best, right), had in zip(rows, has_right, strict=True):
        if best >= threshold:
            if right:
                tp += 1
            else:
                fp += 1
                fn += had
        elif had:
            fn += 1
    return tp, fp, fn


def _f1(rows: list[tuple[float, bool]], has_right: list[bool], threshold: float) -> float:
    tp, fp, fn = _counts(rows, has_right, threshold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _precision(rows: list[tuple[float, bool]], has_right: list[bool], threshold: float) -> float:
    tp, fp, _ = _counts(rows, has_right, threshold)
    return tp / (tp + fp) if tp + fp else 1.0


#: Corpora whose labels say exactly which claim a mention belongs to: the
#: precision floor holds on them (the real headlines' typed mentions are few
#: and noisy; the sample corpus is small).
PRECISION_CORPORA = ("synthetic", "dev-linking")


def shortlist(
    seen: list[Seen], step: float, keep: int, min_precision: float
) -> list[dict[str, float]]:
    """Stage 1, offline: the ``keep`` best typed weights and link thresholds by
    the mean of each corpus's F1 over the recorded candidates (so that a large
    synthetic corpus does not outvote the real and hand-written ones), among
    those whose links are right at least ``min_precision`` of the time in each
    of :data:`PRECISION_CORPORA`; each with the best general threshold."""
    typed = [s for s in seen if not s.general]
    general = [s for s in seen if s.general]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(typed):
        index[s.corpus].append(i)
    grid = [round(x * step, 6) for x in range(round(1 / step) + 1)]
    thresholds = [round(0.30 + 0.01 * i, 2) for i in range(51)]
    scored: list[tuple[float, dict[str, float], float]] = []
    for w in itertools.product(grid, repeat=3):
        rest = round(1 - sum(w), 6)
        # Every component keeps a say, none takes over: each weight in [0.1, 0.5].
        if not all(0.1 - 1e-9 <= x <= 0.5 + 1e-9 for x in (*w, rest)):
            continue
        weights = dict(zip(COMPONENTS, (*w, rest), strict=True))
        rows, had = [], []
        for s in typed:
            score, right = 0.0, False
            for mode, comps, penalty, vetoed, is_right in s.candidates:
                if mode != "typed" or vetoed:
                    continue
                t = _total(comps, penalty, weights)
                if t > score:
                    score, right = t, is_right
            rows.append((score, right))
            had.append(s.has_right)
        parts = {c: ([rows[i] for i in idx], [had[i] for i in idx]) for c, idx in index.items()}
        best_here: tuple[float, float] | None = None
        for th in thresholds:
            if any(
                _precision(r, h, th) < min_precision
                for c, (r, h) in parts.items()
                if c in PRECISION_CORPORA
            ):
                continue
            f = sum(_f1(r, h, th) for r, h in parts.values()) / max(len(parts), 1)
            if best_here is None or f > best_here[0]:
                best_here = (f, th)
        if best_here is not None:
            scored.append((best_here[0], weights, best_here[1]))
    scored.sort(key=lambda x: -x[0])
    g_rows, g_had = [], []
    for s in general:
        score, right = 0.0, False
        for mode, comps, _penalty, vetoed, is_right in s.candidates:
            if mode == "general" and not vetoed and comps.get("text", 0.0) > score:
                score, right = comps["text"], is_right
        g_rows.append((score, right))
        g_had.append(s.has_right)
    general_link = max(range(10, 51), key=lambda th: _f1(g_rows, g_had, th / 100)) / 100
    m = current()
    return [
        {
            **weights,
            "link": link,
            "general_link": general_link,
            "margin_floor": m["margin_floor"],
            "margin_ratio": m["margin_ratio"],
            "offline_f1": round(f, 4),
        }
        for f, weights, link in scored[:keep]
    ]


#: The margin rule's grid, evaluated for real with the weights in use: its
#: links change what later mentions are compared with, which recorded
#: candidates cannot replay. A floor of 1.0 turns the rule off.
MARGIN_FLOORS = (0.8, 0.85, 0.9, 1.0)
MARGIN_RATIOS = (0.55, 0.65, 0.75)


def margin_grid(base: dict[str, float]) -> list[dict[str, float]]:
    """``base`` with each floor and ratio of the margin grid (but its own)."""
    return [
        {**base, "margin_floor": floor, "margin_ratio": ratio}
        for floor in MARGIN_FLOORS
        for ratio in (MARGIN_RATIOS if floor < 1.0 else MARGIN_RATIOS[:1])
        if (floor, ratio) != (base["margin_floor"], base["margin_ratio"])
    ]


def evaluate(
    values: dict[str, float], corpora: list[tuple[str, Path]], tmp: Path
) -> dict[str, Any]:
    """Stage 2: ``tracker eval`` of every corpus with these values, for real
    (online: each link changes what the next mention is compared with)."""
    from dataclasses import replace

    from tracker.config import load_settings
    from tracker.evaluate import run

    base = load_settings(str(tmp / "fit.db"))
    m = base.match
    match = replace(
        m,
        weights={k: values[k] for k in COMPONENTS},
        link=values["link"],
        suggest=round(values["link"] - (m.link - m.suggest), 2),
        general_link=values["general_link"],
        general_suggest=round(values["general_link"] - (m.general_link - m.general_suggest), 2),
        margin_floor=values["margin_floor"],
        margin_ratio=values["margin_ratio"],
    )
    out: dict[str, Any] = {}
    for name, path in corpora:
        report = run(str(path), [], replace(base, match=match)).to_dict()["linking"]
        out[name] = {"bcubed_f1": report["bcubed_f1"], "pair_precision": report["pair_precision"]}
    return out


def choose(candidates: list[dict[str, float]], results: list[dict[str, Any]], floor: float) -> int:
    """The candidate with the best mean B-cubed F1 whose pair precision stays
    at or above ``floor`` on each of :data:`PRECISION_CORPORA`; when none
    does, the one whose worst pair precision there is highest."""

    def worst(res: dict[str, Any]) -> float:
        return min((res[c]["pair_precision"] for c in PRECISION_CORPORA if c in res), default=1.0)

    qualified = [i for i, res in enumerate(results) if worst(res) >= floor]
    if not qualified:
        return max(range(len(results)), key=lambda i: (worst(results[i]), -i))
    return max(
        qualified,
        key=lambda i: (sum(r["bcubed_f1"] for r in results[i].values()) / len(results[i]), -i),
    )


def write(values: dict[str, float]) -> None:
    """Rewrite the [fitted] values of weights.toml, keeping its comments."""
    text = WEIGHTS.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n[fitted]\n")
    body, nxt, tail = rest.partition("\n[")
    current = dict(re.findall(r"^(\w+) = ([\d.]+)$", body, flags=re.M))
    gap_typed = float(current["link"]) - float(current["suggest"])
    gap_general = float(current["general_link"]) - float(current["general_suggest"])
    new = {
        **{k: values[k] for k in COMPONENTS},
        "link": values["link"],
        "suggest": round(values["link"] - gap_typed, 2),
        "general_link": values["general_link"],
        "general_suggest": round(values["general_link"] - gap_general, 2),
        "margin_floor": values["margin_floor"],
        "margin_ratio": values["margin_ratio"],
    }
    for key, value in new.items():
        body = re.sub(rf"^{key} = [\d.]+$", f"{key} = {value:g}", body, flags=re.M)
    WEIGHTS.write_text(head + sep + body + nxt + tail, encoding="utf-8")


def current() -> dict[str, float]:
    """The values in use now (``weights.toml``), as a candidate of the fit."""
    from tracker.config import MatchSettings

    m = MatchSettings()
    return {
        **m.weights,
        "link": m.link,
        "general_link": m.general_link,
        "margin_floor": m.margin_floor,
        "margin_ratio": m.margin_ratio,
        "offline_f1": -1.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", type=float, default=0.05, help="grid step of the weights")
    parser.add_argument("--synthetic", type=int, default=800, help="articles (0: none)")
    parser.add_argument("--shortlist", type=int, default=6, help="settings evaluated for real")
    parser.add_argument(
        "--min-precision", type=float, default=0.97, help="offline: of links, per corpus"
    )
    parser.add_argument(
        "--pair-precision", type=float, default=0.98, help="online: floor per corpus"
    )
    parser.add_argument(
        "--no-margins", dest="margins", action="store_false", help="skip the margin rule's grid"
    )
    parser.add_argument("--write", action="store_true", help="store the fit in weights.toml")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tracker-fit-") as tmp_name:
        tmp = Path(tmp_name)
        corpora = _corpora(args, tmp)
        seen: list[Seen] = []
        for name, path in corpora:
            got = record(name, path, tmp)
            print(f"{name}: {len(got)} mentions recorded", file=sys.stderr)
            seen += got
        now = current()
        candidates = [
            now,
            *shortlist(seen, args.step, args.shortlist, args.min_precision),
            *(margin_grid(now) if args.margins else []),
        ]
        results = []
        for i, values in enumerate(candidates):
            res = evaluate(values, corpora, tmp)
            results.append(res)
            shown = {k: values[k] for k in (*COMPONENTS, *FITTED)}
            print(f"candidate {i}: {shown} -> {res}", file=sys.stderr)
    chosen = choose(candidates, results, args.pair_precision)
    print(json.dumps({"chosen": chosen, **candidates[chosen], "eval": results[chosen]}, indent=2))
    if args.write:
        write(candidates[chosen])
        print(f"wrote {WEIGHTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
