"""pushgui.core must never import Qt: it runs headless and is tested without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pushgui.core


def test_every_core_module_imports_without_pyside6():
    modules = [
        info.name
        for info in pkgutil.walk_packages(pushgui.core.__path__, "pushgui.core.")
        if ".migrations" not in info.name
    ]
    assert len(modules) > 10
    code = (
        "import sys\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
