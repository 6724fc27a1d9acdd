"""The job functions moved into pushgui/core/runs/: stored jobs name them by their new place.

APScheduler keeps each job's function as text ("module:function") in the pickled state of
its row in ``apscheduler_jobs``. When the core modules were put in folders by feature
(docs/ARCHITECTURE.md, "Layers"), the four job functions moved; a row still naming the old
module could not be read, and a retry, heads-up or snoozed reminder waiting in it would be
lost. Each readable row naming an old place is rewritten to the new one (downgrade: back);
a row that cannot be read is left as it is (the start-up reconcile reports it). A new
database has no such table yet: APScheduler creates it at the first start.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

import pickle

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MOVED = {
    "pushgui.core.runner:run_push": "pushgui.core.runs.runner:run_push",
    "pushgui.core.runner:retry_run": "pushgui.core.runs.runner:retry_run",
    "pushgui.core.headsup:announce": "pushgui.core.runs.headsup:announce",
    "pushgui.core.snooze:run_snoozed": "pushgui.core.runs.snooze:run_snoozed",
}


def _rewrite(places: dict[str, str]) -> None:
    connection = op.get_bind()
    if not sa.inspect(connection).has_table("apscheduler_jobs"):
        return
    rows = connection.execute(sa.text("SELECT id, job_state FROM apscheduler_jobs")).all()
    for job_id, state in rows:
        try:
            data = pickle.loads(state)
        except Exception:  # unreadable rows are reconcile's to report
            continue
        if not isinstance(data, dict) or data.get("func") not in places:
            continue
        data["func"] = places[data["func"]]
        connection.execute(
            sa.text("UPDATE apscheduler_jobs SET job_state = :state WHERE id = :id"),
            {"state": pickle.dumps(data, pickle.HIGHEST_PROTOCOL), "id": job_id},
        )


def upgrade() -> None:
    _rewrite(MOVED)


def downgrade() -> None:
    _rewrite({new: old for old, new in MOVED.items()})
