"""Starting at login: the Linux desktop entry and the command it runs, and the other backends'
files or values as far as they can be checked on this machine."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path

import pytest

from pushgui import __version__
from pushgui.core.system import autostart
from pushgui.core.system.autostart import (
    MacLaunchAgent,
    WindowsRunKey,
    XdgAutostart,
    exec_line,
    launch_command,
    parse_exec_line,
    pick,
)


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def test_the_linux_entry_is_written_under_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    backend = XdgAutostart()
    assert backend.path == tmp_path / "config" / "autostart" / "pushgui.desktop"
    assert not backend.is_enabled()
    backend.enable()
    assert backend.is_enabled()
    entry = desktop_entry(backend.path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "pushgui"
    assert entry["Terminal"] == "false"
    assert parse_exec_line(entry["Exec"]) == [*autostart.program(), "--minimized"]
    backend.disable()
    assert not backend.path.exists()
    assert not backend.is_enabled()
    backend.disable()  # already off: nothing to do, no error


def test_without_xdg_config_home_the_entry_goes_to_dot_config(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert XdgAutostart().path == tmp_path / ".config" / "autostart" / "pushgui.desktop"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    assert XdgAutostart().path == tmp_path / ".config" / "autostart" / "pushgui.desktop"


def test_an_entry_hidden_by_the_desktop_counts_as_off(tmp_path):
    backend = XdgAutostart(config_home=tmp_path)
    backend.enable()
    backend.path.write_text(backend.entry() + "Hidden=true\n", encoding="utf-8")
    assert not backend.is_enabled()
    backend.enable()
    assert backend.is_enabled()


@pytest.mark.parametrize(
    "folder",
    [
        "plain",
        "with space",
        'quo"te',
        "dollar$HOME",
        "back\\slash",
        "100%d",
        "tick`s",
        "多语言 文件夹",
    ],
)
def test_a_chosen_data_folder_is_quoted_as_the_desktop_entry_spec_says(tmp_path, folder):
    data = tmp_path / folder
    backend = XdgAutostart(data_dir=data, config_home=tmp_path / "cfg")
    backend.enable()
    value = desktop_entry(backend.path)["Exec"]
    assert parse_exec_line(value) == [*autostart.program(), "--minimized", "--data-dir", str(data)]
    # A field code would be expanded by the launcher; a literal % must be doubled.
    assert "%d" not in value.replace("%%", "")


def test_exec_quoting_examples():
    assert exec_line(["/usr/bin/pushgui", "--minimized"]) == "/usr/bin/pushgui --minimized"
    assert exec_line(["/a b/pushgui"]) == '"/a b/pushgui"'
    # \$ inside quotes, then every backslash doubled as a string value: \\$
    assert exec_line(["$x"]) == '"\\\\$x"'
    assert exec_line(["50%"]) == "50%%"


def test_the_command_in_the_entry_really_starts_pushgui(tmp_path):
    backend = XdgAutostart(data_dir=tmp_path / "my data", config_home=tmp_path / "cfg")
    backend.enable()
    command = parse_exec_line(desktop_entry(backend.path)["Exec"])
    result = subprocess.run(
        [*command, "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pushgui {__version__}"


def test_the_command_is_the_interpreter_in_use_not_a_venv_script(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    (bin_dir / "pushgui").write_text("#!/bin/sh\n")  # a venv's script: not used
    monkeypatch.setattr(sys, "executable", str(python))
    assert launch_command() == [str(python), "-m", "pushgui", "--minimized"]


def test_a_temporary_environment_is_named_for_a_warning(tmp_path, monkeypatch):
    from pushgui.core.system.autostart import fragile_location

    # These tests run from a checkout or a virtual environment: either is fragile.
    found = fragile_location()
    assert found is not None
    assert found in (Path(sys.prefix), Path(autostart.__file__).resolve().parents[2])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert fragile_location() is None


def test_a_frozen_build_starts_its_own_executable(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/pushgui/pushgui")
    assert launch_command(tmp_path) == [
        "/opt/pushgui/pushgui",
        "--minimized",
        "--data-dir",
        str(tmp_path),
    ]


def test_the_default_data_folder_is_not_named_on_the_command_line(tmp_path):
    import platformdirs

    default = Path(platformdirs.user_data_dir("pushgui", appauthor=False))
    assert autostart.data_dir_argument(default) is None
    assert autostart.data_dir_argument(tmp_path) == tmp_path


def test_the_mac_launch_agent_runs_the_same_command_at_load(tmp_path):
    agent = MacLaunchAgent(data_dir=tmp_path / "d", home=tmp_path)
    agent.enable()
    assert agent.path == tmp_path / "Library" / "LaunchAgents" / "io.github.pushgui.pushgui.plist"
    plist = plistlib.loads(agent.path.read_bytes())
    assert plist["RunAtLoad"] is True
    assert plist["ProgramArguments"] == launch_command(tmp_path / "d")
    assert agent.is_enabled()
    agent.disable()
    assert not agent.is_enabled()


def test_the_windows_value_quotes_the_command():
    value = WindowsRunKey(Path("C:/Users/A B/data")).value()
    assert value.endswith('--minimized --data-dir "C:/Users/A B/data"')


def test_pick_chooses_the_backend_by_platform():
    assert type(pick(platform="linux")) is XdgAutostart
    assert type(pick(platform="freebsd14")) is XdgAutostart
    assert type(pick(platform="win32")) is WindowsRunKey
    assert type(pick(platform="darwin")) is MacLaunchAgent
    assert pick(Path("/d"), platform="linux").data_dir == Path("/d")
