"""The Backups dialog over a real database: "Back up now" writes a verified copy on a worker
thread and lists it; "Restore…" asks first and then hands the chosen file on."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pushgui.core.store.backup import DAILY, BackupManager
from pushgui.core.store.db import open_database
from pushgui.core.store.recovery import RecoveryReport
from pushgui.core.system.paths import locate
from pushgui.ui.dialogs.recovery_notice import recovery_message, show_recovery_notice
from pushgui.ui.settings.backups_dialog import KIND, SIZE, TAKEN, BackupsDialog, format_size
from pushgui.ui.widgets.when import format_when


@pytest.fixture
def manager(data_dir):
    database = open_database(data_dir)
    locations = locate(data_dir)
    yield BackupManager(locations.database, locations.backups)
    database.close()


def make_dialog(qtbot, manager) -> BackupsDialog:
    dialog = BackupsDialog(manager)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_back_up_now_makes_a_copy_and_lists_it(qtbot, manager):
    before = {info.path for info in manager.list_backups()}
    dialog = make_dialog(qtbot, manager)
    assert dialog.model.rowCount() == len(before)

    with qtbot.waitSignal(dialog.backup_finished, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
        assert dialog.is_busy() and dialog.busy.isVisible()
        assert not dialog.backup_button.isEnabled()
    assert finished.args == [True]
    assert not dialog.busy.isVisible() and dialog.backup_button.isEnabled()
    [new] = [info for info in manager.list_backups() if info.path not in before]
    assert new.path.is_file() and new.reason == "manual"
    assert manager.verify(new.path)
    assert dialog.result_label.text() == f"✓ Backed up. The copy is {new.path.name}."
    assert not dialog.error_label.isVisible()
    assert dialog.selected_path() == new.path
    row = dialog.model.index_of(new.path).row()
    assert dialog.model.index(row, TAKEN).data() == format_when(new.created)
    assert dialog.model.index(row, KIND).data() == "Manual"
    assert dialog.model.index(row, SIZE).data() == format_size(new.size)


def test_reasons_in_words_and_sizes_people_read(qtbot, manager):
    manager.backup_now(DAILY, now=datetime(2030, 1, 6, 8, tzinfo=UTC))
    manager.backup_now("before-migration", now=datetime(2030, 1, 5, 8, tzinfo=UTC))
    dialog = make_dialog(qtbot, manager)
    kinds = {dialog.model.index(r, KIND).data() for r in range(dialog.model.rowCount())}
    assert {"Daily", "Before an update"} <= kinds
    assert [format_size(n) for n in (0, 999, 1500, 812_000, 3_400_000)] == [
        "0 B",
        "999 B",
        "1.5 KB",
        "812 KB",
        "3.4 MB",
    ]


def test_restore_asks_first_then_hands_on_the_selected_backup(qtbot, manager):
    path = manager.backup_now()
    dialog = make_dialog(qtbot, manager)
    dialog.table.selectRow(dialog.model.index_of(path).row())
    assert dialog.restore_button.isEnabled()

    with qtbot.assertNotEmitted(dialog.restore_requested):
        box = dialog.confirm_restore()
        assert box is not None and box.isVisible()
        assert "not deleted" in box.informativeText()
        assert "starts again" in box.informativeText()
        box.button(QMessageBox.StandardButton.Cancel).click()

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert box is not None
    [restore] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    assert restore.text() == "Restore"
    with qtbot.waitSignal(dialog.restore_requested) as requested:
        restore.click()
    assert requested.args == [path]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_a_failed_backup_is_told_in_plain_words(qtbot, manager):
    manager.backups_dir.mkdir(exist_ok=True)
    dialog = make_dialog(qtbot, manager)
    manager.backups_dir.chmod(0o500)
    try:
        with qtbot.waitSignal(dialog.backup_finished, timeout=60_000) as finished:
            dialog.back_up_now()
    finally:
        manager.backups_dir.chmod(0o700)
    assert finished.args == [False]
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("The backup could not be made.")
    assert not dialog.result_label.isVisible()


def test_no_backups_yet(qtbot, tmp_path):
    database = tmp_path / "none.sqlite3"
    dialog = make_dialog(qtbot, BackupManager(database, tmp_path / "backups"))
    assert dialog.empty_label.isVisible()
    assert not dialog.restore_button.isEnabled()
    assert dialog.confirm_restore() is None
    with qtbot.waitSignal(dialog.backup_finished) as finished:
        dialog.back_up_now()
    assert finished.args == [False]
    assert "There is no database" in dialog.error_label.text()


def test_the_recovery_notice_says_what_happened_and_what_may_be_missing(qtbot, tmp_path):
    moved = tmp_path / "pushgui.sqlite3.corrupt-20300107-080000"
    taken = datetime(2030, 1, 6, 8, 0, tzinfo=UTC)
    restored = RecoveryReport(moved, "file is not a database", tmp_path / "b.sqlite3", taken)
    text = recovery_message(restored, lambda s: s)
    assert str(moved) in text and "not deleted" in text
    assert format_when(taken) in text and "may be missing" in text

    empty = RecoveryReport(moved, "file is not a database", skipped_backups=(tmp_path / "x",))
    text = recovery_message(empty, lambda s: s)
    assert "No usable backup" in text and "kept" in text and str(moved) in text
    assert "One newer backup was damaged" in text

    box = show_recovery_notice(None, restored)
    qtbot.addWidget(box)
    assert box.isVisible() and "restored from a backup" in box.text()
    assert box.informativeText() == recovery_message(restored)
    assert "file is not a database" in box.detailedText()
    box.close()
