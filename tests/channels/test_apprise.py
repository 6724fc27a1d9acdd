"""The optional Apprise channel, against the fake server (Apprise's json:// service)."""

from __future__ import annotations

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import AppriseConfig, build_sender
from tests.servers import Reply

pytest.importorskip("apprise")
# Apprise 2.2 imports the deprecated imghdr module.
pytestmark = pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")


def message() -> Outgoing:
    return Outgoing(push_id=1, push_name="P", recipient="channel 1", title="标题", body="正文")


def test_apprise_posts_and_reports_http_failures(fake):
    fake.route("/apprise", lambda request: Reply(200, "ok"))
    url = fake.url.replace("http://", "json://") + "/apprise"

    assert build_sender(AppriseConfig(url=url)).send([message()])[0].ok
    assert fake.requests[0].json["title"] == "标题"

    fake.queue(Reply(500, "boom"))
    [failed] = build_sender(AppriseConfig(url=url)).send([message()])
    assert not failed.ok and "Apprise could not deliver" in failed.error


def test_unrecognised_apprise_url_is_permanent():
    [outcome] = build_sender(AppriseConfig(url="nosuchservice://x")).send([message()])
    assert outcome.permanent and "does not recognise" in outcome.error
