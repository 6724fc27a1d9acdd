"""Whom a chat room target @mentions: chosen contacts and groups, everyone, the person on
duty, with a plain-words warning next to it for every mention that would not ping
(core/messages/mentions.py, docs/MENTIONS.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import ChannelRecord
from pushgui.core.messages.mentions import can_mention, mentioned, plan, service_name, warnings
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.mention_choice import MentionChoice
from pushgui.core.pushes.spec import PushSpec
from pushgui.ui.editor.check_lists import CheckListView, rows_height
from pushgui.ui.editor.recipient_picker import RecipientPickerModel, _Entry
from pushgui.ui.widgets.fields import ErrorLabel

PICKER_ROWS = 3
#: The rooms' mention panels scroll beyond this height, so the dialog keeps its size.
MAX_HEIGHT = 240


class MentionPickerModel(RecipientPickerModel):
    """Groups and contacts as the room's service sees them: a contact shows their ID there,
    or that they have none (greyed: ticking them is allowed, and warned about)."""

    def set_people(
        self, groups: Sequence[GroupRecord], contacts: Sequence[ContactRecord], kind: str
    ) -> None:
        self.kind = kind
        self.set_book(groups, [])  # the groups' entries, as the email picker shows them
        entries = list(self._entries)
        for contact in contacts:
            assert contact.id is not None
            there = mentioned(kind, contact)
            detail = (there.user_id or there.mobile) if there is not None else ""
            entries.append(_Entry(False, contact.id, contact.name, detail, there is not None))
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            entry = self._entries[index.row()]
            if not entry.group:
                if entry.usable:
                    return f"{entry.text} · {entry.detail}"
                return (
                    self.tr("%1 (no %2 ID)")
                    .replace("%1", entry.text)
                    .replace("%2", service_name(self.kind))
                )
        return super().data(index, role)


class MentionPanel(QWidget):
    """The @mention choice of one room. Signals: changed()."""

    changed = Signal()

    def __init__(self, channel: ChannelRecord, book: ContactBook, parent: QWidget) -> None:
        super().__init__(parent)
        self.channel = channel
        self.book = book
        title = QLabel(self.tr("@mention in %1:").replace("%1", channel.name), self)
        title.setWordWrap(True)
        self.everyone_box = QCheckBox(self.tr("&Everyone"), self)
        self.duty_box = QCheckBox(self.tr("Who is on &duty"), self)
        self.model = MentionPickerModel(self)
        self.model.set_people(book.groups(), book.contacts(), channel.kind)
        self.picker = CheckListView(self)
        self.picker.setModel(self.model)
        self.picker.setAccessibleName(self.tr("Contacts and groups to @mention"))
        self.picker.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.picker.setFixedHeight(rows_height(self.picker, PICKER_ROWS))
        self.picker.setVisible(self.model.rowCount() > 0)
        self.warning_label = ErrorLabel(self)
        # Its full height, never squeezed under the list (the box scrolls instead).
        self.warning_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.warning_label.setAccessibleName(self.tr("Mentions that will not ping"))
        boxes = QHBoxLayout()
        boxes.addWidget(self.everyone_box)
        boxes.addWidget(self.duty_box)
        boxes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addLayout(boxes)
        layout.addWidget(self.picker)
        layout.addWidget(self.warning_label)
        for box in (self.everyone_box, self.duty_box):
            box.toggled.connect(self.changed)
        self.model.choice_changed.connect(self.changed)

    def set_choice(self, choice: MentionChoice) -> None:
        self.everyone_box.setChecked(choice.everyone)
        self.duty_box.setChecked(choice.on_duty)
        self.model.set_chosen(choice.group_ids, choice.contact_ids)

    def choice(self) -> MentionChoice:
        groups, contacts = self.model.chosen()
        return MentionChoice(
            contacts, groups, self.everyone_box.isChecked(), self.duty_box.isChecked()
        )

    def show_warnings(self, spec: PushSpec) -> None:
        msgtype = str(self.channel.settings.get("msgtype", ""))
        mention = plan(self.choice(), spec.duty, self.book)
        self.warning_label.show_messages(warnings(self.channel.kind, msgtype, mention, spec.duty))


class MentionsBox(QWidget):
    """One :class:`MentionPanel` per ticked room whose service can @mention; the choices
    of rooms untcked meanwhile are kept. Signals: changed()."""

    changed = Signal()

    def __init__(self, book: ContactBook | None, indent: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.book = book
        self.panels: dict[int, MentionPanel] = {}
        self.choices: dict[int, MentionChoice] = {}
        self.inner = QWidget(self)
        self.box = QVBoxLayout(self.inner)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.inner)
        self.scroll_area.setMaximumHeight(MAX_HEIGHT)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(indent, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.setVisible(False)

    def reset(self) -> None:
        """Forget every choice (new targets are being shown)."""
        self.choices = {}
        for panel in self.panels.values():
            panel.set_choice(MentionChoice())

    def remember(self, channel_id: int | None, choice: MentionChoice) -> None:
        if channel_id is not None:
            self.choices[channel_id] = choice
            if channel_id in self.panels:
                self.panels[channel_id].set_choice(choice)

    def show_rooms(self, rooms: Iterable[ChannelRecord]) -> None:
        """Panels for ``rooms`` (the ticked ones), in order."""
        for channel_id, panel in self.panels.items():
            self.choices[channel_id] = panel.choice()
            self.box.removeWidget(panel)
            panel.hide()
            panel.deleteLater()
        self.panels = {}
        if self.book is not None:
            for channel in rooms:
                if not can_mention(channel.kind):
                    continue
                panel = MentionPanel(channel, self.book, self)
                panel.set_choice(self.choices.get(channel.id, MentionChoice()))
                panel.changed.connect(self.changed)
                self.box.addWidget(panel)
                self.panels[channel.id] = panel
        self.setVisible(bool(self.panels))
        self._fit()

    def _fit(self) -> None:
        """As tall as the panels (up to MAX_HEIGHT): no empty space, no squeezed warning."""
        width = max(self.scroll_area.viewport().width(), 200)
        need = self.box.heightForWidth(width) if self.box.hasHeightForWidth() else -1
        need = max(need, self.inner.sizeHint().height())
        self.scroll_area.setMinimumHeight(min(need, MAX_HEIGHT))

    def choice(self, channel_id: int) -> MentionChoice:
        panel = self.panels.get(channel_id)
        return panel.choice() if panel is not None else MentionChoice()

    def show_warnings(self, spec: PushSpec) -> None:
        for panel in self.panels.values():
            panel.show_warnings(spec)
        self._fit()
