"""Shared fixtures: a fresh database per test, on SQLite and (when a server is
given) PostgreSQL, and an isolated home so no test touches the user's data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL_ENV = "TRACKER_TEST_PG_URL"
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"
SEED_DIR = ROOT.parent / "shared" / "seed"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TRACKER_HOME", str(home))
    # The config file is looked for in TRACKER_HOME too: none there unless a test writes one.
    from tracker.configfile import SPECS

    for name in ("TRACKER_CONFIG", *(spec.env for spec in SPECS)):
        monkeypatch.delenv(name, raising=False)


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = _pg_admin_url()
    if not url:
        pytest.skip(
            f"PostgreSQL tests need a server: set {PG_URL_ENV}=postgresql://user@host:port/db "
            "(.ci/run starts a throwaway one)"
        )
    return url


def _new_pg_database(admin_url: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tracker.engine import to_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(to_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(str(to_url(admin_url).render_as_string(hide_password=False))).set(database=name)
    return url.render_as_string(hide_password=False), name


def _drop_pg_database(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    from tracker.engine import to_url

    admin = create_engine(to_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL (or path) to a brand-new, empty database on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "tracker.db")
        return
    admin = request.getfixturevalue("pg_admin_url")
    url, name = _new_pg_database(admin)
    try:
        yield url
    finally:
        _drop_pg_database(admin, name)


@pytest.fixture
def database(db_url: str) -> Iterator[object]:
    """An opened database at head (created by the migrations)."""
    from tracker.db import open_database

    db = open_database(db_url)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def runner() -> object:
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def site() -> Iterator[object]:
    """A web site on 127.0.0.1 (see tests/web.py), for the tests that fetch."""
    from .web import serve

    yield from serve()
