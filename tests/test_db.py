"""The store: migrations own the schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy import inspect, text

from tracker import db as dbmod
from tracker.errors import DatabaseError
from tracker.models import Base

pytest.importorskip("pytest_alembic")
from pytest_alembic import tests as alembic_tests
from pytest_alembic.plugin.fixtures import create_alembic_fixture

alembic_runner = create_alembic_fixture({"script_location": str(dbmod.migrations_dir())})


@pytest.fixture
def alembic_engine(db_url: str):  # type: ignore[no-untyped-def]
    engine = dbmod.create_engine(db_url)
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

    script = ScriptDirectory.from_config(dbmod.alembic_config())
    assert script.get_heads() == [dbmod.HEAD_REVISION]
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == dbmod.KNOWN_REVISIONS


def test_round_trip_head_base_head(db_url: str) -> None:
    engine = dbmod.create_engine(db_url)
    dbmod.upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "claims", "mentions", "ledger", "claim_terms"} <= tables
    dbmod.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    dbmod.upgrade(engine)
    with engine.connect() as conn:
        assert dbmod.current_revision(conn) == dbmod.HEAD_REVISION
    engine.dispose()


def test_first_use_creates_schema_through_migrations(db_url: str) -> None:
    database = dbmod.open_database(db_url)
    try:
        assert database.state is not None and database.state.action == "created"
        with database.engine.connect() as conn:
            assert dbmod.current_revision(conn) == dbmod.HEAD_REVISION
        # Reopening an up-to-date database does nothing.
        again = dbmod.open_database(db_url)
        assert again.state is not None and again.state.action == "ok"
        again.dispose()
    finally:
        database.dispose()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = dbmod.create_engine(str(tmp_path / "p.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == dbmod.SQLITE_BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -dbmod.SQLITE_CACHE_KB
    engine.dispose()


def _stamp(db_url: str, revision: str) -> None:
    engine = dbmod.create_engine(db_url)
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
    monkeypatch.setattr(dbmod, "KNOWN_REVISIONS", ("0000_older", *dbmod.KNOWN_REVISIONS))
    calls: list[str] = []

    def fake_upgrade(engine, revision: str = "head") -> None:  # type: ignore[no-untyped-def]
        calls.append(revision)
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE alembic_version SET version_num = :r"), {"r": dbmod.HEAD_REVISION}
            )

    monkeypatch.setattr(dbmod, "upgrade", fake_upgrade)
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
    monkeypatch.setattr(dbmod, "KNOWN_REVISIONS", ("0000_older", *dbmod.KNOWN_REVISIONS))
    with pytest.raises(DatabaseError, match=r"behind .*run: tracker --db .* db upgrade"):
        dbmod.open_database(db_url)


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
    assert dbmod.to_url(str(tmp_path / "a.db")).get_backend_name() == "sqlite"
    assert dbmod.to_url("sqlite:///x.db").database == "x.db"
    pg = dbmod.to_url("postgresql://u:secret@h/db")
    assert pg.drivername == "postgresql+psycopg"
    assert "secret" not in dbmod.describe(pg)


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

    engine = dbmod.create_engine(db_url)
    dbmod.upgrade(engine, "0001_initial")
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
    dbmod.upgrade(engine, "0002_article_sort_date")
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
    engine = dbmod.create_engine(str(path))
    dbmod.upgrade(engine, "0001_initial")
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
    engine = dbmod.create_engine(db_url)
    dbmod.upgrade(engine, "0001_initial")
    engine.dispose()
    with pytest.raises(DatabaseError, match=r"db upgrade"):
        dbmod.open_database(db_url)
    engine = dbmod.create_engine(db_url)
    with engine.connect() as conn:
        assert dbmod.current_revision(conn) == "0001_initial"
    engine.dispose()


def test_inserting_a_stored_text_again_returns_none_and_changes_nothing(database) -> None:
    import datetime as dt

    from sqlalchemy import func, select

    from tracker import store
    from tracker.models import Article
    from tracker.status import Precision

    values = dict(
        content_hash="c" * 64,
        title="t",
        body="b",
        published=dt.date(2023, 1, 2),
        date_precision=Precision.DAY,
    )
    with database.session() as s:
        first = store.insert_article(s, **values)
        assert isinstance(first, int)
        assert store.insert_article(s, **{**values, "body": "other"}) is None
        s.commit()
        assert s.scalar(select(func.count()).select_from(Article)) == 1
        assert s.get(Article, first).body == "b"


def test_claim_updates_bind_json_and_enums_on_every_backend(database) -> None:
    from tracker import store
    from tracker.models import Claim
    from tracker.status import Status

    with database.session() as s:
        cid = store.insert_claim(
            s,
            text="A / B: investment",
            key="k",
            kind="investment",
            parties=["a"],
            amount=None,
            amount_text=None,
            event_year=None,
            status=Status.RUMOR,
        )
        store.update_claim(s, cid, parties=["a", "b é"], status=Status.CONFIRMED)
        store.update_claim(s, cid, status=Status.DENIED)  # another set of columns
        s.commit()
        claim = s.get(Claim, cid)
        assert claim.parties == ["a", "b é"]
        assert claim.status is Status.DENIED
