"""The Channels window: the configured ways out (mail accounts, chat bots…), adding one by
picking a service (:mod:`.channel_picker`), editing, deleting, and choosing where secrets
live without a keyring (:mod:`.channel_secrets`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import ChannelBook, ChannelRecord
from pushgui.core.channels.config import KINDS
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.secrets import (
    PLAIN_FILE,
    SECRETS_MODE_KEY,
    KeyringStatus,
    PlainFileSecrets,
    SecretStore,
    SessionSecrets,
    keyring_status,
)
from pushgui.ui.channel_form import ChannelForm
from pushgui.ui.channel_kinds import kind_badge, kind_label
from pushgui.ui.channel_picker import KindPicker
from pushgui.ui.channel_secrets import SecretsBanner
from pushgui.ui.i18n import readable
from pushgui.ui.widgets.confirm import confirm_destructive
from pushgui.ui.widgets.icons import app_icon
from pushgui.ui.widgets.table_model import RowsTableModel
from pushgui.ui.widgets.tables import make_table

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
NAME, SERVICE, DETAILS = range(3)
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def describe_settings(record: ChannelRecord) -> str:
    """A short, secret-free line telling channels of one kind apart (the kind's own)."""
    description = KINDS.get(record.kind)
    return readable(description.details(record.settings)) if description is not None else ""


class ChannelTableModel(RowsTableModel):
    """Rows of :class:`ChannelRecord`: name, service (with its badge), details."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChannelRecord] = []
        self._headers = [self.tr("Name"), self.tr("Service"), self.tr("Details")]

    def set_channels(self, channels: list[ChannelRecord]) -> None:
        self.beginResetModel()
        self._rows = list(channels)
        self.endResetModel()

    def record_at(self, row: int) -> ChannelRecord:
        return self._rows[row]

    def row_of(self, channel_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == channel_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return record.name
            if column == SERVICE:
                return kind_label(record.kind, record.settings)
            return describe_settings(record)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return kind_badge(record.kind, record.settings)
        return None


class ChannelsWindow(QMainWindow):
    """The configured channels, and where their secrets are kept.

    ``settings`` holds the user's secrets mode; ``data_folder`` is where the unprotected
    secrets file goes if the user picks it (by default, the database's folder).

    Signals:
        channels_changed(): a channel was added, changed or deleted.
        secrets_mode_changed(str): the user chose "session" or "file"; the book and the
            runner already use the new store (the owner should update its Runtime).
    """

    channels_changed = Signal()
    secrets_mode_changed = Signal(str)

    def __init__(
        self,
        book: ChannelBook,
        settings: SettingsStore,
        data_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.settings = settings
        self.data_folder = data_folder or Path(book.db.path).parent
        self.form: ChannelForm | None = None
        self.picker: KindPicker | None = None
        self.confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Channels — pushgui"))
        self.setWindowIcon(app_icon())
        self.resize(760, 460)

        self.model = ChannelTableModel(self)
        self.table = make_table(self.model, self.tr("Channels"), self, row_height=30)
        self.table.setIconSize(QSize(22, 22))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(NAME, 240)
        header.resizeSection(SERVICE, 170)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.empty_hint = QLabel(
            self.tr(
                "No channels yet. Click <b>Add</b> (Ctrl+N) to set up a mail account or a "
                "chat bot; reminders shown on this computer need no channel."
            ),
            self,
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setObjectName("emptyHint")

        self.banner: SecretsBanner | None = None
        self.mode_note = QLabel(self)
        self.mode_note.setObjectName("secretsModeNote")
        self.mode_note.setWordWrap(True)
        self.mode_note.hide()

        central = QWidget(self)
        self._layout = QVBoxLayout(central)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.addWidget(self.mode_note)
        self._layout.addWidget(self.table, 1)
        self._layout.addWidget(self.empty_hint)
        self.setCentralWidget(central)

        self._build_actions()
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)

        self._check_secrets(keyring_status())
        self.reload()

    # -- actions -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        tr = self.tr

        def action(text: str, slot: Any, keys: Any, tip: str) -> QAction:
            item = QAction(text, self)
            item.setShortcut(QKeySequence(keys))
            shown = item.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(f"{tip} ({shown})")
            item.setStatusTip(tip)
            item.triggered.connect(slot)
            return item

        self.add_action = action(
            tr("&Add…"), self.add_channel, QKeySequence.StandardKey.New, tr("Set up a channel")
        )
        self.edit_action = action(
            tr("&Edit…"), self.edit_selected, "Ctrl+E", tr("Change the selected channel")
        )
        self.delete_action = action(
            tr("&Delete…"),
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            tr("Delete the selected channel"),
        )
        self.close_action = action(
            tr("&Close"), self.close, QKeySequence.StandardKey.Close, tr("Close this window")
        )
        self.addAction(self.close_action)
        for item in (self.edit_action, self.delete_action):
            item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(item)
        toolbar = QToolBar(tr("Channels"), self)
        toolbar.setObjectName("channelsToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in (self.add_action, self.edit_action, self.delete_action):
            toolbar.addAction(item)
        self.addToolBar(toolbar)
        menu = self.menuBar().addMenu(tr("&Channels"))
        for item in (self.add_action, self.edit_action, self.delete_action):
            menu.addAction(item)
        menu.addSeparator()
        menu.addAction(self.close_action)

    def _update_actions(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen)
        empty = self.model.rowCount() == 0
        self.empty_hint.setVisible(empty)

    def reload(self) -> None:
        selected = self.selected_id()
        self.model.set_channels(self.book.channels())
        if selected is not None:
            self.select_id(selected)
        self._update_actions()

    def selected_id(self) -> int | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return int(rows[0].data(ID_ROLE)) if rows else None

    def select_id(self, channel_id: int) -> None:
        row = self.model.row_of(channel_id)
        if row >= 0:
            self.table.selectRow(row)

    # -- channels ----------------------------------------------------------------------------

    @Slot()
    def add_channel(self) -> KindPicker:
        picker = KindPicker(self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(self.open_form)
        self.picker = picker
        picker.open()
        return picker

    def open_form(
        self, kind: str, preset: dict[str, Any] | None = None, channel_id: int | None = None
    ) -> ChannelForm:
        form = ChannelForm(self.book, kind, channel_id=channel_id, preset=preset, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._on_saved)
        self.form = form
        form.open()
        return form

    @Slot()
    def edit_selected(self) -> ChannelForm | None:
        channel_id = self.selected_id()
        if channel_id is None:
            return None
        record = self.book.record(channel_id)
        return self.open_form(record.kind, channel_id=channel_id)

    def _on_saved(self, channel_id: int) -> None:
        self.reload()
        self.select_id(channel_id)
        self.channels_changed.emit()
        self.statusBar().showMessage(self.tr("Saved"), 3000)

    @Slot()
    def delete_selected(self) -> QMessageBox | None:
        channel_id = self.selected_id()
        if channel_id is None:
            return None
        record = self.book.record(channel_id)
        box = confirm_destructive(
            self,
            self.tr("Delete channel"),
            self.tr(
                "Delete “{0}”? Its password or token is removed too. Reminders that send "
                "through it will report a failure until you choose another channel."
            ).format(record.name),
            self.tr("Delete"),
            lambda: self._delete(channel_id),
        )
        self.confirmation = box
        return box

    def _delete(self, channel_id: int) -> None:
        try:
            self.book.delete(channel_id)
        except Exception as exc:
            log.warning("Deleting channel %s failed: %s", channel_id, exc)
            QMessageBox.warning(
                self, self.tr("Channels"), self.tr("The channel was not deleted: {0}").format(exc)
            )
            return
        self.reload()
        self.channels_changed.emit()

    # -- secrets -----------------------------------------------------------------------------

    def _check_secrets(self, status: KeyringStatus) -> None:
        mode = self.settings.get(SECRETS_MODE_KEY, "keyring")
        if mode == "keyring" and not status.usable:
            self.banner = SecretsBanner(status, self.data_folder, self)
            self.banner.mode_chosen.connect(self.use_secrets_mode)
            self._layout.insertWidget(0, self.banner)
        elif mode == "session":
            self._note(
                self.tr(
                    "Passwords and tokens are kept only until pushgui quits; after a restart, "
                    "open each channel and type them again."
                )
            )
        elif mode == "file":
            self._note(
                self.tr("⚠ Passwords and tokens are stored unprotected in {0}.").format(
                    self.data_folder / PLAIN_FILE
                )
            )

    def _note(self, text: str) -> None:
        self.mode_note.setText(text)
        self.mode_note.show()

    @Slot(str)
    def use_secrets_mode(self, mode: str) -> None:
        """Remember the user's choice and use it now: in this window and in the runner."""
        store: SecretStore = (
            PlainFileSecrets(self.data_folder) if mode == "file" else SessionSecrets()
        )
        self.settings.set(SECRETS_MODE_KEY, mode)
        self.book.secrets = store
        if self.banner is not None:
            self.banner.hide()
            self.banner.deleteLater()
            self.banner = None
        if mode == "file":
            self._note(
                self.tr("⚠ From now on passwords and tokens are stored unprotected in {0}.").format(
                    self.data_folder / PLAIN_FILE
                )
            )
        else:
            self._note(
                self.tr(
                    "From now on passwords and tokens are kept only until pushgui quits; "
                    "after a restart, open each channel and type them again."
                )
            )
        log.info("Secrets mode set to %s", mode)
        self.secrets_mode_changed.emit(mode)
