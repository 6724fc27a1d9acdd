"""Before Qt starts on Linux: are the system libraries its X11 (xcb) platform loads there?

Without, say, libxcb-cursor0, creating the QApplication aborts the process with a core dump
and a message few people can act on. :func:`missing_libraries` tries to load each library
the way Qt's xcb plugin would; :func:`install_hint` names the packages to install.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping, Sequence

# The shared object Qt's xcb platform plugin loads -> the Debian/Ubuntu package with it.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def uses_xcb(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt will use its xcb platform: Linux, and not told (or led by a Wayland
    session) to use another one."""
    environ = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def missing_libraries(libraries: Sequence[str] | None = None) -> list[str]:
    """The libraries of ``libraries`` (by default :data:`XCB_LIBRARIES`) that cannot be
    loaded."""
    missing = []
    for name in XCB_LIBRARIES if libraries is None else libraries:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def install_hint(missing: Sequence[str]) -> str:
    """What to tell the user: the libraries missing and the packages that bring them."""
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES.get(name, name) for name in missing))
    return (
        "pushgui cannot open its window: the system libraries Qt needs to draw on X11 are "
        f"missing ({', '.join(missing)}).\n"
        f"On Debian or Ubuntu install them with:\n    sudo apt install {packages}\n"
        "On other systems install the packages that provide these files, then start "
        "pushgui again. (The command line works without them: pushgui --help.)"
    )
