"""File ▸ Import in the window shows what will be created, matched and left out (and which
channels need their secret) before anything is saved; Cancel saves nothing."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pushgui.app import start_runtime
from pushgui.core.pushes.spec import Target, spec_to_dict
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.core.transfer.document import FORMAT
from pushgui.ui.shell import DesktopShell
from tests.helpers import weekdays_at_nine


def export_file(path):
    push = spec_to_dict(weekdays_at_nine("Report"))
    push["targets"] = [spec_to_dict_target(Target("email", 41, (7,), ()))]
    path.write_text(
        json.dumps(
            {
                "format": FORMAT,
                "version": 2,
                "contacts": [{"id": 7, "name": "Ann", "email": "ann@example.com"}],
                "groups": [],
                "channels": [
                    {"id": 41, "kind": "email", "name": "Mail", "settings": {"host": "smtp.x"}}
                ],
                "templates": [],
                "pushes": [push],
            }
        ),
        encoding="utf-8",
    )
    return path


def spec_to_dict_target(target: Target) -> dict:
    return {
        "kind": target.kind,
        "channel_id": target.channel_id,
        "contact_ids": list(target.contact_ids),
        "group_ids": list(target.group_ids),
    }


@pytest.mark.parametrize("answer", ["import", "cancel"])
def test_the_preview_lists_what_will_happen_and_cancel_saves_nothing(
    qtbot, data_dir, tmp_path, monkeypatch, answer
):
    path = export_file(tmp_path / "in.json")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    rt = start_runtime(locate(data_dir), paused=True)
    try:
        shell = DesktopShell(
            rt.service,
            rt.scheduler,
            rt.bridge,
            SettingsStore(rt.db),
            books=rt.books,
            tray_available=False,
        )
        window = shell.window
        qtbot.addWidget(window)
        seen: list[str] = []

        def answer_preview() -> None:
            box = getattr(window, "import_preview", None)
            if box is None or not box.isVisible():
                QTimer.singleShot(50, answer_preview)
                return
            seen.append(box.informativeText())
            button = (
                QMessageBox.StandardButton.Ok
                if answer == "import"
                else QMessageBox.StandardButton.Cancel
            )
            box.button(button).click()

        QTimer.singleShot(0, answer_preview)
        window.import_file()

        [text] = seen
        assert "Will create: 1 contacts, 1 channels" in text
        assert "Mail (email)" in text
        names = [row.name for row in rt.service.rows()]
        assert names == (["Report"] if answer == "import" else [])
    finally:
        rt.stop()
