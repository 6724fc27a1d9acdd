"""Shared fixtures: offscreen Qt, a fresh data folder and an in-memory keyring for every test."""

from __future__ import annotations

import functools
import os

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pushgui.core.channels.base import Outcome
from pushgui.core.schedule.workdays import Calendars

# Real servers on 127.0.0.1 (SMTP, bot APIs) and the in-memory keyring, for every test.
from tests.servers import (  # noqa: F401
    ca,
    client_tls,
    dead_port,
    fake,
    memory_keyring,
    server_tls,
    smtp_implicit_tls,
    smtp_no_auth,
    smtp_plain,
    smtp_starttls,
)

# A test waits for a condition, never for time; the deadline only bounds a hang. pytest-qt's
# default (5 s) is reached by a busy machine, so waits that name no deadline get this one.
HANG_MS = 60_000


def _hang_default(method):
    @functools.wraps(method)
    def wait(self, *args, timeout=HANG_MS, **kwargs):
        return method(self, *args, timeout=timeout, **kwargs)

    return wait


for _name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed"):
    setattr(QtBot, _name, _hang_default(getattr(QtBot, _name)))


class RecordingDesktop:
    """The desktop channel as a user would see it: a list of shown reminders."""

    def __init__(self):
        self.shown = []

    def send(self, messages):
        self.shown.extend(messages)
        return [Outcome(ok=True) for _ in messages]


@pytest.fixture
def desktop():
    """The desktop the scheduler fixture's job functions show reminders on; a test that
    builds its own delivery engine hands it in (``desktop=``)."""
    return RecordingDesktop()


@pytest.fixture
def calendars():
    """The holiday data and own days the scheduler and service fixtures share, as the
    composition root hands one object to both; a test changes it to change them."""
    return Calendars()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the user's real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PUSHGUI_HOME", str(folder))
    # Autostart entries (and anything else under XDG_CONFIG_HOME) never reach the real one.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder


def pytest_collection_modifyitems(items):
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
