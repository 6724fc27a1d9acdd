"""The editor's checks: the fields checked as they are typed (after a short pause), each
error shown beside its field once that field was left or Save was tried, how many people
the reminder reaches, and what a refused save says.

These work on :class:`pushgui.ui.editor.push_editor.PushEditorDialog`'s fields and its
check state (``_errors``, ``_checked``, ``_left``, ``_show_all``). Strings keep the
translation context "PushEditorDialog".
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.lengths import length_problems, reaches
from pushgui.core.messages.recipients import size_problems
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.pushes.validation import validate_spec
from pushgui.core.schedule.preview import preview
from pushgui.ui.editor.previews import zone_info
from pushgui.ui.editor.schedule_preview import show_schedule
from pushgui.ui.editor.sections import place_errors
from pushgui.ui.i18n import readable

if TYPE_CHECKING:
    from pushgui.ui.editor.push_editor import PushEditorDialog

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def fields_of(d: PushEditorDialog, widget: QObject) -> tuple[str, ...]:
    if widget is d.name_edit:
        return ("name",)
    if widget is d.title_edit:
        return ("message.title",)
    if widget is d.body_edit:
        return ("message.body", "message.html")
    return ()


def shown(d: PushEditorDialog, error: FieldError) -> bool:
    """Whether to show ``error`` now: always, except for an empty text field the user
    has not left yet (a fresh form is not red before anything was typed)."""
    field = error.field
    if d._show_all or field in d._left:
        return True
    if field == "name":
        return bool(d.name_edit.text().strip())
    if field == "message.title":
        return bool(d._title())
    if field in ("message.body", "message.html"):
        return bool(d.body_edit.toPlainText().strip())
    return True


def refresh(d: PushEditorDialog) -> None:
    """Validate, show errors in place, and update the summary and the next runs."""
    d._timer.stop()
    spec = d.push_spec()
    editor = d.editors[d.current_kind()]
    errors = validate_spec(spec, custom_fields=d._custom_fields, calendars=d.calendars)
    errors += [FieldError(f"trigger.{e.field}", e.message) for e in editor.local_errors()]
    errors += d.targets_editor.local_errors()
    errors += d.options_editor.missing_attachments()
    if not any(e.field == "message.body" for e in errors):
        errors += size_errors(d, spec)
    d._errors = errors
    d._checked = spec
    place_errors(d, [e for e in errors if shown(d, e)], editor)
    trigger_ok = not any(e.field == "trigger" or e.field.startswith("trigger.") for e in errors)
    show_schedule(d, spec.trigger if trigger_ok else None)
    due = [f.at for f in preview(spec.trigger, 5)] if trigger_ok and spec.duty else []
    d.duty_editor.show_preview(due)
    show_reach(d, spec)
    d.more_summary.setText(d.options_editor.summary())
    if any(
        e.field.startswith(("options.", "duty", "nag")) or e.field == "message.attachments"
        for e in errors
    ):
        d.set_more_options_shown(True)
    d.save_button.setEnabled(not errors)
    # A disabled Save says why, even before the errors are shown beside their fields.
    d.save_button.setToolTip(
        readable(errors[0].message)
        if errors
        else translate("PushEditorDialog", "Save (Ctrl+Enter)")
    )
    d._make_room()


def show_checked(d: PushEditorDialog, spec: PushSpec | None = None) -> None:
    """Show the errors as they stand now (a field was left, Save was tried): checked
    again only if the fields changed since the last check, which builds the schedule's
    trigger and lists its runs."""
    if d._timer.isActive() or (spec or d.push_spec()) != d._checked:
        refresh(d)
    else:
        editor = d.editors[d.current_kind()]
        place_errors(d, [e for e in d._errors if shown(d, e)], editor)


def size_errors(d: PushEditorDialog, spec: PushSpec) -> list[FieldError]:
    """Too large once filled in for someone (a long contact field in many placeholders)."""
    try:
        recipients = d.targets_editor.recipients(spec)
    except Exception:
        log.exception("Could not list the recipients of %r", spec.name)
        return []
    when = datetime.now(zone_info(spec.trigger.timezone))
    channels = d.targets_editor.planner.channels
    return size_problems(spec, recipients, when) or length_problems(
        spec, recipients, when, channels
    )


def show_reach(d: PushEditorDialog, spec: PushSpec) -> None:
    try:
        count = len(d.targets_editor.recipients(spec))
    except Exception:
        log.exception("Could not count the recipients of %r", spec.name)
        count = 0
    d.targets_editor.show_reach(count)
    show_services(d, spec)
    if d.preview_dialog is not None and d.preview_dialog.isVisible():
        d.preview_dialog.set_rendered(*d.dry_run(spec))


def show_services(d: PushEditorDialog, spec: PushSpec) -> None:
    """The per-service preview and count, for the first run's filled-in message."""
    channels = d.targets_editor.planner.channels
    try:
        found = reaches(
            spec,
            d.targets_editor.recipients(spec),
            datetime.now(zone_info(spec.trigger.timezone)),
            channels,
        )
    except Exception:
        log.exception("Could not preview %r per service", spec.name)
        found = []
    d.service_preview.show_reaches(found, {i: c.name for i, c in channels.items()})


def store(d: PushEditorDialog, spec: PushSpec) -> bool:
    """Hand ``spec`` to ``save``; when it refuses, say why here and keep the dialog."""
    assert d._save is not None
    try:
        d._save(spec)
    except SpecError as exc:
        d._errors = list(exc.errors)
        place_errors(d, d._errors, d.editors[d.current_kind()])
        d.save_button.setToolTip(readable(d._errors[0].message))
        focus_first_error(d)
        return False
    except Exception as exc:
        if not isinstance(exc, LookupError):
            log.exception("Could not save %r", spec.name)
        d.other_error.show_messages([save_failed_text(d, exc)])
        return False
    return True


def save_failed_text(d: PushEditorDialog, exc: Exception) -> str:
    if isinstance(exc, LookupError):
        return translate(
            "PushEditorDialog",
            "This reminder was deleted meanwhile (in another window or from the command"
            " line). Save again to keep it as a new reminder.",
        )
    return translate("PushEditorDialog", "The reminder could not be saved: %1").replace(
        "%1", readable(exc)
    )


def focus_first_error(d: PushEditorDialog) -> None:
    fields = {e.field for e in d._errors}
    for field_name, widget in (
        ("name", d.name_edit),
        ("message.title", d.title_edit),
        ("message.body", d.body_edit),
    ):
        if field_name in fields:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            break
