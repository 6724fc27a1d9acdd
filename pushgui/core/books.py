"""The books the composition root builds once and hands to the windows and tools.

Each book reads and writes one kind of record through the one database; building them in
one place (``pushgui/app.py``) means no window makes its own (docs/ARCHITECTURE.md,
"Composition root").
"""

from __future__ import annotations

from dataclasses import dataclass

from pushgui.core.channels.book import ChannelBook
from pushgui.core.messages.templates import TemplateBook
from pushgui.core.people.contacts import ContactBook
from pushgui.core.runs.history import History
from pushgui.core.store.db import Database
from pushgui.core.system.secrets import SecretStore


@dataclass(frozen=True)
class Books:
    """Contacts and groups, channels, history and message templates of one database."""

    contacts: ContactBook
    channels: ChannelBook
    history: History
    templates: TemplateBook

    @classmethod
    def of(cls, database: Database, secrets: SecretStore) -> Books:
        return cls(
            ContactBook(database),
            ChannelBook(database, secrets),
            History(database),
            TemplateBook(database),
        )
