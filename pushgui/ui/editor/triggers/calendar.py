"""Editor for calendar rules: "every weekday at 09:00", "2nd Tuesday", "last day of the month",
"every working day in China", "the last working day", "every year on 八月十五".

The controls for working days, lunar dates and limits are built in ``day_options.py``, the
list of times in ``times_list.py``, and the presets and which one shows a rule are in
``calendar_presets.py``.

Why one module: what is left is one form whose rows show, hide and fill one another by
preset; splitting it would spread that one mapping (preset -> rows -> spec) over several
files.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.errors import FieldError
from pushgui.core.schedule.spec import LAST, WEEKDAYS, CalendarSpec, TriggerSpec
from pushgui.ui.editor.triggers.base import TriggerEditor
from pushgui.ui.editor.triggers.calendar_presets import (
    DAY_RULE_OF,
    LUNAR_PRESETS,
    PRESETS,
    WEEKEND,
    WORK_DAYS,
    WORKDAY_PRESETS,
    preset_for,
)
from pushgui.ui.editor.triggers.day_options import DayOptions
from pushgui.ui.editor.triggers.times_list import TimesList
from pushgui.ui.widgets.dates import from_qdate, make_date_edit, to_qdate
from pushgui.ui.widgets.fields import ErrorLabel, add_row, hint_label, make_form


class CalendarEditor(TriggerEditor):
    """Calendar rules through a preset menu; only the controls the preset needs are shown.

    Signals:
        changed(): any control was edited.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        locale = QLocale()
        self.preset_combo = QComboBox(self)
        labels = {
            "every_day": self.tr("Every day"),
            "weekdays": self.tr("Weekdays (Mon–Fri)"),
            "weekends": self.tr("Weekends (Sat, Sun)"),
            "chosen_weekdays": self.tr("Chosen days of the week"),
            "month_days": self.tr("Chosen days of the month"),
            "last_day": self.tr("Last day of the month"),
            "nth_weekday": self.tr("A weekday of the month (e.g. 2nd Tuesday)"),
            "yearly": self.tr("Once a year, on a date"),
            "workdays": self.tr("Working days (holidays and make-up days)"),
            "nth_workday": self.tr("A working day of the month (first, last, Nth)"),
            "lunar_yearly": self.tr("Once a year, on a lunar date (农历)"),
            "lunar_monthly": self.tr("Every lunar month, on a day (农历)"),
            "crontab": self.tr("Advanced (crontab)"),
        }
        for key in PRESETS:
            self.preset_combo.addItem(labels[key], key)
        self.preset_combo.setAccessibleName(self.tr("Repeat"))

        # Chosen weekdays: Qt numbers days Monday=1 .. Sunday=7, the same order as WEEKDAYS.
        self.weekday_checks: dict[str, QCheckBox] = {}
        weekday_row = QHBoxLayout()
        weekday_row.setSpacing(10)
        for number, key in enumerate(WEEKDAYS, start=1):
            check = QCheckBox(locale.dayName(number, QLocale.FormatType.ShortFormat), self)
            check.setAccessibleName(locale.dayName(number, QLocale.FormatType.LongFormat))
            check.toggled.connect(self._notify)
            self.weekday_checks[key] = check
            weekday_row.addWidget(check)
        weekday_row.addStretch(1)

        # Days of the month: a grid of toggle buttons, 7 to a row like a calendar page.
        self.day_buttons: dict[int, QToolButton] = {}
        day_grid = QGridLayout()
        day_grid.setSpacing(2)
        for day in range(1, 32):
            button = self._day_button(str(day), self.tr("Day %1").replace("%1", str(day)))
            self.day_buttons[day] = button
            day_grid.addWidget(button, (day - 1) // 7, (day - 1) % 7)
        last = self._day_button(self.tr("Last"), self.tr("Last day of the month"))
        last.setToolTip(self.tr("The last day of each month (28th to 31st)"))
        self.day_buttons[LAST] = last
        day_grid.addWidget(last, 4, 3, 1, 4)
        day_box = QHBoxLayout()
        day_box.addLayout(day_grid)
        day_box.addStretch(1)

        # Nth weekday of the month.
        self.nth_combo = QComboBox(self)
        self.nth_combo.setAccessibleName(self.tr("Which one"))
        for text, value in (
            (self.tr("1st"), 1),
            (self.tr("2nd"), 2),
            (self.tr("3rd"), 3),
            (self.tr("4th"), 4),
            (self.tr("5th"), 5),
            (self.tr("Last"), LAST),
        ):
            self.nth_combo.addItem(text, value)
        self.nth_weekday_combo = QComboBox(self)
        self.nth_weekday_combo.setAccessibleName(self.tr("Weekday"))
        for number, key in enumerate(WEEKDAYS, start=1):
            self.nth_weekday_combo.addItem(locale.dayName(number), key)
        nth_row = QHBoxLayout()
        nth_row.addWidget(self.nth_combo)
        nth_row.addWidget(self.nth_weekday_combo)
        nth_row.addWidget(QLabel(self.tr("of the month"), self))
        nth_row.addStretch(1)

        # Yearly on a date.
        self.year_day_spin = QSpinBox(self)
        self.year_day_spin.setRange(1, 31)
        self.year_day_spin.setAccessibleName(self.tr("Day of the month"))
        self.year_month_combo = QComboBox(self)
        self.year_month_combo.setAccessibleName(self.tr("Month"))
        for month in range(1, 13):
            self.year_month_combo.addItem(locale.monthName(month), month)
        today = date.today()
        self.year_day_spin.setValue(today.day)
        self.year_month_combo.setCurrentIndex(today.month - 1)
        yearly_row = QHBoxLayout()
        yearly_row.addWidget(self.year_day_spin)
        yearly_row.addWidget(self.year_month_combo)
        yearly_row.addStretch(1)

        # Advanced: a crontab line, for people who know the format.
        self.crontab_edit = QLineEdit(self)
        self.crontab_edit.setPlaceholderText("0 9 * * 1-5")
        self.crontab_edit.setAccessibleName(self.tr("Crontab line"))
        self.crontab_edit.setMinimumWidth(self.crontab_edit.fontMetrics().averageCharWidth() * 40)
        crontab_box = QVBoxLayout()
        crontab_box.setSpacing(2)
        crontab_box.addWidget(self.crontab_edit)
        crontab_box.addWidget(
            hint_label(self.tr("minute hour day month weekday, e.g. 0 9 * * 1-5"), self)
        )

        self.times_list = TimesList(self)
        self.day_options = DayOptions(self)

        # Optional restriction to some months.
        self.months_check = QCheckBox(self.tr("Only in some months"), self)
        self.month_checks: dict[int, QCheckBox] = {}
        months_grid = QGridLayout()
        months_grid.setContentsMargins(0, 0, 0, 0)
        months_grid.setHorizontalSpacing(10)
        for month in range(1, 13):
            check = QCheckBox(locale.monthName(month, QLocale.FormatType.ShortFormat), self)
            check.setAccessibleName(locale.monthName(month))
            check.toggled.connect(self._notify)
            self.month_checks[month] = check
            months_grid.addWidget(check, (month - 1) // 6, (month - 1) % 6)
        self.months_panel = QWidget(self)
        months_panel_box = QHBoxLayout(self.months_panel)
        months_panel_box.setContentsMargins(0, 0, 0, 0)
        months_panel_box.addLayout(months_grid)
        months_panel_box.addStretch(1)
        self.months_panel.setVisible(False)
        months_box = QVBoxLayout()
        months_box.setSpacing(4)
        months_box.addWidget(self.months_check)
        months_box.addWidget(self.months_panel)

        # Optional first and last day.
        self.start_check = QCheckBox(self.tr("&From:"), self)
        self.start_edit = make_date_edit(self)
        self.start_edit.setAccessibleName(self.tr("First day"))
        self.end_check = QCheckBox(self.tr("&Until:"), self)
        self.end_edit = make_date_edit(self)
        self.end_edit.setAccessibleName(self.tr("Last day"))
        self.end_edit.setDate(self.end_edit.date().addMonths(1))
        for check, edit in ((self.start_check, self.start_edit), (self.end_check, self.end_edit)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._notify)
            edit.dateChanged.connect(self._notify)
        dates_row = QHBoxLayout()
        dates_row.addWidget(self.start_check)
        dates_row.addWidget(self.start_edit)
        dates_row.addSpacing(12)
        dates_row.addWidget(self.end_check)
        dates_row.addWidget(self.end_edit)
        dates_row.addStretch(1)

        form = make_form(self)
        self._form = form
        add_row(form, self.tr("&Repeat:"), self.preset_combo, self._error_label())
        self._rows: dict[str, int] = {}
        self._row_errors: dict[str, ErrorLabel] = {}
        self._add_row(
            "week_days", self.tr("On:"), weekday_row, "week_days", buddy=self.weekday_checks["mon"]
        )
        self._add_row(
            "month_days", self.tr("On days:"), day_box, "month_days", buddy=self.day_buttons[1]
        )
        self._add_row(
            "nth", self.tr("On the:"), nth_row, "nth", "nth_weekday", buddy=self.nth_combo
        )
        options = self.day_options
        self._add_row(
            "nth_workday",
            self.tr("On the:"),
            options.nth_workday_row,
            buddy=options.nth_workday_combo,
        )
        self._add_row("yearly", self.tr("On:"), yearly_row, buddy=self.year_day_spin)
        lunar_box = QVBoxLayout()
        lunar_box.setSpacing(2)
        lunar_box.addLayout(options.lunar_row)
        lunar_box.addWidget(options.lunar_hint)
        self._add_row(
            "lunar",
            self.tr("Lunar date:"),
            lunar_box,
            "lunar_month",
            "lunar_day",
            buddy=options.lunar_month_combo,
        )
        self._add_row(
            "every_weeks",
            self.tr("Weeks:"),
            options.every_weeks_row,
            "every_weeks",
            buddy=options.every_weeks_spin,
        )
        self._add_row(
            "crontab", self.tr("&Crontab:"), crontab_box, "crontab", buddy=self.crontab_edit
        )
        self._add_row("times", self.tr("At:"), self.times_list, "times")
        self._add_row("months", self.tr("Months:"), months_box, "months", buddy=self.months_check)
        self._add_row(
            "dates", self.tr("Dates:"), dates_row, "start_date", "end_date", buddy=self.start_check
        )
        self._add_row(
            "calendar",
            self.tr("&Working days:"),
            options.calendar_row,
            "workdays",
            buddy=options.calendar_combo,
        )
        self._add_row(
            "day_off",
            self.tr("On a &day off:"),
            options.day_off_row,
            "on_day_off",
            buddy=options.day_off_combo,
        )
        self._add_row(
            "limits",
            self.tr("S&kip dates:"),
            options.limits_row,
            "skip_dates",
            "max_runs",
            buddy=options.skip_edit,
        )
        form.addRow(self._other_errors)
        # The yearly row shows its own day and month errors in place of the hidden rows'.
        self._yearly_error = self._row_errors["yearly"]

        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.nth_combo.currentIndexChanged.connect(self._notify)
        self.nth_weekday_combo.currentIndexChanged.connect(self._notify)
        self.year_day_spin.valueChanged.connect(self._notify)
        self.year_month_combo.currentIndexChanged.connect(self._notify)
        self.crontab_edit.textChanged.connect(self._notify)
        self.times_list.changed.connect(self._notify)
        self.months_check.toggled.connect(self.months_panel.setVisible)
        self.months_check.toggled.connect(self._notify)
        options.changed.connect(self._options_changed)
        self._show_rows()

    def _options_changed(self) -> None:
        # every N weeks and a number of runs count from a start date: offer today's
        options = self.day_options
        counted = options.max_runs_check.isChecked() or (
            self.preset() == "chosen_weekdays" and options.every_weeks_spin.value() > 1
        )
        if counted and not self.start_check.isChecked() and not self._is_loading():
            self.start_check.setChecked(True)
        self._notify()

    def _is_loading(self) -> bool:
        return bool(self._load_depth)

    # -- building ------------------------------------------------------------------------

    def _day_button(self, text: str, accessible: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setAccessibleName(accessible)
        button.setFixedSize(30, 24)
        button.toggled.connect(self._notify)
        return button

    def _add_row(
        self,
        key: str,
        label: str,
        field: QWidget | QLayout,
        *fields: str,
        buddy: QWidget | None = None,
    ) -> None:
        error = self._error_label(*fields)
        self._row_errors[key] = error
        self._rows[key] = add_row(self._form, label, field, error, buddy)

    # -- presets -------------------------------------------------------------------------

    def preset(self) -> str:
        return str(self.preset_combo.currentData())

    def set_preset(self, key: str) -> None:
        self.preset_combo.setCurrentIndex(PRESETS.index(key))

    def _preset_changed(self) -> None:
        if self.preset() == "chosen_weekdays" and not self._checked_weekdays():
            self._check_weekdays(("mon",))
        self._show_rows()
        self._notify()

    def _show_rows(self) -> None:
        preset = self.preset()
        visible = {
            "week_days": preset == "chosen_weekdays",
            "month_days": preset == "month_days",
            "nth": preset == "nth_weekday",
            "yearly": preset == "yearly",
            "nth_workday": preset == "nth_workday",
            "lunar": preset in LUNAR_PRESETS,
            "every_weeks": preset == "chosen_weekdays",
            "crontab": preset == "crontab",
            "times": preset != "crontab",
            "months": preset not in ("yearly", "crontab", *LUNAR_PRESETS),
            "dates": True,
            "calendar": preset != "crontab",
            "day_off": preset not in ("crontab", *WORKDAY_PRESETS),
            "limits": preset != "crontab",
        }
        for key, row in self._rows.items():
            self._form.setRowVisible(row, visible[key])
        # Showing a row shows everything in it; put back what is hidden on purpose.
        self.months_panel.setVisible(self.months_check.isChecked())
        self.day_options.lunar_month_combo.setVisible(preset == "lunar_yearly")
        self.day_options.show_code()
        for label in self._labels:
            label.setVisible(bool(label.text()))

    def tallest_minimum_height(self) -> int:
        """The height the tallest usual layout needs: days grid, months, two lines of times."""
        times = self.times_list.times()
        checked = self.months_check.isChecked()
        self.times_list.set_times([time(h, 0) for h in range(TimesList.PER_LINE + 1)])
        self.months_panel.setVisible(True)
        for key, row in self._rows.items():
            self._form.setRowVisible(row, key in ("month_days", "times", "months", "dates"))
        self._form.activate()
        height = self.minimumSizeHint().height()
        self.times_list.set_times(times)
        self.months_check.setChecked(checked)
        self._show_rows()
        return height

    # -- reading and writing the spec ----------------------------------------------------

    def _checked_weekdays(self) -> tuple[str, ...]:
        return tuple(key for key in WEEKDAYS if self.weekday_checks[key].isChecked())

    def _check_weekdays(self, days: tuple[str, ...]) -> None:
        for key, check in self.weekday_checks.items():
            check.setChecked(key in days)

    def _months(self) -> tuple[int, ...]:
        if not self.months_check.isChecked():
            return ()
        return tuple(m for m, check in self.month_checks.items() if check.isChecked())

    def spec(self, timezone: str | None = None) -> CalendarSpec:
        preset = self.preset()
        start, end = self.start_check.isChecked(), self.end_check.isChecked()
        common: dict[str, Any] = {
            "timezone": self._zone(timezone),
            "start_date": from_qdate(self.start_edit.date()) if start else None,
            "end_date": from_qdate(self.end_edit.date()) if end else None,
        }
        if preset == "crontab":
            return CalendarSpec(crontab=self.crontab_edit.text().strip(), **common)
        common["times"] = self.times_list.times()
        common.update(self.day_options.fields(preset))
        if preset in LUNAR_PRESETS:
            return CalendarSpec(day_rule=DAY_RULE_OF[preset], **common)
        if preset == "yearly":
            return CalendarSpec(
                day_rule="month_days",
                month_days=(self.year_day_spin.value(),),
                months=(int(self.year_month_combo.currentData()),),
                **common,
            )
        common["months"] = self._months()
        if preset in WORKDAY_PRESETS:
            return CalendarSpec(day_rule=DAY_RULE_OF[preset], **common)
        if preset in ("weekdays", "weekends", "chosen_weekdays"):
            days = {"weekdays": WORK_DAYS, "weekends": WEEKEND}.get(preset)
            return CalendarSpec(
                day_rule="week_days", week_days=days or self._checked_weekdays(), **common
            )
        if preset in ("month_days", "last_day"):
            if preset == "last_day":
                days_of_month: tuple[int, ...] = (LAST,)
            else:
                chosen = [d for d, b in self.day_buttons.items() if b.isChecked()]
                days_of_month = tuple(sorted(d for d in chosen if d != LAST))
                days_of_month += (LAST,) if LAST in chosen else ()
            return CalendarSpec(day_rule="month_days", month_days=days_of_month, **common)
        if preset == "nth_weekday":
            return CalendarSpec(
                day_rule="nth_weekday",
                nth=int(self.nth_combo.currentData()),
                nth_weekday=str(self.nth_weekday_combo.currentData()),
                **common,
            )
        return CalendarSpec(day_rule="every_day", **common)

    def set_spec(self, spec: TriggerSpec) -> None:
        if not isinstance(spec, CalendarSpec):
            raise TypeError(f"CalendarEditor cannot show a {type(spec).__name__}")
        with self._loading():
            self._remember_zone(spec)
            self.crontab_edit.setText(spec.crontab)
            self.times_list.set_times(spec.times)
            self.months_check.setChecked(bool(spec.months))
            for month, check in self.month_checks.items():
                check.setChecked(month in spec.months)
            self._set_date(self.start_check, self.start_edit, spec.start_date)
            self._set_date(self.end_check, self.end_edit, spec.end_date)
            self._check_weekdays(spec.week_days)
            for day, button in self.day_buttons.items():
                button.setChecked(day in spec.month_days)
            self._select(self.nth_combo, spec.nth)
            self._select(self.nth_weekday_combo, spec.nth_weekday)
            self.day_options.set_spec(spec)
            self.set_preset(preset_for(spec))
            if self.preset() == "yearly":
                self.year_day_spin.setValue(spec.month_days[0])
                self._select(self.year_month_combo, spec.months[0])
                self.months_check.setChecked(False)
            self._show_rows()

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    @staticmethod
    def _set_date(check: QCheckBox, edit: QWidget, value: date | None) -> None:
        check.setChecked(value is not None)
        if value is not None:
            edit.setDate(to_qdate(value))  # type: ignore[attr-defined]

    # -- errors --------------------------------------------------------------------------

    def local_errors(self) -> list[FieldError]:
        if self.preset() != "crontab":
            _days, bad = self.day_options.skip_dates()
            if bad:
                message = self.tr("Not a date: %1. Write dates like 2026-12-24.")
                return [FieldError("skip_dates", message.replace("%1", ", ".join(bad)))]
        restricted = self.preset() not in ("yearly", "crontab") and self.months_check.isChecked()
        if restricted and not self._months():
            return [FieldError("months", self.tr("Tick at least one month."))]
        return []

    def _label_for(self, field: str) -> ErrorLabel | None:
        if self.preset() == "yearly" and field in ("month_days", "months"):
            return self._yearly_error
        return super()._label_for(field)
