"""What the first run of a push pays once per process, paid ahead while the app is idle.

The first run in a fresh process was about 100 ms later than the next ones (bench/long_wait):
the HTTP side (httpx, which parses the senders' addresses, and the system's certificates)
is imported at the first send, and SQLAlchemy compiles each statement of a run the first
time it is executed. :func:`warm_up_http` and
:func:`compile_run_statements` do both ahead; the application calls them when idle.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from pushgui.core.store.db import Database
from pushgui.core.store.models import Push, Run
from pushgui.core.system.secrets import SecretStore

log = logging.getLogger(__name__)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def warm_up_http() -> None:
    """Build the senders and one HTTP client (TLS context and transport); safe in a worker."""
    from pushgui.core.channels.transport import make_client
    from pushgui.core.channels.transport import warm_up as warm_up_senders

    warm_up_senders()
    make_client().close()


def compile_run_statements(database: Database, secrets: SecretStore) -> None:
    """Execute the statements a run executes, in one transaction that is rolled back.

    A placeholder push, run and delivery are written and read as the job function does
    (``pushgui.core.runs.runner``), so SQLAlchemy's statement cache holds them, then the
    transaction is rolled back: nothing is stored and no other connection ever sees them.
    A failure only costs the warm-up; it is logged and ignored.
    """
    from pushgui.core.channels.book import ChannelBook

    try:
        ChannelBook(database, secrets).channels()
        with database.sessions() as session:
            try:
                _run_statements(session)
            finally:
                session.rollback()
    except SQLAlchemyError:
        log.debug("Could not warm up the run's statements", exc_info=True)


def _run_statements(session: Session) -> None:
    """What ``run_push`` and the delivery queue execute for one run, through their own
    functions where they have them, so the two stay in step."""
    from pushgui.core.delivery.queue import next_retry_at, write_deliveries
    from pushgui.core.delivery.settle import settle_run, settle_runs
    from pushgui.core.delivery.supersede import supersede, supersede_many
    from pushgui.core.messages.recipients import Recipient
    from pushgui.core.pushes.spec import Message, PushSpec
    from pushgui.core.runs.record import delivery_row
    from pushgui.core.schedule.spec import CalendarSpec

    push = Push(name="warm-up", spec="{}", enabled=False)
    session.add(push)
    session.flush()
    run = Run(
        push_id=push.id, reason="warm-up", scheduled_at=_EPOCH, started_at=_EPOCH, status="running"
    )
    session.add(run)
    session.flush()
    session.execute(select(func.count(Run.id)).where(Run.push_id == push.id)).scalar_one()
    # The runs due in one pass are written together (record.record_runs).
    session.execute(
        select(Run.push_id, func.count(Run.id))
        .where(Run.push_id.in_([push.id]))
        .group_by(Run.push_id)
    ).all()
    together = session.execute(
        insert(Run).returning(Run.id),
        [
            {
                "push_id": push.id,
                "reason": "warm-up",
                "scheduled_at": _EPOCH + timedelta(seconds=1),
                "started_at": _EPOCH,
                "status": "running",
            }
        ],
    ).scalar_one()
    spec = PushSpec("warm-up", Message("", ""), CalendarSpec(timezone="UTC"))
    # The insert leaves out columns that are None: one row as for the desktop, one as for a
    # contact through a channel.
    desktop = Recipient("desktop", None, None, "", "", {})
    contact = Recipient("email", 0, 0, "", "", {})
    pending = [
        one
        for recipient in (desktop, contact)
        for one in write_deliveries(session, [delivery_row(spec, run.id, recipient, _EPOCH, 1)])
    ]
    supersede(session, push.id, run.id, pending)
    supersede_many(session, [(push.id, run.id, pending), (push.id, together, [])])
    next_retry_at(session, run.id)
    session.expunge_all()  # as in a run, the push and the run are read from the database
    session.get(Push, push.id)
    settle_run(session, run.id)
    session.flush()
    settle_runs(session.connection(), [run.id, together])
