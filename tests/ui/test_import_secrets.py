"""After File ▸ Import created channels without their secrets, the window asks for them: a
dialog lists each such channel and opens its own form, whose password field saves to the
keyring (issue 12 item 16). Through the real widgets, a real database, a memory keyring."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pushgui.app import start_runtime
from pushgui.core.pushes.spec import spec_to_dict
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.paths import locate
from pushgui.core.transfer.document import FORMAT
from pushgui.ui.shell import DesktopShell
from tests.helpers import weekdays_at_nine

HANG = 60_000  # ms; bounds a hang only


def export_with_channels(path):
    push = spec_to_dict(weekdays_at_nine("Report"))
    push["targets"] = [{"kind": "email", "channel_id": 41, "contact_ids": [7], "group_ids": []}]
    mail = {
        "host": "smtp.example.com",
        "port": 587,
        "security": "starttls",
        "username": "bot@example.com",
        "sender_address": "bot@example.com",
    }
    path.write_text(
        json.dumps(
            {
                "format": FORMAT,
                "version": 2,
                "contacts": [{"id": 7, "name": "Ann", "email": "ann@example.com"}],
                "groups": [],
                "channels": [
                    {"id": 41, "kind": "email", "name": "Mail", "settings": mail},
                    {"id": 42, "kind": "dingtalk", "name": "Robot", "settings": {}},
                ],
                "templates": [],
                "pushes": [push],
            }
        ),
        encoding="utf-8",
    )
    return path


def click_import_in_preview(window) -> None:
    box = getattr(window, "import_preview", None)
    if box is None or not box.isVisible():
        QTimer.singleShot(50, lambda: click_import_in_preview(window))
        return
    box.button(QMessageBox.StandardButton.Ok).click()


def test_the_window_asks_for_the_secrets_of_imported_channels(
    qtbot, data_dir, tmp_path, monkeypatch, memory_keyring
):
    path = export_with_channels(tmp_path / "in.json")
    # The file picker is the one thing not driven: it would need a person.
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
        QTimer.singleShot(0, lambda: click_import_in_preview(window))
        window.import_file()

        dialog = window.import_secrets
        qtbot.waitUntil(dialog.isVisible, timeout=HANG)
        created = {r.name: r for r in shell.channels.channels()}
        mail = created["Mail"]
        assert sorted(dialog.buttons) == sorted([mail.id, created["Robot"].id])
        assert dialog.states[mail.id].text() == "Not entered yet"

        qtbot.mouseClick(dialog.buttons[mail.id], Qt.MouseButton.LeftButton)
        form = dialog.form
        qtbot.waitUntil(form.isVisible, timeout=HANG)
        password = form.inputs["password"].edit
        password.setFocus()
        qtbot.keyClicks(password, "s3cret-app-password")
        form.accept()

        qtbot.waitUntil(lambda: dialog.states[mail.id].text() == "Saved", timeout=HANG)
        assert shell.channels.config(mail.id).password == "s3cret-app-password"
        assert "s3cret-app-password" in memory_keyring.values.values()
        assert "s3cret-app-password" not in (data_dir / "pushgui.sqlite3").read_bytes().decode(
            "utf-8", "replace"
        )
        dialog.reject()
    finally:
        rt.stop()


def test_an_import_without_new_secret_channels_asks_nothing(
    qtbot, data_dir, tmp_path, monkeypatch, memory_keyring
):
    path = tmp_path / "plain.json"
    path.write_text(
        json.dumps(
            {"format": FORMAT, "version": 2, "pushes": [spec_to_dict(weekdays_at_nine("A"))]}
        ),
        encoding="utf-8",
    )
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
        QTimer.singleShot(0, lambda: click_import_in_preview(window))
        window.import_file()
        assert [row.name for row in rt.service.rows()] == ["A"]  # the import did happen
        assert getattr(window, "import_secrets", None) is None
    finally:
        rt.stop()
