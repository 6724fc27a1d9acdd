"""Shared fixtures: offscreen Qt, a fresh data folder and an in-memory keyring for every test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the user's real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PUSHGUI_HOME", str(folder))
    return folder


def pytest_collection_modifyitems(items):
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
