"""Editor for a push that repeats every N minutes, hours, days or weeks."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from pushgui.core.schedule.spec import UNITS, IntervalSpec, TriggerSpec
from pushgui.ui.editor.triggers.base import TriggerEditor
from pushgui.ui.widgets.dates import (
    from_qdatetime,
    make_date_time_edit,
    next_full_hour,
    to_qdatetime,
)
from pushgui.ui.widgets.fields import add_row, make_form

MAX_EVERY = 9999


class IntervalEditor(TriggerEditor):
    """ "Every [n] [unit]", a first run, and an optional last one.

    Signals:
        changed(): any field was edited.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.every_spin = QSpinBox(self)
        self.every_spin.setRange(1, MAX_EVERY)
        self.every_spin.setValue(1)
        self.every_spin.setAccessibleName(self.tr("Repeat every"))
        self.unit_combo = QComboBox(self)
        self.unit_combo.setAccessibleName(self.tr("Unit"))
        for unit in UNITS:
            self.unit_combo.addItem(unit, unit)
        self.unit_combo.setCurrentIndex(UNITS.index("hours"))
        self._name_units()

        self.start_edit = make_date_time_edit(self)
        self.start_edit.setAccessibleName(self.tr("First run"))
        self.end_check = QCheckBox(self.tr("&Stop after:"), self)
        self.end_edit = make_date_time_edit(self)
        self.end_edit.setAccessibleName(self.tr("Last run"))
        self.end_edit.setDateTime(to_qdatetime(next_full_hour() + timedelta(days=30)))
        self.end_edit.setEnabled(False)

        every_row = QHBoxLayout()
        every_row.addWidget(self.every_spin)
        every_row.addWidget(self.unit_combo)
        every_row.addStretch(1)

        form = make_form(self)
        every_error = self._error_label("every", "unit")
        add_row(form, self.tr("E&very:"), every_row, every_error, self.every_spin)
        add_row(form, self.tr("&Starting:"), self.start_edit, self._error_label("start"))
        add_row(form, self.end_check, self.end_edit, self._error_label("end"))
        form.addRow(self._other_errors)

        self.every_spin.valueChanged.connect(self._name_units)
        self.every_spin.valueChanged.connect(self._notify)
        self.unit_combo.currentIndexChanged.connect(self._notify)
        self.start_edit.dateTimeChanged.connect(self._notify)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        self.end_check.toggled.connect(self._notify)
        self.end_edit.dateTimeChanged.connect(self._notify)

    def _name_units(self) -> None:
        """ "every 1 hour", "every 2 hours": the unit names follow the number."""
        if self.every_spin.value() == 1:
            names = [self.tr("minute"), self.tr("hour"), self.tr("day"), self.tr("week")]
        else:
            names = [self.tr("minutes"), self.tr("hours"), self.tr("days"), self.tr("weeks")]
        for index, name in enumerate(names):
            self.unit_combo.setItemText(index, name)

    def spec(self, timezone: str | None = None) -> IntervalSpec:
        return IntervalSpec(
            every=self.every_spin.value(),
            unit=self.unit_combo.currentData() or "hours",
            start=from_qdatetime(self.start_edit.dateTime()),
            end=from_qdatetime(self.end_edit.dateTime()) if self.end_check.isChecked() else None,
            timezone=self._zone(timezone),
        )

    def set_spec(self, spec: TriggerSpec) -> None:
        if not isinstance(spec, IntervalSpec):
            raise TypeError(f"IntervalEditor cannot show a {type(spec).__name__}")
        with self._loading():
            self._remember_zone(spec)
            self.every_spin.setValue(spec.every)
            index = self.unit_combo.findData(spec.unit)
            self.unit_combo.setCurrentIndex(max(index, 0))
            self.start_edit.setDateTime(to_qdatetime(spec.start))
            self.end_check.setChecked(spec.end is not None)
            if spec.end is not None:
                self.end_edit.setDateTime(to_qdatetime(spec.end))
