"""Small values the app remembers between sessions (JSON in the ``settings`` table)."""

from __future__ import annotations

import json
from typing import Any

from pushgui.core.store.db import Database
from pushgui.core.store.models import Setting


class SettingsStore:
    def __init__(self, database: Database) -> None:
        self.db = database

    def get(self, key: str, default: Any = None) -> Any:
        with self.db.session() as session:
            row = session.get(Setting, key)
            return json.loads(row.value) if row is not None else default

    def set(self, key: str, value: Any) -> None:
        with self.db.session() as session:
            session.merge(Setting(key=key, value=json.dumps(value)))

    def delete(self, key: str) -> None:
        """Forget ``key``: reading it gives the caller's default again."""
        with self.db.session() as session:
            row = session.get(Setting, key)
            if row is not None:
                session.delete(row)
