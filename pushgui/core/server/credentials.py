"""The team server's own secret store: its OS keyring, or a private credentials file.

A team's channels are set up on the server (``pushgui channel add``, docs/TEAM.md): their
settings go to the shared database, their secrets to the store chosen here, on the server
machine only. The server's configuration names a credentials file (``--credentials FILE``
or ``PUSHGUI_CREDENTIALS``) where no keyring is usable (a headless Linux server); without
one, the OS keyring holds them. The file must be readable by its owner only: a file that
others can read, write or enter is refused with what to do, never used.

Entries are named like the keyring's (``folder-<id>/channel-<n>/<field>``): ``<id>`` is the
team database's own id (:func:`pushgui.core.store.identity.data_folder_id`), the same for
every server of that database, so one file copied to each standby serves them all, and one
file may hold the secrets of several team databases without mixing them.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any

from pushgui.core.system.secrets import (
    KeyringSecrets,
    Mode,
    SecretStore,
    SecretStoreError,
    keyring_status,
)

#: The environment variable naming the credentials file when ``--credentials`` is not given.
CREDENTIALS_ENV = "PUSHGUI_CREDENTIALS"
FILE_NOTE = (
    "pushgui team server credentials (docs/TEAM.md): passwords and tokens of the team's "
    "channels. Keep this file readable by the server's user only (chmod 600)."
)
NO_KEYRING = (
    "{reason}. Name a credentials file for the server's secrets with --credentials FILE or "
    f"{CREDENTIALS_ENV} (docs/TEAM.md, 'Where the server keeps secrets')."
)


class CredentialsFile:
    """Secrets in one JSON file of the server's configuration, mode 0600, rewritten atomically.

    Every read and write first checks the file's permissions (:meth:`check`).
    """

    mode: Mode = "file"

    def __init__(self, path: Path, folder: str = "") -> None:
        self.path = Path(path)
        self.folder = folder
        self._lock = threading.Lock()

    def in_folder(self, folder_id: str) -> CredentialsFile:
        view = CredentialsFile(self.path, folder_id)
        view._lock = self._lock  # one file, one lock
        return view

    def check(self) -> None:
        """Refuse a file (or a missing folder) that cannot be private; a missing file is
        fine: the first secret saved creates it, mode 0600."""
        try:
            info = self.path.stat()
        except FileNotFoundError:
            if not self.path.parent.is_dir():
                raise SecretStoreError(
                    f"The folder of the credentials file {self.path} does not exist; "
                    "create it (readable by the server's user only) or name another file."
                ) from None
            return
        except OSError as exc:
            raise SecretStoreError(
                f"Cannot read the credentials file {self.path}: {exc.strerror}"
            ) from None
        if not stat.S_ISREG(info.st_mode):
            raise SecretStoreError(f"The credentials file {self.path} is not a regular file.")
        if info.st_mode & 0o077:
            raise SecretStoreError(
                f"The credentials file {self.path} can be used by other users (mode "
                f"{stat.S_IMODE(info.st_mode):04o}); pushgui refuses it. Make it private "
                f"with: chmod 600 {self.path}"
            )
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            raise SecretStoreError(
                f"The credentials file {self.path} belongs to another user; pushgui uses "
                "only a file of the user it runs as."
            )

    def _name(self, channel_id: int, field: str) -> str:
        if not self.folder:
            raise SecretStoreError("The credentials file was used without its database's id")
        return f"folder-{self.folder}/channel-{channel_id}/{field}"

    def set(self, channel_id: int, field: str, value: str) -> None:
        with self._lock:
            data = self._read()
            data[self._name(channel_id, field)] = value
            self._write(data)

    def get(self, channel_id: int, field: str) -> str | None:
        with self._lock:
            value = self._read().get(self._name(channel_id, field))
        return value if isinstance(value, str) else None

    def delete(self, channel_id: int, field: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(self._name(channel_id, field), None) is not None:
                self._write(data)

    def _read(self) -> dict[str, Any]:
        self.check()
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise SecretStoreError(
                f"Cannot read the credentials file {self.path}: {exc.strerror}"
            ) from None
        except ValueError:
            raise SecretStoreError(
                f"The credentials file {self.path} is not a pushgui credentials file "
                "(not JSON); restore it from a backup or name another file."
            ) from None
        secrets = raw.get("secrets") if isinstance(raw, dict) else None
        return dict(secrets) if isinstance(secrets, dict) else {}

    def _write(self, secrets: dict[str, Any]) -> None:
        text = json.dumps({"NOTE": FILE_NOTE, "secrets": secrets}, indent=2, sort_keys=True)
        # mkstemp creates the file readable and writable by its owner only (0600).
        try:
            fd, temp = tempfile.mkstemp(prefix=".credentials-", dir=self.path.parent)
        except OSError as exc:
            raise SecretStoreError(
                f"Cannot write the credentials file {self.path}: {exc.strerror}"
            ) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            raise SecretStoreError(
                f"Cannot write the credentials file {self.path}: {exc.strerror}"
            ) from None


def server_secrets(credentials: Path | None, need_keyring: bool = True) -> SecretStore:
    """The server's store: the credentials file when one is named, else the OS keyring.

    Checked now, so that ``pushgui serve`` and ``pushgui channel`` refuse at once, with what
    to do, a file others can read. A machine without a usable keyring is refused too when
    ``need_keyring`` (``pushgui channel``: there is nowhere to keep the secret); a server
    without channel secrets runs without one (``pushgui serve`` logs :func:`keyring_problem`).
    """
    if credentials is not None:
        store = CredentialsFile(credentials)
        store.check()
        return store
    problem = keyring_problem()
    if problem and need_keyring:
        raise SecretStoreError(problem)
    return KeyringSecrets()


def keyring_problem() -> str:
    """Why this machine's keyring cannot hold the server's secrets, with what to do; ""
    when it can."""
    status = keyring_status()
    return "" if status.usable else NO_KEYRING.format(reason=status.reason)


def credentials_path(given: str | None) -> Path | None:
    """The credentials file named by ``--credentials`` or, failing that, the environment."""
    chosen = given if given is not None else os.environ.get(CREDENTIALS_ENV, "")
    return Path(chosen).expanduser() if chosen.strip() else None
