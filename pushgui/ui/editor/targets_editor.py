"""Where a reminder goes: me, people by email, chat rooms (a room's @mentions are in
ui/editor/mention_editor.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pushgui.core.channels.book import PERSONAL_KINDS, ChannelBook, ChannelRecord
from pushgui.core.errors import FieldError
from pushgui.core.messages.recipients import Planner, Recipient
from pushgui.core.people.contacts import ContactBook
from pushgui.core.pushes.spec import PushSpec, Target
from pushgui.ui.editor.check_lists import KEY_ROLE, CheckList, CheckListView, rows_height
from pushgui.ui.editor.mention_editor import MentionsBox
from pushgui.ui.editor.recipient_picker import NoContacts, RecipientPickerModel
from pushgui.ui.widgets.fields import ErrorLabel, hint_label
from pushgui.ui.widgets.icons import kind_icon

Index = QModelIndex | QPersistentModelIndex

DESKTOP = "desktop"
EMAIL = "email"
PICKER_ROWS = 6
DESTINATION_ROWS = 5


def kind_name(kind: str) -> str:
    """A channel kind as people know the service."""
    names = {
        "email": QCoreApplication.translate("TargetsEditor", "Email"),
        "dingtalk": "DingTalk",
        "wecom": "WeCom",
        "feishu": QCoreApplication.translate("TargetsEditor", "Feishu / Lark"),
        "slack": "Slack",
        "discord": "Discord",
        "teams": "Microsoft Teams",
        "telegram": "Telegram",
        "ntfy": "ntfy",
        "webhook": QCoreApplication.translate("TargetsEditor", "Webhook"),
        "apprise": QCoreApplication.translate("TargetsEditor", "Other service"),
    }
    return names.get(kind, kind)


class TargetsEditor(QWidget):
    """The "Send to" section: a check list of ways out, and the people an email goes to.

    "Me" is always offered; email (with a contact picker) and each chat room appear once
    such channels are set up. Targets the editor cannot show (a removed channel, a second
    email account) are kept as rows of their own, ticked, so nothing is lost by opening
    and saving a reminder.

    Signals:
        changed(): the chosen targets changed.
        open_channels_requested(): the user asked to set up email or chat channels.
        open_contacts_requested(): the user asked to add contacts.
    """

    changed = Signal()
    open_channels_requested = Signal()
    open_contacts_requested = Signal()

    def __init__(
        self,
        contacts: ContactBook | None = None,
        channels: ChannelBook | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = contacts
        self._channel_book = channels
        self._channels: dict[int, ChannelRecord] = {}
        self._kept: list[Target] = []
        self._filling = False
        self.planner = Planner(contacts or NoContacts(), self._channels)

        self.destinations = CheckList(self)
        self.destinations.setAccessibleName(self.tr("Send to"))
        self.destinations.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.destinations.setUniformItemSizes(True)
        self.destinations.itemChanged.connect(self._destination_changed)

        self.email_panel = QWidget(self)
        self.email_combo = QComboBox(self.email_panel)
        self.email_combo.setAccessibleName(self.tr("Email account"))
        self.search_edit = QLineEdit(self.email_panel)
        self.search_edit.setPlaceholderText(self.tr("Search contacts and groups"))
        self.search_edit.setAccessibleName(self.tr("Search contacts and groups"))
        self.search_edit.setClearButtonEnabled(True)
        self.picker_model = RecipientPickerModel(self)
        self.picker_proxy = QSortFilterProxyModel(self)
        self.picker_proxy.setSourceModel(self.picker_model)
        self.picker_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.picker = CheckListView(self.email_panel)
        self.picker.setModel(self.picker_proxy)
        self.picker.setAccessibleName(self.tr("Contacts and groups to email"))
        self.picker.setUniformItemSizes(True)
        self.picker.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.picker.setFixedHeight(rows_height(self.picker, PICKER_ROWS))
        self.no_contacts_label = QLabel(
            self.tr('No contacts yet. <a href="contacts">Add contacts…</a>'), self.email_panel
        )
        self.no_contacts_label.linkActivated.connect(self.open_contacts_requested)
        self.email_error = ErrorLabel(self.email_panel)

        through = QFormLayout()
        through.setContentsMargins(0, 0, 0, 0)
        through.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        through_label = QLabel(self.tr("&Through:"), self.email_panel)
        through_label.setBuddy(self.email_combo)
        through.addRow(through_label, self.email_combo)
        email_box = QVBoxLayout(self.email_panel)
        # Indented under its row in the list, so it reads as that row's details.
        email_box.setContentsMargins(self._indent(), 0, 0, 0)
        email_box.setSpacing(4)
        email_box.addLayout(through)
        email_box.addWidget(self.search_edit)
        email_box.addWidget(self.picker)
        email_box.addWidget(self.no_contacts_label)
        email_box.addWidget(self.email_error)

        self.reach_label = QLabel(self)
        self.reach_label.setAccessibleName(self.tr("How many people this reaches"))
        self.dry_run_button = QPushButton(self.tr("&Dry run…"), self)
        self.dry_run_button.setToolTip(
            self.tr("See every recipient's message as it would be sent, without sending it")
        )
        reach_row = QHBoxLayout()
        reach_row.addWidget(self.reach_label, 1)
        reach_row.addWidget(self.dry_run_button)

        self.channels_hint = hint_label(
            self.tr(
                "To email people or post to a team chat, set up a channel in"
                ' <a href="channels">Channels…</a>'
            ),
            self,
        )
        self.channels_hint.setTextFormat(Qt.TextFormat.RichText)
        self.channels_hint.linkActivated.connect(self.open_channels_requested)
        self.error_label = ErrorLabel(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.destinations)
        layout.addWidget(self.email_panel)
        self.mentions_box = MentionsBox(contacts, self._indent(), self)
        self.mentions_box.changed.connect(self._notify)
        layout.addWidget(self.mentions_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.channels_hint)
        layout.addLayout(reach_row)

        self.email_combo.currentIndexChanged.connect(self._notify)
        self.picker_model.choice_changed.connect(self._notify)
        self.search_edit.textChanged.connect(self.picker_proxy.setFilterFixedString)
        self._load_sources()
        self.set_targets((Target(),))

    # -- sources ---------------------------------------------------------------------------

    def _load_sources(self) -> None:
        records = self._channel_book.channels() if self._channel_book is not None else []
        self._channels.clear()
        self._channels.update({c.id: c for c in records})
        if self._book is not None:
            self.picker_model.set_book(self._book.groups(), self._book.contacts())
        self.channels_hint.setVisible(self._channel_book is not None and not records)
        empty = self.picker_model.rowCount() == 0
        self.no_contacts_label.setVisible(empty)
        self.search_edit.setVisible(not empty)
        self.picker.setVisible(not empty)

    def reload(self) -> None:
        """Read channels, contacts and groups again (after the user set some up), keeping
        what is ticked."""
        targets = self.targets()
        self._load_sources()
        self.set_targets(targets)

    def email_channels(self) -> list[ChannelRecord]:
        if self._book is None:
            return []
        return [c for c in self._channels.values() if c.personal]

    def room_channels(self) -> list[ChannelRecord]:
        return [c for c in self._channels.values() if not c.personal]

    # -- targets in and out ----------------------------------------------------------------

    def set_targets(self, targets: Iterable[Target]) -> None:
        """Show ``targets``; ones this editor cannot edit are kept as rows of their own."""
        targets = list(targets)
        rooms = {c.id for c in self.room_channels()}
        emails = {c.id for c in self.email_channels()}
        desktop = any(t.kind == DESKTOP for t in targets)
        email: Target | None = None
        chosen_rooms: set[int] = set()
        self._kept = []
        self.mentions_box.reset()
        for target in targets:
            people = bool(target.contact_ids or target.group_ids)
            if target.kind == DESKTOP:
                continue
            if target.kind == EMAIL and email is None and self._book is not None and emails:
                email = target
            elif not people and target.channel_id in rooms:
                chosen_rooms.add(target.channel_id)
                self.mentions_box.remember(target.channel_id, target.mention)
            else:
                self._kept.append(target)

        self._filling = True
        try:
            self.destinations.clear()
            me = self._add_item(self.tr("Me (desktop notification)"), (DESKTOP,), desktop)
            me.setIcon(kind_icon(DESKTOP, self.palette()))
            if emails:
                mail = self._add_item(
                    self.tr("Email contacts and groups"), (EMAIL,), email is not None
                )
                mail.setIcon(kind_icon(EMAIL, self.palette()))
            for channel in self.room_channels():
                text = self.tr("Post to %1 (%2)").replace("%1", channel.name)
                text = text.replace("%2", kind_name(channel.kind))
                room = self._add_item(text, ("room", channel.id), channel.id in chosen_rooms)
                room.setIcon(kind_icon(channel.kind, self.palette()))
            for index, kept in enumerate(self._kept):
                item = self._add_item(self._kept_text(kept), ("kept", index), True)
                item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
                item.setToolTip(
                    self.tr("This reminder also sends here. Untick it to stop sending there.")
                )
            rows = min(max(self.destinations.count(), 1), DESTINATION_ROWS)
            self.destinations.setFixedHeight(rows_height(self.destinations, rows))
            if self.destinations.count() > rows:
                self.destinations.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

            self.email_combo.clear()
            for channel in self.email_channels():
                self.email_combo.addItem(channel.name, channel.id)
            if email is not None:
                position = self.email_combo.findData(email.channel_id)
                if position < 0:
                    self.email_combo.addItem(self.tr("(a removed account)"), email.channel_id)
                    position = self.email_combo.count() - 1
                self.email_combo.setCurrentIndex(position)
                self.picker_model.set_chosen(email.group_ids, email.contact_ids)
            else:
                self.picker_model.set_chosen((), ())
        finally:
            self._filling = False
        self._update_email_panel()
        self.changed.emit()

    def _kept_text(self, target: Target) -> str:
        channel = self._channels.get(target.channel_id) if target.channel_id is not None else None
        where = channel.name if channel is not None else self.tr("a removed channel")
        if target.contact_ids or target.group_ids:
            count = len(target.contact_ids) + len(target.group_ids)
            return (
                self.tr("%1 contacts or groups through %2")
                .replace("%1", str(count))
                .replace("%2", where)
            )
        return self.tr("Post to %1").replace("%1", where)

    def _add_item(self, text: str, key: tuple[Any, ...], checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(text, self.destinations)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(KEY_ROLE, key)
        return item

    def item_for(self, key: tuple[Any, ...]) -> QListWidgetItem | None:
        """The row of the list for ``("desktop",)``, ``("email",)`` or ``("room", id)``."""
        for row in range(self.destinations.count()):
            item = self.destinations.item(row)
            if tuple(item.data(KEY_ROLE)) == key:
                return item
        return None

    def _checked(self, key: tuple[Any, ...]) -> bool:
        item = self.item_for(key)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def targets(self) -> tuple[Target, ...]:
        """The ticked targets: me, then email, then rooms, then the kept ones."""
        result: list[Target] = []
        if self._checked((DESKTOP,)):
            result.append(Target())
        if self._checked((EMAIL,)):
            groups, contacts = self.picker_model.chosen()
            result.append(
                Target(
                    kind=EMAIL,
                    channel_id=self.email_combo.currentData(),
                    contact_ids=contacts,
                    group_ids=groups,
                )
            )
        for channel in self.room_channels():
            if self._checked(("room", channel.id)):
                mention = self.mentions_box.choice(channel.id)
                result.append(Target(kind=channel.kind, channel_id=channel.id, mention=mention))
        for index, kept in enumerate(self._kept):
            if self._checked(("kept", index)):
                result.append(kept)
        return tuple(result)

    def recipients(self, spec: PushSpec) -> list[Recipient]:
        """Who ``spec`` reaches; an email target with nobody chosen reaches nobody (the
        planner lists it as the channel, as it does a room, so that a run records it)."""
        self.mentions_box.show_warnings(spec)  # warnings depend on the whole push (duty)
        return [
            r
            for r in self.planner.recipients(spec)
            if not (r.kind in PERSONAL_KINDS and r.contact_id is None)
        ]

    # -- showing state ---------------------------------------------------------------------

    def show_reach(self, count: int) -> None:
        if count == 0:
            text = self.tr("This reminder reaches nobody yet.")
        elif count == 1:
            text = self.tr("This reminder reaches 1 recipient.")
        else:
            text = self.tr("This reminder reaches %1 recipients.").replace("%1", str(count))
        self.reach_label.setText(text)
        self.dry_run_button.setEnabled(count > 0)

    def local_errors(self) -> list[FieldError]:
        """Problems the targets cannot express: an email account that was removed."""
        if self._checked((EMAIL,)) and self.email_combo.currentData() not in {
            c.id for c in self.email_channels()
        }:
            return [FieldError("targets", self.tr("Choose the email account to send through"))]
        return []

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        """Show errors about ``targets`` / ``targets[i]``, the email ones under the picker."""
        # targets() lists "me" first, then the email target: that fixes the email's index.
        email_index = int(self._checked((DESKTOP,))) if self._checked((EMAIL,)) else None
        email_messages: list[str] = []
        other: list[str] = []
        for error in errors:
            index = _target_index(error.field)
            if email_index is not None and index == email_index:
                email_messages.append(error.message)
            else:
                other.append(error.message)
        self.email_error.show_messages(email_messages)
        self.error_label.show_messages(other)

    # -- reacting --------------------------------------------------------------------------

    def _destination_changed(self, _item: QListWidgetItem) -> None:
        if self._filling:
            return
        self._update_email_panel()
        self._notify()

    def _update_email_panel(self) -> None:
        self.email_panel.setVisible(self._checked((EMAIL,)))
        rooms = [c for c in self.room_channels() if self._checked(("room", c.id))]
        self.mentions_box.show_rooms(rooms)

    def _notify(self, *_args: object) -> None:
        if not self._filling:
            self.changed.emit()

    def _indent(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 12


def _target_index(field: str) -> int | None:
    if field.startswith("targets[") and "]" in field:
        try:
            return int(field[len("targets[") : field.index("]")])
        except ValueError:
            return None
    return None
