"""Secrets: keyring by (channel, field), "no keyring" detected, session and plain-file modes."""

from __future__ import annotations

import json
import logging
import stat

import pytest
from keyring.backends import chainer, fail

from pushgui.core.system.secrets import (
    PLAIN_FILE,
    KeyringSecrets,
    PlainFileSecrets,
    SecretStoreError,
    SessionSecrets,
    delete_secrets,
    keyring_status,
    load_secrets,
    open_secret_store,
)


def test_keyring_store_round_trip(memory_keyring, caplog):
    caplog.set_level(logging.DEBUG)
    store = open_secret_store("keyring").in_folder("folder-a")
    store.set(3, "password", "hunter2")
    store.set(4, "password", "other")

    assert store.get(3, "password") == "hunter2"
    assert load_secrets(store, 3, ("password", "token")) == {"password": "hunter2"}
    delete_secrets(store, 3, ("password", "token"))  # missing ones are fine
    assert store.get(3, "password") is None
    assert store.get(4, "password") == "other"
    assert "hunter2" not in caplog.text


def test_no_usable_keyring_is_detected(monkeypatch):
    status = keyring_status(fail.Keyring())
    assert not status.usable and "No system keyring" in status.reason
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])  # a chainer with nothing
    assert not keyring_status(chainer.ChainerBackend()).usable
    with pytest.raises(SecretStoreError):
        open_secret_store("keyring", backend=fail.Keyring())
    with pytest.raises(SecretStoreError) as caught:
        KeyringSecrets(fail.Keyring(), folder="a").set(1, "token", "abc")
    assert "abc" not in str(caught.value)


def test_usable_keyring(memory_keyring):
    assert keyring_status().usable


def test_session_store_forgets_at_exit():
    store = SessionSecrets()
    store.set(1, "token", "t")
    assert store.get(1, "token") == "t"
    assert SessionSecrets().get(1, "token") is None


def test_plain_file_is_labelled_and_private(data_dir):
    store = open_secret_store("file", folder=data_dir)
    assert isinstance(store, PlainFileSecrets)
    store.set(1, "token", "t-1")
    store.set(2, "password", "p-2")
    store.delete(2, "password")

    path = data_dir / PLAIN_FILE
    assert "UNPROTECTED" in path.name
    content = json.loads(path.read_text(encoding="utf-8"))
    assert "WITHOUT protection" in content["WARNING"]
    assert content["secrets"] == {"channel-1/token": "t-1"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert PlainFileSecrets(data_dir).get(1, "token") == "t-1"
