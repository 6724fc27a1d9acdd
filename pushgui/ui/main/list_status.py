"""Around the main window's list: the status bar's next due reminder and open reminders,
who receives each reminder (the Recipients column), and columns as wide as their content.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMenu, QStatusBar, QTableView, QToolButton

from pushgui.core.channels.book import ChannelBook
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.spec import PushSpec
from pushgui.ui.main.push_model import NAME, SCHEDULE, PushTableModel
from pushgui.ui.widgets.when import format_when, relative_when

NAME_CHARS, SCHEDULE_CHARS = 32, 56  # widest a name / schedule column grows by itself


class ListStatus(QObject):
    """The status bar's permanent part: "Next: Drink water, in 45 min" and, while some
    reminder was shown and not answered, an "Open reminders (2)" button listing them (they
    stay one click away whatever the notification service did with them).

    Signals:
        reminder_requested(object): one of the open reminders was chosen (the reminder).
        next_due_changed(str): the text naming the next due reminder changed.
    """

    reminder_requested = Signal(object)
    next_due_changed = Signal(str)

    def __init__(self, bar: QStatusBar, model: PushTableModel) -> None:
        super().__init__(bar)
        self.model = model
        self.reminders_menu = QMenu(bar)
        self.reminders_button = QToolButton(bar)
        self.reminders_button.setObjectName("openReminders")
        self.reminders_button.setMenu(self.reminders_menu)
        self.reminders_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.reminders_button.setAutoRaise(True)
        self.reminders_button.hide()
        self.next_label = QLabel(bar)
        self.next_label.setObjectName("nextDue")
        bar.addPermanentWidget(self.next_label)
        bar.addPermanentWidget(self.reminders_button)
        self.next_text = ""

    def update_next_due(self) -> None:
        row = self.model.next_due()
        if row is None or row.next_run is None:
            text = ""
        else:
            text = self.tr("Next: {name}, {when}").format(
                name=row.name, when=relative_when(row.next_run, self.model.clock())
            )
        self.next_label.setText(text)
        self.next_label.setToolTip(format_when(row.next_run) if row and row.next_run else "")
        if text != self.next_text:
            self.next_text = text
            self.next_due_changed.emit(text)

    def set_open_reminders(self, reminders: Sequence[Any]) -> None:
        self.reminders_menu.clear()
        for reminder in reminders:
            when = reminder.shown_at.astimezone().strftime("%H:%M")
            action = self.reminders_menu.addAction(f"{reminder.title}  ({when})")
            action.triggered.connect(lambda _=False, r=reminder: self.reminder_requested.emit(r))
        self.reminders_button.setText(self.tr("Open reminders (%n)", "", len(reminders)))
        self.reminders_button.setVisible(bool(reminders))


class Recipients(QObject):
    """Who a push reaches, in words: "Me", "Alice, Bob (Work mail)", "12 people (Work mail)"."""

    def __init__(
        self, contacts: ContactBook | None, channels: ChannelBook | None, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.contacts = contacts
        self.channels = channels

    def text(self, spec: PushSpec) -> str:
        channels = {c.id: c.name for c in self.channels.channels()} if self.channels else {}
        parts: list[str] = []
        for target in spec.targets:
            if target.kind == "desktop":
                parts.append(self.tr("Me"))
                continue
            where = channels.get(target.channel_id or -1, target.kind)
            if not (target.contact_ids or target.group_ids) or self.contacts is None:
                parts.append(where)
                continue
            people = self.contacts.expand(target.contact_ids, target.group_ids)
            who = (
                ", ".join(p.name for p in people)
                if len(people) <= 2
                else self.tr("%n people", "", len(people))
            )
            parts.append(f"{who} ({where})" if people else where)
        return ", ".join(dict.fromkeys(parts))


def fit_columns(table: QTableView) -> None:
    """Widen the columns to what they show, so no text is cut (never narrower). Names and
    schedules stop at a sensible width, then get the room left in the window; longer ones
    end in "…" (the tooltip has them whole)."""
    header = table.horizontalHeader()
    char = table.fontMetrics().averageCharWidth()
    caps = {NAME: char * NAME_CHARS, SCHEDULE: char * SCHEDULE_CHARS}
    full: dict[int, int] = {}
    for column in range(header.count()):
        wanted = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        full[column] = wanted
        wanted = min(wanted, caps.get(column, wanted))
        if wanted > header.sectionSize(column):
            header.resizeSection(column, wanted)
    for column in (NAME, SCHEDULE):
        room = table.viewport().width() - header.length()
        short = full[column] - header.sectionSize(column)
        if room > 0 and short > 0:
            header.resizeSection(column, header.sectionSize(column) + min(room, short))
