"""How many parts of a split message a delivery's earlier attempts got through.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01

A message sent in ordered parts (Telegram and Discord split a long one; WeCom sends the
mentions ahead) whose later part failed is retried from that part: the parts the service
took are not sent twice. Existing rows start at 0.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("parts_sent", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("parts_sent")
