"""Where pushgui keeps its files: the data folder (database, backups) and the log folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from pushgui import APP_NAME

ENV_HOME = "PUSHGUI_HOME"
DB_FILENAME = "pushgui.sqlite3"


@dataclass(frozen=True)
class Locations:
    data: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.data / "backups"


def locate(explicit: str | os.PathLike[str] | None = None) -> Locations:
    """``--data-dir``, else ``PUSHGUI_HOME``, else the platform's folders.

    A chosen data folder is portable: everything, logs included, is written inside it.
    """
    chosen = explicit or os.environ.get(ENV_HOME)
    if chosen:
        data = Path(chosen).expanduser().resolve()
        return Locations(data=data, logs=data / "logs")
    return Locations(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def ensure_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) readable by its owner only (0700 on POSIX).

    An existing folder is never changed: ``--data-dir`` may name a shared folder whose
    mode (a sticky bit, a group's access) is its owner's choice; see :func:`open_to_others`.
    """
    missing = []
    candidate = folder
    while not candidate.exists() and candidate != candidate.parent:
        missing.append(candidate)
        candidate = candidate.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:
            pass  # made meanwhile by someone else: theirs, left as it is
        else:
            if os.name == "posix":
                new.chmod(0o700)  # whatever the umask was
    if not folder.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))
    return folder


def open_to_others(folder: Path) -> bool:
    """Whether users other than the owner may list or enter ``folder`` (POSIX)."""
    if os.name != "posix":
        return False
    return bool(folder.stat().st_mode & 0o077)
