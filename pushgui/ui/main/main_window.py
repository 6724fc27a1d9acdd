"""The main window: the push list with its actions, menus, toolbar and filter box.

Over 400 lines because it holds every action on the list (menus, toolbar, shortcuts) with
its handler; the status bar, the Recipients column's words and the column sizing are in
:mod:`pushgui.ui.main.list_status`.

The editor and the template dialogs are imported when first opened: the window's first
paint does not wait for them (the app imports them once idle, see ``pushgui.ui.shell``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from pushgui import __version__
from pushgui.core.bundle import collect
from pushgui.core.channel_book import ChannelBook
from pushgui.core.contacts import ContactBook
from pushgui.core.errors import SpecError
from pushgui.core.schedule import own_days
from pushgui.core.service import PushService, push_id_of
from pushgui.core.settings import SettingsStore
from pushgui.core.specs import PushSpec
from pushgui.core.templates import Template, TemplateBook
from pushgui.core.transfer import write_export
from pushgui.engine.bridge import EventBridge
from pushgui.ui.dialogs.recovery_notice import widen
from pushgui.ui.main.calendar_notice import CalendarNoticeLabel
from pushgui.ui.main.list_status import ListStatus, Recipients, fit_columns
from pushgui.ui.main.push_model import (
    ENABLED,
    ID_ROLE,
    NEXT_RUN,
    RECIPIENTS,
    SCHEDULE,
    PushFilterModel,
    PushTableModel,
    is_finished,
)
from pushgui.ui.main.undo_bar import UndoBar
from pushgui.ui.settings.own_days_dialog import OwnDaysDialog, import_with_own_days
from pushgui.ui.widgets.confirm import confirm_destructive
from pushgui.ui.widgets.geometry import fit_to_screen
from pushgui.ui.widgets.icons import action_icon, app_icon
from pushgui.ui.widgets.tables import make_table
from pushgui.ui.widgets.when import format_when

if TYPE_CHECKING:
    from pushgui.ui.editor.push_editor import NewReminderDefaults, PushEditorDialog
    from pushgui.ui.editor.templates_dialog import SaveTemplateDialog, TemplateChooserDialog

log = logging.getLogger(__name__)

REFRESH_MS = 150
CLOCK_MS = 20_000
COLUMNS_KEY = "window.columns.v2"  # v2: six columns (Recipients added)


def _plain_defaults() -> NewReminderDefaults:
    from pushgui.ui.editor.push_editor import NewReminderDefaults

    return NewReminderDefaults()


def _hex(data: QByteArray) -> str:
    return bytes(data.toHex().data()).decode("ascii")


class MainWindow(QMainWindow):
    """The list of pushes and everything one can do with them.

    Signals:
        quit_requested(): the user chose Quit (the app, not just the window, should stop).
        hidden_to_tray(): the window was closed while the app keeps running in the tray.
        contacts_requested(): the user asked for the Contacts window.
        channels_requested(): the user asked for the Channels window.
        history_requested(): the user asked for the History window.
        backups_requested(): the user asked for backups (back up now, restore).
        settings_requested(): the user asked for the Settings dialog.
        log_folder_requested(): the user asked to see the log folder.
        reminder_requested(object): the user chose one of the open reminders (the reminder).
        next_due_changed(str): the text saying which reminder is due next, and when.
    """

    quit_requested = Signal()
    hidden_to_tray = Signal()
    contacts_requested = Signal()
    channels_requested = Signal()
    history_requested = Signal()
    backups_requested = Signal()
    settings_requested = Signal()
    log_folder_requested = Signal()
    reminder_requested = Signal(object)
    next_due_changed = Signal(str)

    def __init__(
        self,
        service: PushService,
        bridge: EventBridge,
        settings: SettingsStore,
        keep_running_in_tray: bool = False,
        contacts: ContactBook | None = None,
        channels: ChannelBook | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.settings = settings
        self.contacts = contacts
        self.channels = channels
        self.templates = TemplateBook(service.db)
        self.undo_bar = UndoBar()
        self.keep_running_in_tray = keep_running_in_tray
        self.setWindowTitle("pushgui")
        self.setWindowIcon(app_icon())
        self.resize(1120, 600)  # fitted to smaller screens when shown

        self.model = PushTableModel(self)
        self.proxy = PushFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Filter by name or title  (Ctrl+F)"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(self.tr("Filter reminders"))
        self.filter_box.textChanged.connect(self.proxy.set_filter_text)
        self.show_finished_box = QCheckBox(self.tr("Show &finished"))
        self.show_finished_box.setToolTip(
            self.tr("Also list reminders with no run left, such as one-offs that were sent")
        )
        self.show_finished_box.setChecked(bool(settings.get("window.show_finished", True)))
        self.proxy.set_show_finished(self.show_finished_box.isChecked())
        self.show_finished_box.toggled.connect(self._on_show_finished)
        self.model.recipients_text = Recipients(contacts, channels, self).text

        self.table = make_table(self.proxy, self.tr("Reminders"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NEXT_RUN, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.moveSection(header.visualIndex(RECIPIENTS), SCHEDULE + 1)
        # Columns are sized to what they hold (a sample of rows, enough at 10,000).
        header.setResizeContentsPrecision(200)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.clicked.connect(self._on_click)

        self.empty_hint = QLabel(
            self.tr("No reminders yet. Click <b>New</b> (Ctrl+N) to create your first one.")
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setObjectName("emptyHint")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_box, 1)
        filter_row.addWidget(self.show_finished_box)
        layout.addLayout(filter_row)
        layout.addWidget(self.undo_bar)
        self.calendar_notice = CalendarNoticeLabel()
        layout.addWidget(self.calendar_notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        self.setCentralWidget(central)

        self._build_actions()
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.proxy.rowsInserted.connect(self._update_actions)
        self.proxy.rowsRemoved.connect(self._update_actions)
        self.proxy.modelReset.connect(self._update_actions)

        self.editor: PushEditorDialog | None = None
        # What a new reminder starts with; the shell sets this from the Settings.
        self.new_defaults: Callable[[], NewReminderDefaults] = _plain_defaults
        self.confirmation: QMessageBox | None = None
        self.problem: QMessageBox | None = None
        self._dirty: set[int] = set()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh_dirty)
        for signal in (bridge.job_submitted, bridge.job_executed, bridge.job_missed):
            signal.connect(self._on_job_event)
        bridge.job_failed.connect(lambda job_id, _error: self._on_job_event(job_id))
        # Relative next runs ("in 5 min") and the next due reminder follow the clock.
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_MS)
        self._clock_timer.timeout.connect(self.tick)
        self._clock_timer.start()

        self._fitted = False
        self.reload()
        self._restore_layout()

    # -- actions -----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.new_action = self._action(
            tr("&New…"), self.new_push, QKeySequence.StandardKey.New, tr("Create a reminder")
        )
        self.new_from_template_action = self._action(
            tr("New from &template…"),
            self.new_from_template,
            "Ctrl+Shift+N",
            tr("Start a reminder from a saved message"),
        )
        self.skip_action = self._action(
            tr("S&kip next run"),
            self.skip_selected,
            "Ctrl+K",
            tr("Do not send the selected reminder next time; later times stay"),
        )
        self.edit_action = self._action(
            tr("&Edit…"), self.edit_selected, "Ctrl+E", tr("Edit the selected reminder")
        )
        self.duplicate_action = self._action(
            tr("D&uplicate"),
            self.duplicate_selected,
            "Ctrl+D",
            tr("Make a copy of the selected reminder"),
        )
        self.delete_action = self._action(
            tr("&Delete…"),
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            tr("Delete the selected reminder"),
        )
        self.toggle_action = self._action(
            tr("&Pause"),
            self.toggle_selected,
            "Ctrl+P",
            tr("Pause or resume the selected reminder"),
        )
        self.run_now_action = self._action(
            tr("&Run now"), self.run_selected_now, "Ctrl+R", tr("Send the selected reminder now")
        )
        self.import_action = self._action(
            tr("&Import…"), self.import_file, "Ctrl+I", tr("Add reminders from an export file")
        )
        self.export_action = self._action(
            tr("E&xport…"), self.export_file, "Ctrl+Shift+E", tr("Save all reminders to a file")
        )
        self.quit_action = self._action(
            tr("&Quit"),
            self.quit_requested.emit,
            QKeySequence.StandardKey.Quit,
            tr("Stop pushgui; no reminders are sent until it runs again"),
        )
        self.find_action = self._action(
            tr("&Find"), self._focus_filter, QKeySequence.StandardKey.Find
        )
        self.about_action = self._action(tr("&About pushgui"), self.show_about)
        self.backups_action = self._action(
            tr("&Backups…"), self.backups_requested.emit, None, tr("Back up now, or restore")
        )
        self.contacts_action = self._action(
            tr("&Contacts…"), self.contacts_requested.emit, "Ctrl+Shift+C", tr("People and groups")
        )
        self.channels_action = self._action(
            tr("Cha&nnels…"),
            self.channels_requested.emit,
            "Ctrl+Shift+L",
            tr("Email accounts and chat bots to send through"),
        )
        self.history_action = self._action(
            tr("&History…"),
            self.history_requested.emit,
            "Ctrl+H",
            tr("What was sent, and what failed"),
        )
        self.addAction(self.find_action)
        for action in (self.edit_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
        self.edit_action.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence(Qt.Key.Key_Return)])

        menu = self.menuBar()
        file_menu = menu.addMenu(tr("&File"))
        file_menu.addActions(
            [self.new_action, self.new_from_template_action, self.import_action, self.export_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(tr("&Reminder"))
        edit_menu.addActions(
            [
                self.edit_action,
                self.duplicate_action,
                self.toggle_action,
                self.run_now_action,
                self.skip_action,
            ]
        )
        edit_menu.addSeparator()
        edit_menu.addActions([self.delete_action])
        tools_menu = menu.addMenu(tr("&Tools"))
        tools_menu.addActions([self.contacts_action, self.channels_action, self.history_action])
        self.own_days_action = self._action(
            tr("&Own days off and working days…"), self.edit_own_days
        )
        tools_menu.addAction(self.own_days_action)
        self.settings_action = self._action(
            tr("&Settings…"),
            self.settings_requested.emit,
            QKeySequence("Ctrl+,"),
            tr("Language, theme, defaults for new reminders, start at login"),
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        tools_menu.addSeparator()
        tools_menu.addAction(self.settings_action)
        help_menu = menu.addMenu(tr("&Help"))
        self.log_folder_action = self._action(
            tr("Open &log folder"),
            self.log_folder_requested.emit,
            None,
            tr("Show pushgui's log files, to send them along with a problem report"),
        )
        help_menu.addAction(self.log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new_action, self.edit_action, self.duplicate_action])
        toolbar.addSeparator()
        toolbar.addActions([self.toggle_action, self.run_now_action])
        toolbar.addSeparator()
        toolbar.addAction(self.delete_action)
        toolbar.addSeparator()
        toolbar.addActions([self.contacts_action, self.channels_action, self.history_action])
        self.addToolBar(toolbar)
        self._build_status_bar()
        self.apply_icons()
        self._update_actions()

    def apply_icons(self) -> None:
        """Toolbar and menu icons in the current palette's colours (light or dark theme)."""
        for action, role in (
            (self.new_action, "new"),
            (self.edit_action, "edit"),
            (self.duplicate_action, "duplicate"),
            (self.run_now_action, "run_now"),
            (self.delete_action, "delete"),
            (self.contacts_action, "contacts"),
            (self.channels_action, "channels"),
            (self.history_action, "history"),
            (self.settings_action, "settings"),
        ):
            action.setIcon(action_icon(role, self.palette()))
        self._toggle_icon()

    def _toggle_icon(self) -> None:
        push_id = self.selected_id()
        paused = False
        if push_id is not None:
            paused = not self.model.row_at(self.model.index_of(push_id).row()).enabled
        self.toggle_action.setIcon(action_icon("resume" if paused else "pause", self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "toggle_action"):
            self.apply_icons()

    def _build_status_bar(self) -> None:
        self.status = ListStatus(self.statusBar(), self.model)
        self.status.reminder_requested.connect(self.reminder_requested)
        self.status.next_due_changed.connect(self.next_due_changed)
        # (the widgets, for tests and the shell)
        self.next_label = self.status.next_label
        self.reminders_button = self.status.reminders_button
        self.reminders_menu = self.status.reminders_menu

    @Slot()
    def tick(self) -> None:
        """The clock moved on: relative times and the next due reminder are read again."""
        self.model.refresh_times()
        self.status.update_next_due()

    def next_due_text(self) -> str:
        return self.status.next_text

    def set_open_reminders(self, reminders: Sequence[Any]) -> None:
        """Show the reminders that were shown and not answered yet ("Open reminders (2)")."""
        self.status.set_open_reminders(reminders)

    def fit_columns(self) -> None:
        fit_columns(self.table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    @Slot(bool)
    def _on_show_finished(self, shown: bool) -> None:
        self.settings.set("window.show_finished", shown)
        self.proxy.set_show_finished(shown)

    def _focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    @Slot()
    def _update_actions(self) -> None:
        push_id = self.selected_id()
        for action in (
            self.edit_action,
            self.duplicate_action,
            self.delete_action,
            self.toggle_action,
            self.run_now_action,
        ):
            action.setEnabled(push_id is not None)
        if push_id is not None:
            row = self.model.row_at(self.model.index_of(push_id).row())
            self.toggle_action.setText(self.tr("&Pause") if row.enabled else self.tr("Re&sume"))
        self._toggle_icon()
        self.skip_action.setEnabled(
            push_id is not None and row.enabled and row.next_run is not None
        )
        empty = self.model.rowCount() == 0
        self.empty_hint.setVisible(empty)
        self.table.setVisible(not empty)

    # -- selection ---------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(rows[0].data(ID_ROLE))

    def select_id(self, push_id: int) -> None:
        source = self.model.index_of(push_id)
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    # -- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(self.service.rows())
        if selected is not None:
            self.select_id(selected)
        self._update_actions()
        self.fit_columns()
        self.status.update_next_due()

    def refresh_ids(self, ids: set[int]) -> None:
        selected = self.selected_id()
        rows = self.service.rows(sorted(ids))
        found = {row.id for row in rows}
        self.model.update_rows(rows, removed=ids - found)
        if selected in found and self.selected_id() != selected:
            self._keep_selected(selected)
        self._update_actions()
        self.fit_columns()
        self.status.update_next_due()

    def _keep_selected(self, push_id: int) -> None:
        """Select the row again after it moved (the model re-inserts a moved row), without
        scrolling to it."""
        index = self.proxy.mapFromSource(self.model.index_of(push_id))
        if not index.isValid():
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        auto_scroll = self.table.hasAutoScroll()
        self.table.setAutoScroll(False)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.setAutoScroll(auto_scroll)

    @Slot(str)
    def _on_job_event(self, job_id: str) -> None:
        push_id = push_id_of(job_id)
        if push_id is not None:
            self._dirty.add(push_id)
            self._refresh_timer.start()

    def _refresh_dirty(self) -> None:
        ids, self._dirty = self._dirty, set()
        if ids:
            self.refresh_ids(ids)

    # -- operations --------------------------------------------------------------------------

    def _report(self, title: str, exc: Exception) -> QMessageBox:
        """Say what went wrong, window-modally, without blocking the event loop."""
        log.exception(title)
        details = "\n".join(str(e) for e in exc.errors) if isinstance(exc, SpecError) else str(exc)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, details, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.problem = box
        box.open()
        return box

    def _open_editor(self, push_id: int | None) -> PushEditorDialog:
        """Open the editor window-modally; saving happens when it is accepted."""
        spec = None if push_id is None else self.service.get(push_id)
        return self._open_editor_with(spec, push_id)

    def _open_editor_with(self, spec: PushSpec | None, push_id: int | None) -> PushEditorDialog:
        from pushgui.ui.editor.push_editor import PushEditorDialog

        title = self.tr("New reminder") if push_id is None else self.tr("Edit reminder")
        editing = [push_id]  # None once the reminder turns out deleted: Save creates it anew

        def save(new: PushSpec) -> None:
            try:
                editing[0] = self._save(new, editing[0])
            except LookupError:
                editing[0] = None
                raise

        dialog = PushEditorDialog(
            self,
            spec=spec,
            title=title,
            contacts=self.contacts,
            channels=self.channels,
            new_defaults=self.new_defaults(),
            save=save,
        )
        dialog.open_channels_requested.connect(self.channels_requested.emit)
        dialog.open_contacts_requested.connect(self.contacts_requested.emit)
        dialog.save_template_requested.connect(lambda: self.save_template_from(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = dialog
        dialog.open()
        return dialog

    def _save(self, spec: PushSpec, push_id: int | None) -> int:
        """Store the editor's reminder and show it in the list; returns its id.

        Raises when the store refuses: the editor, still open, says why beside the fields.
        """
        if push_id is None:
            push_id = self.service.create(spec)
        else:
            self.service.update(push_id, spec)
        self.refresh_ids({push_id})
        self.select_id(push_id)
        self.statusBar().showMessage(self.tr("Saved “{name}”").format(name=spec.name), 4000)
        return push_id

    @Slot()
    def new_push(self) -> PushEditorDialog:
        return self._open_editor(None)

    @Slot()
    def edit_selected(self) -> PushEditorDialog | None:
        push_id = self.selected_id()
        return None if push_id is None else self._open_editor(push_id)

    @Slot()
    def duplicate_selected(self) -> None:
        push_id = self.selected_id()
        if push_id is None:
            return
        try:
            new_id = self.service.duplicate(push_id)
        except Exception as exc:
            self._report(self.tr("The reminder could not be duplicated"), exc)
            return
        self.refresh_ids({new_id})
        self.select_id(new_id)

    @Slot()
    def delete_selected(self) -> QMessageBox | None:
        """Ask first (window-modally); the push is deleted only when the user says Delete."""
        push_id = self.selected_id()
        if push_id is None:
            return None
        name = self.service.get(push_id).name
        box = confirm_destructive(
            self,
            self.tr("Delete reminder"),
            self.tr(
                "Delete “{name}”? It will not be sent again, and its history is removed."
            ).format(name=name),
            self.tr("Delete"),
            lambda: self._delete(push_id, name),
        )
        self.confirmation = box
        return box

    def _delete(self, push_id: int, name: str) -> None:
        try:
            spec = self.service.delete(push_id)
        except Exception as exc:
            self._report(self.tr("The reminder could not be deleted"), exc)
            return
        self.refresh_ids({push_id})
        if spec is not None:
            self.undo_bar.offer(
                self.tr("Deleted “{name}”").format(name=name), lambda: self.undo_delete(spec)
            )

    def undo_delete(self, spec: PushSpec) -> int | None:
        """Bring a deleted reminder back (a new id, the same schedule; not its history)."""
        try:
            push_id = self.service.restore(spec)
        except Exception as exc:
            self._report(self.tr("The reminder could not be restored"), exc)
            return None
        self.refresh_ids({push_id})
        self.select_id(push_id)
        self.statusBar().showMessage(self.tr("Restored “{name}”").format(name=spec.name), 4000)
        return push_id

    @Slot()
    def toggle_selected(self) -> None:
        push_id = self.selected_id()
        if push_id is None:
            return
        row = self.model.row_at(self.model.index_of(push_id).row())
        self.set_enabled(push_id, not row.enabled)

    def set_enabled(self, push_id: int, enabled: bool) -> None:
        try:
            self.service.set_enabled(push_id, enabled)
        except Exception as exc:
            self._report(self.tr("The reminder could not be changed"), exc)
        self.refresh_ids({push_id})

    @Slot()
    def run_selected_now(self) -> None:
        push_id = self.selected_id()
        if push_id is not None:
            self.service.run_now(push_id)
            self.statusBar().showMessage(self.tr("Sending now…"), 4000)

    @Slot()
    def skip_selected(self) -> None:
        push_id = self.selected_id()
        if push_id is None:
            return
        try:
            skipped = self.service.skip_next(push_id)
        except Exception as exc:
            self._report(self.tr("The next run could not be skipped"), exc)
            return
        self.refresh_ids({push_id})
        if skipped is not None:
            self.statusBar().showMessage(
                self.tr("The run of {when} is skipped").format(when=format_when(skipped)), 5000
            )

    def edit_push(self, push_id: int) -> PushEditorDialog:
        """Open the editor on ``push_id`` (e.g. from a heads-up), whatever is selected."""
        self.select_id(push_id)
        return self._open_editor(push_id)

    # -- templates ---------------------------------------------------------------------------

    @Slot()
    def new_from_template(self) -> TemplateChooserDialog:
        """Pick a template; the editor then opens with its message (and recipients)."""
        from pushgui.ui.editor.templates_dialog import TemplateChooserDialog

        chooser = TemplateChooserDialog(self.templates, self)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.chosen.connect(self.new_push_from)
        self.template_chooser = chooser
        chooser.open()
        return chooser

    def new_push_from(self, template: Template) -> PushEditorDialog:
        dialog = self._open_editor(None)
        dialog.load_message(template.message, template.targets)
        return dialog

    def save_template_from(self, editor: PushEditorDialog) -> SaveTemplateDialog:
        from pushgui.ui.editor.templates_dialog import SaveTemplateDialog

        dialog = SaveTemplateDialog(
            self.templates,
            editor.current_message(),
            editor.targets_editor.targets(),
            editor,
            suggested_name=editor.name_edit.text().strip(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda _id, name: self.statusBar().showMessage(
                self.tr("Saved the template “{name}”").format(name=name), 4000
            )
        )
        self.template_dialog = dialog
        dialog.open()
        return dialog

    @Slot(QModelIndex)
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.column() != ENABLED:
            self.edit_selected()

    @Slot(QModelIndex)
    def _on_click(self, index: QModelIndex) -> None:
        if index.column() == ENABLED:
            push_id = int(index.data(ID_ROLE))
            row = self.model.row_at(self.model.index_of(push_id).row())
            if not is_finished(row):  # a finished one has nothing to switch on or off
                self.set_enabled(push_id, not row.enabled)

    @Slot()
    def edit_own_days(self) -> OwnDaysDialog:
        dialog = OwnDaysDialog(self.settings, self.service, self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    @Slot()
    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import reminders"), "", self.tr("pushgui export (*.json)")
        )
        if not path:
            return
        before = {record.id for record in self.channels.channels()} if self.channels else set()
        try:
            ids = import_with_own_days(
                self.service, self.settings, Path(path), confirm=self._confirm_import
            )
            if ids is None:
                return
        except SpecError as exc:
            more = len(exc.errors) - 20
            QMessageBox.warning(
                self,
                self.tr("Nothing was imported"),
                self.tr("The file has problems; fix them and import again:")
                + "\n\n"
                + "\n".join(f"• {e}" for e in exc.errors[:20])
                + ("\n" + self.tr("… and %n more", "", more) if more > 0 else ""),
            )
            return
        except Exception as exc:
            self._report(self.tr("Nothing was imported"), exc)
            return
        self.refresh_ids(set(ids))
        self.statusBar().showMessage(self.tr("Imported %n reminder(s)", "", len(ids)), 5000)
        if self.channels is not None:
            # An export carries no secrets: ask for those of the channels it created.
            from pushgui.ui.dialogs.import_secrets_dialog import (
                ImportSecretsDialog,
                needing_secrets,
            )

            created = needing_secrets(self.channels, before)
            if created:
                self.import_secrets = ImportSecretsDialog(self.channels, created, self)
                self.import_secrets.open()

    def _confirm_import(self, count: int, summary: list[str]) -> bool:
        """Show what the import will create, match and leave out; True to go ahead."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Import reminders"))
        box.setText(self.tr("Import %n reminder(s)?", "", count))
        box.setInformativeText("\n".join(summary))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("&Import"))
        widen(box, 70)
        self.import_preview = box
        return box.exec() == QMessageBox.StandardButton.Ok

    @Slot()
    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export reminders"),
            "pushgui-export.json",
            self.tr("pushgui export (*.json)"),
        )
        if not path:
            return
        try:
            write_export(
                Path(path),
                self.service.all_specs(),
                self.service.damaged(),
                collect(self.service.db),
                own_days.to_dict(own_days.load(self.settings)),
            )
        except OSError as exc:
            self._report(self.tr("The file could not be written"), exc)
            return
        self.statusBar().showMessage(self.tr("Exported to {path}").format(path=path), 5000)

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About pushgui"),
            self.tr(
                "<h3>pushgui {version}</h3><p>Compose a message, choose who gets it and when; "
                "pushgui sends it on time from the system tray.</p>"
            ).format(version=__version__),
        )

    # -- window life -------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.get("window.geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromHex(geometry.encode()))
        header_state = self.settings.get(COLUMNS_KEY)
        if header_state:
            self.table.horizontalHeader().restoreState(QByteArray.fromHex(header_state.encode()))

    def save_layout(self) -> None:
        """Window size and column layout are kept in the database, with everything else."""
        self.settings.set("window.geometry", _hex(self.saveGeometry()))
        header = self.table.horizontalHeader().saveState()
        self.settings.set(COLUMNS_KEY, _hex(header))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # a remembered size from a larger screen must not spill over
            self._fitted = True
            fit_to_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self.keep_running_in_tray:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
        else:
            event.accept()
            self.quit_requested.emit()
