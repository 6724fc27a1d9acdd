"""Child process for bench.scale: start pushgui as ``python -m pushgui`` does and report.

It prints one line, ``PROBE {json}``, with the wall-clock time (``time.time()``) at which
the main window first painted, the CPU time the process had used by then, the resident
memory at that point, when the work deferred past the first paint had finished
(``ready``), and, measured in the running app after that, the time to filter the table and
to open the editor on a push; then it quits the app the normal way. ``--bare`` instead
shows an empty ``QMainWindow``: the floor any PySide6 program pays. Only the standard
library is imported before pushgui itself, so the start-up measured is pushgui's own.

    python -m bench.window_probe DATA_DIR [--bare]
"""

from __future__ import annotations

import json
import sys
import time

FILTERS = ("standup", "item 4242", "zzz-nothing", "")
# Imported by the window's last piece of deferred start-up work (pushgui.ui.startup).
LAST_DEFERRED = "pushgui.ui.editor.push_editor"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _settle(app: object, until: object, timeout: float = 5.0) -> None:
    deadline = time.perf_counter() + timeout
    while not until() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]


def _measure_in_app(report: dict[str, object]) -> None:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from pushgui.ui.main.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    # The window appears before start-up has finished (the scheduler starts, the other
    # windows' modules are imported and the senders warmed up in a worker after the first
    # paint): measure once that is done, and report when it was.
    pool = QThreadPool.globalInstance()
    _settle(
        app, lambda: LAST_DEFERRED in sys.modules and pool.activeThreadCount() == 0, timeout=30.0
    )
    app.processEvents()
    report["ready"] = time.time()
    report["rows"] = window.model.rowCount()

    filter_ms: dict[str, float] = {}
    for text in FILTERS:
        start = time.perf_counter()
        window.filter_box.setText(text)
        app.processEvents()
        filter_ms[text or "(cleared)"] = (time.perf_counter() - start) * 1000
        report.setdefault("matches", {})[text or "(cleared)"] = window.proxy.rowCount()  # type: ignore[union-attr]
    report["filter_ms"] = filter_ms

    if window.model.rowCount():
        window.table.selectRow(window.proxy.rowCount() // 2)
        start = time.perf_counter()
        dialog = window.edit_selected()
        assert dialog is not None
        _settle(app, dialog.isVisible)
        app.processEvents()
        report["editor_ms"] = (time.perf_counter() - start) * 1000
        dialog.reject()
        app.processEvents()
    app.quit()


def _install_hook(report: dict[str, object], bare: bool) -> None:
    from PySide6.QtCore import QTimer

    if bare:
        from PySide6.QtWidgets import QMainWindow as Window
    else:
        from pushgui.ui.main.main_window import MainWindow as Window  # type: ignore[assignment]
    original = Window.paintEvent

    def first_paint(self: object, event: object) -> None:
        original(self, event)  # type: ignore[arg-type]
        if "shown" not in report:
            report["shown"] = time.time()
            report["cpu_s"] = time.process_time()  # CPU of the whole process (all threads)
            report["rss_mb"] = _rss_mb()
            if bare:
                QTimer.singleShot(0, _quit)
            else:
                QTimer.singleShot(0, lambda: _measure_in_app(report))

    Window.paintEvent = first_paint  # type: ignore[method-assign]


def _quit() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.quit()


def main() -> int:
    folder, bare = sys.argv[1], "--bare" in sys.argv[2:]
    report: dict[str, object] = {}
    if bare:
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        _install_hook(report, bare=True)
        window = QMainWindow()
        window.resize(960, 560)
        window.show()
        code = app.exec()
    else:
        import pushgui.app  # noqa: F401  # first, in the order ``python -m pushgui`` imports
        from pushgui.cli import main as pushgui_main

        _install_hook(report, bare=False)
        code = pushgui_main(["--data-dir", folder])
    print("PROBE " + json.dumps(report), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
