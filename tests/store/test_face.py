"""The store as a whole: one face for its modules, modules of a readable size,
the only SQL, and never a commit (the caller owns the transaction)."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker import articles, corrections, export, integrity, store
from tracker.config import load_settings
from tracker.models import Article

from ..conftest import ROOT
from ..stories import OFFICIAL_EN, RUMOR_EN

MODULES = (
    "articles",
    "article_listing",
    "index",
    "claims",
    "listing",
    "ledger",
    "suggestions",
    "checks",
    "watched",
)


@pytest.mark.parametrize("name", MODULES)
def test_the_face_reexports_every_public_name(name: str) -> None:
    module = importlib.import_module(f"tracker.store.{name}")
    tree = ast.parse(inspect.getsource(module))
    public = [
        n
        for node in tree.body
        for n in (
            [node.name]
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))
            else [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        )
        if not n.startswith("_")
    ]
    assert public
    for n in public:
        assert getattr(store, n) is getattr(module, n), n
        assert n in store.__all__, n


def test_modules_stay_readable() -> None:
    for path in (ROOT / "tracker" / "store").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


#: Modules that speak to the database only through the store.
THROUGH_THE_STORE = (
    "corrections",
    "integrity",
    "export",
    "evaluate",
    "timeline",
    "search",
    "articles",
    "watch",
)
SQL = re.compile(
    r"(?<![\w.])(?<!def )(select|update|delete|insert|text)\("
    r"|session\.(execute|scalars?|get|add|delete|query)\("
    r"|^\s*from sqlalchemy import",
    re.M,
)


@pytest.mark.parametrize("name", THROUGH_THE_STORE)
def test_no_sql_outside_the_store(name: str) -> None:
    source = Path(ROOT / "tracker" / f"{name}.py").read_text(encoding="utf-8")
    code = source.split("if TYPE_CHECKING:")[0] + "".join(
        part.split("\n\n", 1)[-1] for part in source.split("if TYPE_CHECKING:")[1:]
    )
    assert SQL.findall(code) == [], name


def test_nothing_commits_and_a_rollback_undoes_everything(database, monkeypatch) -> None:
    """A day's work (adds, corrections, a repair, an export) inside one
    transaction that nothing but the caller may commit."""
    import io

    from tracker import pipeline

    settings = load_settings(database.db)

    def work(session) -> None:
        added = [pipeline.add_article(session, a, settings) for a in (RUMOR_EN, OFFICIAL_EN)]
        claim_id = added[0].mentions[0].claim_id
        if len({r.mentions[0].claim_id for r in added}) == 2:
            corrections.merge(session, str(added[1].mentions[0].claim_id), str(claim_id))
        corrections.split(session, str(claim_id), [str(added[1].article_id)])
        corrections.rename(session, str(claim_id), "renamed")
        articles.retract(session, str(added[0].article_id), note="withdrawn")
        articles.list_articles(session, source="daily", limit=1)
        articles.restore(session, str(added[0].article_id))
        integrity.check(session, repair=True)
        export.write(session, "json", io.StringIO())
        assert store.counts(session)["articles"] == 2

    class Rollback(Exception):
        pass

    with database.session() as s:
        monkeypatch.setattr(s, "commit", lambda: pytest.fail("something committed"))
        with pytest.raises(Rollback):
            try:
                work(s)
                raise Rollback
            finally:
                monkeypatch.undo()
        s.rollback()
        assert s.scalar(select(func.count()).select_from(Article)) == 0
