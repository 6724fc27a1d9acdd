"""The editor's view of a schedule: its summary in words and its next runs, each with what a
holiday or a daylight-saving change does to it, and the time here when the zone differs.

Strings keep the translation context "PushEditorDialog".
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidgetItem, QStyle

from pushgui.core.schedule.describe import describe
from pushgui.core.schedule.preview import preview, skipped_days
from pushgui.core.schedule.spec import IntervalSpec, TriggerSpec
from pushgui.ui.editor import run_marks
from pushgui.ui.editor.previews import zone_info
from pushgui.ui.editor.sections import PREVIEW_COUNT
from pushgui.ui.i18n import format_datetime, language
from pushgui.ui.widgets.dates import default_timezone

if TYPE_CHECKING:
    from pushgui.ui.editor.push_editor import PushEditorDialog

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def show_schedule(d: PushEditorDialog, trigger: TriggerSpec | None) -> None:
    d.preview_list.clear()
    if trigger is None:
        d.description_label.setText(
            translate("PushEditorDialog", "Fix the schedule to see when it runs.")
        )
        d.description_label.setEnabled(False)
        return
    d.description_label.setEnabled(True)
    # A bug in the summary or the preview must not make the dialog unusable.
    try:
        d.description_label.setText(describe(trigger, language()))
    except Exception:
        log.exception("Could not describe %r", trigger)
        d.description_label.setText("")
    try:
        runs = preview(trigger, PREVIEW_COUNT, calendars=d.calendars)
    except Exception:
        log.exception("Could not preview %r", trigger)
        runs = []
    if not runs:
        item = QListWidgetItem(
            translate("PushEditorDialog", "No more runs: this schedule has ended.")
        )
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        d.preview_list.addItem(item)
    local_zone = default_timezone()
    first, last = (runs[0].at.date(), runs[-1].at.date()) if runs else (None, None)
    skipped = skipped_days(trigger, first, last, d.calendars) if first and last else []
    for fire in runs:
        while skipped and skipped[0][0] < fire.at.date():
            day, mark = skipped.pop(0)
            row = QListWidgetItem(run_marks.skipped_text(day, mark))
            row.setFlags(Qt.ItemFlag.NoItemFlags)
            d.preview_list.addItem(row)
        item = _run_item(d, fire.at, fire.note, local_zone, trigger)
        if fire.mark is not None:
            item.setText(f"{item.text()}  ({run_marks.mark_text(fire.mark)})")
        d.preview_list.addItem(item)
    note = run_marks.unpublished_note(trigger, {f.at.year for f in runs}, d.calendars)
    if note:
        d.description_label.setText(f"{d.description_label.text()}\n{note}")


def _run_item(
    d: PushEditorDialog, at: datetime, note: str, local_zone: str, trigger: TriggerSpec
) -> QListWidgetItem:
    text = format_time(at)
    trigger_zone = getattr(at.tzinfo, "key", "")
    if trigger_zone and trigger_zone != local_zone:
        # Runs in another zone also say when that is on this computer's clock.
        local = at.astimezone(zone_info(local_zone))
        same_day = local.date() == at.date()
        here = f"{local:%H:%M}" if same_day else format_time(local)
        text += "  " + translate("PushEditorDialog", "(%1 here)").replace("%1", here)
    item = QListWidgetItem(text)
    if note:
        item.setIcon(d.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        tip = _note_text(note, trigger)
        item.setToolTip(tip)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip)
    return item


def _note_text(note: str, trigger: TriggerSpec) -> str:
    """What a daylight-saving change does to this run, in the words of each rule kind."""
    exact = isinstance(trigger, IntervalSpec) and trigger.unit in ("minutes", "hours")
    if note == "gap":
        return translate(
            "PushEditorDialog",
            "The clocks go forward that day and skip the chosen time,"
            " so the reminder comes this much later instead.",
        )
    if exact:
        return translate(
            "PushEditorDialog",
            "The clocks go back that day: this clock time happens twice, and runs an"
            " exact interval apart can show the same time.",
        )
    return translate(
        "PushEditorDialog",
        "The clocks go back that day, so this time happens twice;"
        " the reminder comes only the first time.",
    )


def format_time(at: datetime) -> str:
    """A run time as people read it: "Thu 24 Dec 2026 09:00" in the user's language."""
    return format_datetime(at, local=False)
