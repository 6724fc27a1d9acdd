"""Starting pushgui at login: one small interface, one backend per operating system.

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/pushgui.desktop``;
- Windows: a value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``;
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/<id>.plist``.

Every backend starts the same command (:func:`launch_command`): pushgui, minimised to the
tray, on the data folder chosen with ``--data-dir`` if there was one.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from pushgui import APP_NAME

APP_ID = "io.github.pushgui.pushgui"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def program() -> list[str]:
    """How to start this pushgui at login: the frozen executable, else ``python -m pushgui``
    with the interpreter in use (a ``pushgui`` script in a virtual environment's ``bin``
    dies with that environment; the interpreter is what the environment is built on, and
    :func:`fragile_location` says when that too is temporary)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "pushgui"]


def fragile_location() -> Path | None:
    """The folder whose removal would break the login entry, if pushgui runs from one that
    looks temporary: a virtual environment (other than pipx's, which is made to last), or a
    source checkout (an editable install). None for a frozen build or a system install."""
    if getattr(sys, "frozen", False):
        return None
    package = Path(__file__).resolve().parents[1]
    if "site-packages" not in package.parts and "dist-packages" not in package.parts:
        return package.parent  # run from a checkout
    prefix = Path(sys.prefix)
    if prefix != Path(sys.base_prefix) and "pipx" not in prefix.parts:
        return prefix
    return None


def launch_command(data_dir: Path | None = None) -> list[str]:
    """The argument vector run at login."""
    command = [*program(), "--minimized"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


def data_dir_argument(data: Path) -> Path | None:
    """``data`` if it is not the platform's default data folder (so it must be named)."""
    default = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return None if data == default else data


class AutostartError(OSError):
    """Autostart could not be changed (a file or registry value could not be written)."""


class Autostart(ABC):
    """Start pushgui at login, or not."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = data_dir

    def command(self) -> list[str]:
        return launch_command(self.data_dir)

    @abstractmethod
    def is_enabled(self) -> bool: ...

    @abstractmethod
    def enable(self) -> None:
        """Start at login from now on (rewriting the entry so it runs the current command)."""

    @abstractmethod
    def disable(self) -> None: ...

    def set_enabled(self, enabled: bool) -> None:
        if enabled:
            self.enable()
        else:
            self.disable()


# -- Linux and other XDG desktops --------------------------------------------------------------

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def quote_exec_arg(arg: str) -> str:
    """Quote one argument for a desktop entry's ``Exec`` key (Desktop Entry spec 1.5).

    Reserved characters need double quotes, inside which ``"``, `````, ``$`` and ``\\`` are
    escaped with a backslash; ``%`` is doubled since it starts a field code. The whole value
    is then escaped once more as a string value, which doubles every backslash.
    """
    arg = arg.replace("%", "%%")
    if arg and not (_RESERVED & set(arg)):
        quoted = arg
    else:
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        quoted = f'"{escaped}"'
    return quoted.replace("\\", "\\\\")


def exec_line(command: Sequence[str]) -> str:
    return " ".join(quote_exec_arg(arg) for arg in command)


def parse_exec_line(value: str) -> list[str]:
    """The argument vector an ``Exec`` value stands for (the inverse of :func:`exec_line`)."""
    value = value.replace("\\\\", "\\")  # undo the string-value escaping
    args: list[str] = []
    current: list[str] = []
    in_arg = quoted = False
    i = 0
    while i < len(value):
        c = value[i]
        if quoted:
            if c == "\\" and i + 1 < len(value):
                current.append(value[i + 1])
                i += 1
            elif c == '"':
                quoted = False
            else:
                current.append(c)
        elif c == '"':
            quoted = in_arg = True
        elif c == " ":
            if in_arg:
                args.append("".join(current))
                current, in_arg = [], False
        else:
            current.append(c)
            in_arg = True
        i += 1
    if in_arg:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def _config_home() -> Path:
    configured = os.environ.get("XDG_CONFIG_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".config"


class XdgAutostart(Autostart):
    """An XDG autostart desktop entry."""

    def __init__(self, data_dir: Path | None = None, config_home: Path | None = None) -> None:
        super().__init__(data_dir)
        self._config_home = config_home

    @property
    def path(self) -> Path:
        home = self._config_home or _config_home()
        return home / "autostart" / f"{APP_NAME}.desktop"

    def entry(self) -> str:
        return "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                "Version=1.5",
                "Name=pushgui",
                "Comment=Send your reminders on time",
                f"Exec={exec_line(self.command())}",
                f"Icon={APP_NAME}",
                "Terminal=false",
                "Categories=Utility;",
                "X-GNOME-Autostart-enabled=true",
                "",
            ]
        )

    def is_enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return False
        lines = {line.strip() for line in text.splitlines()}
        return "Hidden=true" not in lines and "X-GNOME-Autostart-enabled=false" not in lines

    def enable(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".desktop.partial")
            partial.write_text(self.entry(), encoding="utf-8")
            partial.replace(self.path)
        except OSError as exc:
            raise AutostartError(f"Cannot write {self.path}: {exc.strerror or exc}") from exc

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(f"Cannot remove {self.path}: {exc.strerror or exc}") from exc


# -- Windows -----------------------------------------------------------------------------------


class WindowsRunKey(Autostart):
    """A value named pushgui under the current user's Run key."""

    value_name = APP_NAME

    def value(self) -> str:
        return subprocess.list2cmdline(self.command())

    def is_enabled(self) -> bool:
        if sys.platform != "win32":
            return False
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, self.value_name)
        except OSError:
            return False
        return True

    def enable(self) -> None:
        if sys.platform != "win32":
            raise AutostartError("The Run key exists only on Windows")
        import winreg

        try:
            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, self.value_name, 0, winreg.REG_SZ, self.value())
        except OSError as exc:
            raise AutostartError(f"Cannot write the Run key: {exc}") from exc

    def disable(self) -> None:
        if sys.platform != "win32":
            return
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, self.value_name)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise AutostartError(f"Cannot change the Run key: {exc}") from exc


# -- macOS -------------------------------------------------------------------------------------


class MacLaunchAgent(Autostart):
    """A LaunchAgent that runs pushgui once at login."""

    def __init__(self, data_dir: Path | None = None, home: Path | None = None) -> None:
        super().__init__(data_dir)
        self._home = home

    @property
    def path(self) -> Path:
        return (self._home or Path.home()) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"

    def plist(self) -> bytes:
        return plistlib.dumps(
            {
                "Label": APP_ID,
                "ProgramArguments": self.command(),
                "RunAtLoad": True,
                "ProcessType": "Interactive",
            }
        )

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def enable(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(self.plist())
        except OSError as exc:
            raise AutostartError(f"Cannot write {self.path}: {exc.strerror or exc}") from exc

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(f"Cannot remove {self.path}: {exc.strerror or exc}") from exc


def pick(data_dir: Path | None = None, platform: str | None = None) -> Autostart:
    """The backend for this operating system (``platform`` as in ``sys.platform``)."""
    platform = platform or sys.platform
    if platform == "win32":
        return WindowsRunKey(data_dir)
    if platform == "darwin":
        return MacLaunchAgent(data_dir)
    return XdgAutostart(data_dir)
