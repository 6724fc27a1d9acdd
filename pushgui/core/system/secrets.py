"""Where passwords, tokens and token-bearing URLs live: the OS keyring, never the database.

Without a usable keyring (a headless Linux box, a minimal desktop) the user chooses:
keep secrets for this session only (typed again after a restart), or explicitly store
them unprotected in a clearly named file in the data folder, readable only by the user.
Values are never logged; only channel ids and field names are.

Every data folder has its own secrets. Keyring entries are named
``folder-<id>/channel-<n>/<field>`` under the service ``pushgui``, where ``<id>`` is a random
id kept in that folder's database (:func:`pushgui.core.store.identity.data_folder_id`), so two
data folders never read, overwrite or delete each other's entries. Entries written before
that (``channel-<n>/<field>``, shared by every folder) are adopted once by the first folder
that has such a channel (:meth:`KeyringSecrets.adopt_legacy`) and then deleted. The session
store and the unprotected file are per folder already (one process, one file per folder).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring itself is imported where it is used: importing it (and the entry-point machinery
# it loads) is a noticeable part of the window's start-up, and most starts never need it.

if TYPE_CHECKING:
    from pushgui.core.store.db import Database

log = logging.getLogger(__name__)

SERVICE = "pushgui"
PLAIN_FILE = "secrets-UNPROTECTED.json"
PLAIN_FILE_NOTE = (
    "These passwords and tokens are stored WITHOUT protection because no system keyring "
    "was available and you chose to keep them here. Anyone who can read this file can use "
    "them. Delete this file to remove them."
)

Mode = Literal["keyring", "session", "file"]


class SecretStoreError(RuntimeError):
    """A secret could not be stored or read; the message is readable and holds no secret."""


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the OS keyring can hold secrets, and which backend would."""

    usable: bool
    backend: str
    reason: str = ""


def keyring_status(backend: KeyringBackend | None = None) -> KeyringStatus:
    """Detect "no usable keyring": keyring's fail backend, or a chainer with nothing to chain.

    keyring picks ``keyring.backends.fail.Keyring`` (priority 0) when no recommended
    backend is installed, and a ``ChainerBackend`` whose ``backends`` is empty chains to
    nothing; both raise ``NoKeyringError`` on every call.
    """
    import keyring
    from keyring.backends import chainer, fail

    chosen = backend or keyring.get_keyring()
    name = f"{type(chosen).__module__}.{type(chosen).__qualname__}"
    if isinstance(chosen, fail.Keyring):
        return KeyringStatus(False, name, "No system keyring is available on this computer")
    if isinstance(chosen, chainer.ChainerBackend) and not chosen.backends:
        return KeyringStatus(False, name, "No system keyring is available on this computer")
    if type(chosen).__module__.startswith("keyring.backends.null"):
        return KeyringStatus(False, name, "The system keyring is turned off (null backend)")
    return KeyringStatus(True, name)


def _account(channel_id: int, field: str) -> str:
    """The name inside one folder's store (and, in the keyring, the legacy shared name)."""
    return f"channel-{channel_id}/{field}"


class SecretStore(Protocol):
    """Secrets of channels, one per (channel id, field name), of one data folder."""

    mode: Mode

    def set(self, channel_id: int, field: str, value: str) -> None: ...

    def get(self, channel_id: int, field: str) -> str | None: ...

    def delete(self, channel_id: int, field: str) -> None: ...

    def in_folder(self, folder_id: str) -> SecretStore:
        """This store, reading and writing only the secrets of the data folder ``folder_id``."""
        ...


class KeyringSecrets:
    """The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service).

    It reads and writes nothing until it knows its data folder (:meth:`in_folder`): an
    entry without the folder's id would be shared with every other data folder.
    """

    mode: Mode = "keyring"

    def __init__(
        self, backend: KeyringBackend | None = None, service: str = SERVICE, folder: str = ""
    ) -> None:
        import keyring

        self._backend = backend or keyring.get_keyring()
        self._service = service
        self.folder = folder

    def in_folder(self, folder_id: str) -> KeyringSecrets:
        return KeyringSecrets(self._backend, self._service, folder_id)

    def _name(self, channel_id: int, field: str) -> str:
        if not self.folder:
            raise SecretStoreError("The keyring store was used without its data folder's id")
        return f"folder-{self.folder}/{_account(channel_id, field)}"

    def set(self, channel_id: int, field: str, value: str) -> None:
        import keyring.errors

        name = self._name(channel_id, field)
        try:
            self._backend.set_password(self._service, name, value)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_keyring_problem("save", field, exc)) from None
        log.debug("Saved secret %s of channel %s in the keyring", field, channel_id)

    def get(self, channel_id: int, field: str) -> str | None:
        import keyring.errors

        name = self._name(channel_id, field)
        try:
            return self._backend.get_password(self._service, name)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_keyring_problem("read", field, exc)) from None

    def delete(self, channel_id: int, field: str) -> None:
        self._delete(self._name(channel_id, field), field)

    def _delete(self, name: str, field: str) -> None:
        import keyring.errors

        try:
            self._backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            pass  # already gone
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_keyring_problem("delete", field, exc)) from None

    def adopt_legacy(self, channel_id: int, field: str) -> bool:
        """Move the entry named the old, shared way into this folder's name; True if one was.

        The old entry is deleted once the new one holds the value (an existing new entry is
        kept: it was written by this folder, the old one may be another folder's).
        """
        import keyring.errors

        legacy = _account(channel_id, field)
        try:
            value = self._backend.get_password(self._service, legacy)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(_keyring_problem("read", field, exc)) from None
        if value is None:
            return False
        if self.get(channel_id, field) is None:
            self.set(channel_id, field, value)
        self._delete(legacy, field)
        log.info(
            "Moved secret %s of channel %s to this data folder's keyring name", field, channel_id
        )
        return True


def _keyring_problem(verb: str, field: str, exc: Exception) -> str:
    # The backend's message is about the keyring (locked, missing), never the value.
    return f"Could not {verb} the {field} in the system keyring: {exc}"


class SessionSecrets:
    """Secrets kept in memory only: typed again each time pushgui starts."""

    mode: Mode = "session"

    def __init__(self, folder: str = "") -> None:
        self._values: dict[tuple[str, int, str], str] = {}
        self._lock = threading.Lock()
        self.folder = folder

    def in_folder(self, folder_id: str) -> SessionSecrets:
        view = SessionSecrets(folder_id)
        view._values, view._lock = self._values, self._lock  # one memory, one key per folder
        return view

    def set(self, channel_id: int, field: str, value: str) -> None:
        with self._lock:
            self._values[(self.folder, channel_id, field)] = value

    def get(self, channel_id: int, field: str) -> str | None:
        with self._lock:
            return self._values.get((self.folder, channel_id, field))

    def delete(self, channel_id: int, field: str) -> None:
        with self._lock:
            self._values.pop((self.folder, channel_id, field), None)


class PlainFileSecrets:
    """The user's explicit choice: secrets in :data:`PLAIN_FILE`, unprotected, mode 0600.

    The file says what it is in its own first field, and is rewritten atomically.
    """

    mode: Mode = "file"

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / PLAIN_FILE
        self._lock = threading.Lock()

    def in_folder(self, folder_id: str) -> PlainFileSecrets:
        return self  # the file lives in the data folder: it is that folder's already

    def set(self, channel_id: int, field: str, value: str) -> None:
        with self._lock:
            data = self._read()
            data[_account(channel_id, field)] = value
            self._write(data)

    def get(self, channel_id: int, field: str) -> str | None:
        with self._lock:
            value = self._read().get(_account(channel_id, field))
        return value if isinstance(value, str) else None

    def delete(self, channel_id: int, field: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(_account(channel_id, field), None) is not None:
                self._write(data)

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise SecretStoreError(f"Could not read {self.path.name}: {exc}") from None
        secrets = raw.get("secrets") if isinstance(raw, dict) else None
        return dict(secrets) if isinstance(secrets, dict) else {}

    def _write(self, secrets: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"WARNING": PLAIN_FILE_NOTE, "secrets": secrets}, indent=2)
        # mkstemp creates the file readable and writable by its owner only (0600).
        fd, temp = tempfile.mkstemp(prefix=".secrets-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, self.path)
            os.chmod(self.path, 0o600)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            raise SecretStoreError(f"Could not write {self.path.name}: {exc}") from None


def open_secret_store(
    mode: Mode, folder: Path | None = None, backend: KeyringBackend | None = None
) -> KeyringSecrets | SessionSecrets | PlainFileSecrets:
    """The store for the mode the user chose (``folder`` is the data folder, for "file")."""
    if mode == "keyring":
        status = keyring_status(backend)
        if not status.usable:
            raise SecretStoreError(status.reason)
        return KeyringSecrets(backend)
    if mode == "session":
        return SessionSecrets()
    if folder is None:
        raise ValueError("the plain-file store needs the data folder")
    return PlainFileSecrets(folder)


def load_secrets(
    store: SecretStore, channel_id: int, names: tuple[str, ...] | list[str]
) -> dict[str, str]:
    """The stored secrets ``names`` of a channel, by field name; missing ones are left out.

    Callers pass only the names the channel has a value for: an empty secret is never looked
    up (without a keyring, looking one up fails).
    """
    found: dict[str, str] = {}
    for name in names:
        value = store.get(channel_id, name)
        if value:
            found[name] = value
    return found


def delete_secrets(store: SecretStore, channel_id: int, names: tuple[str, ...]) -> None:
    """Remove every secret of a deleted channel."""
    for name in names:
        store.delete(channel_id, name)


SECRETS_MODE_KEY = "secrets.mode"
"""The setting holding the user's choice of store: "keyring" (default), "session" or "file"."""


def adopt_legacy_secrets(database: Database, store: SecretStore) -> None:
    """At start: move this folder's old, shared keyring entries to its own names (once).

    Only where secrets persist (a usable keyring, the unprotected file); never raises, a
    keyring that cannot be read now is tried again at the next start.
    """
    from pushgui.core.channels.book import ChannelBook  # it imports this module

    if store.mode == "session":
        return
    if store.mode == "keyring" and not keyring_status().usable:
        return
    try:
        adopted = ChannelBook(database, store).adopt_legacy_secrets()
    except Exception:
        log.exception("Could not bring the stored secrets' names up to date")
        return
    if adopted:
        log.info("Recorded the secrets of %s channels saved by an older pushgui", adopted)


def configured_store(mode: str, folder: Path) -> SecretStore:
    """The store for the saved choice, without checking the keyring (a locked or missing
    keyring is reported when a secret is first read or written, with what to do)."""
    if mode == "file":
        return PlainFileSecrets(folder)
    if mode == "session":
        return SessionSecrets()
    return KeyringSecrets()


class DeferredSecrets:
    """The application's secret store: the configured one, made on first use, and replaced
    when the user chooses another secrets mode (:meth:`use`), so that everything the
    composition root handed it to (the windows, the job functions, the delivery engine)
    follows without a restart.

    Finding the OS keyring's backend imports every keyring backend and may talk to D-Bus:
    a tenth of a second that the first paint of the window should not wait for. The store
    is made when a secret is first read or written (a send, the Channels window), or by
    :meth:`resolve` when the app is idle.
    """

    def __init__(self, mode: Mode, make: Callable[[], SecretStore]) -> None:
        self.mode: Mode = mode
        self._make = make
        self._store: SecretStore | None = None
        self._lock = threading.Lock()  # sends read secrets from worker threads

    def resolve(self) -> SecretStore:
        with self._lock:
            if self._store is None:
                self._store = self._make()
            return self._store

    def use(self, store: SecretStore) -> None:
        """From now on keep secrets in ``store`` (the user chose another secrets mode)."""
        with self._lock:
            self._store = store

    def set(self, channel_id: int, field: str, value: str) -> None:
        self.resolve().set(channel_id, field, value)

    def get(self, channel_id: int, field: str) -> str | None:
        return self.resolve().get(channel_id, field)

    def delete(self, channel_id: int, field: str) -> None:
        self.resolve().delete(channel_id, field)

    def in_folder(self, folder_id: str) -> DeferredSecrets:
        """The folder's store, still made on first use."""
        return DeferredSecrets(self.mode, lambda: self.resolve().in_folder(folder_id))
