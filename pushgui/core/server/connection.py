"""Which team server this desktop edits, remembered for the next start (docs/TEAM.md).

The address is kept without its password in ``team-server.json`` in the data folder (the
desktop's own settings file is not read before the database it names is chosen); the
password goes to the OS keyring under the address, never to a file. Removing the file
(File > Disconnect) brings the app back to this computer's own database at its next start.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from pushgui.core.store.errors import StoreError
from pushgui.core.store.server import server_url, shown
from pushgui.core.system.files import write_private_text
from pushgui.core.system.i18n import translate

log = logging.getLogger(__name__)

CHOICE_FILE = "team-server.json"
KEYRING_SERVICE = "pushgui team server"


@dataclass(frozen=True)
class TeamServer:
    """A team database to connect to: its address without the password, and the password."""

    address: str  # postgresql://user@host:port/database, no password
    password: str = field(default="", repr=False)  # never in a log line or a traceback

    @classmethod
    def parse(cls, text: str, password: str = "") -> TeamServer:
        """From what the user typed; a password inside the address is taken out of it.

        Raises :class:`StoreError` in plain words for an address that is not one.
        """
        url = server_url(text)
        if not url.host:
            raise StoreError(
                translate(
                    "TeamServer",
                    "The address names no server: write it as "
                    "postgresql://user@host:5432/database.",
                )
            )
        if not url.username:
            raise StoreError(
                translate(
                    "TeamServer",
                    "The address names no login: write it as postgresql://user@host:5432/database.",
                )
            )
        bare = URL.create(
            url.drivername, url.username, None, url.host, url.port, url.database, url.query
        )
        return cls(shown(bare), password or url.password or "")

    @property
    def url(self) -> URL:
        """The address to connect with, the password included (never shown or logged)."""
        url = server_url(self.address)
        return url.set(password=self.password) if self.password else url

    @property
    def connect_text(self) -> str:
        return self.url.render_as_string(hide_password=False)


def remembered(data_dir: Path) -> TeamServer | None:
    """The team server chosen last time, with its password from the keyring; None: local."""
    path = data_dir / CHOICE_FILE
    try:
        address = str(json.loads(path.read_text(encoding="utf-8"))["address"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("Ignoring the unreadable team server choice %s: %s", path, exc)
        return None
    return TeamServer(address, _read_password(address))


def remember(data_dir: Path, server: TeamServer) -> None:
    """Use ``server`` at the next start: the address in the file, the password in the keyring."""
    _write_password(server.address, server.password)
    try:
        write_private_text(data_dir / CHOICE_FILE, json.dumps({"address": server.address}))
    except OSError as exc:
        raise StoreError(
            translate("TeamServer", "The choice could not be saved in {0}: {1}").format(
                data_dir, exc.strerror or exc
            )
        ) from None


def forget(data_dir: Path) -> None:
    """Back to this computer's own database at the next start (the password stays)."""
    (data_dir / CHOICE_FILE).unlink(missing_ok=True)


def _read_password(address: str) -> str:
    import keyring
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, address) or ""
    except keyring.errors.KeyringError as exc:
        log.warning("Cannot read the team server's password from the keyring: %s", exc)
        return ""


def _write_password(address: str, password: str) -> None:
    import keyring
    import keyring.errors

    try:
        if password:
            keyring.set_password(KEYRING_SERVICE, address, password)
        else:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, address)
    except keyring.errors.KeyringError as exc:
        raise StoreError(
            translate(
                "TeamServer",
                "The password could not be kept in the system keyring ({0}); it is never "
                "written to a file. Use a ~/.pgpass file instead and leave the password "
                "empty.",
            ).format(exc)
        ) from None
