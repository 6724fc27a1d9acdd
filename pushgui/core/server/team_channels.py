"""The team's channels as a desktop editor sees them: name, kind and settings, no secrets.

Channels of a team database are set up on the server (``pushgui channel add``, docs/TEAM.md);
their secrets live in the server's own store and never in the database. A desktop connected
as an editor lists them from the shared rows to choose a push's targets: this reads only
those rows, needs no secret store, and leaves out any field its kind declares secret even
if an old row held one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from pushgui.core.channels.book import SECRET_NAMES_KEY
from pushgui.core.channels.config import CONFIG_TYPES
from pushgui.core.store.db import Database
from pushgui.core.store.models import Channel


@dataclass(frozen=True)
class TeamChannel:
    """One channel of the team database, without anything secret."""

    id: int
    name: str
    kind: str
    settings: dict[str, Any]  # the fields that are not secret
    secrets_set: tuple[str, ...]  # which secrets the server keeps (names, never values)


def team_channels(db: Database) -> list[TeamChannel]:
    """Every channel of ``db``, by name."""
    with db.session() as session:
        rows = session.execute(select(Channel).order_by(Channel.name, Channel.id)).scalars()
        found = [(row.id, row.name, row.kind, row.settings) for row in rows]
    channels = []
    for channel_id, name, kind, stored in found:
        try:
            settings = json.loads(stored)
        except ValueError:
            settings = {}
        if not isinstance(settings, dict):
            settings = {}
        names = settings.pop(SECRET_NAMES_KEY, None)
        secret_fields = set(CONFIG_TYPES[kind].SECRETS) if kind in CONFIG_TYPES else set()
        public = {k: v for k, v in settings.items() if k not in secret_fields}
        secrets_set = tuple(str(n) for n in names) if isinstance(names, list) else ()
        channels.append(TeamChannel(channel_id, name, kind, public, secrets_set))
    return channels
