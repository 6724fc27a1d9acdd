"""Controls of the calendar editor for working days, lunar dates and limits.

They fill the working-day and lunar fields of a calendar spec (see
``pushgui/core/schedule/spec.py``): which calendar decides the days off, the Nth working
day, a lunar month and day, what a rule does on a day off, every N weeks, dates to skip and
an end after N runs. ``CalendarEditor`` places them in its form and shows those its preset
needs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from pushgui.core.schedule import lunar
from pushgui.core.schedule.spec import LAST, CalendarSpec
from pushgui.core.schedule.validate_days import MAX_EVERY_WEEKS, MAX_NTH_WORKDAY, MAX_RUNS
from pushgui.ui.i18n import language

COMMON_CALENDARS: tuple[str, ...] = ("CN", "HK", "TW", "SG", "JP", "US", "GB", "DE")
OTHER = "other"


def _row(*widgets: QWidget | str, parent: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(QLabel(widget, parent) if isinstance(widget, str) else widget)
    row.addStretch(1)
    return row


class DayOptions(QObject):
    """The widgets, owned by the editor ``parent``, and their mapping to spec fields.

    Signals:
        changed(): any of the controls was edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        # which calendar decides working days
        self.calendar_combo = QComboBox(parent)
        self.calendar_combo.setAccessibleName(self.tr("Working-day calendar"))
        names = {
            "": self.tr("Mon–Fri, no holidays"),
            "CN": self.tr("China (holidays and make-up working days)"),
            "HK": self.tr("Hong Kong"),
            "TW": self.tr("Taiwan"),
            "SG": self.tr("Singapore"),
            "JP": self.tr("Japan"),
            "US": self.tr("United States"),
            "GB": self.tr("United Kingdom"),
            "DE": self.tr("Germany"),
            OTHER: self.tr("Other country or region…"),
        }
        for code in ("", *COMMON_CALENDARS, OTHER):
            self.calendar_combo.addItem(names[code], code)
        self.code_edit = QLineEdit(parent)
        self.code_edit.setPlaceholderText(self.tr("e.g. FR or DE-BY"))
        self.code_edit.setAccessibleName(self.tr("Country or region code"))
        self.code_edit.setMaximumWidth(self.code_edit.fontMetrics().averageCharWidth() * 14)
        self.calendar_row = _row(self.calendar_combo, self.code_edit, parent=parent)

        # the Nth working day of the month
        self.nth_workday_combo = QComboBox(parent)
        self.nth_workday_combo.setAccessibleName(self.tr("Which working day"))
        self.nth_workday_combo.addItem(self.tr("First"), 1)
        self.nth_workday_combo.addItem(self.tr("Last"), LAST)
        for n in range(2, MAX_NTH_WORKDAY + 1):
            self.nth_workday_combo.addItem(self.tr("Number %1").replace("%1", str(n)), n)
        self.nth_workday_row = _row(
            self.nth_workday_combo, self.tr("working day of the month"), parent=parent
        )

        # a lunar date: month (yearly rules only) and day
        words = language()
        self.lunar_month_combo = QComboBox(parent)
        self.lunar_month_combo.setAccessibleName(self.tr("Lunar month"))
        for month in range(1, 13):
            self.lunar_month_combo.addItem(lunar.month_name(month, words), month)
        self.lunar_day_combo = QComboBox(parent)
        self.lunar_day_combo.setAccessibleName(self.tr("Lunar day"))
        for day in range(1, 31):
            self.lunar_day_combo.addItem(lunar.day_name(day, words), day)
        self.lunar_row = _row(self.lunar_month_combo, self.lunar_day_combo, parent=parent)
        self.lunar_hint = QLabel(
            self.tr(
                "A yearly lunar date runs in the regular month, not in a leap month; a monthly"
                " one runs in leap months too. Day 30 runs on day 29 in a short month."
            ),
            parent,
        )
        self.lunar_hint.setWordWrap(True)

        # what a rule does on a day off
        self.day_off_combo = QComboBox(parent)
        self.day_off_combo.setAccessibleName(self.tr("On a day off"))
        for text, value in (
            (self.tr("Run anyway"), "run"),
            (self.tr("Skip that run"), "skip"),
            (self.tr("Move to the working day before"), "previous"),
            (self.tr("Move to the next working day"), "next"),
        ):
            self.day_off_combo.addItem(text, value)
        self.day_off_row = _row(self.day_off_combo, parent=parent)

        # every N weeks
        self.every_weeks_spin = QSpinBox(parent)
        self.every_weeks_spin.setRange(1, MAX_EVERY_WEEKS)
        self.every_weeks_spin.setAccessibleName(self.tr("Every how many weeks"))
        self.every_weeks_row = _row(
            self.tr("Every"),
            self.every_weeks_spin,
            self.tr("weeks (counted from the start date)"),
            parent=parent,
        )

        # dates to skip and an end after N runs
        self.skip_edit = QLineEdit(parent)
        self.skip_edit.setPlaceholderText(self.tr("e.g. 2026-12-24, 2026-12-31"))
        self.skip_edit.setAccessibleName(self.tr("Dates to skip"))
        self.skip_edit.setMinimumWidth(self.skip_edit.fontMetrics().averageCharWidth() * 36)
        self.max_runs_check = QCheckBox(self.tr("End after"), parent)
        self.max_runs_spin = QSpinBox(parent)
        self.max_runs_spin.setRange(1, MAX_RUNS)
        self.max_runs_spin.setValue(10)
        self.max_runs_spin.setEnabled(False)
        self.max_runs_spin.setAccessibleName(self.tr("Number of runs"))
        self.max_runs_check.toggled.connect(self.max_runs_spin.setEnabled)
        self.limits_row = _row(
            self.skip_edit,
            self.max_runs_check,
            self.max_runs_spin,
            self.tr("runs"),
            parent=parent,
        )

        for combo in (
            self.calendar_combo,
            self.nth_workday_combo,
            self.lunar_month_combo,
            self.lunar_day_combo,
            self.day_off_combo,
        ):
            combo.currentIndexChanged.connect(self._changed)
        for spin in (self.every_weeks_spin, self.max_runs_spin):
            spin.valueChanged.connect(self._changed)
        self.max_runs_check.toggled.connect(self._changed)
        self.code_edit.textChanged.connect(self._changed)
        self.skip_edit.textChanged.connect(self._changed)
        self._sync_code()

    def _changed(self, *_args: object) -> None:
        self._sync_code()
        self.changed.emit()

    def _sync_code(self) -> None:
        self.code_edit.setVisible(
            self.calendar_combo.currentData() == OTHER and self.calendar_combo.isVisible()
        )

    def show_code(self) -> None:
        """Put the code box back in step after the editor showed or hid rows."""
        self._sync_code()

    # -- values ---------------------------------------------------------------------------

    def calendar_code(self) -> str:
        code = str(self.calendar_combo.currentData())
        return self.code_edit.text().strip().upper() if code == OTHER else code

    def skip_dates(self) -> tuple[tuple[date, ...], list[str]]:
        """The dates typed, and the pieces that are not dates."""
        days: list[date] = []
        bad: list[str] = []
        for piece in self.skip_edit.text().replace("，", ",").replace("、", ",").split(","):
            text = piece.strip()
            if not text:
                continue
            try:
                days.append(date.fromisoformat(text))
            except ValueError:
                bad.append(text)
        return tuple(days), bad

    def fields(self, preset: str) -> dict[str, Any]:
        """The spec fields these controls set for ``preset``."""
        values: dict[str, Any] = {
            "workdays": self.calendar_code(),
            "skip_dates": self.skip_dates()[0],
            "max_runs": self.max_runs_spin.value() if self.max_runs_check.isChecked() else 0,
        }
        if preset == "nth_workday":
            values["nth"] = int(self.nth_workday_combo.currentData())
        if preset in ("lunar_yearly", "lunar_monthly"):
            values["lunar_day"] = int(self.lunar_day_combo.currentData())
            if preset == "lunar_yearly":
                values["lunar_month"] = int(self.lunar_month_combo.currentData())
        if preset not in ("workdays", "nth_workday"):
            values["on_day_off"] = str(self.day_off_combo.currentData())
        if preset == "chosen_weekdays":
            values["every_weeks"] = self.every_weeks_spin.value()
        return values

    def set_spec(self, spec: CalendarSpec) -> None:
        index = self.calendar_combo.findData(spec.workdays.upper())
        if index < 0:
            index = self.calendar_combo.findData(OTHER)
            self.code_edit.setText(spec.workdays)
        self.calendar_combo.setCurrentIndex(index)
        _select(self.nth_workday_combo, spec.nth)
        _select(self.lunar_month_combo, spec.lunar_month)
        _select(self.lunar_day_combo, spec.lunar_day)
        _select(self.day_off_combo, spec.on_day_off)
        self.every_weeks_spin.setValue(spec.every_weeks)
        self.skip_edit.setText(", ".join(d.isoformat() for d in sorted(set(spec.skip_dates))))
        self.max_runs_check.setChecked(spec.max_runs > 0)
        if spec.max_runs > 0:
            self.max_runs_spin.setValue(spec.max_runs)
        self._sync_code()


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
