"""Runs that deliver for real: email to a group over STARTTLS, bots that refuse or fail, and
retries that are persisted jobs. Servers are real and local (tests/servers.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig, EmailConfig, SlackConfig, TelegramConfig
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushOptions, Target
from pushgui.core.runs.jobs import retry_id as retry_job_id
from pushgui.core.runs.runner import retry_run, run_push
from pushgui.core.store.models import Delivery, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.helpers import weekdays_at_nine
from tests.servers import DINGTALK_TOKEN, PASSWORD, TELEGRAM_TOKEN, USER, Reply, telegram_api

MOMENT = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(database, scheduler):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    yield ChannelBook(database, secrets), ContactBook(database), PushService(database, scheduler)


@pytest.fixture
def ca_file(ca, tmp_path):
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def deliveries(database, run_id=None):
    with database.session() as session:
        query = select(Delivery).order_by(Delivery.id)
        if run_id is not None:
            query = query.where(Delivery.run_id == run_id)
        return list(session.execute(query).scalars())


def last_run(database):
    with database.session() as session:
        return session.execute(select(Run).order_by(Run.id.desc())).scalars().first()


def test_email_to_a_group_is_personal_private_and_keeps_the_password_out_of_the_db(
    scheduler, world, database, smtp_starttls, ca_file
):
    channels, contacts, service = world
    mail = channels.save(
        "Office mail",
        EmailConfig(
            host=smtp_starttls.host,
            port=smtp_starttls.port,
            security="starttls",
            username=USER,
            password=PASSWORD,
            sender_address="reminders@example.com",
            sender_name="提醒",
            ca_file=ca_file,
        ),
    )
    ann = contacts.save(ContactRecord("Ann", "ann@example.com", fields={"部门": "Sales"}))
    zhang = contacts.save(ContactRecord("张三", "zhang@example.com", fields={"部门": "研发"}))
    team = contacts.save_group(GroupRecord("Team", (ann, zhang)))
    spec = replace(
        weekdays_at_nine("Weekly report"),
        message=Message("Hello ${name}", "Dear ${name} (${部门}), run ${run_count}."),
        targets=(Target("email", mail, (), (team,)),),
    )
    push_id = service.create(spec)

    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "ok"

    received = {r.rcpt_tos[0]: r for r in smtp_starttls.inbox.received}
    assert set(received) == {"ann@example.com", "zhang@example.com"}
    for address, name, dept in (
        ("ann@example.com", "Ann", "Sales"),
        ("zhang@example.com", "张三", "研发"),
    ):
        message = received[address].message
        assert received[address].rcpt_tos == [address]
        assert message["To"].addresses[0].addr_spec == address
        assert message["Subject"] == f"Hello {name}"
        assert f"Dear {name} ({dept}), run 1." in message.get_content()
    assert [d.status for d in deliveries(database)] == ["sent", "sent"]
    assert PASSWORD.encode() not in database.path.read_bytes()
    assert (
        PASSWORD.encode() not in (database.path.with_name(database.path.name + "-wal")).read_bytes()
    )


def test_a_bot_refusal_at_http_200_is_a_failure_with_the_services_words(
    scheduler, world, database, fake
):
    channels, _contacts, service = world
    bot = channels.save(
        "Team room",
        DingTalkConfig(
            access_token=DINGTALK_TOKEN, secret="SECwrong", api_url=fake.url + "/robot/send"
        ),
    )
    push_id = service.create(replace(weekdays_at_nine(), targets=(Target("dingtalk", bot),)))
    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "failed"
    [delivery] = deliveries(database)
    assert delivery.status == "failed"
    assert delivery.error == "DingTalk refused the message: sign not match (errcode 310000)"
    assert last_run(database).error == delivery.error


def test_a_server_error_is_retried_by_a_persisted_job_until_it_is_sent(
    world, database, scheduler, fake
):
    channels, _contacts, service = world
    slack = channels.save("Slack", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX"))
    spec = replace(
        weekdays_at_nine(),
        targets=(Target("slack", slack),),
        options=PushOptions(retries=2, retry_delay=30),
    )
    push_id = service.create(spec)
    fake.queue(Reply(503, "temporarily unavailable"))
    before = datetime.now(UTC)
    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "retrying"
    run = last_run(database)
    [delivery] = deliveries(database)
    assert (delivery.status, delivery.attempts) == ("retrying", 1)
    assert (
        before + timedelta(seconds=29) < delivery.next_attempt_at < before + timedelta(seconds=40)
    )
    job = scheduler.get_job(retry_job_id(push_id, run.id))
    assert job is not None and job.next_run_time == delivery.next_attempt_at

    # Thirty seconds later (the job fires): the server answers normally now.
    with database.session() as session:
        session.execute(update(Delivery).values(next_attempt_at=datetime.now(UTC)))
    assert retry_run(run.id, context=scheduler.job_context) == "ok"
    [delivery] = deliveries(database)
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 2, "")
    assert len(fake.requests) == 2
    assert last_run(database).finished_at is not None


def test_a_dead_smtp_server_fails_readably_after_its_retries(scheduler, world, database, dead_port):
    channels, contacts, service = world
    mail = channels.save(
        "Mail",
        EmailConfig(
            host="127.0.0.1",
            port=dead_port,
            security="starttls",
            username=USER,
            password=PASSWORD,
            sender_address="r@example.com",
            timeout=3,
        ),
    )
    ann = contacts.save(ContactRecord("Ann", "ann@example.com"))
    push_id = service.create(
        replace(
            weekdays_at_nine(),
            targets=(Target("email", mail, (ann,)),),
            options=PushOptions(retries=1, retry_delay=5),
        )
    )
    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "retrying"
    run_id = last_run(database).id
    with database.session() as session:
        session.execute(update(Delivery).values(next_attempt_at=datetime.now(UTC)))
    assert retry_run(run_id, context=scheduler.job_context) == "failed"
    [delivery] = deliveries(database)
    assert delivery.status == "failed" and delivery.attempts == 2
    assert "127.0.0.1" in delivery.error or "connect" in delivery.error.lower()


def test_a_lost_retry_job_is_rescheduled_at_start(world, database, scheduler, fake):
    channels, _contacts, service = world
    slack = channels.save("Slack", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX"))
    push_id = service.create(replace(weekdays_at_nine(), targets=(Target("slack", slack),)))
    fake.queue(Reply(500, "boom"))
    ctx = scheduler.job_context.at(MOMENT)
    run_push(push_id, context=ctx)
    run_id = last_run(database).id
    scheduler.remove_job(retry_job_id(push_id, run_id))
    report = service.reconcile()
    assert report.retries == [run_id]
    assert scheduler.get_job(retry_job_id(push_id, run_id)) is not None


def test_a_deleted_channel_is_a_permanent_failure_not_a_crash(scheduler, world, database, fake):
    channels, _contacts, service = world
    slack = channels.save("Slack", SlackConfig(webhook_url=fake.url + "/services/T000/B000/XXXX"))
    push_id = service.create(replace(weekdays_at_nine(), targets=(Target("slack", slack),)))
    channels.delete(slack)
    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "failed"
    [delivery] = deliveries(database)
    assert delivery.status == "failed" and "does not exist" in delivery.error


def test_a_recipient_whose_message_grew_too_large_fails_alone_and_the_rest_are_sent(
    scheduler, world, database, smtp_no_auth
):
    channels, contacts, service = world
    mail = channels.save(
        "Relay",
        EmailConfig(
            host=smtp_no_auth.host,
            port=smtp_no_auth.port,
            security="none",
            sender_address="reminders@example.com",
        ),
    )
    ann = contacts.save(ContactRecord("Ann", "ann@example.com", fields={"note": "short"}))
    bo = contacts.save(ContactRecord("Bo", "bo@example.com", fields={"note": "short"}))
    team = contacts.save_group(GroupRecord("Team", (ann, bo)))
    spec = replace(
        weekdays_at_nine("Notes"),
        message=Message("Note for ${name}", "${note}" * 100),
        targets=(Target("email", mail, (), (team,)),),
    )
    push_id = service.create(spec)
    # Edited after the push was saved: Ann's note now fills her message past the cap.
    contacts.save(ContactRecord("Ann", "ann@example.com", fields={"note": "x" * 20_000}, id=ann))

    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "partial"

    assert [r.rcpt_tos for r in smtp_no_auth.inbox.received] == [["bo@example.com"]]
    by_name = {d.recipient: d for d in deliveries(database)}
    assert by_name["Bo"].status == "sent"
    assert by_name["Ann"].status == "failed"
    assert by_name["Ann"].error.startswith("The message for Ann would be 2000")
    assert by_name["Ann"].finished_at is not None
    run = last_run(database)
    assert run.status == "partial"


def long_report(world, fake, options: PushOptions) -> int:
    """A push of a long message to a Telegram room at the local fake: it goes in parts."""
    channels, _contacts, service = world
    room = channels.save(
        "Team chat", TelegramConfig(bot_token=TELEGRAM_TOKEN, chat_id="-100", api_url=fake.url)
    )
    long = "\n\n".join(f"Part of the report {n}: " + "figures " * 300 for n in range(6))
    spec = replace(
        weekdays_at_nine(),
        message=Message("Report", long),
        targets=(Target("telegram", room),),
        options=options,
    )
    return service.create(spec)


def test_each_part_a_service_took_is_recorded_before_the_next_is_sent(
    world, database, scheduler, fake
):
    """A long Telegram message goes in ordered parts. While the service has each part
    after the first, the store already counts the parts it took: a crash then (the
    process killed between parts) leaves the count, and *Resend* sends none of them
    again."""
    push_id = long_report(world, fake, PushOptions())
    counted: list[int] = []  # what the store said while the service had each part

    def taking(request):
        rows = deliveries(database)
        counted.append(rows[0].parts_sent if rows else -1)
        return telegram_api(request)

    fake.route("/bot", taking)
    assert run_push(push_id, context=scheduler.job_context.at(MOMENT)) == "ok"
    [delivery] = deliveries(database)
    assert len(counted) >= 3 and delivery.parts_sent == len(counted)
    assert counted == list(range(len(counted)))  # 0 while the first part was in flight, ...


def test_a_retry_of_a_message_sent_in_parts_goes_on_from_the_refused_part(
    world, database, scheduler, fake
):
    """A long Telegram message goes in ordered parts; the service takes the first and fails
    the second (502). The retry sends from the second part on: the chat gets every part
    once, in order, and the history shows one delivery, sent."""
    push_id = long_report(world, fake, PushOptions(retries=2, retry_delay=30))
    taken: list[str] = []
    calls = 0

    def second_fails_once(request):
        nonlocal calls
        calls += 1
        if calls == 2:
            return Reply(502, "Bad Gateway")
        reply = telegram_api(request)
        if reply.status == 200:
            taken.append(request.json["text"])
        return reply

    fake.route("/bot", second_fails_once)
    assert run_push(push_id, context=scheduler.job_context.at(MOMENT)) == "retrying"
    [delivery] = deliveries(database)
    assert (delivery.status, delivery.parts_sent) == ("retrying", 1)
    assert len(taken) == 1

    with database.session() as session:
        session.execute(update(Delivery).values(next_attempt_at=datetime.now(UTC)))
    assert retry_run(last_run(database).id, context=scheduler.job_context) == "ok"
    [delivery] = deliveries(database)
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert len(taken) >= 3 and delivery.parts_sent == len(taken)
    assert calls == len(taken) + 1  # the second part's refusal, and no part twice
    assert len(set(taken)) == len(taken)
    joined = " ".join(taken)
    starts = [joined.index(f"Part of the report {n}:") for n in range(6)]
    assert starts == sorted(starts)  # in order
