"""@mentions: a contact's IDs on the chat services, and who a delivery @mentions.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

Both columns are added with a default, so existing rows keep working: a contact without
IDs, a delivery that mentions nobody (docs/MENTIONS.md).
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("service_ids", sa.Text(), nullable=False, server_default="{}"))
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("mentions", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("mentions")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("service_ids")
