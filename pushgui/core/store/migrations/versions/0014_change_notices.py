"""Change notices on a team database: triggers that NOTIFY the servers and editors.

On PostgreSQL, every committed change to a push, a run, a delivery or a scheduler job
sends a notice on the channel ``pushgui_changes`` (docs/ARCHITECTURE.md, "Team database:
change notices"): the active ``pushgui serve`` re-reads a changed push and reschedules
it, and the windows of desktop editors refresh what they show. SQLite has no
LISTEN/NOTIFY (and a single desktop needs none): this revision changes nothing there.

Revision ID: 0014
Revises: 0011 (while developing; the lead re-chains it after 0012 and 0013)
Create Date: 2026-11-30
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

CHANNEL = "pushgui_changes"  # the same as pushgui.core.server.notices.CHANNEL

# Payload "table:key". Row-level where the key says what to refresh (the push, the job);
# statement-level for deliveries, whose bursts would otherwise send one notice per row
# (PostgreSQL folds identical notices of one transaction into one).
FUNCTIONS = {
    "pushgui_notice_push": "COALESCE(NEW.id, OLD.id)::text",
    "pushgui_notice_run": "COALESCE(NEW.push_id, OLD.push_id)::text",
    "pushgui_notice_job": "COALESCE(NEW.id, OLD.id)::text",
}
ROW_TRIGGERS = {
    "pushes": "pushgui_notice_push",
    "runs": "pushgui_notice_run",
    "apscheduler_jobs": "pushgui_notice_job",
}
STATEMENT_TRIGGERS = ("deliveries", "contacts", "contact_groups", "group_members", "templates")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, key in FUNCTIONS.items():
        op.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            f"PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':' || {key}); "
            "RETURN NULL; "
            "END $$"
        )
    op.execute(
        "CREATE OR REPLACE FUNCTION pushgui_notice_table() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ':'); RETURN NULL; END $$"
    )
    for table, function in ROW_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER pushgui_notice AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    for table in STATEMENT_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER pushgui_notice AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION pushgui_notice_table()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in (*ROW_TRIGGERS, *STATEMENT_TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS pushgui_notice ON {table}")
    for name in (*FUNCTIONS, "pushgui_notice_table"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
