"""Running a real push through a channel that fails, and checking that the channel's
secrets reach neither the history nor the log (the helpers of
tests/core/test_leaks_and_limits.py, for any channel kind).

Import the fixtures it needs into the test module::

    from tests.channels.leaks import database, scheduler, world  # noqa: F401
"""

from __future__ import annotations

import logging
from dataclasses import replace
from urllib.parse import quote, quote_plus

import pytest

from pushgui.core.channels.kind import ChannelConfig
from pushgui.core.pushes.spec import Message, PushOptions, Target
from pushgui.core.runs.runner import run_push
from tests.core.conftest import database, scheduler  # noqa: F401 - fixtures
from tests.core.test_leaks_and_limits import MOMENT, stored_errors, world  # noqa: F401
from tests.helpers import weekdays_at_nine


def failed_run_texts(
    books, db, caplog: pytest.LogCaptureFixture, config: ChannelConfig
) -> list[str]:
    """Every error text the history holds and every pushgui log line of one failed run of
    a push through a channel with ``config``."""
    channels, service = books
    channel_id = channels.save("Phone", config)
    spec = weekdays_at_nine()
    push_id = service.create(
        replace(
            spec,
            message=Message("会议提醒", "下午三点开会"),
            targets=(Target(config.KIND, channel_id),),
            options=PushOptions(retries=0),
        )
    )
    context = service.scheduler.job_context.at(MOMENT)  # as the executor hands it
    with caplog.at_level(logging.DEBUG):
        assert run_push(push_id, context=context) == "failed"
    errors = [e for e in stored_errors(db) if e]
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("pushgui")]
    assert errors and logged
    return [*errors, *logged]


def assert_secret_free(texts: list[str], *secrets: str) -> None:
    for secret in secrets:
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            for text in texts:
                assert form not in text, (form, text)
