"""claim_terms clustered by term on SQLite (WITHOUT ROWID)

Revision ID: 0006_claim_terms_clustered
Revises: 0005_index_changes
Create Date: 2026-12-01

Candidate retrieval reads the posting lists of a few terms, weights included.
In a rowid table each row found by the (term, claim_id) key costs a second
look-up for its weight; a WITHOUT ROWID table keeps the rows in key order, so
a posting list is one range of one b-tree (the grouped candidate query runs
in about half the time) and an insert writes one b-tree fewer.

On SQLite the table is copied into the new form and back on the way down,
every row of a claim kept (a row whose claim is gone indexes nothing and is
left behind); no other table refers to it, so dropping the old copy fires no
ON DELETE action (see migrations/env.py). PostgreSQL has no such form:
nothing changes there.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_claim_terms_clustered"
down_revision = "0005_index_changes"
branch_labels = None
depends_on = None

_COPY = "_claim_terms_copy"


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _rebuild(with_rowid=False)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        _rebuild(with_rowid=True)


def _rebuild(*, with_rowid: bool) -> None:
    op.create_table(
        _COPY,
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name="fk_claim_terms_claim_id_claims",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "claim_id", name="pk_claim_terms"),
        sqlite_with_rowid=with_rowid,
    )
    # A row whose claim is gone (a store written with foreign keys off) would
    # fail the copy's own key: it indexes nothing, and is left behind.
    op.execute(
        f"INSERT INTO {_COPY} (term, claim_id, weight) "
        "SELECT term, claim_id, weight FROM claim_terms "
        "WHERE claim_id IN (SELECT id FROM claims)"
    )
    op.drop_index("ix_claim_terms_claim_id", table_name="claim_terms")
    op.drop_table("claim_terms")
    op.rename_table(_COPY, "claim_terms")
    op.create_index("ix_claim_terms_claim_id", "claim_terms", ["claim_id"], unique=False)
