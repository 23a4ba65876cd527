"""Profile ``tracker add`` on a generated corpus and say where the time goes.

Runs the command in-process under pyinstrument (falls back to cProfile when
pyinstrument is missing) and attributes every sample to one stage, by the
innermost frame that names one:

* database: SQLAlchemy, sqlite3/psycopg, ``tracker/store/``, ``db.py``, ``engine.py``,
  ``migrate.py``, ``models.py``
* matching: rapidfuzz, ``tracker/link/``
* extraction: ``tracker/extract/``, ``tracker/lexicons/``
* ingest: ``tracker/ingest/``, json, dateparser
* timeline: ``tracker/timeline.py``, ``tracker/status.py``
* pipeline glue: ``tracker/pipeline.py`` (its own code)
* cli/other: click, ``tracker/cli/``, start-up

Example::

    python benchmarks/profile_ingest.py --articles 2000 --preload 2000
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

STAGES = (
    ("database", ("sqlalchemy/", "sqlite3/", "psycopg", "tracker/store/", "tracker/db.py",
                  "tracker/engine.py", "tracker/migrate.py", "tracker/models.py")),
    ("matching", ("rapidfuzz", "tracker/link/")),
    ("extraction", ("tracker/extract/", "tracker/lexicons/")),
    ("ingest", ("tracker/ingest/", "json/", "dateparser", "regex/")),
    ("timeline", ("tracker/timeline.py", "tracker/status.py")),
    ("pipeline glue", ("tracker/pipeline.py",)),
    ("cli/other", ("tracker/cli/", "click/", "tracker/render.py")),
)  # fmt: skip


def stage_of(path: str) -> str | None:
    for name, needles in STAGES:
        if any(n in path for n in needles):
            return name
    return None


def short(path: str) -> str:
    for marker in ("/work/main/", "site-packages/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1].lstrip("/")
    return path


def profile(db: str, corpus: Path) -> Any:
    from pyinstrument import Profiler

    from tracker.cli import cli

    profiler = Profiler(interval=0.0005)
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        profiler.start()
        try:
            cli.main(["--db", db, "add", str(corpus)], standalone_mode=False)
        finally:
            profiler.stop()
    return profiler.last_session


class SqlTimer:
    """Total time per SQL statement (by text, IN-lists collapsed), via engine events."""

    def __init__(self) -> None:
        self.stats: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
        self._t0: list[float] = []

    def __enter__(self) -> SqlTimer:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        event.remove(Engine, "before_cursor_execute", self._before)
        event.remove(Engine, "after_cursor_execute", self._after)

    def _before(self, *args: Any) -> None:
        self._t0.append(time.perf_counter())

    def _after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        dt = time.perf_counter() - self._t0.pop()
        key = re.sub(r"\((?:\?|%\(\w+\)s|:\w+)(?:, ?(?:\?|%\(\w+\)s|:\w+))*\)", "(...)", statement)
        key = re.sub(r"\s+", " ", key).strip()
        entry = self.stats[key]
        entry[0] += 1
        entry[1] += dt

    def top(self, n: int = 10) -> list[tuple[str, int, float]]:
        rows = [(k, int(v[0]), v[1]) for k, v in self.stats.items()]
        return sorted(rows, key=lambda r: -r[2])[:n]


def analyse(session: Any, top: int = 10) -> dict[str, Any]:
    """Stage totals (by innermost named frame), top functions by self and inclusive time."""
    root = session.root_frame()
    stages: collections.Counter[str] = collections.Counter()
    self_time: collections.Counter[str] = collections.Counter()
    incl: collections.Counter[str] = collections.Counter()
    owner: collections.Counter[str] = collections.Counter()  # innermost tracker frame

    def walk(frame: Any, stack: list[str], seen: frozenset[str], mine: str) -> None:
        path = frame.file_path or ""
        here = f"{short(path)}:{frame.function}"
        stack = [*stack, path]
        if "/tracker/" in path:
            mine = here
        if "tracker/" in path and here not in seen:
            incl[here] += frame.time
            seen = seen | {here}
        # pyinstrument keeps a frame's own time in synthetic "[self]" children.
        own = frame.time - sum(c.time for c in frame.children)
        own += sum(c.time for c in frame.children if c.is_synthetic)
        if own > 0:
            self_time[here] += own
            stage = None
            for p in reversed(stack):
                stage = stage_of(p)
                if stage:
                    break
            stages[stage or "cli/other"] += own
            owner[mine] += own
        for child in frame.children:
            if not child.is_synthetic:
                walk(child, stack, seen, mine)

    walk(root, [], frozenset(), "(start-up)")
    total = root.time
    return {
        "total_s": total,
        "stages": {k: (v, v / total) for k, v in stages.most_common()},
        "top_self": [(k, v, v / total) for k, v in self_time.most_common(top)],
        "top_inclusive": [(k, v, v / total) for k, v in incl.most_common(top + 6)],
        "top_owner": [(k, v, v / total) for k, v in owner.most_common(top)],
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--preload", type=int, default=0, help="articles added first, not profiled")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, help="also write the pyinstrument HTML report here")
    p.add_argument("--sql", action="store_true", help="then add the corpus again without the "
                   "profiler, timing each SQL statement (into a fresh copy of the preloaded store)")  # fmt: skip
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = str(work / "profile.db")
        if a.preload:
            from tracker.cli import cli

            pre = generate.build_corpus(seed=a.seed + 1, articles=a.preload)
            generate.write_corpus(pre, work / "pre")
            t0 = time.perf_counter()
            with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
                cli.main(
                    ["--db", db, "add", str(work / "pre" / "articles.jsonl")], standalone_mode=False
                )
            print(
                f"preloaded {a.preload} articles in {time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
        c = generate.build_corpus(seed=a.seed, articles=a.articles)
        generate.write_corpus(c, work / "c")
        if a.sql and a.preload:
            import shutil

            shutil.copy(db, work / "sql.db")
        session = profile(db, work / "c" / "articles.jsonl")
        sql_top: list[tuple[str, int, float]] = []
        if a.sql:
            from tracker.cli import cli

            target = str(work / "sql.db") if a.preload else str(work / "sql-empty.db")
            with (
                SqlTimer() as timer,
                open(os.devnull, "w") as null,
                contextlib.redirect_stdout(null),
            ):
                t0 = time.perf_counter()
                cli.main(["--db", target, "add", str(work / "c" / "articles.jsonl")],
                         standalone_mode=False)  # fmt: skip
                wall = time.perf_counter() - t0
            sql_top = timer.top(12)
            sql_all = (
                sum(int(v[0]) for v in timer.stats.values()),
                sum(v[1] for v in timer.stats.values()),
            )
    if a.out:
        from pyinstrument.renderers import HTMLRenderer

        a.out.write_text(HTMLRenderer().render(session))
    res = analyse(session)
    print(f"\nprofile of `tracker add` of {a.articles} articles: {res['total_s']:.1f} s "
          f"({a.articles / res['total_s']:.0f} articles/s under the profiler)\n")  # fmt: skip
    print("| stage | seconds | share |\n|---|---:|---:|")
    for k, (v, share) in res["stages"].items():
        print(f"| {k} | {v:.1f} | {share * 100:.1f}% |")
    print("\n| tracker function (inclusive) | seconds | share |\n|---|---:|---:|")
    for k, v, share in res["top_inclusive"]:
        print(f"| `{k}` | {v:.1f} | {share * 100:.1f}% |")
    print(
        "\n| tracker function, with the library code it calls (exclusive of other tracker "
        "functions) | seconds | share |\n|---|---:|---:|"
    )
    for k, v, share in res["top_owner"]:
        print(f"| `{k}` | {v:.1f} | {share * 100:.1f}% |")
    print("\n| function (self time) | seconds | share |\n|---|---:|---:|")
    for k, v, share in res["top_self"]:
        print(f"| `{k}` | {v:.2f} | {share * 100:.1f}% |")
    if sql_top:
        print(f"\nSQL, unprofiled run of {wall:.1f} s ({a.articles / wall:.0f} articles/s): "
              f"{sql_all[0]:,} statements ({sql_all[0] / a.articles:.1f} per article) spend "
              f"{sql_all[1]:.1f} s in the driver (cursor.execute), {sql_all[1] / wall * 100:.0f}% "
              "of the wall time; the rest of the database stage is SQLAlchemy's own work\n")  # fmt: skip
        print("| statement | calls | total (s) | mean (ms) |\n|---|---:|---:|---:|")
        for sql, n, secs in sql_top:
            print(f"| `{sql[:230]}` | {n:,} | {secs:.2f} | {secs / n * 1000:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
