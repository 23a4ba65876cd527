"""articles.syndicated_of_id: another outlet's copy of an article's text

Revision ID: 0004_syndication
Revises: 0003_retractions_and_watch
Create Date: 2027-01-20

The column is added in place (no foreign key: on SQLite a constraint on a new
column would make batch mode copy the table, deleting its mentions first; see
migrations/env.py) and dropped in place on the way down (SQLite 3.35+).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_syndication"
down_revision = "0003_retractions_and_watch"
branch_labels = None
depends_on = None

#: The first SQLite that drops a column in place (ALTER TABLE ... DROP COLUMN).
SQLITE_DROP_COLUMN = (3, 35, 0)


def upgrade() -> None:
    op.add_column("articles", sa.Column("syndicated_of_id", sa.Integer(), nullable=True))
    op.create_index(
        op.f("ix_articles_syndicated_of_id"), "articles", ["syndicated_of_id"], unique=False
    )


def downgrade() -> None:
    dialect = op.get_context().dialect
    if dialect.name == "sqlite":
        found = dialect.server_version_info or (0,)
        if tuple(found) < SQLITE_DROP_COLUMN:
            raise RuntimeError(
                "downgrading below 0004_syndication needs SQLite "
                f"{'.'.join(map(str, SQLITE_DROP_COLUMN))} or newer to keep every row "
                f"(this Python has SQLite {'.'.join(map(str, found))}); nothing was changed"
            )
    op.drop_index(op.f("ix_articles_syndicated_of_id"), table_name="articles")
    op.drop_column("articles", "syndicated_of_id")
