"""A push's name and enabled flag live only in the push row's columns, not in its spec JSON.

They used to be stored twice (columns and spec JSON), and the copies could drift. Each
readable spec loses its ``name`` and ``enabled`` keys; a spec that cannot be read is left
byte for byte as it is (it is set aside as damaged when the database is opened). Downgrade
writes them back from the columns.

Revision ID: 0009
Revises: 0005 (the lead re-chains it after the last revision merged before it)
Create Date: 2026-11-30
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None

ROW_FIELDS = ("name", "enabled")


def _rewrite(change) -> None:  # type: ignore[no-untyped-def]
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, name, enabled, spec FROM pushes")).all()
    for push_id, name, enabled, text in rows:
        try:
            data = json.loads(text)
        except (TypeError, ValueError, RecursionError):
            continue  # unreadable: kept as it is, set aside when the database is opened
        if not isinstance(data, dict):
            continue
        new = change(data, name, bool(enabled))
        connection.execute(
            sa.text("UPDATE pushes SET spec = :spec WHERE id = :id"),
            {"spec": json.dumps(new), "id": push_id},
        )


def upgrade() -> None:
    _rewrite(lambda data, _name, _enabled: {k: v for k, v in data.items() if k not in ROW_FIELDS})


def downgrade() -> None:
    _rewrite(lambda data, name, enabled: {"name": name, "enabled": enabled, **data})
