"""Who did what: each push carries who created it and who changed it last, and every change
of a push is written to ``push_changes`` by the database itself (docs/TEAM.md, "Who did what").

On PostgreSQL, triggers take the names from the session's own login (``session_user``) and
the times from the server's clock, overwriting whatever a client sent: a desktop cannot
write another person's name. The function that writes the log runs with its owner's rights
(the server's login, which runs this migration), so editors and viewers need no right on
``push_changes`` beyond reading it. On SQLite (one person's file) the same triggers write
the log with an empty name: the file belongs to one account of one computer.

A later migration that rebuilds ``pushes`` on SQLite (batch mode copies the table) drops
these triggers and must create them again; tests/core/test_push_audit.py notices.

Revision ID: 0013
Revises: 0011 (the lead re-chains it after 0012 when merging)
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from pushgui.core.store.models import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

LOGIN = 63  # PostgreSQL's longest name (NAMEDATALEN - 1), as models.LOGIN

CHANGED = "{o}.name IS DISTINCT FROM {n}.name OR {o}.enabled IS DISTINCT FROM {n}.enabled " \
    "OR {o}.spec IS DISTINCT FROM {n}.spec"  # fmt: skip

PG_STAMP = """
CREATE OR REPLACE FUNCTION pushgui_stamp_push() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := session_user;
        NEW.created_at := now() AT TIME ZONE 'UTC';
    ELSE
        NEW.created_by := OLD.created_by;
        NEW.created_at := OLD.created_at;
        IF NOT ({changed}) THEN
            NEW.updated_by := OLD.updated_by;
            NEW.updated_at := OLD.updated_at;
            RETURN NEW;
        END IF;
    END IF;
    NEW.updated_by := session_user;
    NEW.updated_at := now() AT TIME ZONE 'UTC';
    RETURN NEW;
END
$$
"""

PG_LOG = """
CREATE OR REPLACE FUNCTION pushgui_log_push_change() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {schema}.push_changes
            (push_id, action, changed_by, changed_at, name_after, enabled_after)
        VALUES (NEW.id, 'created', session_user, now() AT TIME ZONE 'UTC', NEW.name,
                NEW.enabled);
    ELSIF TG_OP = 'UPDATE' THEN
        IF {changed} THEN
            INSERT INTO {schema}.push_changes
                (push_id, action, changed_by, changed_at, name_before, name_after,
                 enabled_before, enabled_after, spec_before, spec_after)
            VALUES (NEW.id, 'changed', session_user, now() AT TIME ZONE 'UTC', OLD.name,
                    NEW.name, OLD.enabled, NEW.enabled,
                    CASE WHEN OLD.spec IS DISTINCT FROM NEW.spec THEN OLD.spec END,
                    CASE WHEN OLD.spec IS DISTINCT FROM NEW.spec THEN NEW.spec END);
        END IF;
    ELSE
        INSERT INTO {schema}.push_changes
            (push_id, action, changed_by, changed_at, name_before, enabled_before)
        VALUES (OLD.id, 'deleted', session_user, now() AT TIME ZONE 'UTC', OLD.name,
                OLD.enabled);
    END IF;
    RETURN NULL;
END
$$
"""

PG_TRIGGERS = [
    "CREATE TRIGGER pushes_stamp BEFORE INSERT OR UPDATE ON pushes "
    "FOR EACH ROW EXECUTE FUNCTION pushgui_stamp_push()",
    "CREATE TRIGGER pushes_log AFTER INSERT OR UPDATE OR DELETE ON pushes "
    "FOR EACH ROW EXECUTE FUNCTION pushgui_log_push_change()",
]

# SQLite's clock as the store writes times: naive UTC with microseconds.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER pushes_log_insert AFTER INSERT ON pushes BEGIN
        INSERT INTO push_changes
            (push_id, action, changed_by, changed_at, name_after, enabled_after)
        VALUES (NEW.id, 'created', '', {SQLITE_NOW}, NEW.name, NEW.enabled);
    END""",
    f"""CREATE TRIGGER pushes_log_update AFTER UPDATE ON pushes
    WHEN {CHANGED.format(o="OLD", n="NEW").replace("IS DISTINCT FROM", "IS NOT")} BEGIN
        INSERT INTO push_changes
            (push_id, action, changed_by, changed_at, name_before, name_after,
             enabled_before, enabled_after, spec_before, spec_after)
        VALUES (NEW.id, 'changed', '', {SQLITE_NOW}, OLD.name, NEW.name, OLD.enabled,
                NEW.enabled,
                CASE WHEN OLD.spec IS NOT NEW.spec THEN OLD.spec END,
                CASE WHEN OLD.spec IS NOT NEW.spec THEN NEW.spec END);
    END""",
    f"""CREATE TRIGGER pushes_log_delete AFTER DELETE ON pushes BEGIN
        INSERT INTO push_changes
            (push_id, action, changed_by, changed_at, name_before, enabled_before)
        VALUES (OLD.id, 'deleted', '', {SQLITE_NOW}, OLD.name, OLD.enabled);
    END""",
]


def upgrade() -> None:
    with op.batch_alter_table("pushes") as batch:
        batch.add_column(
            sa.Column("created_by", sa.String(LOGIN), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("updated_by", sa.String(LOGIN), nullable=False, server_default="")
        )
    op.create_table(
        "push_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("push_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("changed_by", sa.String(LOGIN), nullable=False, server_default=""),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.Column("name_before", sa.String(200), nullable=True),
        sa.Column("name_after", sa.String(200), nullable=True),
        sa.Column("enabled_before", sa.Boolean(), nullable=True),
        sa.Column("enabled_after", sa.Boolean(), nullable=True),
        sa.Column("spec_before", sa.Text(), nullable=True),
        sa.Column("spec_after", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_push_changes"),
    )
    op.create_index("ix_push_changes_push_id", "push_changes", ["push_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.dialect.identifier_preparer.quote(
            bind.exec_driver_sql("SELECT current_schema()").scalar_one()
        )
        op.execute(PG_STAMP.format(changed=CHANGED.format(o="OLD", n="NEW")))
        op.execute(PG_LOG.format(schema=schema, changed=CHANGED.format(o="OLD", n="NEW")))
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS pushes_log ON pushes")
        op.execute("DROP TRIGGER IF EXISTS pushes_stamp ON pushes")
        op.execute("DROP FUNCTION IF EXISTS pushgui_log_push_change()")
        op.execute("DROP FUNCTION IF EXISTS pushgui_stamp_push()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS pushes_log_{name}")
    op.drop_index("ix_push_changes_push_id", "push_changes")
    op.drop_table("push_changes")
    with op.batch_alter_table("pushes") as batch:
        batch.drop_column("updated_by")
        batch.drop_column("created_by")
