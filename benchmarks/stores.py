"""Stores for the benchmark: built by the tracker itself, then tiled or copied.

* :func:`build_stores` adds a generated corpus through
  ``tracker.pipeline.add_inputs`` (the code path of ``tracker add``) and keeps
  a copy of the database each time the number of claims passes a target.
* :func:`tile_sqlite` makes a store K times larger by copying every row of a
  store built by the tracker K-1 times, with ids shifted and, when asked, the
  company names of each copy replaced by new invented names, so the copies are
  different deals of different companies rather than duplicates. The schema is
  read from the database (primary keys, foreign keys, unique text columns),
  not hard-coded. Document frequencies (``term_stats``) are recounted from the
  index after tiling.
* :func:`tile_in_place` does the same with plain SQL inside one database
  (SQLite or PostgreSQL), without renaming: fast enough for a million mentions.
* :func:`copy_sqlite_to_pg` copies a SQLite store into a PostgreSQL database
  that ``tracker db upgrade`` created.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "BuiltStore",
    "Renamer",
    "build_stores",
    "copy_sqlite",
    "copy_sqlite_to_pg",
    "count_rows",
    "table_specs",
    "tile_in_place",
    "tile_sqlite",
]

#: Tables that belong to alembic, never tiled or copied row by row.
SKIP_TABLES = {"alembic_version", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
#: Text columns that identify a row to the outside; a tiled copy gets a suffix.
IDENTITY_TEXT = {"content_hash", "external_id", "url"}


# --------------------------------------------------------------------------- schema


@dataclasses.dataclass
class TableSpec:
    name: str
    columns: list[str]
    types: dict[str, str]
    id_column: str | None  # a single INTEGER primary key
    fks: dict[str, str]  # column -> referenced table
    unique_text: set[str]

    def text_columns(self) -> list[str]:
        return [
            c
            for c in self.columns
            if any(t in self.types[c].upper() for t in ("CHAR", "TEXT", "JSON", "CLOB"))
        ]

    def length(self, column: str) -> int | None:
        m = re.search(r"\((\d+)\)", self.types[column])
        return int(m.group(1)) if m else None


def table_specs(conn: sqlite3.Connection) -> dict[str, TableSpec]:
    """Tables of a SQLite database, read from its own schema."""
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        if r[0] not in SKIP_TABLES
    ]
    specs: dict[str, TableSpec] = {}
    for name in names:
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = [r[1] for r in info]
        types = {r[1]: (r[2] or "") for r in info}
        pks = [r[1] for r in info if r[5]]
        id_col = pks[0] if len(pks) == 1 and "INT" in types[pks[0]].upper() else None
        fks = {r[3]: r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')}
        unique_text: set[str] = set()
        for idx in conn.execute(f'PRAGMA index_list("{name}")'):
            if idx[2]:  # unique
                cols = [r[2] for r in conn.execute(f'PRAGMA index_info("{idx[1]}")')]
                if len(cols) == 1 and cols[0] not in (id_col,) and cols[0] not in fks:
                    unique_text.add(cols[0])
        specs[name] = TableSpec(name, columns, types, id_col, fks, unique_text)
    return specs


def count_rows(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(str(path))
    try:
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in table_specs(conn)
        }
    finally:
        conn.close()


def copy_sqlite(src: Path, dst: Path) -> None:
    """A consistent copy (backup API), WAL included."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    a = sqlite3.connect(str(src))
    b = sqlite3.connect(str(dst))
    try:
        a.backup(b)
    finally:
        b.close()
        a.close()


# --------------------------------------------------------------------------- building


@dataclasses.dataclass
class BuiltStore:
    target: int
    path: Path
    claims: int
    articles: int  # articles added to reach it
    corpus_lines: int  # lines of the corpus read (held-out ones included)
    seconds: float


def _count_claims(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    finally:
        conn.close()


def build_stores(
    corpus: Path,
    workdir: Path,
    targets: Iterable[int],
    *,
    skip_ids: set[str],
    chunk: int = 200,
    log: Callable[[str], None] = print,
) -> list[BuiltStore]:
    """Add ``corpus`` (JSON Lines) in order, skipping ``skip_ids``; keep a copy of
    the database each time it holds at least each of ``targets`` claims."""
    from tracker.config import load_settings
    from tracker.db import open_database
    from tracker.ingest import ReadError, read_inputs
    from tracker.pipeline import add_inputs

    targets = sorted(targets)
    db = workdir / "build.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    database = open_database(str(db))
    settings = load_settings(str(db))
    lines = 0
    added = 0
    failed = 0
    built: list[BuiltStore] = []
    t0 = time.perf_counter()

    def items() -> Iterator[Any]:
        nonlocal lines
        for item in read_inputs([str(corpus)], fmt="jsonl"):
            lines += 1
            if isinstance(item, ReadError):
                continue
            if item.external_id in skip_ids:
                continue
            yield item

    stream = items()
    try:
        while targets:
            batch = list(itertools.islice(stream, chunk))
            if not batch:
                break
            for result in add_inputs(database, batch, settings, workers=None):
                if result.ok:
                    added += 1
                else:
                    failed += 1
                    if failed <= 3:
                        log(f"  failed: {result.input}: {result.error}")
            claims = _count_claims(db)
            while targets and claims >= targets[0]:
                target = targets.pop(0)
                path = workdir / f"store-{target}.db"
                copy_sqlite(db, path)
                built.append(
                    BuiltStore(target, path, claims, added, lines, time.perf_counter() - t0)
                )
                log(
                    f"  store of {claims} claims after {added} articles "
                    f"({time.perf_counter() - t0:.0f} s, {added / (time.perf_counter() - t0):.0f} articles/s)"
                )
    finally:
        database.dispose()
    if failed:
        log(f"  {failed} articles failed")
    if targets:
        log(
            f"  corpus exhausted at {_count_claims(db)} claims after {added} articles; "
            f"targets {targets} not reached"
        )
    return built


# --------------------------------------------------------------------------- renaming


class Renamer:
    """Replace known name stems by a new invented stem per copy, word by word."""

    _WORD = re.compile(r"[A-Za-z]+")
    _CONS = "bcdfghjklmnprstvz"
    _VOW = "aeiou"

    def __init__(self, stems: Iterable[str], copies: int, seed: int = 0) -> None:
        rng = random.Random(f"renamer:{seed}")
        originals = sorted({s.lower() for s in stems})
        used = set(originals)
        self.maps: list[dict[str, str]] = [{}]
        for _ in range(1, copies):
            mapping: dict[str, str] = {}
            for stem in originals:
                while True:
                    n = rng.choice((3, 3, 4))
                    new = "".join(rng.choice(self._CONS) + rng.choice(self._VOW) for _ in range(n))
                    if new not in used:
                        used.add(new)
                        break
                mapping[stem] = new
            self.maps.append(mapping)

    def function(self, copy: int) -> Callable[[str], str]:
        mapping = self.maps[copy]

        def sub(match: re.Match[str]) -> str:
            word = match.group(0)
            new = mapping.get(word.lower())
            if new is None:
                return word
            if word.isupper():
                return new.upper()
            if word[0].isupper():
                return new.capitalize()
            return new

        def rename(text: str) -> str:
            return self._WORD.sub(sub, text)

        return rename


# --------------------------------------------------------------------------- tiling


def _max_ids(conn: Any, specs: dict[str, TableSpec], query: Callable[[str], Any]) -> dict[str, int]:
    out = {}
    for name, spec in specs.items():
        if spec.id_column:
            out[name] = query(f'SELECT coalesce(max("{spec.id_column}"), 0) FROM "{name}"') or 0
    return out


def _recount_df(conn: Any, execute: Callable[[str], Any], specs: dict[str, TableSpec]) -> None:
    """Document frequency = number of claims whose index holds the term."""
    if "term_stats" in specs and "claim_terms" in specs:
        execute("DELETE FROM term_stats")
        execute(
            "INSERT INTO term_stats (term, df) SELECT term, count(*) FROM claim_terms GROUP BY term"
        )


def df_mismatch(path: Path) -> float | None:
    """Share of terms whose stored df differs from the count in the index (sanity)."""
    conn = sqlite3.connect(str(path))
    try:
        specs = table_specs(conn)
        if "term_stats" not in specs or "claim_terms" not in specs:
            return None
        total, bad = conn.execute(
            "SELECT count(*), sum(CASE WHEN ts.df != coalesce(c.n, 0) THEN 1 ELSE 0 END) "
            "FROM term_stats ts LEFT JOIN (SELECT term, count(*) n FROM claim_terms GROUP BY term) c "
            "ON c.term = ts.term"
        ).fetchone()
        return (bad or 0) / total if total else 0.0
    finally:
        conn.close()


def tile_sqlite(
    src: Path,
    dst: Path,
    copies: int,
    renamer: Renamer | None,
    *,
    log: Callable[[str], None] = print,
) -> dict[str, int]:
    """``dst`` = ``src`` plus ``copies - 1`` renamed copies of every row."""
    copy_sqlite(src, dst)
    conn = sqlite3.connect(str(dst), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        specs = table_specs(conn)
        maxes = _max_ids(conn, specs, lambda q: conn.execute(q).fetchone()[0])
        base_rows = {
            name: conn.execute(f'SELECT * FROM "{name}"').fetchall()
            for name, spec in specs.items()
            if spec.id_column or spec.fks
        }
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        for k in range(1, copies):
            rename = renamer.function(k) if renamer else None
            for name, rows in base_rows.items():
                spec = specs[name]
                idx = {c: i for i, c in enumerate(spec.columns)}
                shift = {}
                if spec.id_column:
                    shift[idx[spec.id_column]] = k * maxes[name]
                for col, ref in spec.fks.items():
                    if ref in maxes:
                        shift[idx[col]] = k * maxes[ref]
                tag = {idx[c] for c in spec.unique_text | (IDENTITY_TEXT & set(spec.columns))}
                texts = {idx[c] for c in spec.text_columns()} - tag
                lengths = {idx[c]: spec.length(c) for c in spec.columns}
                suffix = f"~{k:05d}"
                out = []
                for row in rows:
                    new = list(row)
                    for i, off in shift.items():
                        if new[i] is not None:
                            new[i] += off
                    for i in tag:
                        v = new[i]
                        if isinstance(v, str):
                            n = lengths[i]
                            new[i] = (v[: n - len(suffix)] if n else v) + suffix
                    if rename is not None:
                        for i in texts:
                            v = new[i]
                            if isinstance(v, str):
                                new[i] = rename(v)
                    out.append(new)
                marks = ",".join("?" * len(spec.columns))
                cols = ",".join(f'"{c}"' for c in spec.columns)
                conn.executemany(f'INSERT INTO "{name}" ({cols}) VALUES ({marks})', out)
            if k % 5 == 0 or k == copies - 1:
                log(f"    copy {k}/{copies - 1} ({time.perf_counter() - t0:.0f} s)")
        _recount_df(conn, conn.execute, specs)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return count_rows(dst)


def tile_in_place(
    execute: Callable[[str], Any],
    scalar: Callable[[str], Any],
    specs: dict[str, TableSpec],
    copies: int,
    *,
    skip: Iterable[str] = (),
    log: Callable[[str], None] = print,
) -> None:
    """Tile with ``INSERT ... SELECT`` inside one database (SQLite or PostgreSQL).

    No renaming: the copies repeat the same texts under new ids, which is all a
    listing or a timeline query needs. Tables in ``skip`` are left alone.
    """
    skip = set(skip)
    maxes = _max_ids(None, specs, scalar)
    t0 = time.perf_counter()
    for k in range(1, copies):
        for name, spec in specs.items():
            if name in skip or not (spec.id_column or spec.fks):
                continue
            exprs = []
            for c in spec.columns:
                q = f'"{c}"'
                if c == spec.id_column:
                    exprs.append(f"{q} + {k * maxes[name]}")
                elif c in spec.fks and spec.fks[c] in maxes:
                    exprs.append(f"{q} + {k * maxes[spec.fks[c]]}")
                elif c in spec.unique_text or c in IDENTITY_TEXT:
                    n = spec.length(c)
                    suffix = f"~{k:05d}"
                    head = f"substr({q}, 1, {n - len(suffix)})" if n else q
                    exprs.append(f"{head} || '{suffix}'")
                else:
                    exprs.append(q)
            if spec.id_column:
                where = f'"{spec.id_column}" <= {maxes[name]}'
            else:
                fk, ref = next(iter(spec.fks.items()))
                where = f'"{fk}" <= {maxes.get(ref, 0)}'
            cols = ",".join(f'"{c}"' for c in spec.columns)
            execute(
                f'INSERT INTO "{name}" ({cols}) SELECT {", ".join(exprs)} FROM "{name}" WHERE {where}'
            )
        if k % 20 == 0 or k == copies - 1:
            log(f"    copy {k}/{copies - 1} ({time.perf_counter() - t0:.0f} s)")


# --------------------------------------------------------------------------- PostgreSQL


def pg_admin(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


def pg_url(base: str, dbname: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(base).set(database=dbname).render_as_string(hide_password=False)


def copy_sqlite_to_pg(src: Path, url: str, *, log: Callable[[str], None] = print) -> None:
    """Copy every row of a SQLite store into a PostgreSQL database at head."""
    import psycopg

    lite = sqlite3.connect(str(src))
    specs = table_specs(lite)
    with psycopg.connect(url) as pg:
        pg.execute("SET session_replication_role = replica")  # no FK triggers during the load
        for name, spec in specs.items():
            pg.execute(f'DELETE FROM "{name}"')
            cols = ",".join(f'"{c}"' for c in spec.columns)
            jsonish = [i for i, c in enumerate(spec.columns) if "JSON" in spec.types[c].upper()]
            with pg.cursor().copy(f'COPY "{name}" ({cols}) FROM STDIN') as cp:
                for row in lite.execute(f'SELECT {cols} FROM "{name}"'):
                    if jsonish:
                        row = list(row)
                        for i in jsonish:
                            if isinstance(row[i], (bytes, bytearray)):
                                row[i] = row[i].decode()
                    cp.write_row(row)
            if spec.id_column:
                pg.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{spec.id_column}'), "
                    f'coalesce((SELECT max("{spec.id_column}") FROM "{name}"), 1))'
                )
        pg.commit()
    lite.close()
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("ANALYZE")
    log(f"    copied {src.name} to PostgreSQL")


def pg_sizes(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as pg:
        return pg.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def json_dump(obj: Any, path: Path) -> None:
    path.write_text(json.dumps(obj, indent=2, default=str) + "\n")


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
