"""The reminder window: a due reminder on top of everything, with Done and Snooze (a choice
of delays, or a time picked); and the reminder as it is kept until answered.

:mod:`.presenter` decides between a desktop notification and this window, and keeps the
reminders not answered yet across a restart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.runs.snooze import until_for
from pushgui.ui.i18n import date_time_pattern
from pushgui.ui.widgets.fields import ErrorLabel
from pushgui.ui.widgets.icons import app_icon

log = logging.getLogger(__name__)

CUSTOM = "custom"


@dataclass(frozen=True, eq=False)
class Reminder:
    """One reminder as it was shown; snoozing shows exactly this again.

    Each showing is its own reminder (compared by identity): the same push due twice is
    answered twice.
    """

    push_id: int
    push_name: str
    title: str
    body: str
    shown_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_dict(self) -> dict[str, Any]:
        return {
            "push_id": self.push_id,
            "push_name": self.push_name,
            "title": self.title,
            "body": self.body,
            "shown_at": self.shown_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reminder:
        return cls(
            int(data["push_id"]),
            str(data["push_name"]),
            str(data["title"]),
            str(data["body"]),
            datetime.fromisoformat(str(data["shown_at"])),
        )


def _short_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


class ReminderWindow(QWidget):
    """A small always-on-top window that stays until dismissed or snoozed.

    Signals:
        snoozed(object): the user snoozed the reminder until this aware datetime; the
            window closes right after.
    """

    snoozed = Signal(object)
    done = Signal()  # dismissed with its button: done (a nag stops)

    def __init__(
        self,
        push_name: str,
        title: str,
        body: str,
        push_id: int | None = None,
        shown_at: datetime | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reminder = Reminder(
            push_id if push_id is not None else -1,
            push_name,
            title,
            body,
            shown_at or datetime.now(UTC),
        )
        self.setWindowTitle(self.tr("Reminder: {name}").format(name=push_name))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(400)
        heading = QLabel(title)
        heading.setObjectName("reminderTitle")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(body)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.snooze_combo = QComboBox()
        self.snooze_combo.setAccessibleName(self.tr("Remind me again"))
        tomorrow = until_for("tomorrow", self.reminder.shown_at)
        for label, choice in (
            (self.tr("in 5 minutes"), "5min"),
            (self.tr("in 15 minutes"), "15min"),
            (self.tr("in 1 hour"), "1h"),
            (self.tr("tomorrow at {time}").format(time=_short_time(tomorrow)), "tomorrow"),
            (self.tr("at a time I choose…"), CUSTOM),
        ):
            self.snooze_combo.addItem(label, choice)
        self.snooze_combo.setCurrentIndex(1)
        self.custom_edit = QDateTimeEdit()
        self.custom_edit.setAccessibleName(self.tr("Remind me again at"))
        self.custom_edit.setCalendarPopup(True)
        self.custom_edit.setDisplayFormat(date_time_pattern())
        start = QDateTime.currentDateTime().addSecs(30 * 60)
        start.setTime(start.time().addSecs(-start.time().second()))
        self.custom_edit.setDateTime(start)
        self.custom_edit.setMinimumDateTime(QDateTime.currentDateTime())
        self.snooze_error = ErrorLabel()
        self.snooze_button = QPushButton(self.tr("&Snooze"))
        self.snooze_button.setToolTip(self.tr("Show this reminder again later"))
        self.snooze_button.clicked.connect(self.snooze)
        self.snooze_combo.currentIndexChanged.connect(self._on_choice)

        self.snooze_box = QWidget()
        form = QFormLayout(self.snooze_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        form.addRow(self.tr("Remind me &again:"), self.snooze_combo)
        form.addRow("", self.custom_edit)
        form.addRow("", self.snooze_error)
        # Hidden rows of a form still take spacing; these two only show when needed.
        form.setRowVisible(1, False)
        form.setRowVisible(2, False)
        self._form = form

        buttons = QDialogButtonBox()
        buttons.addButton(self.snooze_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.dismiss_button = buttons.addButton(
            self.tr("&Dismiss"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.dismiss_button.setDefault(True)
        self.dismiss_button.setAutoDefault(True)
        self.dismiss_button.clicked.connect(self.done)
        self.dismiss_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(heading)
        if body:
            layout.addWidget(text)
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addWidget(line)
        layout.addWidget(self.snooze_box)
        layout.addWidget(buttons)
        self.dismiss_button.setFocus()

        self.set_snooze_available(push_id is not None)

    def set_snooze_available(self, available: bool) -> None:
        """Hide Snooze when there is nothing to schedule it with."""
        shown = available and self.reminder.push_id >= 0
        self.snooze_box.setVisible(shown)
        self.snooze_button.setVisible(shown)

    def _on_choice(self) -> None:
        self._form.setRowVisible(1, self.snooze_combo.currentData() == CUSTOM)
        self._show_error("")

    def _show_error(self, text: str) -> None:
        self.snooze_error.show_messages([text])
        self._form.setRowVisible(2, bool(text))

    def choose(self, choice: str) -> None:
        """Select a snooze choice: "5min", "15min", "1h", "tomorrow" or "custom"."""
        index = self.snooze_combo.findData(choice)
        if index < 0:
            raise ValueError(f"No snooze choice {choice!r}")
        self.snooze_combo.setCurrentIndex(index)

    def snooze_until(self, now: datetime | None = None) -> datetime | None:
        """When the chosen snooze ends; ``None`` for a custom time that is not ahead."""
        now = now or datetime.now(UTC)
        choice = self.snooze_combo.currentData()
        if choice != CUSTOM:
            return until_for(choice, now)
        until = datetime.fromtimestamp(self.custom_edit.dateTime().toSecsSinceEpoch(), UTC)
        return until if until > now else None

    @Slot()
    def snooze(self) -> None:
        until = self.snooze_until()
        if until is None:
            self._show_error(self.tr("Choose a time that is still ahead."))
            return
        self.snoozed.emit(until)
        self.close()
