"""The main window: the list of reminders with its filter, kept current from the
scheduler's events and the clock, and the window's own life (layout kept, closing to the
tray).

Its parts, one concept each, in this folder: the actions, menus and toolbar
(:mod:`.actions`), opening the editor and storing what it saves (:mod:`.editing`), the other
changes to the selected reminder (:mod:`.changes`), File ▸ Import and Export
(:mod:`.transfer`), the status bar and column sizing (:mod:`.list_status`), keeping the
list current from the scheduler's events and the clock (:mod:`.list_refresh`). This module
builds the window's widgets and keeps its layout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import ChannelBook
from pushgui.core.errors import SpecError
from pushgui.core.messages.templates import TemplateBook
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.service import PushService
from pushgui.core.store.settings import SettingsStore
from pushgui.engine.bridge import EventBridge
from pushgui.ui.i18n import readable
from pushgui.ui.main import actions, transfer
from pushgui.ui.main.actions import build_actions
from pushgui.ui.main.calendar_notice import CalendarNoticeLabel
from pushgui.ui.main.changes import ReminderChanges
from pushgui.ui.main.editing import ReminderEditing
from pushgui.ui.main.list_refresh import ListRefresh
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
from pushgui.ui.settings.own_days_dialog import OwnDaysDialog
from pushgui.ui.widgets.geometry import fit_to_screen
from pushgui.ui.widgets.icons import app_icon
from pushgui.ui.widgets.tables import make_table

if TYPE_CHECKING:
    from pushgui.ui.editor.push_editor import NewReminderDefaults, PushEditorDialog
    from pushgui.ui.editor.templates_dialog import SaveTemplateDialog, TemplateChooserDialog

log = logging.getLogger(__name__)

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
    editable = True  # False while a team server cannot be reached (ui/main/team.py)

    # Made by :func:`pushgui.ui.main.actions.build_actions`.
    new_action: QAction
    new_from_template_action: QAction
    skip_action: QAction
    edit_action: QAction
    duplicate_action: QAction
    delete_action: QAction
    toggle_action: QAction
    run_now_action: QAction
    import_action: QAction
    export_action: QAction
    quit_action: QAction
    find_action: QAction
    about_action: QAction
    backups_action: QAction
    contacts_action: QAction
    channels_action: QAction
    history_action: QAction
    change_log_action: QAction
    own_days_action: QAction
    settings_action: QAction
    log_folder_action: QAction
    import_preview: QMessageBox
    template_chooser: TemplateChooserDialog
    template_dialog: SaveTemplateDialog
    import_secrets: QDialog

    def __init__(
        self,
        service: PushService,
        bridge: EventBridge,
        settings: SettingsStore,
        templates: TemplateBook,
        keep_running_in_tray: bool = False,
        contacts: ContactBook | None = None,
        channels: ChannelBook | None = None,
        new_defaults: Callable[[], NewReminderDefaults] | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.settings = settings
        self.contacts = contacts
        self.channels = channels
        self.templates = templates
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

        self.editing = ReminderEditing(self)
        self.changes = ReminderChanges(self)
        build_actions(self)
        self._build_status_bar()
        self.apply_icons()
        self.update_actions()
        self.table.selectionModel().selectionChanged.connect(self.update_actions)
        self.proxy.rowsInserted.connect(self.update_actions)
        self.proxy.rowsRemoved.connect(self.update_actions)
        self.proxy.modelReset.connect(self.update_actions)

        self.editor: PushEditorDialog | None = None
        # What a new reminder starts with: the shell's, from the Settings.
        self.new_defaults: Callable[[], NewReminderDefaults] = new_defaults or _plain_defaults
        self.confirmation: QMessageBox | None = None
        self.problem: QMessageBox | None = None
        self.refresher = ListRefresh(self, bridge)

        self._fitted = False
        self.reload()
        self._restore_layout()

    # -- actions -----------------------------------------------------------------------------

    @Slot()
    def update_actions(self) -> None:
        """Enable what applies to the selected reminder; "Pause" or "Resume" as it is."""
        actions.update_actions(self)

    def counted(self, what: Literal["imported", "import?", "more"], n: int) -> str:
        """A text with a count for the window's parts: its plural forms are translated only
        through this class's tr() (lupdate reads no plural from a translate() call)."""
        if what == "imported":
            return self.tr("Imported %n reminder(s)", "", n)
        if what == "import?":
            return self.tr("Import %n reminder(s)?", "", n)
        return self.tr("… and %n more", "", n)

    def apply_icons(self) -> None:
        """Toolbar and menu icons in the current palette's colours (light or dark theme)."""
        actions.apply_icons(self)

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
        self.refresher.tick()

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
        """Read every row again (the selection is kept)."""
        self.refresher.reload()

    def refresh_ids(self, ids: set[int]) -> None:
        """Read these rows again: changed ones in place, gone ones removed."""
        self.refresher.refresh_ids(ids)

    # -- operations --------------------------------------------------------------------------

    def report(self, title: str, exc: Exception) -> QMessageBox:
        """Say what went wrong, window-modally, without blocking the event loop."""
        log.exception(title)
        details = (
            "\n".join(readable(e) for e in exc.errors)
            if isinstance(exc, SpecError)
            else readable(exc)
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, details, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.problem = box
        box.open()
        return box

    @Slot()
    def new_push(self) -> PushEditorDialog:
        return self.editing.new_push()

    @Slot()
    def edit_selected(self) -> PushEditorDialog | None:
        return self.editing.edit_selected()

    def edit_push(self, push_id: int) -> PushEditorDialog:
        """Open the editor on ``push_id`` (e.g. from a heads-up), whatever is selected."""
        return self.editing.edit_push(push_id)

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
                self.changes.set_enabled(push_id, not row.enabled)

    @Slot()
    def edit_own_days(self) -> OwnDaysDialog:
        dialog = OwnDaysDialog(self.settings, self.service, self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    @Slot()
    def import_file(self) -> None:
        transfer.import_file(self)

    @Slot()
    def export_file(self) -> None:
        transfer.export_file(self)

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
