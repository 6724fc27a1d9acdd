"""Editor for a push that runs once, at one date and time."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pushgui.core.schedule.spec import OnceSpec, TriggerSpec
from pushgui.ui.trigger_editors.base import (
    TriggerEditor,
    add_row,
    from_qdatetime,
    make_date_time_edit,
    make_form,
    to_qdatetime,
)


class OnceEditor(TriggerEditor):
    """One date-time field with a calendar pop-up; starts at the next full hour.

    Signals:
        changed(): the date or time was edited.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.at_edit = make_date_time_edit(self)
        self.at_edit.setAccessibleName(self.tr("Date and time"))
        self.at_edit.dateTimeChanged.connect(self._notify)

        form = make_form(self)
        add_row(form, self.tr("&On:"), self.at_edit, self._error_label("at"))
        form.addRow(self._other_errors)

    def spec(self, timezone: str | None = None) -> OnceSpec:
        return OnceSpec(at=from_qdatetime(self.at_edit.dateTime()), timezone=self._zone(timezone))

    def set_spec(self, spec: TriggerSpec) -> None:
        if not isinstance(spec, OnceSpec):
            raise TypeError(f"OnceEditor cannot show a {type(spec).__name__}")
        with self._loading():
            self._remember_zone(spec)
            self.at_edit.setDateTime(to_qdatetime(spec.at))
