"""Configured channels: settings in the database, secrets in the secret store, never mixed."""

from __future__ import annotations

import json
import logging
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
from pushgui.core.delivery.quiet import quiet_key
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.messages.textcheck import one_line_problem
from pushgui.core.store.db import Database
from pushgui.core.store.identity import data_folder_id
from pushgui.core.store.models import Channel, Setting
from pushgui.core.system.i18n import joined, translate
from pushgui.core.system.secrets import KeyringSecrets, SecretStore, SecretStoreError, load_secrets

log = logging.getLogger(__name__)

#: Channels that reach people by address (one message each) rather than posting to a room.
PERSONAL_KINDS = frozenset({"email"})

#: In a channel's stored settings: the names of the secrets it has a value for (not the values).
SECRET_NAMES_KEY = "_secrets"
#: The channel id a test send's secrets are kept under while it runs (real ids start at 1).
TEST_CHANNEL_ID = 0


@dataclass(frozen=True)
class ChannelRecord:
    id: int
    kind: str
    name: str
    settings: dict[str, Any]
    #: The secrets this channel has a value for; ``None`` for a channel saved before pushgui
    #: recorded them (every secret of its kind is then looked up).
    secret_names: tuple[str, ...] | None = None

    @property
    def personal(self) -> bool:
        return self.kind in PERSONAL_KINDS

    @property
    def stored_secrets(self) -> tuple[str, ...]:
        """The secrets to look up (or delete): those it has, all of its kind if unknown."""
        if self.secret_names is not None:
            return self.secret_names
        return CONFIG_TYPES[self.kind].SECRETS if self.kind in CONFIG_TYPES else ()


def _record(row: Channel) -> ChannelRecord:
    settings = json.loads(row.settings)
    names = settings.pop(SECRET_NAMES_KEY, None) if isinstance(settings, dict) else None
    secret_names = tuple(str(n) for n in names) if isinstance(names, list) else None
    return ChannelRecord(row.id, row.kind, row.name, settings, secret_names)


class ChannelBook:
    """Store operations on channels; the secrets go to ``secrets``, the rest to the database."""

    def __init__(self, database: Database, secrets: SecretStore) -> None:
        self.db = database
        self._folder = data_folder_id(database)
        self.secrets = secrets

    @property
    def secrets(self) -> SecretStore:
        return self._secrets

    @secrets.setter
    def secrets(self, store: SecretStore) -> None:
        # Whatever store is handed in, this book reads and writes only its own folder's secrets.
        self._secrets = store.in_folder(self._folder)

    def channels(self) -> list[ChannelRecord]:
        with self.db.session() as session:
            rows = session.execute(select(Channel).order_by(Channel.name, Channel.id)).scalars()
            return [_record(r) for r in rows]

    def record(self, channel_id: int) -> ChannelRecord:
        for channel in self.channels():
            if channel.id == channel_id:
                return channel
        raise LookupError(f"Channel {channel_id} does not exist")

    def config(self, channel_id: int) -> ChannelConfig:
        """The channel's full configuration, secrets included (for sending, never for saving)."""
        record = self.record(channel_id)
        return self._assemble(record.kind, record.settings, record.stored_secrets, channel_id)

    def _assemble(
        self, kind: str, settings: dict[str, Any], names: tuple[str, ...], channel_id: int
    ) -> ChannelConfig:
        """What a run sends with: stored settings plus the secrets read from the store."""
        values = {**settings, **load_secrets(self.secrets, channel_id, names)}
        return config_from_settings(kind, values)

    def save(self, name: str, config: ChannelConfig, channel_id: int | None = None) -> int:
        """Add or update a channel; raises SpecError and saves nothing if it is invalid."""
        errors = validate_config(config)
        if not name.strip():
            errors.insert(0, FieldError("name", translate("channels", "Give the channel a name")))
        elif one_line_problem(name):
            errors.insert(0, FieldError("name", one_line_problem(name)))
        if errors:
            raise SpecError(errors)
        public, secret = split_settings(config)
        public[SECRET_NAMES_KEY] = sorted(secret)
        with self.db.session() as session:
            row = session.get(Channel, channel_id) if channel_id is not None else None
            had: tuple[str, ...] = ()
            if row is None:
                row = Channel(kind=config.KIND)
                session.add(row)
            else:
                had = _record(row).stored_secrets
            row.name, row.kind, row.settings = name.strip(), config.KIND, json.dumps(public)
            session.flush()
            saved_id = row.id
            # Secrets are stored inside the transaction: if the keyring refuses, the row is not
            # saved either, so a channel never exists without its secrets. A secret emptied
            # (or left behind by another kind) is deleted: it must never be sent again.
            for field_name, value in secret.items():
                self.secrets.set(saved_id, field_name, value)
            for field_name in had:
                if field_name not in secret:
                    self.secrets.delete(saved_id, field_name)
        return saved_id

    def delete(self, channel_id: int) -> None:
        record = self.record(channel_id)
        for field_name in record.stored_secrets:
            self.secrets.delete(channel_id, field_name)
        with self.db.session() as session:
            session.execute(delete(Channel).where(Channel.id == channel_id))
            # Its quiet hours go with it: a later channel given the same id starts without.
            session.execute(delete(Setting).where(Setting.key == quiet_key(channel_id)))

    def adopt_legacy_secrets(self) -> int:
        """Give channels saved before secrets were per folder their keyring entries back.

        Entries named the old, shared way are moved to this folder's names and deleted
        (:meth:`KeyringSecrets.adopt_legacy`); the channel then records which it has. A
        channel whose entries cannot be read now is left for the next start. Returns how
        many channels were brought up to date.
        """
        store = self.secrets
        done = 0
        for record in self.channels():
            if record.secret_names is not None or record.kind not in CONFIG_TYPES:
                continue
            found: list[str] = []
            try:
                for field_name in CONFIG_TYPES[record.kind].SECRETS:
                    if isinstance(store, KeyringSecrets):
                        store.adopt_legacy(record.id, field_name)
                    if store.get(record.id, field_name):
                        found.append(field_name)
            except SecretStoreError as exc:
                log.warning("Secrets of channel %s stay as they are for now: %s", record.id, exc)
                continue
            with self.db.session() as session:
                row = session.get(Channel, record.id)
                if row is not None:
                    row.settings = json.dumps({**record.settings, SECRET_NAMES_KEY: found})
            done += 1
        return done

    def send_test(self, config: ChannelConfig, to: str = "", **options: Any) -> Outcome:
        """Send one test message through ``config`` (not saved) the way a run sends.

        Its secrets go through this book's store and are read back from it exactly as a run
        reads a channel's (only those with a value), so a test cannot pass where a run would
        fail for want of a usable store; they are deleted afterwards.
        """
        errors = validate_config(config)
        if errors:
            return Outcome(ok=False, error=joined("; ", errors), permanent=True)
        public, secret = split_settings(config)
        stored: list[str] = []
        try:
            for field_name, value in secret.items():
                self.secrets.set(TEST_CHANNEL_ID, field_name, value)
                stored.append(field_name)
            sent = self._assemble(config.KIND, public, tuple(secret), TEST_CHANNEL_ID)
        except SecretStoreError as exc:
            return Outcome(ok=False, error=str(exc), permanent=True)
        finally:
            for field_name in stored:
                try:
                    self.secrets.delete(TEST_CHANNEL_ID, field_name)
                except SecretStoreError as exc:
                    log.warning("A test secret (%s) stays in the store: %s", field_name, exc)
        return send_test(sent, to, **options)

    def sender(self, channel_id: int, **options: Any) -> Sender:
        # A sender reads attachments only from this book's own data folder.
        options.setdefault("data_dir", self.db.path.parent)
        return build_sender(self.config(channel_id), **options)


def send_test(config: ChannelConfig, to: str = "", **options: Any) -> Outcome:
    """Send one real test message through ``config`` (not saved) and return what happened."""
    errors = validate_config(config)
    if errors:
        return Outcome(ok=False, error=joined("; ", errors), permanent=True)
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
