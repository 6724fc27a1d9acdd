"""Qt's platform libraries: found before Qt starts, and a clear "install these" instead of a
core dump when one is missing (the check pointed at a library that does not exist)."""

from __future__ import annotations

import subprocess
import sys

from pushgui.core.system.libs import (
    XCB_LIBRARIES,
    install_hint,
    missing_libraries,
    uses_xcb,
)

NOPE = "libpushgui-no-such-library.so.7"


def test_a_missing_library_is_found_and_named_with_its_package():
    present = "libc.so.6"
    assert missing_libraries([present, NOPE]) == [NOPE]
    hint = install_hint(["libxcb-cursor.so.0", NOPE])
    assert "sudo apt install libxcb-cursor0 " + NOPE in hint
    assert "libxcb-cursor.so.0" in hint
    assert XCB_LIBRARIES["libxcb-cursor.so.0"] == "libxcb-cursor0"


def test_the_check_applies_where_qt_uses_xcb():
    assert uses_xcb({}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert uses_xcb({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({}, "win32") and not uses_xcb({}, "darwin")


def test_starting_the_window_without_a_platform_library_says_what_to_install(tmp_path):
    script = (
        "import sys\n"
        "from pushgui.core.system import libs\n"
        f"libs.XCB_LIBRARIES[{NOPE!r}] = 'libnope7'\n"
        "from pushgui.app import run_gui\n"
        "from pushgui.core.system.paths import locate\n"
        f"code = run_gui(locate({str(tmp_path / 'data')!r}))\n"
        "assert 'PySide6.QtWidgets' not in sys.modules  # Qt never loaded\n"
        "sys.exit(code)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 6, result.stderr
    assert "sudo apt install" in result.stderr and "libnope7" in result.stderr
    assert "Traceback" not in result.stderr
