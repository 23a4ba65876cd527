"""articles.sort_date: the date the timeline orders by, indexed

Revision ID: 0002_article_sort_date
Revises: 0001_initial
Create Date: 2026-11-28

A data migration: existing rows are back-filled from ``published``, its
precision (a partial date counts from the end of its period) and ``added_at``.
The rule is copied here, not imported, so this migration keeps its meaning
whatever later code does.
"""

from __future__ import annotations

import calendar
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002_article_sort_date"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _sort_date(published: object, precision: str, added_at: object) -> dt.date:
    day = _as_date(published)
    if day is None:
        added = _as_date(added_at)
        assert added is not None
        return added
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_date", sa.Date(), nullable=True))

    articles = sa.table(
        "articles",
        sa.column("id", sa.Integer),
        sa.column("published", sa.Date),
        sa.column("date_precision", sa.String),
        sa.column("added_at", sa.DateTime),
        sa.column("sort_date", sa.Date),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(
            articles.c.id, articles.c.published, articles.c.date_precision, articles.c.added_at
        )
    ).all()
    updates = [
        {"b_id": r.id, "b_sort": _sort_date(r.published, r.date_precision, r.added_at)}
        for r in rows
    ]
    if updates:
        conn.execute(
            articles.update()
            .where(articles.c.id == sa.bindparam("b_id"))
            .values(sort_date=sa.bindparam("b_sort")),
            updates,
        )

    # The column stays nullable in the schema (the tracker always fills it): making
    # it NOT NULL would make SQLite copy the whole table, minutes on a large store.
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_sort_date"), ["sort_date"], unique=False)


#: The first SQLite that drops a column in place (ALTER TABLE ... DROP COLUMN).
SQLITE_DROP_COLUMN = (3, 35, 0)


def downgrade() -> None:
    # The column is dropped in place, not by batch mode's copy of the table. The
    # copy drops "articles" itself, and SQLite, with foreign keys on (as on every
    # tracker connection; they cannot be switched off inside the transaction a
    # migration runs in), first deletes its rows: every mention would go with
    # them (ON DELETE CASCADE), with their suggestions, and the ledger and the
    # revisions would lose their article links (SET NULL).
    dialect = op.get_context().dialect
    if dialect.name == "sqlite":
        found = dialect.server_version_info or (0,)
        if tuple(found) < SQLITE_DROP_COLUMN:
            raise RuntimeError(
                "downgrading below 0002_article_sort_date needs SQLite "
                f"{'.'.join(map(str, SQLITE_DROP_COLUMN))} or newer to keep every row "
                f"(this Python has SQLite {'.'.join(map(str, found))}); nothing was changed"
            )
    op.drop_index(op.f("ix_articles_sort_date"), table_name="articles")
    op.drop_column("articles", "sort_date")
