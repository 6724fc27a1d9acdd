"""File ▸ Import and File ▸ Export of the main window: a whole export file in or out, with
a preview of what an import creates and leaves out.

Strings keep the translation context "MainWindow", where they were written first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pushgui.core.errors import SpecError
from pushgui.core.schedule import own_days
from pushgui.core.transfer.bundle import collect
from pushgui.core.transfer.document import write_export
from pushgui.ui.dialogs.recovery_notice import widen
from pushgui.ui.i18n import readable
from pushgui.ui.settings.own_days_dialog import import_with_own_days

if TYPE_CHECKING:
    from pushgui.ui.main.main_window import MainWindow

translate = QCoreApplication.translate


def import_file(window: MainWindow) -> None:
    """Ask for an export file, show what it would do, import it, then ask for the secrets
    of the channels it created (an export carries none)."""
    path, _ = QFileDialog.getOpenFileName(
        window,
        translate("MainWindow", "Import reminders"),
        "",
        translate("MainWindow", "pushgui export (*.json)"),
    )
    if not path:
        return
    before = {record.id for record in window.channels.channels()} if window.channels else set()
    try:
        ids = import_with_own_days(
            window.service,
            window.settings,
            Path(path),
            confirm=lambda count, summary: _confirm_import(window, count, summary),
        )
        if ids is None:
            return
    except SpecError as exc:
        more = len(exc.errors) - 20
        QMessageBox.warning(
            window,
            translate("MainWindow", "Nothing was imported"),
            translate("MainWindow", "The file has problems; fix them and import again:")
            + "\n\n"
            + "\n".join(f"• {e}" for e in exc.errors[:20])
            + ("\n" + window.counted("more", more) if more > 0 else ""),
        )
        return
    except Exception as exc:
        window.report(translate("MainWindow", "Nothing was imported"), exc)
        return
    window.refresh_ids(set(ids))
    window.statusBar().showMessage(window.counted("imported", len(ids)), 5000)
    if window.channels is not None:
        # An export carries no secrets: ask for those of the channels it created.
        from pushgui.ui.dialogs.import_secrets_dialog import (
            ImportSecretsDialog,
            needing_secrets,
        )

        created = needing_secrets(window.channels, before)
        if created:
            window.import_secrets = ImportSecretsDialog(window.channels, created, window)
            window.import_secrets.open()


def _confirm_import(window: MainWindow, count: int, summary: list[str]) -> bool:
    """Show what the import will create, match and leave out; True to go ahead."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("MainWindow", "Import reminders"))
    box.setText(window.counted("import?", count))
    box.setInformativeText("\n".join(readable(line) for line in summary))
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText(translate("MainWindow", "&Import"))
    widen(box, 70)
    window.import_preview = box
    return box.exec() == QMessageBox.StandardButton.Ok


def export_file(window: MainWindow) -> None:
    """Write every reminder, contact, channel (without secrets), template and own day."""
    path, _ = QFileDialog.getSaveFileName(
        window,
        translate("MainWindow", "Export reminders"),
        "pushgui-export.json",
        translate("MainWindow", "pushgui export (*.json)"),
    )
    if not path:
        return
    try:
        write_export(
            Path(path),
            window.service.all_specs(),
            window.service.damaged(),
            collect(window.service.db),
            own_days.to_dict(own_days.load(window.settings)),
        )
    except OSError as exc:
        window.report(translate("MainWindow", "The file could not be written"), exc)
        return
    window.statusBar().showMessage(
        translate("MainWindow", "Exported to {path}").format(path=path), 5000
    )
