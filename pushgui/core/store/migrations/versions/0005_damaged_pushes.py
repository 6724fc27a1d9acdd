"""Pushes whose stored spec cannot be read are set aside here, raw bytes kept.

Revision ID: 0005
Revises: 0003 (0004 once the delivery-engine branch is merged: the lead re-chains)
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "damaged_pushes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("push_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_damaged_pushes"),
    )


def downgrade() -> None:
    op.drop_table("damaged_pushes")
