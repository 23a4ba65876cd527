"""store/changes.py: the index's change counter, and a linker that drops what it
cached of the index when another writer wrote it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tracker import store
from tracker.config import load_settings
from tracker.link.linker import Linker
from tracker.status import Status


def _claim(session: Session, name: str) -> int:
    return store.insert_claim(
        session,
        text=f"{name}: acquisition",
        key=name,
        kind="acquisition",
        parties=[name],
        amount=None,
        amount_text=None,
        event_year=None,
        status=Status.RUMOR,
    )


def _counter(database: Any) -> int:
    with Session(database.engine) as s:
        return store.index_changes(s)


def _linker_over_one_claim(session: Session, settings: Any) -> Linker:
    """A store of one claim ("acme", term ``p:acme``), and a linker on ``session``
    that has begun its first article."""
    cid = _claim(session, "acme")
    store.add_terms(session, cid, {"p:acme": 1})
    session.commit()
    linker = Linker(session, settings)
    linker.next_article()
    return linker


def _write_as_the_linker(linker: Linker, session: Session) -> None:
    """A new claim with the term ``p:acme``, counted in as the linker counts its own."""
    new = _claim(session, "acme-2")
    linker.note_new_claim()
    store.add_terms(session, new, {"p:acme": 1})
    linker._df["p:acme"] += 1


def test_the_counter_moves_once_per_committed_index_write(database: Any) -> None:
    assert _counter(database) == 0
    with Session(database.engine) as s:
        cid = _claim(s, "acme")
        store.add_terms(s, cid, {"p:acme": 1, "w:deal": 1})  # one transaction: one move
        s.commit()
        assert store.committed_changes(s) == 1
    assert _counter(database) == 1
    with Session(database.engine) as s:  # rolled back: no move
        _claim(s, "globex")
        s.rollback()
        s.commit()
    with Session(database.engine) as s:  # nothing of the index written: no move
        store.index_changes(s)
        s.commit()
    assert _counter(database) == 1
    with Session(database.engine) as s:
        store.clear_terms(s, cid)
        s.commit()
    assert _counter(database) == 2


def test_a_linker_sees_what_another_writer_wrote(database: Any) -> None:
    settings = load_settings(database.db)
    with Session(database.engine) as mine, Session(database.engine) as other:
        linker = _linker_over_one_claim(mine, settings)
        assert linker.n_claims() == 1
        assert linker.frequencies(["p:acme"]) == {"p:acme": 1}
        mine.commit()

        # Its own writes, counted in as it makes them, keep its caches.
        linker.next_article()
        _write_as_the_linker(linker, mine)
        mine.commit()
        linker.next_article()
        assert linker._df == {"p:acme": 2} and linker._n_claims == 2
        mine.commit()

        # Another writer's claim and terms: the next transaction reads them.
        for name in ("globex", "initech"):
            oid = _claim(other, name)
            store.add_terms(other, oid, {"p:acme": 1})
        other.commit()
        linker.next_article()
        assert linker.n_claims() == 4
        assert linker.frequencies(["p:acme"]) == {"p:acme": 4}


def test_a_write_by_another_during_a_linkers_transaction_is_seen(database: Any) -> None:
    """On PostgreSQL transactions overlap: another writer may commit while the
    linker's transaction runs, so the linker's own commit moves the counter by
    two. The next transaction drops what the linker kept. (SQLite writers take
    turns: the other writer could not commit in between.)"""
    import pytest

    if database.engine.dialect.name == "sqlite":
        pytest.skip("SQLite writers take turns: no write lands inside another's transaction")
    settings = load_settings(database.db)
    with Session(database.engine) as mine, Session(database.engine) as other:
        linker = _linker_over_one_claim(mine, settings)
        assert linker.frequencies(["p:acme"]) == {"p:acme": 1}
        _write_as_the_linker(linker, mine)  # the linker's transaction writes...
        # ... while another commits its own (other rows: it does not wait on the linker)
        oid = _claim(other, "globex")
        store.add_terms(other, oid, {"p:globex": 1})
        other.commit()
        mine.commit()
        linker.next_article()
        assert linker._df == {} and linker._n_claims is None  # dropped
        assert linker.frequencies(["p:acme", "p:globex"]) == {"p:acme": 2, "p:globex": 1}
        assert linker.n_claims() == 3


def test_a_database_without_update_returning_reads_the_counter_back(
    database: Any, monkeypatch: Any
) -> None:
    """SQLite before 3.35 has no ``UPDATE ... RETURNING``: the counter is then
    moved and read in two statements, to the same value."""
    with Session(database.engine) as s:
        store.add_terms(s, _claim(s, "acme"), {"p:acme": 1})
        s.commit()
        assert store.committed_changes(s) == 1
    monkeypatch.setattr(database.engine.dialect, "update_returning", False)
    with Session(database.engine) as s:
        store.add_terms(s, _claim(s, "bolt"), {"p:bolt": 1})
        s.commit()
        assert store.committed_changes(s) == 2 == _counter(database)
