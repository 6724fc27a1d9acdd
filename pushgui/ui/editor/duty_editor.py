"""The reminder editor's *Duty rotation* section: who takes turns, from when, on which days,
swaps, and who is on duty for the next runs (``${on_duty}`` / ``${值班人}``).

A separate widget so the push editor only places it, loads it and reads it (a few lines
there); the rules are in ``pushgui/core/people/duty.py``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import FieldError
from pushgui.core.people.contacts import ContactBook
from pushgui.core.people.duty import Rotation, Swap, upcoming, with_swap
from pushgui.core.schedule.workdays import Calendars
from pushgui.ui.i18n import format_date
from pushgui.ui.widgets.dates import from_qdate, make_date_edit, to_qdate
from pushgui.ui.widgets.fields import ErrorLabel, hint_label

ID_ROLE = Qt.ItemDataRole.UserRole
#: Runs the preview lists.
PREVIEW_RUNS = 5


class DutyRotationEditor(QWidget):
    """Off by default; on, it names the people in turn order (taken from a group, then
    reordered by dragging or Alt+Up / Alt+Down), the first person's day, whether the turn
    moves each day or each week and whether only working days count, and swaps.

    Signals:
        changed(): any part was edited.
    """

    changed = Signal()

    def __init__(
        self,
        contacts: ContactBook | None,
        parent: QWidget | None = None,
        calendars: Calendars | None = None,
    ) -> None:
        super().__init__(parent)
        self.calendars = calendars  # the app's working days, own days included
        self._contacts = contacts
        self._names: dict[int, str] = {}
        self._swaps: tuple[Swap, ...] = ()
        self._group_id: int | None = None

        self.enabled_box = QCheckBox(self.tr("&Duty rotation: ${on_duty} names who is on duty"))
        self.group_combo = QComboBox(self)
        self.group_combo.setAccessibleName(self.tr("Take the people from group"))
        self.order_list = QListWidget(self)
        self.order_list.setAccessibleName(self.tr("Turn order"))
        self.order_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.order_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.start_edit = make_date_edit(self)
        self.start_edit.setAccessibleName(self.tr("First person on duty on"))
        self.per_combo = QComboBox(self)
        self.per_combo.setAccessibleName(self.tr("Turn moves"))
        self.per_combo.addItem(self.tr("each day"), "day")
        self.per_combo.addItem(self.tr("each week"), "week")
        self.days_combo = QComboBox(self)
        self.days_combo.setAccessibleName(self.tr("Which days count"))
        self.days_combo.addItem(self.tr("every day counts"), None)
        self.days_combo.addItem(self.tr("Monday to Friday count"), "")
        self.days_combo.addItem(self.tr("China's working days count"), "CN")
        self.swap_date = make_date_edit(self)
        self.swap_date.setAccessibleName(self.tr("Swap date"))
        self.swap_person = QComboBox(self)
        self.swap_person.setAccessibleName(self.tr("Takes the turn"))
        self.swap_button = QPushButton(self.tr("&Swap"), self)
        self.swap_button.setToolTip(self.tr("This person takes the turn on this date"))
        self.swaps_list = QListWidget(self)
        self.swaps_list.setAccessibleName(self.tr("Swaps"))
        self.swaps_list.setMaximumHeight(self.fontMetrics().height() * 3)
        self.swaps_list.hide()  # shown once there is a swap
        self.remove_swap = QPushButton(self.tr("Remove swap"), self)
        self.remove_swap.setEnabled(False)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.error = ErrorLabel(self)

        group_row = QHBoxLayout()
        group_row.addWidget(QLabel(self.tr("People from:"), self))
        group_row.addWidget(self.group_combo, 1)
        when_row = QHBoxLayout()
        when_row.addWidget(QLabel(self.tr("First on duty on:"), self))
        when_row.addWidget(self.start_edit)
        when_row.addWidget(self.per_combo)
        when_row.addWidget(self.days_combo)
        when_row.addStretch(1)
        swap_row = QHBoxLayout()
        swap_row.addWidget(self.swap_date)
        swap_row.addWidget(self.swap_person, 1)
        swap_row.addWidget(self.swap_button)
        swap_row.addWidget(self.remove_swap)
        self.details = QWidget(self)
        inner = QVBoxLayout(self.details)
        inner.setContentsMargins(18, 0, 0, 0)
        inner.setSpacing(4)
        inner.addLayout(group_row)
        inner.addWidget(self.order_list)
        inner.addWidget(hint_label(self.tr("Drag to reorder, or Alt+Up / Alt+Down."), self))
        inner.addLayout(when_row)
        inner.addLayout(swap_row)
        inner.addWidget(self.swaps_list)
        inner.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.details)
        layout.addWidget(self.error)

        self._fill_groups()
        self.enabled_box.toggled.connect(self._toggled)
        self.group_combo.activated.connect(self._group_chosen)
        self.order_list.model().rowsMoved.connect(self._edited)
        self.start_edit.dateChanged.connect(self._edited)
        self.per_combo.currentIndexChanged.connect(self._edited)
        self.days_combo.currentIndexChanged.connect(self._edited)
        self.swap_button.clicked.connect(self._add_swap)
        self.remove_swap.clicked.connect(self._remove_swap)
        QShortcut(QKeySequence("Alt+Up"), self.order_list, lambda: self._move(-1))
        QShortcut(QKeySequence("Alt+Down"), self.order_list, lambda: self._move(1))
        self.details.setVisible(False)

    # -- filling --------------------------------------------------------------------------

    def _fill_groups(self) -> None:
        self.group_combo.clear()
        self.group_combo.addItem(self.tr("Choose a group…"), None)
        if self._contacts is None:
            return
        for group in self._contacts.groups():
            self.group_combo.addItem(group.name, group.id)
        self._names = {c.id: c.name for c in self._contacts.contacts() if c.id is not None}

    def _set_order(self, ids: tuple[int, ...]) -> None:
        self.order_list.clear()
        for contact_id in ids:
            item = QListWidgetItem(self._names.get(contact_id, f"#{contact_id}"))
            item.setData(ID_ROLE, contact_id)
            self.order_list.addItem(item)
        self.swap_person.clear()
        for contact_id in ids:
            self.swap_person.addItem(self._names.get(contact_id, f"#{contact_id}"), contact_id)

    def _group_chosen(self, index: int) -> None:
        group_id = self.group_combo.itemData(index)
        if group_id is None or self._contacts is None:
            return
        group = next(g for g in self._contacts.groups() if g.id == group_id)
        self._group_id = group_id
        self._set_order(group.member_ids)
        self._edited()

    # -- editing --------------------------------------------------------------------------

    def _toggled(self, on: bool) -> None:
        self.details.setVisible(on)
        self._edited()

    def _move(self, step: int) -> None:
        row = self.order_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order_list.count():
            return
        item = self.order_list.takeItem(row)
        self.order_list.insertItem(target, item)
        self.order_list.setCurrentRow(target)
        self._edited()

    def _add_swap(self) -> None:
        rotation = self.rotation()
        person = self.swap_person.currentData()
        if rotation is None or person is None:
            return
        self._swaps = with_swap(rotation, from_qdate(self.swap_date.date()), person).swaps
        self._show_swaps()
        self._edited()

    def _remove_swap(self) -> None:
        row = self.swaps_list.currentRow()
        if row < 0:
            return
        self._swaps = self._swaps[:row] + self._swaps[row + 1 :]
        self._show_swaps()
        self._edited()

    def _show_swaps(self) -> None:
        self.swaps_list.clear()
        self.swaps_list.setVisible(bool(self._swaps))
        self.remove_swap.setEnabled(bool(self._swaps))
        for swap in self._swaps:
            name = self._names.get(swap.contact_id, f"#{swap.contact_id}")
            self.swaps_list.addItem(
                self.tr("%1: %2 takes the turn")
                .replace("%1", format_date(swap.day))
                .replace("%2", name)
            )

    def _edited(self, *_args: object) -> None:
        self.changed.emit()

    # -- the value ------------------------------------------------------------------------

    def rotation(self) -> Rotation | None:
        """The rotation as set, or ``None`` when it is off."""
        if not self.enabled_box.isChecked():
            return None
        order = tuple(
            int(self.order_list.item(i).data(ID_ROLE)) for i in range(self.order_list.count())
        )
        return Rotation(
            order=order,
            start=from_qdate(self.start_edit.date()),
            per=self.per_combo.currentData(),
            calendar=self.days_combo.currentData(),
            swaps=self._swaps,
            group_id=self._group_id,
        )

    def set_rotation(self, rotation: Rotation | None) -> None:
        self.enabled_box.setChecked(rotation is not None)
        if rotation is None:
            self.start_edit.setDate(QDate.currentDate())
            return
        self._group_id = rotation.group_id
        index = self.group_combo.findData(rotation.group_id)
        self.group_combo.setCurrentIndex(max(index, 0))
        self._set_order(rotation.order)
        self.start_edit.setDate(to_qdate(rotation.start))
        self.per_combo.setCurrentIndex(max(self.per_combo.findData(rotation.per), 0))
        index = next(
            (
                i
                for i in range(self.days_combo.count())
                if self.days_combo.itemData(i) == rotation.calendar
            ),
            0,
        )
        self.days_combo.setCurrentIndex(index)
        self._swaps = rotation.swaps
        self._show_swaps()
        self.details.setVisible(True)

    def show_errors(self, errors: list[FieldError]) -> None:
        self.error.show_messages(e.message for e in errors if e.field.startswith("duty"))

    def show_preview(self, due: list[datetime]) -> None:
        """Who is on duty at each of the next ``due`` run times (local to the reminder)."""
        rotation = self.rotation()
        if rotation is None or not rotation.order or not due:
            self.preview.setText("")
            return
        turns = [
            self.tr("%1: %2").replace("%1", format_date(at.date())).replace("%2", name)
            for at, name in upcoming(rotation, due[:PREVIEW_RUNS], self._names, self.calendars)
        ]
        self.preview.setText(self.tr("On duty at the next runs:") + " " + " · ".join(turns))
