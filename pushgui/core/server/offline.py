"""The address book, channels and templates of a team database, as an editor's window
reads them.

While the team server cannot be reached, the window keeps showing what it read last (the
push list's recipients, an editor already open) instead of failing: each read here falls
back to its last good answer, and raises only when there is none. A write is refused in
plain words (``editing.refusal``), for contacts, groups, channels and templates as for
pushes. The window says the server is unreachable meanwhile (``ui/main/team.py``) and reads
everything again once it is back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError

from pushgui.core.books import Books
from pushgui.core.channels.book import ChannelBook, ChannelRecord
from pushgui.core.channels.config import ChannelConfig
from pushgui.core.messages.templates import Template, TemplateBook
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.spec import Message, Target
from pushgui.core.server.editing import plain_words
from pushgui.core.store.db import Database
from pushgui.core.system.secrets import SecretStore

T = TypeVar("T")


class _LastGood:
    """Answers of reads by key; the last good one stands in while the server is away."""

    def __init__(self) -> None:
        self._answers: dict[Hashable, Any] = {}

    def read(self, key: Hashable, reading: Callable[[], T]) -> T:
        try:
            answer = reading()
        except DBAPIError:
            if key in self._answers:
                return self._answers[key]  # type: ignore[no-any-return]
            with plain_words():
                raise
        self._answers[key] = answer
        return answer


class EditorContactBook(ContactBook):
    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self._last = _LastGood()

    def contacts(self, ids: Iterable[int] | None = None) -> list[ContactRecord]:
        key = None if ids is None else tuple(ids)
        return self._last.read(
            ("contacts", key), lambda: super(EditorContactBook, self).contacts(key)
        )

    def groups(self) -> list[GroupRecord]:
        return self._last.read("groups", super().groups)

    def custom_field_names(self) -> list[str]:
        return self._last.read("fields", super().custom_field_names)

    def expand(self, contact_ids: Iterable[int], group_ids: Iterable[int]) -> list[ContactRecord]:
        people, groups = tuple(contact_ids), tuple(group_ids)
        return self._last.read(
            ("expand", people, groups),
            lambda: super(EditorContactBook, self).expand(people, groups),
        )

    def save(self, contact: ContactRecord) -> int:
        with plain_words():
            return super().save(contact)

    def save_group(self, group: GroupRecord) -> int:
        with plain_words():
            return super().save_group(group)

    def save_many(self, contacts: Sequence[ContactRecord]) -> list[int]:
        with plain_words():
            return super().save_many(contacts)

    def delete(self, contact_ids: Iterable[int]) -> None:
        with plain_words():
            super().delete(contact_ids)

    def delete_group(self, group_id: int) -> None:
        with plain_words():
            super().delete_group(group_id)

    def add_to_group(self, group_id: int, contact_ids: Iterable[int]) -> None:
        with plain_words():
            super().add_to_group(group_id, contact_ids)


class EditorChannelBook(ChannelBook):
    def __init__(self, database: Database, secrets: SecretStore) -> None:
        super().__init__(database, secrets)
        self._last = _LastGood()

    def channels(self) -> list[ChannelRecord]:
        return self._last.read("channels", super().channels)

    def save(self, name: str, config: ChannelConfig, channel_id: int | None = None) -> int:
        with plain_words():
            return super().save(name, config, channel_id)

    def delete(self, channel_id: int) -> None:
        with plain_words():
            super().delete(channel_id)


class EditorTemplateBook(TemplateBook):
    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self._last = _LastGood()

    def list(self) -> list[Template]:
        return self._last.read("templates", super().list)

    def save(self, name: str, message: Message, targets: tuple[Target, ...] | None = None) -> int:
        with plain_words():
            return super().save(name, message, targets)

    def delete(self, template_id: int) -> None:
        with plain_words():
            super().delete(template_id)


def editor_books(database: Database, secrets: SecretStore) -> Books:
    """The books of a team database for an editor's window."""
    plain = Books.of(database, secrets)
    return Books(
        EditorContactBook(database),
        EditorChannelBook(database, secrets),
        plain.history,
        EditorTemplateBook(database),
    )
