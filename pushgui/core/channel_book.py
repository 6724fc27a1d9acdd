"""Configured channels: settings in the database, secrets in the secret store, never mixed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from pushgui.core.channels.base import Outcome, Outgoing, Sender
from pushgui.core.channels.config import (
    CONFIG_TYPES,
    ChannelConfig,
    build_sender,
    config_from_settings,
    split_settings,
)
from pushgui.core.channels.validation import validate_config
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.i18n import translate
from pushgui.core.secrets import SecretStore, delete_secrets, load_secrets
from pushgui.core.store.db import Database
from pushgui.core.store.models import Channel

#: Channels that reach people by address (one message each) rather than posting to a room.
PERSONAL_KINDS = frozenset({"email"})


@dataclass(frozen=True)
class ChannelRecord:
    id: int
    kind: str
    name: str
    settings: dict[str, Any]

    @property
    def personal(self) -> bool:
        return self.kind in PERSONAL_KINDS


class ChannelBook:
    """Store operations on channels; the secrets go to ``secrets``, the rest to the database."""

    def __init__(self, database: Database, secrets: SecretStore) -> None:
        self.db = database
        self.secrets = secrets

    def channels(self) -> list[ChannelRecord]:
        with self.db.session() as session:
            rows = session.execute(select(Channel).order_by(Channel.name, Channel.id)).scalars()
            return [ChannelRecord(r.id, r.kind, r.name, json.loads(r.settings)) for r in rows]

    def record(self, channel_id: int) -> ChannelRecord:
        for channel in self.channels():
            if channel.id == channel_id:
                return channel
        raise LookupError(f"Channel {channel_id} does not exist")

    def config(self, channel_id: int) -> ChannelConfig:
        """The channel's full configuration, secrets included (for sending, never for saving)."""
        record = self.record(channel_id)
        names = CONFIG_TYPES[record.kind].SECRETS
        values = {**record.settings, **load_secrets(self.secrets, channel_id, names)}
        return config_from_settings(record.kind, values)

    def save(self, name: str, config: ChannelConfig, channel_id: int | None = None) -> int:
        """Add or update a channel; raises SpecError and saves nothing if it is invalid."""
        errors = validate_config(config)
        if not name.strip():
            errors.insert(0, FieldError("name", translate("channels", "Give the channel a name")))
        if errors:
            raise SpecError(errors)
        public, secret = split_settings(config)
        with self.db.session() as session:
            row = session.get(Channel, channel_id) if channel_id is not None else None
            if row is None:
                row = Channel(kind=config.KIND)
                session.add(row)
            row.name, row.kind, row.settings = name.strip(), config.KIND, json.dumps(public)
            session.flush()
            saved_id = row.id
            # Secrets are stored inside the transaction: if the keyring refuses, the row is not
            # saved either, so a channel never exists without its secrets.
            for field_name, value in secret.items():
                self.secrets.set(saved_id, field_name, value)
        return saved_id

    def delete(self, channel_id: int) -> None:
        record = self.record(channel_id)
        delete_secrets(self.secrets, channel_id, CONFIG_TYPES[record.kind].SECRETS)
        with self.db.session() as session:
            session.execute(delete(Channel).where(Channel.id == channel_id))

    def sender(self, channel_id: int, **options: Any) -> Sender:
        return build_sender(self.config(channel_id), **options)


def send_test(config: ChannelConfig, to: str = "", **options: Any) -> Outcome:
    """Send one real test message through ``config`` (not saved) and return what happened."""
    errors = validate_config(config)
    if errors:
        return Outcome(ok=False, error="; ".join(str(e) for e in errors), permanent=True)
    message = Outgoing(
        push_id=0,
        push_name="pushgui",
        recipient=to or "test",
        title="pushgui test message",
        body="If you can read this, pushgui can deliver through this channel.",
        recipient_address=to,
    )
    [outcome] = build_sender(config, **options).send([message])
    return outcome
