"""Secrets per data folder, emptied secrets deleted, and a Send test that takes the run's path.

Issue 12 items 5, 6 and 14. The keyring is the in-memory backend from tests/servers.py (or
keyring's own "fail" backend: no keyring at all); mail goes to a real SMTP server on
127.0.0.1, webhooks to the fake bot server.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import (
    DingTalkConfig,
    EmailConfig,
    FeishuConfig,
    NtfyConfig,
    WebhookConfig,
)
from pushgui.core.people.contacts import ContactBook, ContactRecord
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, Target
from pushgui.core.runs.runner import run_push
from pushgui.core.store.db import open_database
from pushgui.core.store.identity import FOLDER_ID_KEY, data_folder_id
from pushgui.core.store.models import Channel, Delivery
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.secrets import (
    KeyringSecrets,
    SessionSecrets,
    adopt_legacy_secrets,
    configured_store,
)
from tests.core.conftest import wire
from tests.helpers import weekdays_at_nine
from tests.servers import DINGTALK_SECRET, DINGTALK_TOKEN, Reply

MOMENT = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)


@pytest.fixture
def two_folders(tmp_path):
    a = open_database(tmp_path / "folder-a")
    b = open_database(tmp_path / "folder-b")
    yield a, b
    a.close()
    b.close()


def service_keys(memory_keyring) -> set[str]:
    return {account for (service, account) in memory_keyring.values if service == "pushgui"}


# -- item 5: one data folder never reads another's secrets ---------------------------------


def test_two_data_folders_keep_their_own_keyring_entries(two_folders, memory_keyring):
    a, b = two_folders
    book_a, book_b = ChannelBook(a, KeyringSecrets()), ChannelBook(b, KeyringSecrets())
    assert data_folder_id(a) != data_folder_id(b)
    one_a = book_a.save("Hook", WebhookConfig(url="https://a.example/hook?token=A"))
    one_b = book_b.save("Hook", WebhookConfig(url="https://b.example/hook?token=B"))
    assert one_a == one_b == 1  # the same channel number in both folders

    assert book_a.config(1).url == "https://a.example/hook?token=A"
    assert book_b.config(1).url == "https://b.example/hook?token=B"
    book_b.delete(1)
    assert book_a.config(1).url == "https://a.example/hook?token=A"
    assert all(
        key.startswith(f"folder-{data_folder_id(a)}/") for key in service_keys(memory_keyring)
    )


def test_the_folder_id_is_kept_in_the_database(data_dir, memory_keyring):
    db = open_database(data_dir)
    first = data_folder_id(db)
    ChannelBook(db, KeyringSecrets()).save("Hook", WebhookConfig(url="https://a.example/h"))
    db.close()
    again = open_database(data_dir)
    try:
        assert data_folder_id(again) == first
        assert SettingsStore(again).get(FOLDER_ID_KEY) == first
        assert ChannelBook(again, KeyringSecrets()).config(1).url == "https://a.example/h"
    finally:
        again.close()


def _legacy_channel(db, kind: str, settings: dict) -> int:
    """A channel row as pushgui wrote it before secrets were per folder."""
    with db.session() as session:
        row = Channel(kind=kind, name="Old", settings=json.dumps(settings))
        session.add(row)
        session.flush()
        return row.id


def test_old_shared_entries_are_moved_to_the_first_folder_that_has_the_channel(
    two_folders, memory_keyring
):
    a, b = two_folders
    public = {"method": "POST", "body_template": "{}", "content_type": "application/json"}
    assert _legacy_channel(a, "webhook", public) == 1
    assert _legacy_channel(b, "webhook", public) == 1
    keyring.set_password("pushgui", "channel-1/url", "https://old.example/hook?token=OLD")
    keyring.set_password("pushgui", "channel-1/headers", "Authorization: Bearer OLD")

    adopt_legacy_secrets(a, configured_store("keyring", a.path.parent))
    book_a = ChannelBook(a, KeyringSecrets())
    config = book_a.config(1)
    assert config.url == "https://old.example/hook?token=OLD"
    assert config.headers == "Authorization: Bearer OLD"
    keys = service_keys(memory_keyring)
    assert "channel-1/url" not in keys and "channel-1/headers" not in keys  # old names gone
    assert f"folder-{data_folder_id(a)}/channel-1/url" in keys
    assert book_a.record(1).secret_names == ("url", "headers")

    # The other folder never reads them: not under the old name, not under a's.
    adopt_legacy_secrets(b, configured_store("keyring", b.path.parent))
    assert ChannelBook(b, KeyringSecrets()).config(1).url == ""
    assert book_a.config(1).url == "https://old.example/hook?token=OLD"


def test_a_keyring_store_without_its_folder_reads_nothing(memory_keyring):
    keyring.set_password("pushgui", "channel-1/url", "https://old.example/")
    with pytest.raises(Exception, match="data folder"):
        KeyringSecrets().get(1, "url")


# -- item 6: an emptied optional secret is deleted and never sent again ---------------------

OPTIONAL_SECRETS = [
    (WebhookConfig(url="https://h.example/x", headers="Authorization: Bearer T"), "headers"),
    (DingTalkConfig(access_token=DINGTALK_TOKEN, secret=DINGTALK_SECRET), "secret"),
    (FeishuConfig(token="tok", secret="feishu-secret"), "secret"),
    (NtfyConfig(topic="alerts", token="tk_test"), "token"),
    (
        EmailConfig(host="mail.example", username="me", password="pw", sender_address="a@b.co"),
        "password",
    ),
]


@pytest.mark.parametrize(("config", "field"), OPTIONAL_SECRETS, ids=lambda v: getattr(v, "KIND", v))
def test_an_emptied_optional_secret_is_deleted_from_the_store(
    database, memory_keyring, config, field
):
    book = ChannelBook(database, KeyringSecrets())
    channel_id = book.save("Channel", config)
    assert book.secrets.get(channel_id, field)
    emptied = replace(config, **{field: ""})
    if isinstance(emptied, EmailConfig):
        emptied = replace(emptied, username="")  # no login, so no password
    book.save("Channel", emptied, channel_id)
    assert book.secrets.get(channel_id, field) is None
    assert getattr(book.config(channel_id), field) == ""
    assert not any(key.endswith(f"/{field}") for key in service_keys(memory_keyring))


def test_cleared_webhook_headers_are_not_sent_again(database, memory_keyring, fake, scheduler):
    book = ChannelBook(database, KeyringSecrets())
    config = WebhookConfig(url=fake.url + "/hook", headers="Authorization: Bearer SECRET-T")
    hook = book.save("Hook", config)
    service = PushService(database, scheduler)
    push_id = service.create(replace(weekdays_at_nine("Hi"), targets=(Target("webhook", hook),)))
    fake.route("/hook", lambda _request: Reply(200, {}))
    ctx = scheduler.job_context.at(MOMENT)
    assert run_push(push_id, context=ctx) == "ok"
    assert fake.requests[-1].headers.get("authorization") == "Bearer SECRET-T"

    book.save("Hook", replace(config, headers=""), hook)
    ctx = scheduler.job_context.at(MOMENT.replace(day=8))
    assert run_push(push_id, context=ctx) == "ok"
    assert "authorization" not in fake.requests[-1].headers


# -- item 14: no keyring, a mail server without login; Send test = the run's path ------------


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.mark.parametrize("store", [KeyringSecrets, SessionSecrets], ids=["no-backend", "session"])
def test_without_a_keyring_mail_needing_no_login_is_sent_by_test_and_by_run(
    database, scheduler, smtp_no_auth, no_keyring, store
):
    secrets = store()
    wire(scheduler, secrets=secrets)
    book = ChannelBook(database, secrets)
    config = EmailConfig(
        host=smtp_no_auth.host, port=smtp_no_auth.port, security="none", sender_address="me@a.co"
    )
    mail = book.save("Relay", config)
    outcome = book.send_test(config, "test@example.com")
    assert outcome.ok, outcome.error

    ann = ContactBook(database).save(ContactRecord("Ann", "ann@example.com"))
    spec = replace(
        weekdays_at_nine("Tea"),
        message=Message("Tea", "Tea time"),
        targets=(Target("email", mail, (ann,)),),
    )
    push_id = PushService(database, scheduler).create(spec)
    ctx = scheduler.job_context.at(MOMENT)
    status = run_push(push_id, context=ctx)
    with database.session() as session:
        errors = [d.error for d in session.execute(select(Delivery)).scalars()]
    assert status == "ok", errors
    assert [r.rcpt_tos for r in smtp_no_auth.inbox.received] == [
        ["test@example.com"],
        ["ann@example.com"],
    ]


def test_without_a_keyring_send_test_fails_where_the_run_would(database, smtp_no_auth, no_keyring):
    """A password that no store can keep: the run could never read it, so the test fails too."""
    book = ChannelBook(database, KeyringSecrets())
    config = EmailConfig(
        host=smtp_no_auth.host,
        port=smtp_no_auth.port,
        security="none",
        username="me",
        password="pw",
        sender_address="me@a.co",
    )
    outcome = book.send_test(config, "test@example.com")
    assert not outcome.ok
    assert "keyring" in (outcome.error or "")
    assert "pw" not in (outcome.error or "").replace("password", "")
    assert smtp_no_auth.inbox.received == []


def test_a_secret_no_store_can_read_at_send_time_fails_the_delivery_with_the_reason(
    database, scheduler, no_keyring
):
    """The keyring went away after the channel was saved (a server started without its
    credentials file, a locked session): the delivery fails with the reason and is retried,
    the run is settled; before, the lane died and the run stayed "running" for good."""
    saved = SessionSecrets()
    hook = ChannelBook(database, saved).save("Hook", WebhookConfig(url="https://a.example/h"))
    wire(scheduler, secrets=KeyringSecrets())  # the fail backend: nothing can be read
    spec = replace(weekdays_at_nine("Tea"), targets=(Target("webhook", hook),))
    push_id = PushService(database, scheduler).create(spec)
    status = run_push(push_id, context=scheduler.job_context.at(MOMENT))
    with database.session() as session:
        [delivery] = session.execute(select(Delivery)).scalars()
    assert status in ("retrying", "failed"), status
    assert delivery.status in ("retrying", "failed") and "keyring" in (delivery.error or "")
    assert "a.example" not in (delivery.error or "")
