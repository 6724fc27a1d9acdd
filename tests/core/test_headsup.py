"""Heads-up before a push goes to other people, and skipping its next run."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig
from pushgui.core.errors import SpecError
from pushgui.core.pushes.spec import PushOptions, Target, spec_from_dict, spec_to_dict
from pushgui.core.runs import jobs
from pushgui.core.runs.headsup import announce
from pushgui.core.runs.skip import SKIPPED_ONCE
from pushgui.core.store.models import Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.helpers import every_minutes, wait_until, weekdays_at_nine
from tests.servers import DINGTALK_SECRET, DINGTALK_TOKEN


@pytest.fixture
def room(database, fake):
    """A real DingTalk channel (the test server), so pushes reach someone besides "me"."""
    channel_id = ChannelBook(database, KeyringSecrets()).save(
        "Room",
        DingTalkConfig(
            access_token=DINGTALK_TOKEN,
            secret=DINGTALK_SECRET,
            api_url=fake.url + "/robot/send",
        ),
    )
    return (Target("dingtalk", channel_id),)


@pytest.fixture
def to_room(room):
    def make(spec, minutes=10):
        return replace(spec, targets=room, options=replace(spec.options, heads_up_minutes=minutes))

    return make


@pytest.fixture
def notices(scheduler):
    """The heads-ups the window would show: the handler the job context hands in."""
    seen = []
    wire(scheduler, headsup=seen.append)
    return seen


def next_run(scheduler, push_id):
    return scheduler.get_job(str(push_id)).next_run_time


def test_the_heads_up_job_is_n_minutes_before_the_next_run(service, scheduler, to_room):
    push_id = service.create(to_room(weekdays_at_nine("Report", days_ahead=3), 10))
    job = scheduler.get_job(jobs.headsup_id(push_id))
    due = next_run(scheduler, push_id)
    assert job.func_ref == jobs.ANNOUNCE
    assert job.next_run_time == due - timedelta(minutes=10)
    assert job.args == (push_id, due.timestamp())


@pytest.mark.parametrize(
    "change",
    [
        lambda s: replace(s, targets=(Target(),)),  # only "me": no heads-up
        lambda s: replace(s, options=replace(s.options, heads_up_minutes=0)),
        lambda s: replace(s, enabled=False),
    ],
)
def test_no_heads_up_for_me_only_when_off_or_paused(service, scheduler, change, to_room):
    push_id = service.create(change(to_room(weekdays_at_nine(days_ahead=3))))
    assert scheduler.get_job(jobs.headsup_id(push_id)) is None


def test_editing_and_pausing_keep_the_heads_up_in_step(service, scheduler, to_room):
    spec = to_room(weekdays_at_nine(days_ahead=3))
    push_id = service.create(spec)
    service.update(push_id, replace(spec, targets=(Target(),)))
    assert scheduler.get_job(jobs.headsup_id(push_id)) is None
    service.update(push_id, spec)
    assert scheduler.get_job(jobs.headsup_id(push_id)) is not None
    service.set_enabled(push_id, False)
    assert scheduler.get_job(jobs.headsup_id(push_id)) is None
    service.set_enabled(push_id, True)
    due = next_run(scheduler, push_id)
    assert scheduler.get_job(jobs.headsup_id(push_id)).next_run_time == due - timedelta(minutes=10)


def test_reconcile_gives_a_missing_heads_up_back(service, scheduler, to_room):
    push_id = service.create(to_room(weekdays_at_nine(days_ahead=3)))
    scheduler.remove_job(jobs.headsup_id(push_id))
    service.reconcile()
    due = next_run(scheduler, push_id)
    assert scheduler.get_job(jobs.headsup_id(push_id)).next_run_time == due - timedelta(minutes=10)


def test_the_heads_up_tells_the_handler_about_the_coming_run(service, scheduler, notices, to_room):
    push_id = service.create(to_room(weekdays_at_nine("Report", days_ahead=3)))
    due = next_run(scheduler, push_id)
    assert announce(push_id, due.timestamp(), context=scheduler.job_context) == "shown"
    [notice] = notices
    assert (notice.push_id, notice.push_name, notice.title, notice.due) == (
        push_id,
        "Report",
        "Standup",
        due,
    )


def test_a_heads_up_that_fires_once_its_run_is_due_announces_nothing(
    service, scheduler, notices, to_room
):
    push_id = service.create(to_room(weekdays_at_nine("Report", days_ahead=3)))
    due = next_run(scheduler, push_id)
    assert (
        announce(
            push_id, due.timestamp(), context=replace(scheduler.job_context, clock=lambda: due)
        )
        == "late"
    )
    assert notices == []
    a_minute_before = due - timedelta(minutes=1)
    assert (
        announce(
            push_id,
            due.timestamp(),
            context=replace(scheduler.job_context, clock=lambda: a_minute_before),
        )
        == "shown"
    )
    assert [n.due for n in notices] == [due]


def test_a_stale_heads_up_announces_nothing_and_follows_the_schedule(
    service, scheduler, notices, to_room
):
    push_id = service.create(to_room(weekdays_at_nine(days_ahead=3)))
    due = next_run(scheduler, push_id)
    service.skip_next(push_id)
    assert announce(push_id, due.timestamp(), context=scheduler.job_context) == "moved"
    assert notices == []
    following = next_run(scheduler, push_id)
    job = scheduler.get_job(jobs.headsup_id(push_id))
    assert job.next_run_time == following - timedelta(minutes=10)


def test_skip_this_time_records_the_run_skipped_and_moves_the_job_on(
    service, scheduler, database, to_room
):
    push_id = service.create(to_room(weekdays_at_nine(days_ahead=3)))
    due = next_run(scheduler, push_id)
    assert service.skip_next(push_id, expected=due + timedelta(days=1)) is None  # not next
    assert next_run(scheduler, push_id) == due

    assert service.skip_next(push_id, expected=due) == due
    following = next_run(scheduler, push_id)
    assert following > due and following.astimezone(due.tzinfo).hour == due.hour
    with database.session() as session:
        [run] = session.execute(select(Run)).scalars()
        assert (run.scheduled_at, run.status, run.error) == (due, "skipped", SKIPPED_ONCE)
    heads_up = scheduler.get_job(jobs.headsup_id(push_id))
    assert heads_up.next_run_time == following - timedelta(minutes=10)
    assert heads_up.args == (push_id, following.timestamp())


def test_skipping_a_one_off_finishes_it_for_good(service, scheduler, database):
    from tests.helpers import once_in

    push_id = service.create(once_in(3600, "Dentist"))
    assert service.skip_next(push_id) is not None
    assert scheduler.get_job(str(push_id)) is None
    scheduler.remove_all_jobs()
    report = service.reconcile()
    assert push_id in report.finished  # not brought back as "missed"


def test_after_each_run_the_heads_up_moves_to_the_next_run(service, scheduler, database, to_room):
    # The run after the forced one is 20 minutes ahead, so its heads-up (5 minutes before)
    # waits in the store: one due at once would run and vanish before the test looks.
    spec = to_room(every_minutes(30, datetime.now(UTC) - timedelta(minutes=10)), 5)
    push_id = service.create(spec)
    now = datetime.now(UTC)
    scheduler.modify_job(str(push_id), next_run_time=now)
    scheduler.resume()
    scheduler.wait_for_pass()
    assert str(push_id) in scheduler.started
    following = next_run(scheduler, push_id)
    assert following > now + timedelta(minutes=5)
    heads_up = scheduler.get_job(jobs.headsup_id(push_id))
    assert heads_up.next_run_time == following - timedelta(minutes=5)
    assert heads_up.args == (push_id, following.timestamp())

    # The run itself ends (its failed send schedules a retry through the scheduler it was
    # handed) before the scheduler is shut down.
    def ended() -> bool:
        with database.session() as session:
            done = session.execute(select(Run.id).where(Run.status != "running")).first()
            return done is not None

    wait_until(ended, "the run to end")


def test_heads_up_minutes_round_trip_and_validation(service, to_room):
    spec = to_room(weekdays_at_nine(), 15)
    data = spec_to_dict(spec)
    assert data["options"]["heads_up_minutes"] == 15
    assert spec_from_dict(data) == spec
    assert "heads_up_minutes" not in spec_to_dict(weekdays_at_nine())["options"]
    assert spec_from_dict(spec_to_dict(weekdays_at_nine())).options == PushOptions()
    with pytest.raises(SpecError) as error:
        service.create(to_room(weekdays_at_nine(), -1))
    assert [e.field for e in error.value.errors] == ["options.heads_up_minutes"]
    with pytest.raises(SpecError):
        service.create(to_room(weekdays_at_nine(), 24 * 60 + 1))
