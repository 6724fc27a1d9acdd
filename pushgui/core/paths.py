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
    """Create ``folder`` if needed; on POSIX keep it readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder
