"""Reproducible benchmark of ``tracker``: ingest, linking, queries, start-up, size.

Run from the repository root, with the tracker installed in the interpreter
that runs this script::

    python benchmarks/run.py --quick          # smoke run, a few minutes
    python benchmarks/run.py                  # full run (~1 hour on 2 cores)
    python benchmarks/run.py --only linking   # one item (repeatable, or 1-8)
    python benchmarks/run.py --pg postgresql://tracker@127.0.0.1:55433/postgres

Items (see benchmarks/README.md for what each measures and the targets):
1 ingest, 2 linking, 3 baseline (runs with 2), 4 queries, 5 startup, 6 size
(measured with 1), 7 report, 8 article (one long article). Results are appended to benchmarks/RESULTS.md and written
as JSON in the work directory.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import stores  # noqa: E402

ITEMS = ("ingest", "linking", "baseline", "queries", "startup", "size", "report", "article")


# --------------------------------------------------------------------------- configuration


@dataclasses.dataclass
class Config:
    quick: bool
    workdir: Path
    tracker: str
    python: str
    items: tuple[str, ...]
    seed: int
    pg: str | None
    pg_only: bool
    ingest_sizes: tuple[int, ...]
    ingest_reps: int
    ingest_big_reps: int
    preload_claims: int
    claim_sizes: tuple[int, ...]
    build_max: int
    link_sample: int
    query_mentions: int
    query_reps: int
    startup_reps: int
    results: Path
    command: str

    @property
    def label(self) -> str:
        return ("quick" if self.quick else "full") + (" (PostgreSQL only)" if self.pg_only else "")


def parse_args(argv: Sequence[str] | None) -> Config:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes: a few-minute smoke run")
    p.add_argument("--only", action="append", default=[], metavar="ITEM",
                   help="run only ITEM (name or number 1-8; repeatable or comma-separated)")  # fmt: skip
    p.add_argument("--workdir", type=Path, default=Path("/tmp/tracker-bench"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--pg", metavar="URL", help="also run items 1, 2 and 4 on PostgreSQL")
    p.add_argument(
        "--pg-only", action="store_true", help="with --pg: skip the SQLite runs of 1, 2, 4"
    )
    p.add_argument("--ingest-sizes", help="articles per ingest run, e.g. 10000,100000")
    p.add_argument("--ingest-reps", type=int, help="runs of each ingest size but the largest")
    p.add_argument("--claim-sizes", help="claims in store for linking, e.g. 1000,10000,100000")
    p.add_argument("--query-mentions", type=int, help="mentions in the store of item 4")
    p.add_argument("--link-sample", type=int, help="follow-up articles timed per store")
    p.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    p.add_argument(
        "--tracker", default=None, help="the tracker executable (default: beside python)"
    )
    a = p.parse_args(argv)
    items: list[str] = []
    for raw in a.only:
        for part in raw.split(","):
            part = part.strip()
            if part.isdigit() and 1 <= int(part) <= len(ITEMS):
                part = ITEMS[int(part) - 1]
            if part not in ITEMS:
                p.error(f"unknown item {part!r} (choose from {', '.join(ITEMS)} or 1-{len(ITEMS)})")
            items.append(part)
    # The baseline is measured on the same stores and sample as the linking.
    if "baseline" in items and "linking" not in items:
        items.append("linking")
    if "linking" in items and "baseline" not in items:
        items.append("baseline")
    if "size" in items and "ingest" not in items:
        items.append("ingest")
    tracker = a.tracker or str(Path(sys.executable).with_name("tracker"))
    if not Path(tracker).exists():
        tracker = shutil.which("tracker") or "tracker"

    def ints(text: str | None, default: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(int(x) for x in text.split(",")) if text else default

    quick = a.quick
    return Config(
        quick=quick,
        workdir=a.workdir,
        tracker=tracker,
        python=sys.executable,
        items=tuple(items) or ITEMS,
        seed=a.seed,
        pg=a.pg,
        pg_only=a.pg_only and bool(a.pg),
        ingest_sizes=ints(a.ingest_sizes, (1000,) if quick else (10_000, 100_000)),
        ingest_reps=a.ingest_reps or (1 if quick else 3),
        ingest_big_reps=1,
        preload_claims=1000 if quick else 10_000,
        claim_sizes=ints(a.claim_sizes, (1000, 2000, 10_000) if quick else (1000, 10_000, 100_000)),
        build_max=2000 if quick else 10_000,
        link_sample=a.link_sample or (60 if quick else 300),
        query_mentions=a.query_mentions or (100_000 if quick else 1_000_000),
        query_reps=3 if quick else 5,
        startup_reps=5 if quick else 10,
        results=a.results,
        command=" ".join(shlex.quote(x) for x in ["python", "benchmarks/run.py", *(argv or [])]),
    )


# --------------------------------------------------------------------------- helpers


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def pct(values: Sequence[float], q: float) -> float:
    """Percentile by linear interpolation (q in 0..100)."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def med(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclasses.dataclass
class CliRun:
    args: list[str]
    wall: float
    rc: int
    max_rss_kb: int | None
    stdout_bytes: int
    stderr_tail: str


def run_cli(
    args: Sequence[str],
    *,
    cfg: Config,
    time_v: bool = False,
    timeout: float = 3600,
    stdout: Any = subprocess.DEVNULL,
) -> CliRun:
    """Run ``tracker ARGS`` as a user would; wall time from this side of the fork."""
    cmd = [cfg.tracker, *args]
    if time_v:
        cmd = ["/usr/bin/time", "-v", *cmd]
    env = {**os.environ, "TRACKER_HOME": str(cfg.workdir / "home")}
    env.pop("TRACKER_DB", None)
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=timeout, check=False
    )
    wall = time.perf_counter() - t0
    err = proc.stderr.decode(errors="replace")
    rss = None
    if time_v:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        rss = int(m.group(1)) if m else None
        err = err.split("\tCommand being timed")[0]
    out_len = len(proc.stdout) if isinstance(proc.stdout, bytes) else 0
    return CliRun(list(args), wall, proc.returncode, rss, out_len, err.strip()[-300:])


def snapshot_source(cfg: Config) -> dict[str, str]:
    """Copy ``tracker/`` and ``migrations/`` into the work directory and run every
    item against that copy (``PYTHONPATH`` for the CLI, ``sys.path`` in-process).

    The repository is edited while a run lasts an hour; without a snapshot the
    items would measure different versions of the code.
    """
    import hashlib

    digest = hashlib.sha256()
    for base in ("tracker", "migrations"):
        for f in sorted((REPO / base).rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                digest.update(str(f.relative_to(REPO)).encode())
                digest.update(f.read_bytes())
    tree = digest.hexdigest()[:12]
    dest = cfg.workdir / "src" / tree
    if not (dest / "tracker" / "__init__.py").exists():
        stores.rmtree(dest)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for base in ("tracker", "migrations"):
            shutil.copytree(REPO / base, dest / base, ignore=ignore)
    sys.path.insert(0, str(dest))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(dest), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    probe = subprocess.run(
        [cfg.python, "-c", "import tracker, tracker.migrate; print(tracker.__file__); "
         "print(tracker.migrate.migrations_dir())"],
        capture_output=True, text=True, check=False,
        cwd=cfg.workdir,  # not the repository: "" on sys.path would find its tracker/
    )  # fmt: skip
    seen = probe.stdout.split()
    if len(seen) != 2 or not all(x.startswith(str(dest)) for x in seen):
        raise RuntimeError(
            f"the source snapshot is not the one imported: {probe.stdout}{probe.stderr}"
        )
    return {"commit": git_commit(), "tree": tree, "path": str(dest)}


def git_commit() -> str:
    try:
        sha = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "tracker", "migrations"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        return sha + ("+dirty (uncommitted changes in tracker/ or migrations/)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    try:
        import tracker

        version = tracker.__version__
    except Exception:  # pragma: no cover - reported, not fatal
        version = "?"
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_mb": mem,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
        "tracker": f"{version} @ {git_commit()}",
        "load_start": _loadavg(),
    }


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# --------------------------------------------------------------------------- corpora


def generator_digest() -> str:
    """A short hash of the generator's text: generated files are cached under it."""
    import hashlib

    return hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:10]


def corpus(cfg: Config, name: str, seed: int, articles: int) -> Path:
    """A generated JSONL corpus, cached by its parameters and the generator's text."""
    out = cfg.workdir / "corpora" / f"{name}-s{seed}-n{articles}-{generator_digest()}"
    if (out / "manifest.json").exists():
        return out
    log(f"generating {articles} articles (seed {seed}) -> {out}")
    stores.rmtree(out)
    t0 = time.perf_counter()
    c = generate.build_corpus(seed=seed, articles=articles)
    generate.write_corpus(c, out, "jsonl")
    log(f"  generated in {time.perf_counter() - t0:.1f} s")
    return out


def read_truth(path: Path) -> list[dict[str, Any]]:
    with (path / "truth.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# --------------------------------------------------------------------------- the store pass


@dataclasses.dataclass
class StoreSet:
    """Stores of several sizes, and the held-out follow-ups to link against them."""

    built: dict[int, stores.BuiltStore]
    tiled: dict[int, tuple[Path, int, int]]  # target -> (path, claims, copies)
    heldout: list[dict[str, Any]]  # records
    heldout_line: dict[str, int]  # id -> line number in the corpus
    truth: dict[str, dict[str, Any]]  # article id -> truth record
    renamer: stores.Renamer | None
    stories: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # story -> ids


_STORESET: StoreSet | None = None


def _stores_summary(ss: StoreSet) -> dict[str, Any]:
    return {
        "built": {n: {"claims": b.claims, "articles": b.articles, "seconds": b.seconds}
                  for n, b in ss.built.items()},
        "tiled": {n: {"claims": c, "copies": k} for n, (_, c, k) in ss.tiled.items()},
        "heldout": len(ss.heldout),
    }  # fmt: skip


def store_set(cfg: Config, need: Sequence[int]) -> StoreSet:
    """Build (once per run) stores holding ``need`` claims: by adding articles up
    to ``cfg.build_max`` claims, by tiling beyond."""
    global _STORESET
    if _STORESET is not None and all(n in _STORESET.built or n in _STORESET.tiled for n in need):
        return _STORESET
    built_targets = sorted(
        {n for n in need if n <= cfg.build_max} | {min(max(need), cfg.build_max)}
    )
    articles = int(max(built_targets) * 2.3) + 2000
    path = corpus(cfg, "store", cfg.seed, articles)
    truth_rows = read_truth(path)
    truth = {t["id"]: t for t in truth_rows}
    # Hold out one follow-up in five (never a story's first article).
    rng = random.Random(f"heldout:{cfg.seed}")
    held: set[str] = {
        t["id"]
        for t in truth_rows
        if t["role"] in ("echo", "outcome", "recall") and rng.random() < 0.2
    }
    records: list[dict[str, Any]] = []
    lines: dict[str, int] = {}
    with (path / "articles.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            rec = json.loads(line)
            if rec["id"] in held:
                records.append(rec)
                lines[rec["id"]] = n
    work = cfg.workdir / "stores"
    work.mkdir(parents=True, exist_ok=True)
    log(f"building stores of {built_targets} claims by adding {path.name} in-process")
    built = stores.build_stores(
        path / "articles.jsonl", work, built_targets, skip_ids=held, log=log
    )
    by_target = {b.target: b for b in built}
    tiled: dict[int, tuple[Path, int, int]] = {}
    renamer = None
    big = [n for n in need if n > cfg.build_max]
    if big and by_target:
        base = by_target[max(by_target)]
        stems = {c.short for cs in generate.build_pool(0, 500).values() for c in cs}
        copies_max = max(-(-n // base.claims) for n in big)
        renamer = stores.Renamer(stems, copies_max, seed=cfg.seed)
        for n in big:
            copies = -(-n // base.claims)
            dst = work / f"store-{n}.db"
            log(f"tiling the {base.claims}-claim store x{copies} (renamed companies) -> {n}")
            counts = stores.tile_sqlite(base.path, dst, copies, renamer, log=log)
            tiled[n] = (dst, counts.get("claims", 0), copies)
    by_story: dict[str, list[str]] = {}
    for t in truth_rows:
        if t["claim"]:
            by_story.setdefault(t["claim"], []).append(t["id"])
    _STORESET = StoreSet(by_target, tiled, records, lines, truth, renamer, by_story)
    return _STORESET


# --------------------------------------------------------------------------- item 1 + 6: ingest


def db_files_size(path: Path) -> int:
    return sum(
        Path(str(path) + s).stat().st_size
        for s in ("", "-wal", "-shm")
        if Path(str(path) + s).exists()
    )


def item_ingest(cfg: Config, res: dict[str, Any]) -> None:
    out: dict[str, Any] = {"runs": []}
    res["ingest"] = out
    ss = store_set(cfg, [cfg.preload_claims])
    pre = ss.built.get(cfg.preload_claims) or ss.built[max(ss.built)]
    out["preload"] = {"claims": pre.claims, "articles": pre.articles}
    work = cfg.workdir / "ingest"
    work.mkdir(parents=True, exist_ok=True)
    largest = max(cfg.ingest_sizes)
    # (articles, into the pre-loaded store?, runs). Item 1 times the smaller sizes
    # into a store holding claims, the largest into an empty one (a single run:
    # it is long); item 6 compares peak memory across sizes from an empty store.
    plans: list[tuple[int, bool, int]] = []
    for size in cfg.ingest_sizes:
        if size != largest or len(cfg.ingest_sizes) == 1:
            plans.append((size, True, cfg.ingest_reps))
        if size == largest and len(cfg.ingest_sizes) > 1:
            plans.append((size, False, cfg.ingest_big_reps))
        elif "size" in cfg.items:
            plans.append((size, False, 1))
    for size, preload, reps in plans:
        path = corpus(cfg, "ingest", cfg.seed + 100, size)
        jsonl = path / "articles.jsonl"
        walls, rsss = [], []
        db = work / f"ingest-{size}{'' if preload else '-empty'}.db"
        r = None
        for rep in range(reps):
            if preload:
                stores.copy_sqlite(pre.path, db)
            else:
                for s in ("", "-wal", "-shm"):
                    Path(str(db) + s).unlink(missing_ok=True)
            log(f"ingest {size} articles, run {rep + 1}/{reps} "
                f"({'with ' + str(pre.claims) + ' claims in store' if preload else 'empty store'})")  # fmt: skip
            r = run_cli(["--db", str(db), "add", str(jsonl)], cfg=cfg, time_v=True)
            if r.rc != 0:
                log(f"  exit {r.rc}: {r.stderr_tail}")
            walls.append(r.wall)
            rsss.append(r.max_rss_kb or 0)
            log(f"  {r.wall:.1f} s, {size / r.wall:.0f} articles/s, max RSS {r.max_rss_kb} kB")
        counts = stores.count_rows(db)
        size_bytes = db_files_size(db)
        base_bytes = db_files_size(pre.path) if preload else 0
        out["runs"].append(
            {
                "articles": size,
                "preloaded_claims": pre.claims if preload else 0,
                "n": reps,
                "walls": walls,
                "wall_median": med(walls),
                "articles_per_s": size / med(walls),
                "max_rss_kb": rsss,
                "max_rss_kb_median": med(rsss),
                "rows_after": counts,
                "db_bytes": size_bytes,
                "db_bytes_added": size_bytes - base_bytes,
                "exit": r.rc if r else None,
                "command": f"tracker --db {db.name} add {jsonl.name}",
            }
        )
        if size == largest and not preload:
            out["quality"] = linking_quality(cfg, db, path)
        if preload and "baselines" not in out:
            out["baselines"] = write_baselines(cfg, pre, jsonl, min(size, 2000))


_SQL_LITERAL = re.compile(r"'((?:[^']|'')*)'|\b(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\b")


def _new_rows(
    before: sqlite3.Connection, after: sqlite3.Connection, name: str
) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Rows of table ``name`` in ``after`` that ``before`` did not have: past
    its last rowid, or, in a WITHOUT ROWID table, by primary key."""
    sql = after.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    if "WITHOUT ROWID" not in sql.upper():
        top = before.execute(f'SELECT coalesce(max(rowid), 0) FROM "{name}"').fetchone()[0]
        cur = after.execute(f'SELECT * FROM "{name}" WHERE rowid > ?', (top,))
        return cur.fetchall(), [d[0] for d in cur.description]
    info = after.execute(f'PRAGMA table_info("{name}")').fetchall()
    columns = [r[1] for r in info]
    key = [columns.index(r[1]) for r in sorted(info, key=lambda r: r[5]) if r[5]]
    keys = ", ".join(f'"{columns[i]}"' for i in key)
    old = set(before.execute(f'SELECT {keys} FROM "{name}"'))
    rows = [
        r for r in after.execute(f'SELECT * FROM "{name}"') if tuple(r[i] for i in key) not in old
    ]
    return rows, columns


def _parameterized(sql: str) -> tuple[str, list[Any]]:
    """An expanded statement (the trace callback's) as SQL with ``?`` and its values."""
    params: list[Any] = []

    def take(m: re.Match[str]) -> str:
        text, number = m.group(1), m.group(2)
        if text is not None:
            params.append(text.replace("''", "'"))
        else:
            is_int = number.isdigit()
            params.append(int(number) if is_int else float(number))
        return "?"

    return _SQL_LITERAL.sub(take, sql), params


def _statement_shape(sql: str) -> str:
    """A statement with ``?`` for its values, lists of them folded, so its runs add up."""
    shape = re.sub(r"\?(?:\s*,\s*\?)+", "?…", sql)
    return " ".join(shape.split())[:110]


def _sqlite_like_tracker(path: Path, *, foreign_keys: bool = True) -> sqlite3.Connection:
    """A plain ``sqlite3`` connection set up as the tracker sets up its own
    (``tracker.engine``), transactions left to the statements."""
    from tracker.engine import SQLITE_CACHE_KB, SQLITE_WAL_PAGES

    con = sqlite3.connect(str(path), isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_PAGES}")
    con.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
    if foreign_keys:
        con.execute("PRAGMA foreign_keys = ON")
    return con


def write_baselines(cfg: Config, pre: Any, jsonl: Path, n: int) -> dict[str, Any]:
    """The write path against what SQLite alone does with the same work, in one run.

    ``n`` articles of ``jsonl`` are added in-process (``pipeline.add_inputs``
    with one extraction worker, as on the command line) into a copy of the
    pre-loaded store, with the sqlite3 module's
    trace callback recording every statement the tracker runs. Then, each on a
    fresh copy of the same store: the recorded statements replayed verbatim
    through the plain ``sqlite3`` module (no tracker code, no SQLAlchemy: the
    floor for these statements), and the rows the add inserted written with one
    ``executemany`` per table in one transaction (the ceiling for these rows;
    updates of existing rows are left out). Extraction alone is timed too: it
    runs beside the write path, in the worker."""
    from sqlalchemy import event

    from tracker import pipeline
    from tracker.config import load_settings
    from tracker.db import open_database
    from tracker.ingest import ReadError, read_inputs
    from tracker.workers import extract_article

    work = cfg.workdir / "ingest" / "baselines"
    work.mkdir(parents=True, exist_ok=True)
    sample = work / "sample.jsonl"
    with jsonl.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    articles = [a for a in read_inputs([str(sample)]) if not isinstance(a, ReadError)]
    extract_article(articles[0])  # lexicons compiled before any clock starts
    t0 = time.perf_counter()
    for article in articles:
        extract_article(article)
    extract_s = time.perf_counter() - t0

    traced = work / "tracker.db"
    stores.copy_sqlite(pre.path, traced)
    database = open_database(str(traced))
    database.engine.dispose()  # the connection opened to check the schema goes
    statements: list[str] = []

    @event.listens_for(database.engine, "connect")
    def _trace(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.set_trace_callback(statements.append)

    settings = load_settings(str(traced))
    t0 = time.perf_counter()
    # One extraction worker, as `tracker add` runs on two cores: articles are
    # committed in groups, and this process's pace is the write path's.
    results = list(pipeline.add_inputs(database, iter(articles), settings, workers=1))
    tracker_s = time.perf_counter() - t0
    database.dispose()
    failed = sum(1 for r in results if r.outcome == "failed")

    replay = work / "replay.db"
    stores.copy_sqlite(pre.path, replay)
    con = _sqlite_like_tracker(replay)
    shapes: dict[str, list[float]] = {}
    clock = time.perf_counter
    # Back to a statement and its parameters, as the tracker ran it: the
    # module's statement cache then serves the replay as it served the tracker.
    prepared = [_parameterized(sql) for sql in statements]
    t0 = clock()
    for sql, params in prepared:
        t1 = clock()
        con.execute(sql, params).fetchall()
        shapes.setdefault(_statement_shape(sql), []).append(clock() - t1)
    replay_s = clock() - t0
    con.close()
    costly = sorted(shapes.items(), key=lambda kv: -sum(kv[1]))[:6]

    ceiling = work / "executemany.db"
    stores.copy_sqlite(pre.path, ceiling)
    with (
        contextlib.closing(sqlite3.connect(str(pre.path))) as before,
        contextlib.closing(sqlite3.connect(str(traced))) as after,
    ):
        new_rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
        for name in stores.table_specs(after):
            rows, columns = _new_rows(before, after, name)
            if rows:
                new_rows[name] = (columns, rows)
    con = _sqlite_like_tracker(ceiling, foreign_keys=False)  # a ceiling: no checks
    t0 = time.perf_counter()
    con.execute("BEGIN")
    for name, (columns, rows) in new_rows.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        con.executemany(f'INSERT INTO "{name}" ({cols}) VALUES ({marks})', rows)
    con.execute("COMMIT")
    ceiling_s = time.perf_counter() - t0
    con.close()
    count = len(articles)
    out = {
        "articles": count,
        "failed": failed,
        "statements": len(statements),
        "statements_per_article": len(statements) / count,
        "rows_inserted": sum(len(rows) for _, rows in new_rows.values()),
        "tracker_s": tracker_s,
        "extract_s": extract_s,
        "replay_s": replay_s,
        "executemany_s": ceiling_s,
        "costliest_statements": [
            {"shape": shape, "count": len(ts), "s": sum(ts)} for shape, ts in costly
        ],
    }
    log(f"  write path, {count} articles in-process: tracker {count / tracker_s:.0f}/s, "
        f"extraction alone {count / extract_s:.0f}/s, {len(statements) / count:.1f} statements "
        f"an article replayed by sqlite3 {count / replay_s:.0f}/s, executemany of its "
        f"{out['rows_inserted']} rows {count / ceiling_s:.0f}/s")  # fmt: skip
    return out


def linking_quality(cfg: Config, db: Path, corpus_dir: Path, sample: int = 2000) -> dict[str, Any]:
    """Pairwise precision/recall of "same claim" over the articles of a sample of
    stories, from ``tracker export --format jsonl``."""
    exp = cfg.workdir / "export.jsonl"
    r = run_cli(["--db", str(db), "export", "--format", "jsonl", "-o", str(exp)], cfg=cfg)
    if r.rc != 0:
        return {"error": r.stderr_tail}
    claims_of: dict[str, set[int]] = {}
    with exp.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("external_id"):
                claims_of.setdefault(row["external_id"], set()).add(row["claim_id"])
    truth = read_truth(corpus_dir)
    by_story: dict[str, list[str]] = {}
    for t in truth:
        if t["claim"]:
            by_story.setdefault(t["claim"], []).append(t["id"])
    rng = random.Random(f"quality:{cfg.seed}")
    stories_ = sorted(by_story)
    chosen = rng.sample(stories_, min(sample, len(stories_)))
    arts = [(a, s) for s in chosen for a in by_story[s]]
    tp = fp = fn = 0
    for i in range(len(arts)):
        ai, si = arts[i]
        ci = claims_of.get(ai, set())
        for j in range(i + 1, len(arts)):
            aj, sj = arts[j]
            same = si == sj
            pred = bool(ci & claims_of.get(aj, set()))
            if pred and same:
                tp += 1
            elif pred:
                fp += 1
            elif same:
                fn += 1
    n_arts = len(truth)
    mentions = sum(len(v) for v in claims_of.values())
    exp.unlink(missing_ok=True)
    return {
        "stories_sampled": len(chosen),
        "articles_in_sample": len(arts),
        "pairs_true": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else float("nan"),
        "recall": tp / (tp + fn) if tp + fn else float("nan"),
        "articles_without_mention": sum(1 for t in truth if t["id"] not in claims_of) / n_arts,
        "claims_per_article": mentions / max(len(claims_of), 1),
        "claims_per_story": len(set().union(*(claims_of.get(a, set()) for a, _ in arts)))
        / max(len(chosen), 1),
    }


# --------------------------------------------------------------------------- items 2 + 3: linking


def _renamed(rec: dict[str, Any], rename: Callable[[str], str] | None, k: int) -> dict[str, Any]:
    if rename is None:
        return rec
    return {
        **rec,
        "id": f"{rec['id']}~{k:05d}",
        "title": rename(rec["title"]),
        "body": rename(rec["body"]),
    }


def _write_jsonl(records: Sequence[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def _sample_for(cfg: Config, ss: StoreSet, size: int) -> tuple[Path, list[dict[str, Any]], int]:
    """Held-out follow-ups whose story is already in the store of ``size`` claims."""
    if size in ss.built:
        limit, copies = ss.built[size].corpus_lines, 1
        path = ss.built[size].path
    else:
        path, _, copies = ss.tiled[size]
        limit = ss.built[max(ss.built)].corpus_lines
    eligible = [r for r in ss.heldout if ss.heldout_line[r["id"]] <= limit]
    rng = random.Random(f"sample:{cfg.seed}:{size}")
    rng.shuffle(eligible)
    chosen = eligible[: cfg.link_sample]
    if copies > 1 and ss.renamer is not None:
        chosen = [
            _renamed(r, ss.renamer.function(i % copies) if i % copies else None, i % copies)
            for i, r in enumerate(chosen)
        ]
    return path, chosen, copies


def item_linking(cfg: Config, res: dict[str, Any], *, pg: str | None = None) -> None:
    ss = store_set(cfg, cfg.claim_sizes)
    key = "linking_pg" if pg else "linking"
    out: dict[str, Any] = {"stores": []}
    res[key] = out
    for size in cfg.claim_sizes:
        src, sample, copies = _sample_for(cfg, ss, size)
        work = cfg.workdir / "linking"
        work.mkdir(parents=True, exist_ok=True)
        sample_path = work / f"sample-{size}.jsonl"
        _write_jsonl(sample, sample_path)
        if pg:
            dbname = f"tracker_bench_link_{size}"
            url = pg_create(pg, dbname)
            stores.copy_sqlite_to_pg(src, url, log=log)
            db = url
        else:
            db_path = work / f"link-{size}.db"
            stores.copy_sqlite(src, db_path)
            db = str(db_path)
        log(f"linking {len(sample)} follow-ups against the {size}-claim store"
            f"{' (PostgreSQL)' if pg else ''}")  # fmt: skip
        try:
            row = measure_linking(db, sample_path, ss, copies, baseline=("baseline" in cfg.items))
        finally:
            if pg:
                pg_drop(pg, dbname)
        row["target"] = size
        row["built_by"] = "tracker add (in-process)" if size in ss.built else f"tiled x{copies}"
        out["stores"].append(row)
        base = row.get("baseline_ms_p50")
        log(
            f"  link p50 {row['link_ms_p50']:.2f} ms p95 {row['link_ms_p95']:.2f} ms; "
            f"add_article p50 {row['add_ms_p50']:.1f} ms; "
            f"baseline p50 {'-' if base is None else f'{base:.1f}'} ms; accuracy {row['accuracy']:.2f}"
        )


def measure_linking(
    db: str, sample_path: Path, ss: StoreSet, copies: int, *, baseline: bool
) -> dict[str, Any]:
    """Time ``add_article`` (with its ``Linker.link`` calls) for each sample
    article in a savepoint that is rolled back, so every article sees the same
    store; then the naive rapidfuzz baseline over all claim keys."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from tracker import pipeline
    from tracker.config import load_settings
    from tracker.db import open_database
    from tracker.ingest import ReadError, read_inputs
    from tracker.link.linker import Linker

    class TimedLinker(Linker):
        elapsed = 0.0
        calls = 0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.per_mention: list[float] = []

        def link(self, *args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return super().link(*args, **kwargs)
            finally:
                took = time.perf_counter() - t0
                self.elapsed += took
                self.per_mention.append(took * 1000)
                self.calls += 1

    database = open_database(db)
    settings = load_settings(db)
    articles = [
        a for a in read_inputs([str(sample_path)], fmt="jsonl") if not isinstance(a, ReadError)
    ]
    session = Session(database.engine, expire_on_commit=False)
    linker = TimedLinker(session, settings)
    link_ms: list[float] = []
    add_ms: list[float] = []
    hits = 0
    judged = 0
    claims = session.execute(text("SELECT count(*) FROM claims")).scalar() or 0
    warm = articles[: min(10, len(articles))]
    try:
        for phase, batch in (("warm", warm), ("timed", articles)):
            linker.per_mention = []
            for art in batch:
                sp = session.begin_nested()
                linker.elapsed, linker.calls = 0.0, 0
                t0 = time.perf_counter()
                result = pipeline.add_article(session, art, settings, linker=linker)
                t1 = time.perf_counter()
                linked = {m.claim_id for m in result.mentions}
                sp.rollback()
                if phase == "warm":
                    continue
                add_ms.append((t1 - t0) * 1000)
                link_ms.append(linker.elapsed * 1000)
                expected = _story_claims(session, ss, art.external_id)
                if expected:
                    judged += 1
                    hits += bool(linked & expected)
        row: dict[str, Any] = {
            "claims": claims,
            "n": len(add_ms),
            "link_calls_seen": linker.calls > 0 or any(link_ms),
            "link_ms_p50": pct(link_ms, 50),
            "link_ms_p95": pct(link_ms, 95),
            "mentions": len(linker.per_mention),
            "link_mention_ms_p50": pct(linker.per_mention, 50),
            "link_mention_ms_p95": pct(linker.per_mention, 95),
            "add_ms_p50": pct(add_ms, 50),
            "add_ms_p95": pct(add_ms, 95),
            "accuracy": hits / judged if judged else float("nan"),
            "judged": judged,
        }
        if baseline:
            row.update(_baseline(session, articles))
    finally:
        session.rollback()
        session.close()
        database.dispose()
    return row


def _story_claims(session: Any, ss: StoreSet, external_id: str | None) -> set[int]:
    """Claims that the earlier articles of this article's story were linked to."""
    from sqlalchemy import text

    if not external_id:
        return set()
    base, _, suffix = external_id.partition("~")
    story = ss.truth.get(base, {}).get("claim")
    if not story:
        return set()
    ids = [t for t in ss.stories.get(story, ()) if t != base]
    if suffix:
        ids = [f"{i}~{suffix}" for i in ids]
    if not ids:
        return set()
    marks = ",".join(f":p{i}" for i in range(len(ids)))
    rows = session.execute(
        text(
            "SELECT DISTINCT m.claim_id FROM mentions m JOIN articles a ON a.id = m.article_id "
            f"WHERE a.external_id IN ({marks})"
        ),
        {f"p{i}": v for i, v in enumerate(ids)},
    )
    return {r[0] for r in rows}


def _baseline(session: Any, articles: Sequence[Any]) -> dict[str, Any]:
    """rapidfuzz ``process.extractOne(query_key, all_claim_keys,
    scorer=fuzz.token_set_ratio)`` for every mention of every sample article."""
    from rapidfuzz import fuzz, process
    from sqlalchemy import text

    from tracker.extract import extract
    from tracker.link.features import amount_value
    from tracker.link.naming import claim_key

    t0 = time.perf_counter()
    keys = [
        k for (k,) in session.execute(text("SELECT key FROM claims WHERE merged_into_id IS NULL"))
    ]
    load_ms = (time.perf_counter() - t0) * 1000
    per_article: list[float] = []
    per_mention: list[float] = []
    for art in articles:
        ex = extract(art.body, title=art.title, language=art.language)
        total = 0.0
        for em in ex.mentions:
            try:
                query = claim_key(em.parties, em.kind, amount_value(em.amount), em.terms)
            except Exception:  # the key's recipe moved: fall back to its ingredients
                query = " ".join([em.kind or "", *em.parties, *em.terms])
            t1 = time.perf_counter()
            process.extractOne(query, keys, scorer=fuzz.token_set_ratio)
            took = time.perf_counter() - t1
            total += took
            per_mention.append(took * 1000)
        per_article.append(total * 1000)
    return {
        "baseline_mention_ms_p50": pct(per_mention, 50),
        "baseline_mention_ms_p95": pct(per_mention, 95),
        "baseline_ms_p50": pct(per_article, 50),
        "baseline_ms_p95": pct(per_article, 95),
        "baseline_keys": len(keys),
        "baseline_key_load_ms": load_ms,
    }


# --------------------------------------------------------------------------- item 4: queries


def _pick_history_ids(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(str(path))
    try:
        counts = conn.execute(
            "SELECT claim_id, count(*) n FROM mentions GROUP BY claim_id ORDER BY n DESC, claim_id"
        ).fetchall()
    finally:
        conn.close()
    big = counts[0][0]
    typical = counts[len(counts) // 4][0]  # a claim with a few mentions, not the largest
    return {
        "largest": big,
        "typical": typical,
        "largest_n": counts[0][1],
        "typical_n": counts[len(counts) // 4][1],
    }


def query_store(cfg: Config, *, pg: str | None = None) -> tuple[str, str, dict[str, Any]]:
    """A store with ``cfg.query_mentions`` mentions, made by tiling a store the
    tracker built (rows inserted with SQL, ids shifted). Returns (db, empty db, info)."""
    ss = store_set(cfg, [min(cfg.claim_sizes)])
    base = ss.built[min(ss.built)]
    work = cfg.workdir / "queries"
    work.mkdir(parents=True, exist_ok=True)
    base_counts = stores.count_rows(base.path)
    copies = max(1, -(-cfg.query_mentions // max(base_counts["mentions"], 1)))
    ids = _pick_history_ids(base.path)
    skip = ("claim_terms", "term_stats", "suggestions")
    t0 = time.perf_counter()
    if pg:
        url = pg_create(pg, "tracker_bench_queries")
        stores.copy_sqlite_to_pg(base.path, url, log=log)
        import psycopg

        lite = sqlite3.connect(str(base.path))
        specs = stores.table_specs(lite)
        lite.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET session_replication_role = replica")
            stores.tile_in_place(
                lambda q: conn.execute(q),
                lambda q: conn.execute(q).fetchone()[0],
                specs, copies, skip=skip, log=log,
            )  # fmt: skip
            for name, spec in specs.items():
                if spec.id_column:
                    conn.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{spec.id_column}'), "
                        f'(SELECT max("{spec.id_column}") FROM "{name}"))'
                    )
            conn.execute("VACUUM ANALYZE")
        empty = pg_create(pg, "tracker_bench_empty")
        small = pg_create(pg, "tracker_bench_base")
        stores.copy_sqlite_to_pg(base.path, small, log=log)
        db = url
        size = stores.pg_sizes(url)
        counts = {}
        with psycopg.connect(url) as conn:
            for t in ("articles", "claims", "mentions"):
                counts[t] = conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    else:
        path = work / "queries.db"
        for s in ("", "-wal", "-shm"):
            Path(str(path) + s).unlink(missing_ok=True)
        # The schema from the tracker's own migrations, then the rows.
        r = run_cli(["--db", str(path), "db", "upgrade"], cfg=cfg)
        if r.rc != 0:
            raise RuntimeError(f"tracker db upgrade failed: {r.stderr_tail}")
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"ATTACH DATABASE '{base.path}' AS base")
        specs = stores.table_specs(conn)
        conn.execute("BEGIN")
        for name, spec in specs.items():
            cols = ",".join(f'"{c}"' for c in spec.columns)
            conn.execute(f'INSERT INTO main."{name}" ({cols}) SELECT {cols} FROM base."{name}"')
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE base")
        conn.execute("BEGIN")
        stores.tile_in_place(
            conn.execute, lambda q: conn.execute(q).fetchone()[0], specs, copies, skip=skip, log=log
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        empty_path = work / "empty.db"
        for s in ("", "-wal", "-shm"):
            Path(str(empty_path) + s).unlink(missing_ok=True)
        run_cli(["--db", str(empty_path), "db", "upgrade"], cfg=cfg)
        db, empty, small = str(path), str(empty_path), str(base.path)
        size = db_files_size(path)
        counts = {
            k: v
            for k, v in stores.count_rows(path).items()
            if k in ("articles", "claims", "mentions", "ledger")
        }
    info = {
        "small": small,
        "copies": copies,
        "base_claims": base.claims,
        "rows": counts,
        "bytes": size,
        "build_s": time.perf_counter() - t0,
        "history_ids": ids,
        "base_db": str(base.path),
        "skipped_tables": list(skip),
    }
    return db, empty, info


def item_queries(cfg: Config, res: dict[str, Any], *, pg: str | None = None) -> None:
    key = "queries_pg" if pg else "queries"
    log(f"building the {cfg.query_mentions}-mention store{' on PostgreSQL' if pg else ''}")
    db, empty, info = query_store(cfg, pg=pg)
    log(f"  built in {info['build_s']:.0f} s: {info['rows']}")
    out: dict[str, Any] = {"store": info, "commands": [], "inprocess": []}
    res[key] = out
    ids = info["history_ids"]
    small = info["small"]
    commands: list[tuple[str, list[str], str | None]] = [
        ("rumors", ["rumors"], empty),
        ("rumors --all", ["rumors", "--all"], empty),
        ("claims --status rumor", ["claims", "--status", "rumor"], empty),
        ("claims --status rumor --all", ["claims", "--status", "rumor", "--all"], empty),
        (
            f"history {ids['largest']} ({ids['largest_n']} mentions)",
            ["history", str(ids["largest"])],
            small,
        ),
        (
            f"history {ids['typical']} ({ids['typical_n']} mentions)",
            ["history", str(ids["typical"])],
            small,
        ),
    ]
    try:
        for label, args, ref in commands:
            row: dict[str, Any] = {"command": label}
            for where, target in (("big", db), ("ref", ref)):
                if target is None:
                    continue
                walls: list[float] = []
                rc, err, nbytes = 0, "", 0
                for i in range(cfg.query_reps):
                    r = run_cli(
                        ["--db", target, *args], cfg=cfg, timeout=900, stdout=subprocess.PIPE
                    )
                    walls.append(r.wall)
                    rc, err, nbytes = r.rc, r.stderr_tail, r.stdout_bytes
                    if r.wall > 30 and i == 0:
                        break  # slow enough that one run says it
                row[f"{where}_wall_ms"] = med(walls) * 1000
                row[f"{where}_n"] = len(walls)
                row[f"{where}_exit"] = rc
                row[f"{where}_stdout_bytes"] = nbytes
                if rc:
                    said = [
                        x for x in err.splitlines() if x.startswith("Error")
                    ] or err.splitlines()
                    row[f"{where}_error"] = (said[0] if said else "")[:200]
            if "ref_wall_ms" in row:
                row["ratio"] = row["big_wall_ms"] / row["ref_wall_ms"]
            row["ref_store"] = "empty" if ref == empty else "base store"
            out["commands"].append(row)
            log(f"  tracker {label}: {row['big_wall_ms']:.0f} ms (exit {row['big_exit']})"
                + (f", ref {row['ref_wall_ms']:.0f} ms" if "ref_wall_ms" in row else ""))  # fmt: skip
        out["inprocess"] = inprocess_queries(cfg, db, ids)
        for q in out["inprocess"]:
            log(f"  in-process {q['query']}: {q['ms_p50']:.1f} ms ({q.get('rows', '?')} rows)")
    finally:
        if pg:
            for name in ("tracker_bench_queries", "tracker_bench_empty", "tracker_bench_base"):
                pg_drop(pg, name)


def inprocess_queries(cfg: Config, db: str, ids: dict[str, int]) -> list[dict[str, Any]]:
    """The queries alone, through the store functions the commands use."""
    from tracker import store
    from tracker.db import open_database
    from tracker.status import Status

    database = open_database(db)
    open_ = (Status.RUMOR, Status.UNDISCLOSED)
    rumor = (Status.RUMOR,)
    limit = 50  # what a listing shows on a terminal unless --limit/--all

    def listing(statuses: tuple[Status, ...], n: int | None) -> Callable[[Any], Any]:
        def run(session: Any) -> Any:
            flt = store.ClaimFilter(statuses=statuses)
            rows = store.list_claims(session, flt, limit=n)
            count = getattr(store, "count_matching", None)  # "showing 50 of N"
            if n is not None and count is not None and len(rows) == n:
                count(session, flt)
            return rows

        return run

    def history(claim_id: int) -> Callable[[Any], Any]:
        def run(session: Any) -> Any:
            claim = store.resolve_claim(session, str(claim_id))
            ct = store.claim_timeline(session, claim.id)
            rows = getattr(store, "claim_rows", None)  # the claim's own listing row
            if rows is not None:
                rows(session, [claim])
            return ct

        return run

    cases: list[tuple[str, Callable[[Any], Any]]] = [
        (f"list_claims(rumor+undisclosed, limit={limit}) + count_matching", listing(open_, limit)),
        ("list_claims(rumor+undisclosed) [--all]", listing(open_, None)),
        (f"list_claims(rumor, limit={limit}) + count_matching", listing(rumor, limit)),
        ("list_claims(rumor) [--all]", listing(rumor, None)),
        (f"history {ids['largest']}: resolve_claim + claim_timeline + claim_rows", history(ids["largest"])),
        (f"history {ids['typical']}: resolve_claim + claim_timeline + claim_rows", history(ids["typical"])),
    ]  # fmt: skip
    out = []
    try:
        for label, fn in cases:
            times: list[float] = []
            rows: Any = None
            error = None
            for i in range(cfg.query_reps):
                with database.session() as session:
                    t0 = time.perf_counter()
                    try:
                        got = fn(session)
                    except Exception as exc:
                        error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                        break
                    times.append(time.perf_counter() - t0)
                    rows = len(got) if isinstance(got, list) else len(getattr(got, "mentions", {}))
                if times and times[-1] > 5 and i == 0:
                    break  # slow enough that one run says it
            out.append(
                {"query": label, "ms_p50": med(times) * 1000 if times else float("nan"),
                 "n": len(times), "rows": rows, "error": error}
            )  # fmt: skip
    finally:
        database.dispose()
    return out


# --------------------------------------------------------------------------- item 5: start-up


def item_startup(cfg: Config, res: dict[str, Any]) -> None:
    work = cfg.workdir / "startup"
    work.mkdir(parents=True, exist_ok=True)
    empty = work / "empty.db"
    for s in ("", "-wal", "-shm"):
        Path(str(empty) + s).unlink(missing_ok=True)
    run_cli(["--db", str(empty), "rumors"], cfg=cfg)  # creates it (migrations run once)
    out: dict[str, Any] = {}
    for label, args in (
        ("tracker --help", ["--help"]),
        ("tracker rumors (empty store)", ["--db", str(empty), "rumors"]),
    ):
        walls = []
        run_cli(args, cfg=cfg)  # warm the page cache
        for _ in range(cfg.startup_reps):
            walls.append(run_cli(args, cfg=cfg).wall)
        out[label] = {"ms_p50": med(walls) * 1000, "ms_min": min(walls) * 1000, "n": len(walls)}
        log(f"  {label}: {med(walls) * 1000:.0f} ms (median of {len(walls)})")
    env = {**os.environ, "TRACKER_HOME": str(cfg.workdir / "home")}
    proc = subprocess.run(
        [cfg.python, "-X", "importtime", cfg.tracker, "--db", str(empty), "rumors"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    mods: set[str] = set()
    packages: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            name = m.group(4)
            mods.add(name.split(".")[0])
            if "." not in name or name.startswith("tracker."):
                # A package's own line carries its whole cumulative cost.
                packages[name] = max(packages.get(name, 0), int(m.group(2)))
    heavy = sorted(packages.items(), key=lambda kv: -kv[1])[:10]
    out["imports"] = {
        "alembic_imported": "alembic" in mods,
        "dateparser_imported": "dateparser" in mods,
        "top_cumulative_us": heavy,
    }
    log(f"  rumors imports alembic: {'alembic' in mods}, dateparser: {'dateparser' in mods}")
    res["startup"] = out


def item_report(cfg: Config, res: dict[str, Any]) -> None:
    """``tracker report`` of every claim of the 1k store: wall time and file size."""
    built = store_set(cfg, [1000]).built[1000]
    out = cfg.workdir / "report" / "report.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    args = ["--db", str(built.path), "report", "-o", str(out), "--as-of", "2030-01-01"]
    run_cli(args, cfg=cfg)  # warm the page cache
    runs = [run_cli(args, cfg=cfg, time_v=True) for _ in range(cfg.startup_reps)]
    failed = [r for r in runs if r.rc != 0]
    if failed:
        raise RuntimeError(f"report failed: {failed[0].stderr_tail}")
    walls = [r.wall for r in runs]
    res["report"] = {
        "claims": built.claims,
        "s_p50": med(walls),
        "s_max": max(walls),
        "n": len(walls),
        "bytes": out.stat().st_size,
        "max_rss_kb": max(r.max_rss_kb or 0 for r in runs),
    }
    log(
        f"  report of {built.claims:,} claims: {med(walls):.2f} s, {out.stat().st_size / 1e6:.1f} MB"
    )


#: Item 8: sizes of the long article (MB) and what it holds.
ARTICLE_SIZES_MB = (1, 2, 5)
DENSE_SIZE_MB = 1


def long_article(cfg: Config, size_mb: float, dense: bool) -> tuple[Path, int]:
    """One plain-text article of about ``size_mb`` MB: generated articles one
    after another (a digest, a transcript: the realistic long input), or with
    ``dense`` a new deal every 230 bytes (the worst case: every sentence a
    claim). Returns the file and how many articles or deals it holds."""
    work = cfg.workdir / "article"
    work.mkdir(parents=True, exist_ok=True)
    name = f"{'dense' if dense else 'news'}-{size_mb:g}mb-s{cfg.seed}-{generator_digest()}.txt"
    path = work / name
    limit = int(size_mb * 1_000_000) - 1_000
    parts: list[str] = []
    total = 0
    if dense:
        pool = generate.build_pool(0, 500)
        names = [c.name for companies in pool.values() for c in companies]
        rng = random.Random(f"dense:{cfg.seed}")
        while total < limit:
            a, b, c = rng.sample(names, 3)
            parts.append(
                f"{a} is in talks to invest ${rng.randint(1, 30)} billion in {b}, according "
                f"to people familiar with the matter. {b} declined to comment. Last year {a} "
                f"confirmed a ${rng.randint(10, 900)} million deal with {c}."
            )
            total += len(parts[-1]) + 2
    else:
        corpus_plan = generate.build_corpus(seed=cfg.seed, articles=int(size_mb * 600) + 50)
        for record, _ in generate.iter_articles(corpus_plan):
            piece = f"{record['title']}\n\n{record['body']}"
            if total + len(piece.encode()) + 2 > limit:
                break
            parts.append(piece)
            total += len(piece.encode()) + 2
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path, len(parts)


def item_article(cfg: Config, res: dict[str, Any]) -> None:
    """``tracker add`` of one long article into an empty store: wall time,
    peak memory and claims found, at several sizes (is the work linear?)."""
    reps = 1 if cfg.quick else 3
    rows: list[dict[str, Any]] = []
    plans = [(mb, False) for mb in ARTICLE_SIZES_MB] + [(DENSE_SIZE_MB, True)]
    for size_mb, dense in plans:
        path, pieces = long_article(cfg, size_mb, dense)
        runs: list[CliRun] = []
        claims = None
        for _ in range(reps):
            db = cfg.workdir / "article" / "store.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            run = run_cli(["--db", str(db), "add", "--json", str(path)], cfg=cfg, time_v=True,
                          stdout=subprocess.PIPE)  # fmt: skip
            runs.append(run)
            if run.rc != 0:
                raise RuntimeError(f"add of {path.name} failed: {run.stderr_tail}")
            with contextlib.closing(sqlite3.connect(db)) as con:
                claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        walls = [r.wall for r in runs]
        row = {
            "content": "dense" if dense else "news",
            "mb": path.stat().st_size / 1e6,
            "pieces": pieces,
            "claims": claims,
            "n": len(runs),
            "s_p50": med(walls),
            "s_max": max(walls),
            "max_rss_kb": max(r.max_rss_kb or 0 for r in runs),
        }
        rows.append(row)
        log(f"  {row['content']} {row['mb']:.1f} MB: {row['s_p50']:.1f} s, "
            f"{row['max_rss_kb'] / 1024:.0f} MB RSS, {claims} claims")  # fmt: skip
    res["article"] = {"rows": rows}


# --------------------------------------------------------------------------- PostgreSQL


def pg_create(base: str, dbname: str) -> str:
    pg_drop(base, dbname)
    with stores.pg_admin(base) as conn:
        conn.execute(f'CREATE DATABASE "{dbname}"')
    url = stores.pg_url(base, dbname)
    from tracker.db import open_database

    open_database(url).dispose()  # the schema, by the tracker's migrations
    return url


def pg_drop(base: str, dbname: str) -> None:
    with stores.pg_admin(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def item_ingest_pg(cfg: Config, res: dict[str, Any]) -> None:
    assert cfg.pg
    ss = store_set(cfg, [cfg.preload_claims])
    pre = ss.built.get(cfg.preload_claims) or ss.built[max(ss.built)]
    template = "tracker_bench_preload"
    url_t = pg_create(cfg.pg, template)
    stores.copy_sqlite_to_pg(pre.path, url_t, log=log)
    out: dict[str, Any] = {"runs": [], "preload": {"claims": pre.claims}}
    res["ingest_pg"] = out
    size = min(cfg.ingest_sizes)
    path = corpus(cfg, "ingest", cfg.seed + 100, size)
    walls, rsss = [], []
    try:
        for rep in range(cfg.ingest_reps):
            name = "tracker_bench_ingest"
            pg_drop(cfg.pg, name)
            with stores.pg_admin(cfg.pg) as conn:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            url = stores.pg_url(cfg.pg, name)
            log(f"ingest {size} articles on PostgreSQL, run {rep + 1}/{cfg.ingest_reps}")
            r = run_cli(["--db", url, "add", str(path / "articles.jsonl")], cfg=cfg, time_v=True)
            walls.append(r.wall)
            rsss.append(r.max_rss_kb or 0)
            log(f"  {r.wall:.1f} s, {size / r.wall:.0f} articles/s (exit {r.rc})")
            pg_drop(cfg.pg, name)
    finally:
        pg_drop(cfg.pg, template)
    out["runs"].append(
        {"articles": size, "preloaded_claims": pre.claims, "n": len(walls), "walls": walls,
         "wall_median": med(walls), "articles_per_s": size / med(walls),
         "max_rss_kb_median": med(rsss)}
    )  # fmt: skip


# --------------------------------------------------------------------------- report


def _ratio(row: dict[str, Any]) -> float | None:
    """Naive baseline ÷ tracker, per mention at the median."""
    base, link = row.get("baseline_mention_ms_p50"), row.get("link_mention_ms_p50")
    return base / link if base and link else None


def fmt(x: Any, digits: int = 1) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        if x != x:
            return "n/a"
        return f"{x:,.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


def report(cfg: Config, res: dict[str, Any]) -> str:
    m = res["machine"]
    lines = [
        f"## {res['started']} — {cfg.label} run",
        "",
        f"- command: `{res['command']}` (total {res['total_s'] / 60:.1f} min)",
        f"- machine: {m['cores']} cores, {m['cpu']}, {m['memory_mb']} MB RAM; {m['os']}",
        f"- Python {m['python']}, SQLite {m['sqlite']}, tracker {m['tracker']}",
        f"- load average (1/5/15 min) at start {m['load_start']}, at end {m.get('load_end', '?')} "
        "(the machine is shared: other work running at the same time shows up as noise)",
        "- times are medians over n runs; wall time includes process start-up for CLI rows",
        "",
    ]
    if "stores" in res:
        st = res["stores"]
        built = "; ".join(
            f"{b['claims']:,} claims after {b['articles']:,} articles ({b['seconds']:.0f} s)"
            for b in st["built"].values()
        )
        tiled = "; ".join(f"{t['claims']:,} claims (×{t['copies']})" for t in st["tiled"].values())
        lines += [
            "### Stores",
            "",
            f"Built in-process with `pipeline.add_inputs` from one generated corpus: {built}."
            + (f" Tiled with renamed companies: {tiled}." if tiled else "")
            + f" {st['heldout']:,} follow-up articles held out for item 2.",
            "",
        ]
    if "ingest" in res:
        ing = res["ingest"]
        lines += [
            "### 1. Ingest throughput (SQLite, `tracker --db X add file.jsonl`)",
            "",
            "| articles | claims in store before | n | wall (s) | articles/s | max RSS (MB) | target ≥ 1,000/s |",
            "|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in ing["runs"]:
            ok = r["articles_per_s"] >= 1000 if r["preloaded_claims"] else None
            lines.append(
                f"| {r['articles']:,} | {r['preloaded_claims']:,} | {r['n']} | {fmt(r['wall_median'])} | "
                f"{fmt(r['articles_per_s'], 0)} | {fmt(r['max_rss_kb_median'] / 1024, 0)} | {verdict(ok)} |"
            )
        lines.append("")
        lines.append(f"Pre-loaded store: {ing['preload']['claims']:,} claims from "
                     f"{ing['preload'].get('articles', 0):,} articles added in-process.")  # fmt: skip
        q = ing.get("quality")
        if q and "precision" in q:
            lines += [
                "",
                f"Linking quality on the largest run ({q['stories_sampled']:,} stories sampled, "
                f"{q['articles_in_sample']:,} articles, {q['pairs_true']:,} same-story pairs): "
                f"pairwise precision **{q['precision']:.3f}**, recall **{q['recall']:.3f}** "
                f"(two articles are linked when they share a claim); "
                f"{q['claims_per_article']:.2f} claims per article with a mention, "
                f"{q['claims_per_story']:.2f} distinct claims per story, "
                f"{q['articles_without_mention'] * 100:.1f}% of articles with no mention.",
            ]
        b = ing.get("baselines")
        if b:
            n = b["articles"]
            lines += [
                "",
                f"The write path against SQLite alone, in this run: {n:,} of these articles added "
                f"in-process (one extraction worker, as the command runs) into a copy of the same "
                f"store, {b['statements_per_article']:.1f} statements an article, "
                f"{b['rows_inserted']:,} rows inserted.",
                "",
                "| what | s | articles/s | tracker ÷ this |",
                "|---|---:|---:|---:|",
                f"| tracker, in-process | {b['tracker_s']:.2f} | {n / b['tracker_s']:,.0f} | 1.0× |",
                f"| extraction alone (in the worker, beside the rest) | {b['extract_s']:.2f} | {n / b['extract_s']:,.0f} | — |",
                f"| the same statements replayed through `sqlite3` | {b['replay_s']:.2f} | {n / b['replay_s']:,.0f} | {b['tracker_s'] / b['replay_s']:.1f}× |",
                f"| the same new rows, one `executemany` per table, one transaction | {b['executemany_s']:.3f} | {n / b['executemany_s']:,.0f} | {b['tracker_s'] / b['executemany_s']:.0f}× |",
            ]
            if b.get("costliest_statements"):
                lines += ["", "Where the replay's time goes (statements with their values taken out):", "",
                          "| statement | runs | s | ms an article |", "|---|---:|---:|---:|"]  # fmt: skip
                for c in b["costliest_statements"]:
                    shape = c["shape"].replace("|", "\\|")
                    lines.append(
                        f"| `{shape}` | {c['count']:,} | {c['s']:.2f} | {c['s'] * 1000 / n:.2f} |"
                    )
        lines.append("")
    if "ingest_pg" in res:
        lines += ["### 1. Ingest throughput (PostgreSQL)", "",
                  "| articles | claims in store before | n | wall (s) | articles/s | max RSS (MB) |",
                  "|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
        for r in res["ingest_pg"]["runs"]:
            lines.append(
                f"| {r['articles']:,} | {r['preloaded_claims']:,} | {r['n']} | {fmt(r['wall_median'])} | "
                f"{fmt(r['articles_per_s'], 0)} | {fmt(r['max_rss_kb_median'] / 1024, 0)} |"
            )
        lines.append("")
    for key, title in (("linking", "SQLite"), ("linking_pg", "PostgreSQL")):
        if key not in res:
            continue
        rows = res[key]["stores"]
        lines += [
            f"### 2–3. Linking latency vs claims in store ({title})",
            "",
            "`link` = time in `Linker.link`: per mention (one call; the target's unit) and per "
            "follow-up article (all its mentions); `add_article` = the whole article (extraction, "
            "linking, timelines) in a savepoint rolled back after each article. Baseline = "
            "rapidfuzz `process.extractOne(query_key, all_claim_keys, "
            "scorer=fuzz.token_set_ratio)` per mention, keys in memory. Accuracy = share of "
            "sample articles linked to a claim of their story.",
            "",
            "| claims | store | articles / mentions | link per mention p50 / p95 (ms) | link per article p50 / p95 (ms) | add_article p50 / p95 (ms) | baseline per mention p50 / p95 (ms) | baseline ÷ link (per mention, p50) | accuracy |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in rows:
            ratio = _ratio(r)
            lines.append(
                f"| {r['claims']:,} | {r['built_by']} | {r['n']} / {r.get('mentions', '-')} | "
                f"{fmt(r.get('link_mention_ms_p50'), 2)} / {fmt(r.get('link_mention_ms_p95'), 2)} | "
                f"{fmt(r['link_ms_p50'], 2)} / {fmt(r['link_ms_p95'], 2)} | "
                f"{fmt(r['add_ms_p50'])} / {fmt(r['add_ms_p95'])} | "
                f"{fmt(r.get('baseline_mention_ms_p50'), 1)} / {fmt(r.get('baseline_mention_ms_p95'), 1)} | "
                f"{fmt(ratio, 1)} | {fmt(r['accuracy'], 2)} |"
            )
        if len(rows) >= 2:
            first, last = rows[0], rows[-1]
            p95_first = first.get("link_mention_ms_p95") or float("nan")
            p95_last = last.get("link_mention_ms_p95") or float("nan")
            growth = p95_last / p95_first
            ratio = _ratio(last)
            lines += [
                "",
                f"- p95 per mention at {last['claims']:,} claims: {fmt(p95_last, 2)} ms (target "
                f"≤ 5 ms: {verdict(p95_last <= 5)}); {fmt(growth, 2)}× its value at "
                f"{first['claims']:,} (target ≤ 1.5×: {verdict(growth <= 1.5)})",
            ]
            if ratio is not None:
                lines.append(f"- baseline ÷ link at {last['claims']:,} claims: {fmt(ratio, 1)}× "
                             f"(target ≥ 20×: {verdict(ratio >= 20)})")  # fmt: skip
        lines.append("")
    for key, title in (("queries", "SQLite"), ("queries_pg", "PostgreSQL")):
        if key not in res:
            continue
        q = res[key]
        st = q["store"]
        rows_txt = ", ".join(f"{k} {v:,}" for k, v in st["rows"].items())
        lines += [
            f"### 4. Listing and history at {st['rows'].get('mentions', 0):,} mentions ({title})",
            "",
            f"Store: {rows_txt}; {st['bytes'] / 1e9:.2f} GB; built in {st['build_s']:.0f} s by tiling a "
            f"{st['base_claims']:,}-claim store that `tracker add` built ×{st['copies']} with SQL "
            f"(ids shifted; {', '.join(st['skipped_tables'])} not tiled — these commands do not read them). "
            "Reference: the same command on an empty store (history: on the untiled base store).",
            "",
            "| command | n | wall, big store (ms) | wall, reference (ms) | ratio | output | exit |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for r in q["commands"]:
            err = f" — {r['big_error']}" if r.get("big_error") else ""
            lines.append(
                f"| `tracker {r['command']}` | {r['big_n']} | {fmt(r['big_wall_ms'], 0)} | "
                f"{fmt(r.get('ref_wall_ms'), 0)} | {fmt(r.get('ratio'), 2)} | "
                f"{r['big_stdout_bytes'] / 1024:,.0f} KB | {r['big_exit']}{err} |"
            )
        lines += ["", "| query alone (in-process, store functions) | n | ms | rows | ≤ 50 ms |",
                  "|---|---:|---:|---:|---|"]  # fmt: skip
        for r in q["inprocess"]:
            ok = None if r["error"] else r["ms_p50"] <= 50
            tail = f" ({r['error']})" if r["error"] else ""
            lines.append(
                f"| `{r['query']}` | {r['n']} | {fmt(r['ms_p50'])} | {fmt(r['rows'])} | {verdict(ok)}{tail} |"
            )
        lines.append("")
    if "startup" in res:
        s = res["startup"]
        lines += [
            "### 5. Start-up",
            "",
            "| command | n | median (ms) | min (ms) | target |",
            "|---|---:|---:|---:|---|",
        ]
        for label, target in (("tracker --help", 150), ("tracker rumors (empty store)", None)):
            r = s[label]
            tv = f"≤ {target} ms: {verdict(r['ms_p50'] <= target)}" if target else "—"
            lines.append(
                f"| `{label}` | {r['n']} | {fmt(r['ms_p50'], 0)} | {fmt(r['ms_min'], 0)} | {tv} |"
            )
        imp = s["imports"]
        top = ", ".join(f"{k} {v / 1000:.0f} ms" for k, v in imp["top_cumulative_us"])
        lines += [
            "",
            f"`python -X importtime tracker rumors` on an at-head database: alembic imported: "
            f"**{imp['alembic_imported']}**, dateparser imported: **{imp['dateparser_imported']}**. "
            f"Heaviest imports (cumulative): {top}.",
            "",
        ]
    if "ingest" in res and "size" in cfg.items:
        runs = res["ingest"]["runs"]
        lines += ["### 6. Database size and peak memory of `add`", "",
                  "| articles added | store before | DB bytes added | per 100k articles | max RSS (MB) |",
                  "|---:|---|---:|---:|---:|"]  # fmt: skip
        for r in runs:
            per = r["db_bytes_added"] / r["articles"] * 100_000
            before = f"{r['preloaded_claims']:,} claims" if r["preloaded_claims"] else "empty"
            lines.append(
                f"| {r['articles']:,} | {before} | "
                f"{r['db_bytes_added'] / 1e6:,.0f} MB | {per / 1e6:,.0f} MB | {r['max_rss_kb_median'] / 1024:,.0f} |"
            )
        empty = sorted((r for r in runs if not r["preloaded_claims"]), key=lambda r: r["articles"])
        if len(empty) >= 2:
            a, b = empty[0], empty[-1]
            growth = (
                b["max_rss_kb_median"] / a["max_rss_kb_median"]
                if a["max_rss_kb_median"]
                else float("nan")
            )
            lines += ["", f"- peak memory ×{growth:.2f} from {a['articles']:,} to {b['articles']:,} articles, both into an empty store "
                      f"(target: independent of input count: {verdict(growth <= 1.2)})"]  # fmt: skip
        lines.append("")
    if "report" in res:
        r = res["report"]
        lines += [
            "### 7. The HTML report",
            "",
            "| command | claims | n | median (s) | max (s) | file | max RSS (MB) | target |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            f"| `tracker report -o report.html` | {r['claims']:,} | {r['n']} | {r['s_p50']:.2f} | "
            f"{r['s_max']:.2f} | {r['bytes'] / 1e6:.1f} MB | {r['max_rss_kb'] / 1024:.0f} | "
            f"< 2 s and < 5 MB: {verdict(r['s_p50'] < 2 and r['bytes'] < 5e6)} |",
            "",
        ]
    if "article" in res:
        lines += [
            "### 8. One long article",
            "",
            "`tracker add FILE` of one plain-text article into an empty store; *news*: generated "
            "articles one after another; *dense*: a new deal every 230 bytes (every sentence a claim).",
            "",
            "| content | size (MB) | articles or deals in it | claims | n | median (s) | max (s) | s per MB | max RSS (MB) | target |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for r in res["article"]["rows"]:
            target = "—"
            if r["content"] == "news" and r["mb"] > 4:
                ok = r["s_p50"] <= 10 and r["max_rss_kb"] / 1024 <= 200
                target = f"≤ 10 s and ≤ 200 MB: {verdict(ok)}"
            lines.append(
                f"| {r['content']} | {r['mb']:.1f} | {r['pieces']:,} | {r['claims']:,} | {r['n']} | "
                f"{r['s_p50']:.1f} | {r['s_max']:.1f} | {r['s_p50'] / r['mb']:.1f} | "
                f"{r['max_rss_kb'] / 1024:.0f} | {target} |"
            )
        lines.append("")
    if res.get("notes"):
        lines += ["### Notes", ""] + [f"- {n}" for n in res["notes"]] + [""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    cfg = parse_args(argv)
    cfg.workdir.mkdir(parents=True, exist_ok=True)
    (cfg.workdir / "home").mkdir(exist_ok=True)
    # Two runs sharing a work directory delete each other's databases.
    import fcntl

    lock = (cfg.workdir / ".lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(f"another run is using {cfg.workdir}; give this one --workdir DIR", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    src = snapshot_source(cfg)  # before anything imports tracker
    res: dict[str, Any] = {
        "started": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "command": cfg.command,
        "machine": machine(),
        "config": {k: str(v) for k, v in dataclasses.asdict(cfg).items()},
        "notes": [],
    }
    res["machine"]["tracker"] = res["machine"]["tracker"].split(" @ ")[0] + (
        f" @ {src['commit']}, source snapshot {src['tree']} (sha256 of tracker/ and migrations/)"
    )
    log(f"{cfg.label} run of {', '.join(cfg.items)}; work in {cfg.workdir}")
    log(f"tracker source snapshot {src['tree']} ({src['commit']}) in {src['path']}")
    # Every store any item needs comes from one pass over one corpus.
    need: set[int] = set()
    if "ingest" in cfg.items:
        need.add(cfg.preload_claims)
    if "linking" in cfg.items:
        need.update(cfg.claim_sizes)
    if "queries" in cfg.items:
        need.add(min(cfg.claim_sizes))
    if "report" in cfg.items:
        need.add(1000)
    steps: list[tuple[str, Callable[[], None]]] = []
    if need:
        steps.append(
            (
                "stores",
                lambda: res.__setitem__("stores", _stores_summary(store_set(cfg, sorted(need)))),
            )
        )
    if "ingest" in cfg.items and not cfg.pg_only:
        steps.append(("ingest", lambda: item_ingest(cfg, res)))
    if "linking" in cfg.items and not cfg.pg_only:
        steps.append(("linking", lambda: item_linking(cfg, res)))
    if "queries" in cfg.items and not cfg.pg_only:
        steps.append(("queries", lambda: item_queries(cfg, res)))
    if "startup" in cfg.items and not cfg.pg_only:
        steps.append(("startup", lambda: item_startup(cfg, res)))
    if "report" in cfg.items and not cfg.pg_only:
        steps.append(("report", lambda: item_report(cfg, res)))
    if "article" in cfg.items and not cfg.pg_only:
        steps.append(("article", lambda: item_article(cfg, res)))
    if cfg.pg:
        if "ingest" in cfg.items:
            steps.append(("ingest (pg)", lambda: item_ingest_pg(cfg, res)))
        if "linking" in cfg.items:
            steps.append(("linking (pg)", lambda: item_linking(cfg, res, pg=cfg.pg)))
        if "queries" in cfg.items:
            steps.append(("queries (pg)", lambda: item_queries(cfg, res, pg=cfg.pg)))
    for name, step in steps:
        log(f"== {name}")
        try:
            step()
        except Exception as exc:  # one item failing must not lose the others
            import traceback

            traceback.print_exc()
            res["notes"].append(
                f"{name} failed: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
            )
        stores.json_dump(res, cfg.workdir / "results.json")
    if _STORESET is not None:  # the stores the items last used
        res["stores"] = _stores_summary(_STORESET)
    res["total_s"] = time.perf_counter() - t0
    res["machine"]["load_end"] = _loadavg()
    text = report(cfg, res)
    with cfg.results.open("a", encoding="utf-8") as fh:
        if cfg.results.stat().st_size == 0:
            fh.write(
                "# Benchmark results\n\nAppended by `python benchmarks/run.py`; newest last.\n\n"
            )
        fh.write(text + "\n")
    stores.json_dump(res, cfg.workdir / "results.json")
    print(text)
    log(f"done in {res['total_s'] / 60:.1f} min; appended to {cfg.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
