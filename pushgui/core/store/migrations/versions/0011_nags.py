"""Nag until done: one row per run of a reminder that repeats until it is marked done.

Revision ID: 0011
Revises: 0010 (the lead re-chains if another branch adds one)
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("push_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("next_at", sa.DateTime(), nullable=True),
        sa.Column("escalate_at", sa.DateTime(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("nags_sent", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_nags_run_id_runs", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_nags"),
        sa.UniqueConstraint("run_id", name="uq_nags_run_id"),
    )
    op.create_index("ix_nags_push_id", "nags", ["push_id"])


def downgrade() -> None:
    op.drop_index("ix_nags_push_id", "nags")
    op.drop_table("nags")
