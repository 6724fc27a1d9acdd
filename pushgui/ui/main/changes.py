"""What the main window does to the selected reminder besides editing it: duplicate,
delete (with Undo), pause or resume, run now, skip the next run.

The main window holds one as ``window.changes``; strings keep the translation context "MainWindow".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from pushgui.core.pushes.spec import PushSpec
from pushgui.ui.widgets.confirm import confirm_destructive
from pushgui.ui.widgets.when import format_when

if TYPE_CHECKING:
    from pushgui.ui.main.main_window import MainWindow

translate = QCoreApplication.translate


class ReminderChanges:
    """Duplicate, Delete and Undo, Pause and Resume, Run now, Skip next run."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def duplicate_selected(self) -> None:
        push_id = self.window.selected_id()
        if push_id is None:
            return
        try:
            new_id = self.window.service.duplicate(push_id)
        except Exception as exc:
            self.window.report(translate("MainWindow", "The reminder could not be duplicated"), exc)
            return
        self.window.refresh_ids({new_id})
        self.window.select_id(new_id)

    def delete_selected(self) -> QMessageBox | None:
        """Ask first (window-modally); the push is deleted only when the user says Delete."""
        push_id = self.window.selected_id()
        if push_id is None:
            return None
        name = self.window.service.get(push_id).name
        box = confirm_destructive(
            self.window,
            translate("MainWindow", "Delete reminder"),
            translate(
                "MainWindow",
                "Delete “{name}”? It will not be sent again, and its history is removed.",
            ).format(name=name),
            translate("MainWindow", "Delete"),
            lambda: self._delete(push_id, name),
        )
        self.window.confirmation = box
        return box

    def _delete(self, push_id: int, name: str) -> None:
        try:
            spec = self.window.service.delete(push_id)
        except Exception as exc:
            self.window.report(translate("MainWindow", "The reminder could not be deleted"), exc)
            return
        self.window.refresh_ids({push_id})
        if spec is not None:
            self.window.undo_bar.offer(
                translate("MainWindow", "Deleted “{name}”").format(name=name),
                lambda: self.undo_delete(spec),
            )

    def undo_delete(self, spec: PushSpec) -> int | None:
        """Bring a deleted reminder back (a new id, the same schedule; not its history)."""
        try:
            push_id = self.window.service.restore(spec)
        except Exception as exc:
            self.window.report(translate("MainWindow", "The reminder could not be restored"), exc)
            return None
        self.window.refresh_ids({push_id})
        self.window.select_id(push_id)
        self.window.statusBar().showMessage(
            translate("MainWindow", "Restored “{name}”").format(name=spec.name), 4000
        )
        return push_id

    def toggle_selected(self) -> None:
        push_id = self.window.selected_id()
        if push_id is None:
            return
        row = self.window.model.row_at(self.window.model.index_of(push_id).row())
        self.set_enabled(push_id, not row.enabled)

    def set_enabled(self, push_id: int, enabled: bool) -> None:
        try:
            self.window.service.set_enabled(push_id, enabled)
        except Exception as exc:
            self.window.report(translate("MainWindow", "The reminder could not be changed"), exc)
        self.window.refresh_ids({push_id})

    def run_selected_now(self) -> None:
        push_id = self.window.selected_id()
        if push_id is not None:
            self.window.service.run_now(push_id)
            self.window.statusBar().showMessage(translate("MainWindow", "Sending now…"), 4000)

    def skip_selected(self) -> None:
        push_id = self.window.selected_id()
        if push_id is None:
            return
        try:
            skipped = self.window.service.skip_next(push_id)
        except Exception as exc:
            self.window.report(translate("MainWindow", "The next run could not be skipped"), exc)
            return
        self.window.refresh_ids({push_id})
        if skipped is not None:
            self.window.statusBar().showMessage(
                translate("MainWindow", "The run of {when} is skipped").format(
                    when=format_when(skipped)
                ),
                5000,
            )
