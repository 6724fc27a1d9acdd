"""The delivery queue against real local servers: one bad recipient fails alone, a dropped
SMTP connection is reopened for the rest, and a later run supersedes pending retries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import insert, select, update

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import EmailConfig, SlackConfig
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushOptions, Target
from pushgui.core.runs.runner import retry_run, run_push
from pushgui.core.store.models import Contact, Delivery, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.helpers import weekdays_at_nine
from tests.servers import Reply, _free_port

MOMENT = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)


class CountingInbox:
    """Accepts every message and logs each accepted recipient; drops the connection, without
    accepting, when the message is for an address in ``drop``."""

    def __init__(self, drop: tuple[str, ...] = ()) -> None:
        self.accepted: list[str] = []
        self.drop = drop

    async def handle_DATA(self, server, session, envelope):
        if any(a in self.drop for a in envelope.rcpt_tos):
            server.transport.close()
            return "421 closing"
        self.accepted.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def smtp_server():
    servers = []

    def start(inbox):
        controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), ready_timeout=5)
        controller.start()
        servers.append(controller)
        return controller.port

    yield start
    for controller in servers:
        controller.stop()


@pytest.fixture
def world(database, scheduler):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    yield ChannelBook(database, secrets), ContactBook(database), PushService(database, scheduler)


def rows(database):
    with database.session() as session:
        return [
            (d.address, d.status, d.attempts, d.error)
            for d in session.execute(select(Delivery).order_by(Delivery.id)).scalars()
        ]


def email_push(world, port, contact_ids, title="Hi ${name}", retries=3):
    channels, contacts, service = world
    mail = channels.save(
        "Mail", EmailConfig(host="127.0.0.1", port=port, security="none", sender_address="r@x.org")
    )
    team = contacts.save_group(GroupRecord("Team", tuple(contact_ids)))
    return service.create(
        replace(
            weekdays_at_nine(),
            message=Message(title, "Body for ${name}"),
            targets=(Target("email", mail, (), (team,)),),
            options=PushOptions(retries=retries, retry_delay=60),
        )
    )


def test_a_recipient_whose_message_cannot_be_built_fails_alone(
    scheduler, world, database, smtp_server
):
    inbox = CountingInbox()
    port = smtp_server(inbox)
    _channels, contacts, _service = world
    ann = contacts.save(ContactRecord("Ann", "ann@example.com"))
    # A name with a line break (Excel Alt+Enter in a quoted CSV cell), stored before input
    # validation refused them: the email library cannot put it in a Subject header.
    with database.session() as session:
        bad = session.execute(
            insert(Contact)
            .values(name="Bob\nSmith", email="bob@example.com", fields="{}")
            .returning(Contact.id)
        ).scalar_one()
    cid = contacts.save(ContactRecord("Cid", "cid@example.com"))
    push_id = email_push(world, port, (ann, bad, cid))

    ctx = scheduler.job_context.at(MOMENT)
    status = run_push(push_id, context=ctx)

    assert status == "partial"
    assert sorted(inbox.accepted) == ["ann@example.com", "cid@example.com"]
    by_address = {
        address: (status, attempts, error) for address, status, attempts, error in rows(database)
    }
    assert by_address["ann@example.com"] == ("sent", 1, "")
    assert by_address["cid@example.com"] == ("sent", 1, "")
    status, attempts, error = by_address["bob@example.com"]
    assert (status, attempts) == ("failed", 1)
    assert "could not be built" in error and "Bob" in error
    # Nothing is waiting to send any of them again.
    assert not [r for r in rows(database) if r[1] == "retrying"]


def test_a_dropped_smtp_connection_is_reopened_for_the_recipients_after_it(
    scheduler, world, database, smtp_server
):
    inbox = CountingInbox(drop=("p2@example.com",))
    port = smtp_server(inbox)
    _channels, contacts, _service = world
    ids = contacts.save_many([ContactRecord(f"P{i}", f"p{i}@example.com") for i in range(6)])
    push_id = email_push(world, port, ids)

    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "retrying"

    assert sorted(inbox.accepted) == [f"p{i}@example.com" for i in (0, 1, 3, 4, 5)]
    statuses = {address: status for address, status, _a, _e in rows(database)}
    assert statuses.pop("p2@example.com") == "retrying"
    assert set(statuses.values()) == {"sent"}


def test_a_later_run_supersedes_the_pending_retry_so_the_recipient_gets_one_message(
    scheduler, world, database, fake
):
    channels, _contacts, service = world
    slack = channels.save("Slack", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX"))
    push_id = service.create(
        replace(
            weekdays_at_nine(),
            targets=(Target("slack", slack),),
            options=PushOptions(retries=3, retry_delay=30),
        )
    )
    fake.queue(Reply(503, "temporarily unavailable"))
    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "retrying"
    with database.session() as session:
        first_run = session.execute(select(Run.id)).scalar_one()
        [(status, next_try)] = session.execute(
            select(Delivery.status, Delivery.next_attempt_at)
        ).all()
    assert status == "retrying" and next_try is not None

    # The user fixed the channel and pressed Run now: that run reaches the recipient.
    assert run_push(push_id, reason="manual", context=scheduler.job_context) == "ok"
    # The retry job fires later, as it would have 34 s on.
    with database.session() as session:
        session.execute(update(Delivery).values(next_attempt_at=datetime.now(UTC)))
    retry_run(first_run, context=scheduler.job_context)

    assert len(fake.requests) == 2  # the refused try and the manual run; no third message
    with database.session() as session:
        statuses = session.execute(
            select(Run.id, Delivery.status, Delivery.error)
            .join(Run, Run.id == Delivery.run_id)
            .order_by(Delivery.id)
        ).all()
        first_status = session.get_one(Run, first_run).status
    assert statuses[0][1] == "superseded" and "later run" in statuses[0][2]
    assert statuses[1][1] == "sent"
    assert first_status == "ok"


def test_two_lanes_settling_one_run_at_once_leave_it_ok(database):
    """A run with deliveries on two channels is settled by each channel's lane. One lane
    read the other's delivery as still sending, the other then committed it sent and
    settled the run ok, and the first wrote "running" over it: the run stayed running
    although both messages were sent (seen under load in the fault tests)."""
    import sqlite3
    import threading

    from sqlalchemy import event

    from pushgui.core.delivery.settle import finish_run
    from pushgui.core.store.models import Push

    with database.session() as session:
        push = Push(name="Both ways", spec="{}", enabled=False)
        session.add(push)
        session.flush()
        run = Run(
            push_id=push.id,
            reason="schedule",
            scheduled_at=datetime.now(UTC),
            started_at=datetime.now(UTC),
            status="running",
        )
        session.add(run)
        session.flush()
        run_id = run.id
        for channel, status in (("email", "sent"), ("dingtalk", "sending")):
            session.add(
                Delivery(
                    run_id=run_id,
                    channel=channel,
                    recipient=channel,
                    address="",
                    title="t",
                    body="b",
                    html="",
                    status=status,
                )
            )

    # Lane A settles; right after it read the deliveries it is held until lane B had its go.
    read = threading.Event()
    release = threading.Event()

    def hold_after_read(conn, cursor, statement, parameters, context, executemany):
        if threading.current_thread().name == "lane-a" and "FROM deliveries" in statement:
            read.set()
            release.wait(60)

    event.listen(database.engine, "after_cursor_execute", hold_after_read)
    statuses: dict[str, str] = {}
    lane_a = threading.Thread(
        target=lambda: statuses.setdefault("a", finish_run(database, run_id)), name="lane-a"
    )
    try:
        lane_a.start()
        assert read.wait(60)
        # Lane B: its delivery is sent. While lane A holds the write lock (as it must), B
        # cannot commit; without that lock B commits at once and A's stale read wins later.
        lane_b = sqlite3.connect(database.path, timeout=0.5, isolation_level=None)
        try:
            lane_b.execute("BEGIN IMMEDIATE")
            b_went_first = True
        except sqlite3.OperationalError:
            b_went_first = False
        if b_went_first:
            lane_b.execute("UPDATE deliveries SET status = 'sent' WHERE channel = 'dingtalk'")
            lane_b.execute("COMMIT")
            statuses["b"] = finish_run(database, run_id)  # sees both sent: ok
            release.set()  # lane A goes on with what it read before
            lane_a.join(60)
        else:
            release.set()
            lane_a.join(60)
            lane_b.execute("BEGIN IMMEDIATE")
            lane_b.execute("UPDATE deliveries SET status = 'sent' WHERE channel = 'dingtalk'")
            lane_b.execute("COMMIT")
            statuses["b"] = finish_run(database, run_id)
        lane_b.close()
    finally:
        release.set()
        lane_a.join(60)
        event.remove(database.engine, "after_cursor_execute", hold_after_read)
    with database.session() as session:
        assert session.get_one(Run, run_id).status == "ok", statuses
