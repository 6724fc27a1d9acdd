"""The channel form's *Quiet hours* field: when the channel may post; outside it messages wait.

A separate widget so the channel form only places it and saves it (a few lines there); the
setting lives in the settings table, not in the channel's config (see
``pushgui/core/delivery/quiet.py``).
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.delivery.quiet import QuietHours, validate_quiet
from pushgui.core.errors import FieldError
from pushgui.ui.widgets.dates import (
    TimeZoneCombo,
    from_qtime,
    make_time_edit,
    to_qtime,
)
from pushgui.ui.widgets.fields import ErrorLabel, hint_label


class QuietHoursField(QWidget):
    """*Post only from 09:00 to 18:00 on Mon–Fri (zone)*, off by default.

    Signals:
        changed(): any part was edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, for_me: bool = False) -> None:
        """``for_me``: the window of the reminders to oneself (the desktop), in Settings."""
        super().__init__(parent)
        self.enabled_box = QCheckBox(
            self.tr("My reminders: &quiet hours, show only")
            if for_me
            else self.tr("&Quiet hours: post only"),
            self,
        )
        self.enabled_box.setToolTip(
            self.tr("Outside these hours messages wait and go when the window opens")
        )
        self.opens_edit = make_time_edit(time(9), self)
        self.opens_edit.setAccessibleName(self.tr("Posts from"))
        self.closes_edit = make_time_edit(time(18), self)
        self.closes_edit.setAccessibleName(self.tr("Posts until"))
        self.days_combo = QComboBox(self)
        self.days_combo.setAccessibleName(self.tr("On which days"))
        self.days_combo.addItem(self.tr("on the days ticked"), "weekdays")
        self.days_combo.addItem(self.tr("on China's working days"), "workdays_cn")
        self.zone_combo = TimeZoneCombo(self)
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        self.day_boxes = [QCheckBox(name, self) for name in names]
        for index, box in enumerate(self.day_boxes):
            box.setChecked(index < 5)
            box.toggled.connect(self._edited)
        self.error = ErrorLabel(self)
        self.hint = hint_label(
            self.tr("Outside these hours your reminders wait, and show when the window opens.")
            if for_me
            else self.tr("Reminders to yourself are never held unless you set this for them."),
            self,
        )

        # Four short rows, so the field fits a narrow form (Settings) in either language.
        times = QHBoxLayout()
        times.setContentsMargins(18, 0, 0, 0)
        times.addWidget(self.opens_edit)
        times.addWidget(QLabel(self.tr("to"), self))
        times.addWidget(self.closes_edit)
        times.addWidget(self.zone_combo)
        times.addStretch(1)
        days = QHBoxLayout()
        days.setContentsMargins(18, 0, 0, 0)
        days.addWidget(self.days_combo)
        days.addStretch(1)
        boxes = QHBoxLayout()
        boxes.setContentsMargins(18, 0, 0, 0)
        for box in self.day_boxes:
            boxes.addWidget(box)
        boxes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.enabled_box)
        layout.addLayout(times)
        layout.addLayout(days)
        layout.addLayout(boxes)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)

        self.enabled_box.toggled.connect(self._edited)
        self.opens_edit.timeChanged.connect(self._edited)
        self.closes_edit.timeChanged.connect(self._edited)
        self.days_combo.currentIndexChanged.connect(self._edited)
        self.zone_combo.zone_changed.connect(self._edited)
        self._enable()
        # Never narrower than its rows: a form that is short of room grows instead of
        # clipping a day's name (seen in the Settings dialog).
        self.setMinimumWidth(self.sizeHint().width())

    def _edited(self, *_args: object) -> None:
        self._enable()
        self.error.show_messages(e.message for e in self.problems())
        self.changed.emit()

    def _enable(self) -> None:
        on = self.enabled_box.isChecked()
        for widget in (self.opens_edit, self.closes_edit, self.days_combo, self.zone_combo):
            widget.setEnabled(on)
        by_weekday = self.days_combo.currentData() == "weekdays"
        for box in self.day_boxes:
            box.setEnabled(on)
            box.setVisible(by_weekday)

    def quiet(self) -> QuietHours | None:
        """The window as set, or ``None`` when quiet hours are off."""
        if not self.enabled_box.isChecked():
            return None
        mode = self.days_combo.currentData()
        calendar = "CN" if mode == "workdays_cn" else None
        days = tuple(i for i, box in enumerate(self.day_boxes) if box.isChecked())
        return QuietHours(
            opens=from_qtime(self.opens_edit.time()),
            closes=from_qtime(self.closes_edit.time()),
            timezone=self.zone_combo.zone(),
            days=days,
            calendar=calendar,
        )

    def set_quiet(self, quiet: QuietHours | None) -> None:
        self.enabled_box.setChecked(quiet is not None)
        if quiet is not None:
            self.opens_edit.setTime(to_qtime(quiet.opens))
            self.closes_edit.setTime(to_qtime(quiet.closes))
            self.zone_combo.set_zone(quiet.timezone)
            mode = "weekdays" if quiet.calendar is None else "workdays_cn"
            self.days_combo.setCurrentIndex(self.days_combo.findData(mode))
            for index, box in enumerate(self.day_boxes):
                box.setChecked(index in quiet.days)
        self._edited()

    def problems(self) -> list[FieldError]:
        quiet = self.quiet()
        return validate_quiet(quiet) if quiet is not None else []
