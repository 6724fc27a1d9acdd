"""A box to type a rule in plain words (docs/RULES.md): it shows the rule understood and its
next runs, or points at what it did not understand, before anything is used or saved."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.preview import preview
from pushgui.core.schedule.spec import TriggerSpec
from pushgui.core.schedule.typed import TypedRuleError, parse_rule
from pushgui.core.schedule.validate import validate_trigger
from pushgui.core.schedule.workdays import Calendars
from pushgui.ui.i18n import format_datetime, language, readable
from pushgui.ui.widgets.fields import ErrorLabel

PREVIEW_RUNS = 3


class TypedRuleBox(QWidget):
    """A line to type a rule, what it means, and a button to use it.

    Signals:
        use_requested(object): the user chose to use the understood rule (a TriggerSpec).
    """

    use_requested = Signal(object)

    def __init__(
        self,
        timezone: Callable[[], str],
        calendar: Callable[[], str],
        parent: QWidget | None = None,
        calendars: Calendars | None = None,
    ) -> None:
        super().__init__(parent)
        self._timezone = timezone
        self._calendar = calendar
        self._calendars = calendars  # the app's holiday data and own days, for the runs
        self.spec: TriggerSpec | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("e.g. every weekday at 9 · 每个工作日 9点"))
        self.edit.setAccessibleName(self.tr("Type a rule"))
        self.edit.setClearButtonEnabled(True)
        self.use_button = QPushButton(self.tr("&Use this rule"), self)
        self.use_button.setEnabled(False)
        self.meaning = QLabel(self)
        self.meaning.setWordWrap(True)
        self.meaning.setTextFormat(Qt.TextFormat.PlainText)
        self.meaning.setAccessibleName(self.tr("Rule understood"))
        self.meaning.hide()
        self.error = ErrorLabel(self)
        self.error.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.use_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.meaning)
        box.addWidget(self.error)
        self.edit.textChanged.connect(self.understand)
        self.edit.returnPressed.connect(self.use)
        self.use_button.clicked.connect(self.use)

    def understand(self) -> TriggerSpec | None:
        """Parse the typed text and show the result; the spec, or ``None``."""
        text = self.edit.text()
        self.spec = None
        self.use_button.setEnabled(False)
        if not text.strip():
            self.meaning.hide()
            self.error.show_messages([])
            return None
        zone = self._timezone()
        try:
            now = datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
            spec = parse_rule(text, zone, now, self._calendar() or "CN")
        except TypedRuleError as problem:
            self._show_problem(text, problem)
            return None
        except Exception:  # an unknown zone: the zone box already says so
            self.meaning.hide()
            return None
        problems = validate_trigger(spec, calendars=self._calendars)
        if problems:
            self.meaning.hide()
            self.error.show_messages([html.escape(readable(p.message)) for p in problems])
            return None
        runs = preview(spec, PREVIEW_RUNS, calendars=self._calendars)
        next_runs = ", ".join(format_datetime(run.at, local=False) for run in runs)
        self.meaning.setText(
            self.tr("Understood: %1\nNext: %2")
            .replace("%1", describe(spec, language()))
            .replace("%2", next_runs)
        )
        self.meaning.show()
        self.error.show_messages([])
        self.spec = spec
        self.use_button.setEnabled(True)
        return spec

    def _show_problem(self, text: str, problem: TypedRuleError) -> None:
        self.meaning.hide()
        marked = (
            html.escape(text[: problem.start])
            + "<u><b>"
            + html.escape(text[problem.start : problem.end] or " ")
            + "</b></u>"
            + html.escape(text[problem.end :])
        )
        self.error.show_messages([f"{html.escape(readable(problem.message))}<br>{marked}"])

    def use(self) -> None:
        if self.spec is not None:
            self.use_requested.emit(self.spec)
