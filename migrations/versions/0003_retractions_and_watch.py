"""articles.retracted_at and retraction_note; watched_sources for tracker watch

Revision ID: 0003_retractions_and_watch
Revises: 0002_article_sort_date
Create Date: 2027-01-12

Columns are added to ``articles`` in place and dropped in place on the way
down (SQLite 3.35+): batch mode's copy of the table would delete its rows first,
and with them every mention (see migrations/env.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_retractions_and_watch"
down_revision = "0002_article_sort_date"
branch_labels = None
depends_on = None

#: The first SQLite that drops a column in place (ALTER TABLE ... DROP COLUMN).
SQLITE_DROP_COLUMN = (3, 35, 0)


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retracted_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("retraction_note", sa.Text(), nullable=True))

    op.create_table(
        "watched_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watched_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_watched_sources_key")),
    )


def downgrade() -> None:
    dialect = op.get_context().dialect
    if dialect.name == "sqlite":
        found = dialect.server_version_info or (0,)
        if tuple(found) < SQLITE_DROP_COLUMN:
            raise RuntimeError(
                "downgrading below 0003_retractions_and_watch needs SQLite "
                f"{'.'.join(map(str, SQLITE_DROP_COLUMN))} or newer to keep every row "
                f"(this Python has SQLite {'.'.join(map(str, found))}); nothing was changed"
            )
    op.drop_table("watched_sources")
    op.drop_column("articles", "retraction_note")
    op.drop_column("articles", "retracted_at")
