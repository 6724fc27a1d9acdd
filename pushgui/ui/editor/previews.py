"""What the reminder in the editor would send if it ran now: the message preview (kept
current as the fields change, :mod:`.checks`) and the dry run listing every recipient's
message, both rendered in the reminder's own time zone.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from pushgui.core.messages.recipients import Rendered
from pushgui.core.pushes.spec import PushSpec
from pushgui.ui.editor.message_preview import DryRunDialog, MessagePreviewDialog

if TYPE_CHECKING:
    from pushgui.ui.editor.push_editor import PushEditorDialog

log = logging.getLogger(__name__)


def zone_info(name: str) -> ZoneInfo:
    """The zone ``name``, or UTC while the zone field holds no valid zone."""
    try:
        return ZoneInfo(name)
    except Exception:
        return ZoneInfo("UTC")


def dry_run(d: PushEditorDialog, spec: PushSpec | None = None) -> tuple[list[Rendered], datetime]:
    """Every recipient's message if ``spec`` (the fields) ran now, in its time zone."""
    spec = spec or d.push_spec()
    when = datetime.now(zone_info(spec.trigger.timezone))
    try:
        return d.targets_editor.planner.dry_run(spec, when), when
    except Exception:
        log.exception("Could not render %r", spec.name)
        return [], when


def show_preview(d: PushEditorDialog) -> MessagePreviewDialog:
    if d.preview_dialog is None:
        d.preview_dialog = MessagePreviewDialog(d)
    d.preview_dialog.set_rendered(*dry_run(d))
    d.preview_dialog.show()
    d.preview_dialog.raise_()
    return d.preview_dialog


def show_dry_run(d: PushEditorDialog) -> DryRunDialog:
    rendered, when = dry_run(d)
    if d.dry_run_dialog is not None:
        d.dry_run_dialog.close()
    dialog = DryRunDialog(rendered, d.targets_editor.planner.channels, when, d)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda: setattr(d, "dry_run_dialog", None))
    d.dry_run_dialog = dialog
    dialog.open()
    return dialog
