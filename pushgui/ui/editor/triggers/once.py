"""Editor for a push that runs once, at one date and time, with quick picks for the usual
choices (in 10 minutes, in 1 hour, this evening, tomorrow morning, next Monday)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from pushgui.core.schedule.spec import OnceSpec, TriggerSpec
from pushgui.ui.editor.triggers.base import TriggerEditor
from pushgui.ui.widgets.dates import from_qdatetime, make_date_time_edit, to_qdatetime
from pushgui.ui.widgets.fields import add_row, make_form

EVENING = 18
MORNING = 9


def quick_pick(choice: str, now: datetime) -> datetime | None:
    """The wall-clock time a quick pick means at wall-clock ``now`` (naive, in the push's
    zone), to the minute; None for "this evening" once the evening has begun."""
    now = now.replace(second=0, microsecond=0)
    morning = now.replace(hour=MORNING, minute=0)
    if choice == "10min":
        return now + timedelta(minutes=10)
    if choice == "1h":
        return now + timedelta(hours=1)
    if choice == "evening":
        evening = now.replace(hour=EVENING, minute=0)
        return evening if evening > now else None
    if choice == "tomorrow":
        return morning + timedelta(days=1)
    if choice == "monday":
        return morning + timedelta(days=7 - now.weekday())
    raise ValueError(f"No quick pick {choice!r}")


class OnceEditor(TriggerEditor):
    """One date-time field with a calendar pop-up; starts at the next full hour.

    ``zone`` tells the editor the zone the dialog shows, and ``clock`` the time (tests set
    both); the quick picks count from "now" in that zone.

    Signals:
        changed(): the date or time was edited.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone: Callable[[], str] = lambda: self._zone(None)
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.at_edit = make_date_time_edit(self)
        self.at_edit.setAccessibleName(self.tr("Date and time"))
        self.at_edit.dateTimeChanged.connect(self._notify)

        self.pick_buttons: dict[str, QPushButton] = {}
        picks = QWidget(self)
        grid = QGridLayout(picks)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for index, (choice, text) in enumerate(
            (
                ("10min", self.tr("In 10 minutes")),
                ("1h", self.tr("In 1 hour")),
                ("evening", self.tr("This evening 18:00")),
                ("tomorrow", self.tr("Tomorrow 09:00")),
                ("monday", self.tr("Next Monday 09:00")),
            )
        ):
            button = QPushButton(text, picks)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self.pick(c))
            self.pick_buttons[choice] = button
            grid.addWidget(button, index // 3, index % 3)

        form = make_form(self)
        add_row(form, self.tr("&On:"), self.at_edit, self._error_label("at"))
        form.addRow(self.tr("Quick picks:"), picks)
        form.addRow(self._other_errors)

    def _wall_now(self) -> datetime:
        try:
            zone = ZoneInfo(self.zone())
        except (KeyError, ValueError, OSError):
            zone = ZoneInfo("UTC")
        return self.clock().astimezone(zone).replace(tzinfo=None)

    def pick(self, choice: str) -> None:
        """Set the date and time to a quick pick ("10min", "1h", "evening", "tomorrow",
        "monday")."""
        at = quick_pick(choice, self._wall_now())
        if at is not None:
            self.at_edit.setDateTime(to_qdatetime(at))
        self.update_picks()

    def update_picks(self) -> None:
        """ "This evening" only while it is still ahead."""
        self.pick_buttons["evening"].setEnabled(quick_pick("evening", self._wall_now()) is not None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.update_picks()
        return super().event(event)

    def spec(self, timezone: str | None = None) -> OnceSpec:
        return OnceSpec(at=from_qdatetime(self.at_edit.dateTime()), timezone=self._zone(timezone))

    def set_spec(self, spec: TriggerSpec) -> None:
        if not isinstance(spec, OnceSpec):
            raise TypeError(f"OnceEditor cannot show a {type(spec).__name__}")
        with self._loading():
            self._remember_zone(spec)
            self.at_edit.setDateTime(to_qdatetime(spec.at))
