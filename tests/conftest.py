"""Shared fixtures: offscreen Qt, a fresh data folder and an in-memory keyring for every test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
