"""Opening the editor from the main window (a new reminder, the selected one, one from a
template) and storing what it saves; keeping its message as a template.

The main window holds one as ``window.editing``; strings keep the translation context
"MainWindow". The editor and the template dialogs are imported when first opened, so the
window's first paint does not wait for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from pushgui.core.messages.templates import Template
from pushgui.core.pushes.spec import PushSpec

if TYPE_CHECKING:
    from pushgui.ui.editor.push_editor import PushEditorDialog
    from pushgui.ui.editor.templates_dialog import SaveTemplateDialog, TemplateChooserDialog
    from pushgui.ui.main.main_window import MainWindow

translate = QCoreApplication.translate


class ReminderEditing:
    """New, Edit, New from template and Save as template, for the main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _open_editor(self, push_id: int | None) -> PushEditorDialog:
        """Open the editor window-modally; saving happens when it is accepted."""
        spec = None if push_id is None else self.window.service.get(push_id)
        return self._open_editor_with(spec, push_id)

    def _open_editor_with(self, spec: PushSpec | None, push_id: int | None) -> PushEditorDialog:
        from pushgui.ui.editor.push_editor import PushEditorDialog

        title = (
            translate("MainWindow", "New reminder")
            if push_id is None
            else translate("MainWindow", "Edit reminder")
        )
        editing = [push_id]  # None once the reminder turns out deleted: Save creates it anew

        def save(new: PushSpec) -> None:
            try:
                editing[0] = self._save(new, editing[0])
            except LookupError:
                editing[0] = None
                raise

        dialog = PushEditorDialog(
            self.window,
            spec=spec,
            title=title,
            contacts=self.window.contacts,
            channels=self.window.channels,
            new_defaults=self.window.new_defaults(),
            save=save,
            calendars=self.window.service.calendars,
        )
        dialog.open_channels_requested.connect(self.window.channels_requested.emit)
        dialog.open_contacts_requested.connect(self.window.contacts_requested.emit)
        dialog.save_template_requested.connect(lambda: self.save_template_from(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.editor = dialog
        dialog.open()
        return dialog

    def _save(self, spec: PushSpec, push_id: int | None) -> int:
        """Store the editor's reminder and show it in the list; returns its id.

        Raises when the store refuses: the editor, still open, says why beside the fields.
        """
        if push_id is None:
            push_id = self.window.service.create(spec)
        else:
            self.window.service.update(push_id, spec)
        self.window.refresh_ids({push_id})
        self.window.select_id(push_id)
        self.window.statusBar().showMessage(
            translate("MainWindow", "Saved “{name}”").format(name=spec.name), 4000
        )
        return push_id

    def new_push(self) -> PushEditorDialog:
        return self._open_editor(None)

    def edit_selected(self) -> PushEditorDialog | None:
        push_id = self.window.selected_id()
        return None if push_id is None else self._open_editor(push_id)

    def edit_push(self, push_id: int) -> PushEditorDialog:
        """Open the editor on ``push_id`` (e.g. from a heads-up), whatever is selected."""
        self.window.select_id(push_id)
        return self._open_editor(push_id)

    def new_from_template(self) -> TemplateChooserDialog:
        """Pick a template; the editor then opens with its message (and recipients)."""
        from pushgui.ui.editor.templates_dialog import TemplateChooserDialog

        chooser = TemplateChooserDialog(self.window.templates, self.window)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.chosen.connect(self.new_push_from)
        self.window.template_chooser = chooser
        chooser.open()
        return chooser

    def new_push_from(self, template: Template) -> PushEditorDialog:
        dialog = self._open_editor(None)
        dialog.load_message(template.message, template.targets)
        return dialog

    def save_template_from(self, editor: PushEditorDialog) -> SaveTemplateDialog:
        from pushgui.ui.editor.templates_dialog import SaveTemplateDialog

        dialog = SaveTemplateDialog(
            self.window.templates,
            editor.current_message(),
            editor.targets_editor.targets(),
            editor,
            suggested_name=editor.name_edit.text().strip(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda _id, name: self.window.statusBar().showMessage(
                translate("MainWindow", "Saved the template “{name}”").format(name=name), 4000
            )
        )
        self.window.template_dialog = dialog
        dialog.open()
        return dialog
