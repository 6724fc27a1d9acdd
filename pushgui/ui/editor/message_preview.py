"""The message as recipients read it: the placeholder menu, a preview, and the dry run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import ChannelRecord
from pushgui.core.messages.recipients import Recipient, Rendered
from pushgui.ui.editor.targets_editor import kind_name
from pushgui.ui.i18n import format_datetime
from pushgui.ui.widgets.table_model import RowsTableModel
from pushgui.ui.widgets.tables import make_table

Index = QModelIndex | QPersistentModelIndex
RecipientKey = tuple[str, int | None, int | None]

RECIPIENT, CHANNEL, ADDRESS, TITLE, BODY = range(5)


def recipient_key(recipient: Recipient) -> RecipientKey:
    return (recipient.kind, recipient.channel_id, recipient.contact_id)


def format_moment(at: datetime) -> str:
    return format_datetime(at, local=False)


def channel_text(recipient: Recipient, channels: Mapping[int, ChannelRecord]) -> str:
    """How a recipient is reached, in words: "Desktop notification", "Email (Work)"."""
    if recipient.kind == "desktop":
        return QCoreApplication.translate("MessagePreview", "Desktop notification")
    channel = channels.get(recipient.channel_id) if recipient.channel_id is not None else None
    name = (
        channel.name
        if channel is not None
        else QCoreApplication.translate("MessagePreview", "removed channel")
    )
    return f"{kind_name(recipient.kind)} ({name})"


def recipient_text(recipient: Recipient) -> str:
    if recipient.kind == "desktop":
        return QCoreApplication.translate("MessagePreview", "Me")
    return recipient.label


class PlaceholderButton(QPushButton):
    """A menu of the ``${placeholders}`` a message can use; never takes the focus, so the
    text goes where the cursor was.

    Signals:
        placeholder_chosen(str): the user picked one; the text to insert, e.g. ``${name}``.
    """

    placeholder_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Insert placeholder"))
        self.setToolTip(self.tr("Put a value in the message that is filled in when it is sent"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMenu(QMenu(self))
        self.set_custom_fields(())

    def set_custom_fields(self, names: Iterable[str]) -> None:
        menu = self.menu()
        menu.clear()
        standard = (
            ("name", self.tr("Recipient's name")),
            ("date", self.tr("Date of the run")),
            ("time", self.tr("Time of the run")),
            ("weekday", self.tr("Day of the week")),
            ("push", self.tr("Name of this reminder")),
            ("run_count", self.tr("Run number (1, 2, 3…)")),
        )
        for name, text in standard:
            self._add(menu, name, text)
        menu.addSection(self.tr("Contact fields"))
        self._add(menu, "email", self.tr("Email address"))
        for name in names:
            self._add(menu, name, name)

    def _add(self, menu: QMenu, name: str, text: str) -> None:
        placeholder = "${" + name + "}"
        # After a tab, Qt puts the text in the shortcut column: the placeholder lines up.
        action = QAction(f"{text}\t{placeholder}", menu)
        action.setData(placeholder)
        action.triggered.connect(lambda: self.placeholder_chosen.emit(placeholder))
        menu.addAction(action)

    def placeholders(self) -> list[str]:
        return [a.data() for a in self.menu().actions() if a.data()]


def _read_only_text(parent: QWidget, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setReadOnly(True)
    edit.setAccessibleName(name)
    return edit


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class MessagePreviewDialog(QDialog):
    """The message as one chosen recipient reads it; follows the editor while open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preview"))
        self._rendered: list[Rendered] = []
        self.recipient_combo = QComboBox(self)
        self.recipient_combo.setAccessibleName(self.tr("Recipient"))
        self.recipient_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.recipient_combo.setMinimumContentsLength(30)
        self.when_label = QLabel(self)
        self.when_label.setWordWrap(True)
        self.title_label = _bold(QLabel(self))
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_label.setAccessibleName(self.tr("Title as sent"))
        self.body_view = _read_only_text(self, self.tr("Message as sent"))
        self.empty_label = QLabel(self.tr("Choose who receives this reminder first."), self)

        form = QFormLayout()
        form.addRow(self.tr("&Recipient:"), self.recipient_combo)
        form.addRow(self.tr("Title:"), self.title_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body_view, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.when_label)
        layout.addWidget(buttons)
        self.recipient_combo.currentIndexChanged.connect(self._show_current)
        self.resize(480, 360)

    def set_rendered(self, rendered: Sequence[Rendered], when: datetime) -> None:
        """Show these messages; the recipient chosen stays chosen if still there."""
        index = self.recipient_combo.currentIndex()
        current = recipient_key(self._rendered[index].recipient) if index >= 0 else None
        self._rendered = list(rendered)
        keys = [recipient_key(each.recipient) for each in self._rendered]
        self.recipient_combo.blockSignals(True)
        self.recipient_combo.clear()
        for each in self._rendered:
            text = recipient_text(each.recipient)
            if each.recipient.address:
                text += f" <{each.recipient.address}>"
            self.recipient_combo.addItem(text)
        position = keys.index(current) if current in keys else 0
        self.recipient_combo.setCurrentIndex(position if self._rendered else -1)
        self.recipient_combo.blockSignals(False)
        self.when_label.setText(
            self.tr("As it would read if it were sent now (%1).").replace("%1", format_moment(when))
        )
        self._show_current()

    def choose(self, key: RecipientKey) -> None:
        keys = [recipient_key(each.recipient) for each in self._rendered]
        self.recipient_combo.setCurrentIndex(keys.index(key) if key in keys else -1)

    def _show_current(self, *_args: object) -> None:
        index = self.recipient_combo.currentIndex()
        have = 0 <= index < len(self._rendered)
        self.empty_label.setVisible(not have)
        self.recipient_combo.setEnabled(have)
        if not have:
            self.title_label.clear()
            self.body_view.clear()
            return
        rendered = self._rendered[index]
        self.title_label.setText(rendered.title)
        self.body_view.setPlainText(rendered.body)


class DryRunModel(RowsTableModel):
    """One row per recipient of a dry run: who, how, and the final title and message."""

    def __init__(
        self, channels: Mapping[int, ChannelRecord], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._channels = channels
        self._rows: list[Rendered] = []
        self._headers = [
            self.tr("Recipient"),
            self.tr("Channel"),
            self.tr("Address"),
            self.tr("Title"),
            self.tr("Message"),
        ]

    def set_rows(self, rows: Sequence[Rendered]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Rendered:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        rendered = self._rows[index.row()]
        column = index.column()
        if column == RECIPIENT:
            return recipient_text(rendered.recipient)
        if column == CHANNEL:
            return channel_text(rendered.recipient, self._channels)
        if column == ADDRESS:
            return rendered.recipient.address
        if column == TITLE:
            return rendered.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return rendered.body
        return " ".join(rendered.body.split())


class DryRunDialog(QDialog):
    """Every recipient's final message for a run now; nothing is sent or recorded."""

    def __init__(
        self,
        rendered: Sequence[Rendered],
        channels: Mapping[int, ChannelRecord],
        when: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dry run"))
        self.setSizeGripEnabled(True)
        count = len(rendered)
        summary = (
            self.tr("Nothing was sent. If this reminder ran now (%1), this is what")
            + " "
            + (
                self.tr("its 1 recipient would get.")
                if count == 1
                else self.tr("each of its %2 recipients would get.")
            )
        )
        self.summary_label = QLabel(
            summary.replace("%1", format_moment(when)).replace("%2", str(count)), self
        )
        self.summary_label.setWordWrap(True)

        self.model = DryRunModel(channels, self)
        self.model.set_rows(rendered)
        self.table = make_table(self.model, self.tr("Messages"), self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((RECIPIENT, 130), (CHANNEL, 150), (ADDRESS, 170), (TITLE, 170)):
            self.table.setColumnWidth(column, width)

        detail = QWidget(self)
        self.detail_title = _bold(QLabel(detail))
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_body = _read_only_text(detail, self.tr("Message as sent"))
        detail_box = QVBoxLayout(detail)
        detail_box.setContentsMargins(0, 0, 0, 0)
        detail_box.addWidget(self.detail_title)
        detail_box.addWidget(self.detail_body, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([240, 140])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._show_row)
        if count:
            self.table.selectRow(0)
        self.resize(820, 480)

    def _show_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        rendered = self.model.row_at(current.row())
        self.detail_title.setText(rendered.title)
        self.detail_body.setPlainText(rendered.body)
