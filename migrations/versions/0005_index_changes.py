"""index_changes: a counter of writes to the inverted index

Revision ID: 0005_index_changes
Revises: 0004_syndication
Create Date: 2026-12-01

One row, incremented by every transaction that writes the index (a claim
created, terms added or removed, document frequencies changed). A writer reads
it when its transaction starts: if it moved since the writer last looked,
another process wrote, and what the writer keeps in memory of the index is
dropped.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_index_changes"
down_revision = "0004_syndication"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "index_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_changes")),
    )
    op.bulk_insert(table, [{"id": 1, "changes": 0}])


def downgrade() -> None:
    op.drop_table("index_changes")
