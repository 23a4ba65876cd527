"""The store: migrations own the schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy import inspect, text

from tracker import db as dbmod
from tracker import engine as enginemod
from tracker import migrate as migratemod
from tracker.errors import DatabaseError
from tracker.models import Base

pytest.importorskip("pytest_alembic")
from pytest_alembic import tests as alembic_tests
from pytest_alembic.plugin.fixtures import create_alembic_fixture

alembic_runner = create_alembic_fixture({"script_location": str(migratemod.migrations_dir())})


@pytest.fixture
def alembic_engine(db_url: str):  # type: ignore[no-untyped-def]
    engine = enginemod.create_engine(db_url)
    yield engine
    engine.dispose()


def test_single_head_revision(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_single_head_revision(alembic_runner)


def test_upgrade_to_head(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_upgrade(alembic_runner)


def test_models_match_migrations(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_model_definitions_match_ddl(alembic_runner)


def test_up_down_consistency(alembic_runner) -> None:  # type: ignore[no-untyped-def]
    alembic_tests.test_up_down_consistency(alembic_runner)


def test_head_constants_match_the_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migratemod.alembic_config())
    assert script.get_heads() == [migratemod.HEAD_REVISION]
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == migratemod.KNOWN_REVISIONS


def test_round_trip_head_base_head(db_url: str) -> None:
    engine = enginemod.create_engine(db_url)
    migratemod.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "claims", "mentions", "ledger", "claim_terms"} <= tables
    migratemod.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migratemod.upgrade(engine)
    with engine.connect() as conn:
        assert migratemod.current_revision(conn) == migratemod.HEAD_REVISION
    engine.dispose()


def test_first_use_creates_schema_through_migrations(db_url: str) -> None:
    database = dbmod.open_database(db_url)
    try:
        assert database.state is not None and database.state.action == "created"
        with database.engine.connect() as conn:
            assert migratemod.current_revision(conn) == migratemod.HEAD_REVISION
        # Reopening an up-to-date database does nothing.
        again = dbmod.open_database(db_url)
        assert again.state is not None and again.state.action == "ok"
        again.dispose()
    finally:
        database.dispose()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = enginemod.create_engine(str(tmp_path / "p.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert (
            conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == enginemod.SQLITE_BUSY_TIMEOUT_MS
        )
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -enginemod.SQLITE_CACHE_KB
    engine.dispose()


def _stamp(db_url: str, revision: str) -> None:
    engine = enginemod.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_future_revision_is_refused(db_url: str) -> None:
    dbmod.open_database(db_url).dispose()
    _stamp(db_url, "9999_future")
    with pytest.raises(DatabaseError, match=r"9999_future.*does not know"):
        dbmod.open_database(db_url)


def test_behind_head_sqlite_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    dbmod.open_database(str(path)).dispose()
    _stamp(str(path), "0000_older")
    monkeypatch.setattr(migratemod, "KNOWN_REVISIONS", ("0000_older", *migratemod.KNOWN_REVISIONS))
    calls: list[str] = []

    def fake_upgrade(engine, revision: str = "head") -> None:  # type: ignore[no-untyped-def]
        calls.append(revision)
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE alembic_version SET version_num = :r"), {"r": migratemod.HEAD_REVISION}
            )

    monkeypatch.setattr(migratemod, "upgrade", fake_upgrade)
    database = dbmod.open_database(str(path))
    database.dispose()
    assert calls == ["head"]
    assert database.state is not None and database.state.action == "upgraded"
    backup = database.state.backup
    assert backup is not None and backup.exists()
    # The backup holds the old revision: it is a copy from before the upgrade.
    eng = sa_create_engine(f"sqlite:///{backup}")
    with eng.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0000_older"
        )
    eng.dispose()


@pytest.mark.postgres
def test_behind_head_postgres_is_refused_with_the_command(
    pg_admin_url: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    dbmod.open_database(db_url).dispose()
    _stamp(db_url, "0000_older")
    monkeypatch.setattr(migratemod, "KNOWN_REVISIONS", ("0000_older", *migratemod.KNOWN_REVISIONS))
    with pytest.raises(DatabaseError, match=r"behind .*run: tracker --db .* db upgrade"):
        dbmod.open_database(db_url)


def test_postgres_behind_only_by_sqlite_layouts_is_moved_on_unchanged(db_url: str) -> None:
    """A revision that changes nothing on PostgreSQL asks no one to run it."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    last = max(migratemod.KNOWN_REVISIONS.index(r) for r in migratemod.SQLITE_ONLY_REVISIONS)
    before_them = migratemod.KNOWN_REVISIONS[
        min(migratemod.KNOWN_REVISIONS.index(r) for r in migratemod.SQLITE_ONLY_REVISIONS) - 1
    ]
    assert last == len(migratemod.KNOWN_REVISIONS) - 1  # they end the chain
    engine = enginemod.create_engine(db_url)
    migratemod.upgrade(engine, before_them)

    def schema() -> dict:
        inspector = inspect(engine)
        return {
            t: (
                [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(t)],
                sorted(i["name"] for i in inspector.get_indexes(t)),
                inspector.get_pk_constraint(t)["constrained_columns"],
            )
            for t in sorted(inspector.get_table_names())
            if t != "alembic_version"
        }

    shape = schema()
    engine.dispose()
    database = dbmod.open_database(db_url)  # no error, nothing to run by hand
    assert database.state is not None and database.state.action == "upgraded"
    database.dispose()
    engine = enginemod.create_engine(db_url)
    with engine.connect() as conn:
        assert migratemod.current_revision(conn) == migratemod.HEAD_REVISION
    assert schema() == shape
    engine.dispose()


def test_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        dbmod.open_database(str(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "t.db"
    with pytest.raises(DatabaseError, match="folder does not exist"):
        dbmod.open_database(str(target))
    assert not target.parent.exists()


def test_unreachable_postgres_is_one_clear_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(DatabaseError, match="cannot connect to postgresql"):
        dbmod.open_database("postgresql://nobody@127.0.0.1:9/none")


def test_url_and_path_forms(tmp_path: Path) -> None:
    assert enginemod.to_url(str(tmp_path / "a.db")).get_backend_name() == "sqlite"
    assert enginemod.to_url("sqlite:///x.db").database == "x.db"
    pg = enginemod.to_url("postgresql://u:secret@h/db")
    assert pg.drivername == "postgresql+psycopg"
    assert "secret" not in enginemod.describe(pg)


def test_metadata_uses_naming_convention() -> None:
    names = {
        c.name
        for table in Base.metadata.tables.values()
        for c in table.constraints
        if c.name is not None
    }
    assert "fk_mentions_article_id_articles" in names
    assert "uq_articles_content_hash" in names


def test_data_migration_0002_backfills_every_row(db_url: str) -> None:
    """Fill a database at the previous revision with real rows (bound SQL), upgrade
    one step, and check every row."""
    import datetime as dt

    engine = enginemod.create_engine(db_url)
    migratemod.upgrade(engine, "0001_initial")
    added = dt.datetime(2024, 2, 10, 12, 0)
    rows = [
        (1, "2023-01-23", "day", dt.date(2023, 1, 23)),
        (2, "2023-01-01", "month", dt.date(2023, 1, 31)),
        (3, "2024-02-01", "month", dt.date(2024, 2, 29)),
        (4, "2022-01-01", "year", dt.date(2022, 12, 31)),
        (5, None, "unknown", dt.date(2024, 2, 10)),
    ]
    with engine.begin() as conn:
        for i, published, precision, _ in rows:
            conn.execute(
                text(
                    "INSERT INTO articles (id, content_hash, title, body, published, "
                    "date_precision, added_at) VALUES (:i, :h, :t, :b, :p, :pr, :a)"
                ),
                {
                    "i": i,
                    "h": f"{i:064d}",
                    "t": f"title {i}",
                    "b": f"body {i}",
                    "p": dt.date.fromisoformat(published) if published else None,
                    "pr": precision,
                    "a": added,
                },
            )
    migratemod.upgrade(engine, "0002_article_sort_date")
    with engine.connect() as conn:
        got = conn.execute(
            text("SELECT id, title, body, date_precision, sort_date FROM articles ORDER BY id")
        ).all()
    engine.dispose()
    assert [r.id for r in got] == [1, 2, 3, 4, 5]
    for r, (i, _p, precision, expected) in zip(got, rows, strict=True):
        assert (r.title, r.body, r.date_precision) == (f"title {i}", f"body {i}", precision)
        assert dt.date.fromisoformat(str(r.sort_date)[:10]) == expected, r


def test_sqlite_at_previous_revision_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = enginemod.create_engine(str(path))
    migratemod.upgrade(engine, "0001_initial")
    engine.dispose()
    database = dbmod.open_database(str(path))
    database.dispose()
    state = database.state
    assert state is not None and state.action == "upgraded"
    assert state.backup is not None and state.backup.exists()
    eng = sa_create_engine(f"sqlite:///{state.backup}")
    with eng.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0001_initial"
        )
    eng.dispose()


@pytest.mark.postgres
def test_postgres_at_previous_revision_is_refused_untouched(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    engine = enginemod.create_engine(db_url)
    migratemod.upgrade(engine, "0001_initial")
    engine.dispose()
    with pytest.raises(DatabaseError, match=r"db upgrade"):
        dbmod.open_database(db_url)
    engine = enginemod.create_engine(db_url)
    with engine.connect() as conn:
        assert migratemod.current_revision(conn) == "0001_initial"
    engine.dispose()


# --------------------------------------------------------------------------- round trips with data

JSON_COLUMNS = {"parties", "amount", "terms", "explanation", "data"}


def _insert(conn, table: str, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Rows written with bound SQL, as the schema stands at this revision."""
    from sqlalchemy import JSON, bindparam

    for row in rows:
        cols = list(row)
        stmt = text(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"
        ).bindparams(*(bindparam(c, type_=JSON) for c in cols if c in JSON_COLUMNS))
        conn.execute(stmt, row)


def _rows_at_0001() -> dict[str, list[dict]]:
    import datetime as dt

    at = dt.datetime(2024, 2, 10, 12, 0)
    day = dt.date(2023, 1, 10)

    def article(i: int, published, precision: str, **kw) -> dict:  # type: ignore[no-untyped-def]
        return dict(
            id=i,
            content_hash=f"{i:064d}",
            title=f"title {i}",
            body=f"body {i}",
            source="Wire",
            published=published,
            date_precision=precision,
            added_at=at,
            **kw,
        )

    def claim(i: int, **kw) -> dict:  # type: ignore[no-untyped-def]
        return dict(
            id=i,
            text=f"Acme / Globex: acquisition {i}",
            key=f"acquisition | acme globex {i}",
            kind="acquisition",
            parties=["acme", "globex"],
            amount_value=1e9,
            amount_low=1e9,
            amount_high=1e9,
            currency="USD",
            status="rumor",
            first_seen=day,
            last_seen=day,
            created_at=at,
            updated_at=at,
            **kw,
        )

    def mention(i: int, article_id: int, claim_id: int) -> dict:
        return dict(
            id=i,
            article_id=article_id,
            claim_id=claim_id,
            status="rumor",
            quote=f"quote {i}",
            span_start=0,
            span_end=7,
            cue="according to",
            confidence=0.9,
            score=0.8 if i > 1 else None,
            linked_by="auto",
            parties=["acme"],
            amount={"value": 1e9, "low": 1e9, "high": 1e9, "currency": "USD", "text": "$1bn"},
            terms=["deal"],
            explanation={"parties": 1.0},
            created_at=at,
        )

    return {
        "articles": [
            article(1, day, "day"),
            article(2, dt.date(2023, 1, 1), "month", revision_of_id=1, url="https://x.org/a"),
            article(3, None, "unknown"),
        ],
        "claims": [claim(1), claim(2, merged_into_id=1)],
        "mentions": [mention(1, 1, 1), mention(2, 2, 1), mention(3, 3, 2)],
        "claim_terms": [
            dict(term="p:acme", claim_id=1, weight=2),
            dict(term="w:deal", claim_id=1, weight=1),
            dict(term="p:acme", claim_id=2, weight=1),
        ],
        "term_stats": [dict(term="p:acme", df=2), dict(term="w:deal", df=1)],
        "ledger": [
            dict(id=1, claim_id=1, at=at, actor="auto", action="status", to_status="rumor",
                 article_id=1),
            dict(id=2, claim_id=2, at=at, actor="manual", action="merge", note="merged",
                 data={"into_claim": 1}),
            dict(id=3, claim_id=1, at=at, actor="manual", action="set-status",
                 from_status="rumor", to_status="denied", effective=day, article_id=3),
        ],
        "suggestions": [
            dict(id=1, mention_id=3, claim_id=1, score=0.6, state="pending",
                 explanation={"total": 0.6}, created_at=at),
        ],
        "rejections": [
            dict(id=1, claim_id=1, other_claim_id=2, at=at, note="apart"),
            dict(id=2, claim_id=1, article_id=3, at=at),
        ],
    }  # fmt: skip


def _rows_at_0002() -> dict[str, list[dict]]:
    import datetime as dt

    at = dt.datetime(2024, 3, 1, 8, 0)
    return {
        "articles": [
            dict(id=4, content_hash=f"{4:064d}", title="t4", body="b4", published=dt.date(2023, 2, 1),
                 date_precision="day", added_at=at, sort_date=dt.date(2023, 2, 1)),
        ],
        "mentions": [
            dict(id=4, article_id=4, claim_id=1, status="confirmed", quote="q4", span_start=0,
                 span_end=2, confidence=1.0, linked_by="manual", parties=[], terms=[],
                 created_at=at),
        ],
        "ledger": [
            dict(id=4, claim_id=1, at=at, actor="auto", action="status", from_status="rumor",
                 to_status="confirmed", article_id=4),
        ],
        "suggestions": [
            dict(id=2, mention_id=4, claim_id=2, score=0.55, state="rejected", created_at=at),
        ],
        "rejections": [dict(id=3, claim_id=2, article_id=4, at=at)],
    }  # fmt: skip


def _snapshot(engine) -> dict[str, list[dict]]:  # type: ignore[no-untyped-def]
    """Every row of every table, in primary key order."""
    inspector = inspect(engine)
    out = {}
    with engine.connect() as conn:
        for table in sorted(inspector.get_table_names()):
            if table == "alembic_version":
                continue
            pk = ", ".join(inspector.get_pk_constraint(table)["constrained_columns"])
            out[table] = [
                dict(r)
                for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY {pk}")).mappings()
            ]
    return out


@pytest.fixture(params=["tracker", "pytest-alembic"])
def migrate(request: pytest.FixtureRequest, db_url: str):  # type: ignore[no-untyped-def]
    """Move the schema to a revision: as ``tracker db upgrade/downgrade`` do (on a
    connection in a transaction), or as pytest-alembic does (on an engine)."""
    if request.param == "tracker":
        engine = enginemod.create_engine(db_url)

        def to(revision: str, *, down: bool = False) -> None:
            (migratemod.downgrade if down else migratemod.upgrade)(engine, revision)

        yield to
        engine.dispose()
        return
    runner = request.getfixturevalue("alembic_runner")

    def to_alembic(revision: str, *, down: bool = False) -> None:
        (runner.migrate_down_to if down else runner.migrate_up_to)(revision)

    yield to_alembic


def _rows_at_0003() -> dict[str, list[dict]]:
    import datetime as dt

    at = dt.datetime(2024, 4, 2, 9, 30)
    return {
        "articles": [
            dict(id=5, content_hash=f"{5:064d}", title="t5", body="b5", url="https://x.org/feed#5",
                 published=dt.date(2023, 3, 1), date_precision="day", added_at=at,
                 sort_date=dt.date(2023, 3, 1), retracted_at=at, retraction_note="wrong outlet"),
        ],
        "mentions": [
            dict(id=5, article_id=5, claim_id=1, status="denied", quote="q5", span_start=0,
                 span_end=2, confidence=1.0, linked_by="auto", parties=["acme"], terms=[],
                 created_at=at),
        ],
        "ledger": [
            dict(id=5, claim_id=1, at=at, actor="manual", action="retract", article_id=5,
                 note="wrong outlet"),
        ],
        "watched_sources": [
            dict(id=1, key="a" * 64, source="https://x.org/feed", etag='W/"abc"',
                 last_modified="Tue, 02 Apr 2024 09:00:00 GMT", content_hash="b" * 64,
                 checked_at=at, changed_at=at),
            dict(id=2, key="c" * 64, source="/news/one.txt", content_hash="d" * 64,
                 size=1234, mtime_ns=1_712_000_000_123_456_789, checked_at=at),
        ],
    }  # fmt: skip


#: What each revision added, and so what a downgrade below it takes away.
ADDED_COLUMNS = {
    "0002_article_sort_date": {"articles": {"sort_date"}},
    "0003_retractions_and_watch": {"articles": {"retracted_at", "retraction_note"}},
    "0004_syndication": {"articles": {"syndicated_of_id"}},
}
ADDED_TABLES = {
    "0003_retractions_and_watch": {"watched_sources"},
    "0005_index_changes": {"index_changes"},
}


def _without(snapshot: dict[str, list[dict]], *revisions: str) -> dict[str, list[dict]]:
    """``snapshot`` as it reads once the schema of ``revisions`` is taken away."""
    tables = set().union(*(ADDED_TABLES.get(r, set()) for r in revisions))
    out = {}
    for table, rows in snapshot.items():
        if table in tables:
            continue
        gone = set().union(*(ADDED_COLUMNS.get(r, {}).get(table, set()) for r in revisions))
        out[table] = [{k: v for k, v in r.items() if k not in gone} for r in rows]
    return out


def test_downgrade_and_upgrade_keep_every_row(db_url: str, migrate) -> None:  # type: ignore[no-untyped-def]
    """Real rows written at each revision survive each downgrade, one revision at
    a time down to the first, and the upgrade back to head, in every table, on
    both backends: only the columns and tables of the revisions undone go."""
    import datetime as dt

    engine = enginemod.create_engine(db_url)
    migrate("0001_initial")
    written: dict[str, int] = {}
    for revision, rows_at in (
        ("0001_initial", _rows_at_0001),
        ("0002_article_sort_date", _rows_at_0002),
        ("0003_retractions_and_watch", _rows_at_0003),
        ("0004_syndication", dict),
    ):
        migrate(revision)
        with engine.begin() as conn:
            for table, rows in rows_at().items():
                _insert(conn, table, rows)
                written[table] = written.get(table, 0) + len(rows)
    migrate("0005_index_changes")
    with engine.begin() as conn:  # its one row comes with it; writers move it
        conn.execute(text("UPDATE index_changes SET changes = changes + 7 WHERE id = 1"))
    written["index_changes"] = 1
    with engine.begin() as conn:  # an article stored before 0003, retracted since
        conn.execute(
            text("UPDATE articles SET retracted_at = :at, retraction_note = :note WHERE id = 2"),
            {"at": dt.datetime(2024, 4, 3), "note": "retracted after the upgrade"},
        )
        # ... and one, stored before 0004, is another outlet's copy of the first.
        conn.execute(text("UPDATE articles SET syndicated_of_id = 1 WHERE id = 3"))
    migrate("0006_claim_terms_clustered")
    assert migratemod.HEAD_REVISION == "0006_claim_terms_clustered"
    at_head = _snapshot(engine)
    assert {t: len(rows) for t, rows in at_head.items()} == written  # the upgrades kept them
    assert all(written.values())
    assert [r["retraction_note"] for r in at_head["articles"]] == [
        None, "retracted after the upgrade", None, None, "wrong outlet"
    ]  # fmt: skip
    assert at_head["index_changes"] == [{"id": 1, "changes": 7}]

    migrate("0005_index_changes", down=True)
    assert _snapshot(engine) == at_head  # the index copied back, row for row
    migrate("0004_syndication", down=True)
    assert _snapshot(engine) == _without(at_head, "0005_index_changes")
    migrate("0003_retractions_and_watch", down=True)
    assert _snapshot(engine) == _without(at_head, "0005_index_changes", "0004_syndication")
    migrate("0002_article_sort_date", down=True)
    assert _snapshot(engine) == _without(
        at_head, "0005_index_changes", "0004_syndication", "0003_retractions_and_watch"
    )
    migrate("0001_initial", down=True)
    assert _snapshot(engine) == _without(
        at_head,
        "0005_index_changes",
        "0004_syndication",
        "0003_retractions_and_watch",
        "0002_article_sort_date",
    )

    migrate(migratemod.HEAD_REVISION)
    back = _snapshot(engine)
    # Every row is back; what only the undone revisions held reads as new.
    expected = _without(at_head, "0004_syndication", "0003_retractions_and_watch")
    for row in expected["articles"]:
        row.update(retracted_at=None, retraction_note=None, syndicated_of_id=None)
    expected["watched_sources"] = []
    expected["index_changes"] = [{"id": 1, "changes": 0}]
    assert back == expected
    engine.dispose()


def test_sqlite_keeps_the_index_clustered_by_term(db_url: str) -> None:
    """Migrations and models agree: on SQLite, claim_terms is a WITHOUT ROWID
    table (a posting list is one range of its b-tree), and 0005 had a rowid."""
    if db_url.startswith("postgresql"):
        pytest.skip("SQLite only: PostgreSQL has no WITHOUT ROWID form")

    def clustered(engine) -> bool:  # type: ignore[no-untyped-def]
        with engine.connect() as conn:
            sql = conn.execute(
                text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'claim_terms'")
            ).scalar()
        return "WITHOUT ROWID" in sql.upper()

    engine = enginemod.create_engine(db_url)
    migratemod.upgrade(engine, "0005_index_changes")
    assert not clustered(engine)
    migratemod.upgrade(engine)
    assert clustered(engine)
    with engine.connect() as conn:  # its index on claim_id came back with it
        names = {r[1] for r in conn.execute(text("PRAGMA index_list(claim_terms)"))}
    assert "ix_claim_terms_claim_id" in names
    engine.dispose()
    models = sa_create_engine("sqlite://")
    Base.metadata.create_all(models)
    assert clustered(models)
    models.dispose()


def test_an_index_row_without_its_claim_does_not_stop_the_upgrade_to_0006(tmp_path: Path) -> None:
    """A store written with foreign keys off may hold an index row of a claim
    that is gone: the copy leaves it behind instead of failing on it."""
    import sqlite3

    path = tmp_path / "orphan.db"
    engine = enginemod.create_engine(str(path))
    migratemod.upgrade(engine, "0005_index_changes")
    engine.dispose()
    con = sqlite3.connect(path)  # foreign keys off, as in the sqlite3 shell
    con.execute(
        "INSERT INTO claims (id, text, key, kind, parties, status, created_at, updated_at) "
        "VALUES (1, 'x', 'k', 'event', '[]', 'rumor', '2024-01-01', '2024-01-01')"
    )
    con.executemany("INSERT INTO claim_terms VALUES (?, ?, ?)", [("w:a", 1, 2), ("w:b", 99, 1)])
    con.commit()
    con.close()
    engine = enginemod.create_engine(str(path))
    migratemod.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT term, claim_id, weight FROM claim_terms")).all()
        assert migratemod.current_revision(conn) == migratemod.HEAD_REVISION
    engine.dispose()
    assert [tuple(r) for r in rows] == [("w:a", 1, 2)]


def test_upgrade_to_0003_keeps_every_row_and_retracts_nothing(db_url: str) -> None:
    """A store at 0002 with rows in every table, upgraded one step: every row is
    kept as it was, no article is retracted, nothing is watched yet."""
    engine = enginemod.create_engine(db_url)
    migratemod.upgrade(engine, "0001_initial")
    with engine.begin() as conn:
        for table, rows in _rows_at_0001().items():
            _insert(conn, table, rows)
    migratemod.upgrade(engine, "0002_article_sort_date")
    with engine.begin() as conn:
        for table, rows in _rows_at_0002().items():
            _insert(conn, table, rows)
    before = _snapshot(engine)
    migratemod.upgrade(engine, "0003_retractions_and_watch")
    after = _snapshot(engine)
    engine.dispose()
    assert after["watched_sources"] == []
    assert {(r["retracted_at"], r["retraction_note"]) for r in after["articles"]} == {(None, None)}
    assert _without(after, "0003_retractions_and_watch") == before


def test_downgrading_the_sample_store_loses_nothing(db_url: str) -> None:
    """The sample corpus, added as `tracker add` does, down to the first revision
    and back: every mention, ledger row and link is still there, and whole."""
    from tracker import integrity, pipeline
    from tracker.config import load_settings
    from tracker.ingest import read_inputs

    from .conftest import SAMPLES

    database = dbmod.open_database(db_url)
    settings = load_settings(db_url)
    list(pipeline.add_inputs(database, read_inputs([str(SAMPLES / "articles")]), settings))
    before = _snapshot(database.engine)
    assert len(before["mentions"]) > 20
    assert any(r["article_id"] for r in before["ledger"])
    migratemod.downgrade(database.engine, "0001_initial")
    assert {t: len(rows) for t, rows in _snapshot(database.engine).items()} == {
        t: len(rows)
        for t, rows in _without(
            before,
            "0005_index_changes",
            "0004_syndication",
            "0003_retractions_and_watch",
            "0002_article_sort_date",
        ).items()
    }
    migratemod.upgrade(database.engine)
    # The change counter starts again from nought; every other row is as it was.
    assert before["index_changes"][0]["changes"] > 0
    after = _snapshot(database.engine)
    assert after["index_changes"] == [{"id": 1, "changes": 0}]
    assert _without(after, "0005_index_changes") == _without(before, "0005_index_changes")
    with database.session() as s:
        assert integrity.check(s).problems == []
    database.dispose()


def test_sqlite_too_old_to_drop_a_column_refuses_and_changes_nothing(tmp_path: Path) -> None:
    engine = enginemod.create_engine(str(tmp_path / "old-sqlite.db"))
    migratemod.upgrade(engine)
    with engine.begin() as conn:
        _insert(conn, "articles", _rows_at_0001()["articles"])
    before = _snapshot(engine)
    engine.dialect.server_version_info = (3, 34, 1)  # as Debian 11 or RHEL 9 ship it
    with pytest.raises(RuntimeError, match=r"needs SQLite 3\.35\.0 or newer.*3\.34\.1"):
        migratemod.downgrade(engine, "0001_initial")
    with engine.connect() as conn:
        assert migratemod.current_revision(conn) == migratemod.HEAD_REVISION
    assert _snapshot(engine) == before
    engine.dispose()
