"""The company's own days off and working days (Tools menu), and their part in import and
export: applied on top of every working-day calendar (see docs/EXPORT_FORMAT.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import SpecError
from pushgui.core.pushes.service import PushService
from pushgui.core.schedule import own_days
from pushgui.core.schedule.own_days import MAX_NOTE
from pushgui.core.schedule.workdays import OwnDays
from pushgui.core.store.settings import SettingsStore
from pushgui.core.transfer.document import read_import_file
from pushgui.ui.i18n import format_date
from pushgui.ui.widgets.dates import from_qdate, make_date_edit
from pushgui.ui.widgets.fields import ErrorLabel

DATE_ROLE = Qt.ItemDataRole.UserRole


class OwnDayList(QWidget):
    """One list of dates with notes, and controls to add and remove."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: dict[date, str] = {}
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.date_edit = make_date_edit(self)
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setPlaceholderText(self.tr("Note (optional)"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self.add)
        self.note_edit.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        row.addWidget(self.date_edit)
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.add_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(f"<b>{title}</b>", self)
        box.addWidget(heading)
        box.addWidget(self.list, 1)
        box.addLayout(row)
        box.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_days(self, days: dict[date, str]) -> None:
        self.days = dict(days)
        self._fill()

    def add(self) -> None:
        self.days[from_qdate(self.date_edit.date())] = self.note_edit.text().strip()
        self.note_edit.clear()
        self._fill()

    def remove(self) -> None:
        for item in self.list.selectedItems():
            self.days.pop(item.data(DATE_ROLE), None)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for day, note in sorted(self.days.items()):
            item = QListWidgetItem(f"{format_date(day)}  {note}".rstrip())
            item.setData(DATE_ROLE, day)
            self.list.addItem(item)


class OwnDaysDialog(QDialog):
    """Edit the own days; saving keeps them, applies them and moves affected runs."""

    def __init__(
        self, settings: SettingsStore, service: PushService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.service = service
        self.setWindowTitle(self.tr("Own days off and working days"))
        kept = own_days.load(settings)
        self.off_list = OwnDayList(self.tr("Extra days off"), self)
        self.off_list.set_days(dict(kept.days_off))
        self.work_list = OwnDayList(self.tr("Extra working days"), self)
        self.work_list.set_days(dict(kept.working_days))
        hint = QLabel(
            self.tr(
                "These apply on top of the working-day calendar of every reminder"
                " (China's holidays, or another country's)."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.error = ErrorLabel(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(self.off_list, 0, 0)
        grid.addWidget(self.work_list, 0, 1)
        box = QVBoxLayout(self)
        box.addWidget(hint)
        box.addLayout(grid, 1)
        box.addWidget(self.error)
        box.addWidget(buttons)
        self.resize(760, 420)
        self.date_edit_default = QDate.currentDate()

    def own(self) -> OwnDays:
        return own_days.from_dict(
            own_days.to_dict(OwnDays(self.off_list.days, self.work_list.days))
        )

    def accept(self) -> None:
        try:
            own = self.own()
        except SpecError as exc:
            self.error.show_messages([e.message for e in exc.errors])
            return
        pushes = [
            (row.id, row.name, row.spec.trigger) for row in self.service.rows() if row.enabled
        ]
        own_days.save(self.settings, own, self.service.calendars, self.service.scheduler, pushes)
        super().accept()


def import_with_own_days(
    service: PushService,
    settings: SettingsStore,
    path: Path,
    confirm: Callable[[int, list[str]], bool] | None = None,
) -> list[int] | None:
    """Import the reminders, their contacts, groups, channels and templates, and the own
    days of a file: all of it, or nothing. ``confirm(count, summary)`` is shown the preview
    (the import done in a transaction that is rolled back) first; ``None`` when declined."""
    imported = read_import_file(path)
    incoming = own_days.from_document(path.read_bytes())
    merged = own_days.merge(own_days.load(settings), incoming) if incoming else None
    if confirm is not None:
        _ids, plan = service.import_file(imported, dry_run=True)
        if not confirm(len(imported.specs), plan.summary()):
            return None
    ids, _plan = service.import_file(imported)
    if merged is not None:
        pushes = [(row.id, row.name, row.spec.trigger) for row in service.rows() if row.enabled]
        own_days.save(settings, merged, service.calendars, service.scheduler, pushes)
    service.reconcile()
    return ids
