"""Core's texts are messages rendered in the language handed to whoever shows or records
them (docs/ARCHITECTURE.md, "Composition root"); core itself holds no translator."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace

from sqlalchemy import select

from pushgui.core.channels.base import Outcome
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.pushes.service import PushService
from pushgui.core.runs.runner import run_push
from pushgui.core.schedule.workdays import day_info
from pushgui.core.store.models import Delivery
from pushgui.core.system.i18n import ENGLISH, Choice, Language, Message, joined, translate
from tests.core.test_delivery import MOMENT
from tests.helpers import weekdays_at_nine

WORDS = {
    "Give the channel a name": "请给渠道起个名字",
    "Unknown time zone {zone}": "未知时区 {zone}",
    "Choose a time in the future": "请选择一个将来的时间",
    "{a} and {b}": "{a}和{b}",
    "broken {nope}": "坏的 {missing}",
}
CHINESE = Language("zh_CN", lambda context, text: WORDS.get(text, ""))


def test_a_message_is_its_english_and_renders_in_the_language_handed_in():
    message = translate("validation", "Unknown time zone {zone}").format(zone="Mars/Olympus")
    assert isinstance(message, str) and message == "Unknown time zone Mars/Olympus"
    assert ENGLISH.render(message) == "Unknown time zone Mars/Olympus"
    assert CHINESE.render(message) == "未知时区 Mars/Olympus"
    assert CHINESE.render(translate("x", "Not in the table")) == "Not in the table"


def test_fields_that_are_messages_render_in_the_same_language():
    both = translate("x", "{a} and {b}").format(
        a=translate("channels", "Give the channel a name"),
        b=translate("validation", "Choose a time in the future"),
    )
    assert CHINESE.render(both) == "请给渠道起个名字和请选择一个将来的时间"


def test_a_broken_translation_falls_back_to_english_rather_than_failing():
    assert CHINESE.render(translate("x", "broken {nope}").format(nope=1)) == "broken 1"


def test_errors_render_their_messages():
    error = FieldError("name", translate("channels", "Give the channel a name"))
    assert CHINESE.render(error) == "name: 请给渠道起个名字"
    assert CHINESE.render(SpecError([error])) == "name: 请给渠道起个名字"
    assert CHINESE.render(ValueError(translate("v", "Choose a time in the future"))) == (
        "请选择一个将来的时间"
    )
    assert str(SpecError([error])) == "name: Give the channel a name"  # logs stay English


def test_a_message_survives_pickling_and_copying():
    message = translate("validation", "Unknown time zone {zone}").format(zone="Mars")
    for again in (pickle.loads(pickle.dumps(message)), copy.deepcopy(message)):
        assert isinstance(again, Message)
        assert CHINESE.render(again) == "未知时区 Mars"
    name = pickle.loads(pickle.dumps(Choice("National Day", "国庆节")))
    assert (ENGLISH.render(name), CHINESE.render(name)) == ("National Day", "国庆节")


def test_a_holiday_name_is_named_in_the_readers_language():
    national_day = day_info("CN", MOMENT.date().replace(year=2026, month=10, day=1)).name
    assert ENGLISH.render(national_day) == "National Day"
    assert CHINESE.render(national_day) == "国庆节"


class RefusingDesktop:
    """The window's desktop, refusing every reminder with one of core's messages."""

    def send(self, messages):
        error = translate("channels", "Give the channel a name")
        return [Outcome(ok=False, error=error, permanent=True) for _ in messages]


def test_a_job_records_an_error_in_the_language_it_was_handed(database, scheduler):
    """As the window's jobs wrote channel errors in its language before core held no
    translator: the composition root hands the language in (``Runtime.speak``)."""
    service = PushService(database, scheduler)
    for language, expected in ((CHINESE, "请给渠道起个名字"), (ENGLISH, "Give the channel a name")):
        push_id = service.create(weekdays_at_nine())
        context = replace(scheduler.job_context, desktop=RefusingDesktop(), language=language)
        run_push(push_id, context=context.at(MOMENT))
        with database.session() as session:
            last = session.execute(select(Delivery).order_by(Delivery.id.desc())).scalars()
            assert next(iter(last)).error == expected


MARKED = Language("zh_CN", lambda context, text: f"«{text}»")  # shows what was translated


def test_joined_texts_render_each_part():
    both = joined(
        "; ",
        [FieldError("url", translate("channels", "Give the channel a name")), "as is"],
    )
    assert both == "url: Give the channel a name; as is"
    assert MARKED.render(both) == "url: «Give the channel a name»; as is"


def test_a_channel_test_refused_by_validation_says_why_in_the_readers_language():
    from pushgui.core.channels.book import send_test
    from pushgui.core.channels.config import WebhookConfig

    outcome = send_test(WebhookConfig(url="not a web address"))
    assert not outcome.ok
    shown = MARKED.render(outcome.error)
    assert shown != outcome.error and "«" in shown
    assert shown.count("«") == shown.count("»") >= len(outcome.error.split("; "))
