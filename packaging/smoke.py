"""Smoke test of a frozen (or installed) pushgui program, as a user would run it.

    python packaging/smoke.py PROGRAM [--gui]

Runs PROGRAM --version; imports a push due in a few seconds from a JSON file into a fresh
data folder; runs ``run --headless`` offscreen until the database records the run as
``ok``; then stops it with SIGTERM and expects exit status 0 and no traceback. With
``--gui`` it also starts the window offscreen on another fresh folder and stops it the
same way. Exits non-zero on the first failure. Uses only the standard library, so it can
test a build from any Python.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ZONE = "Europe/Berlin"
DUE_IN_SECONDS = 6
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
WINDOWS = os.name == "nt"


class SmokeError(Exception):
    pass


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PUSHGUI_HOME", None)
    return env


def _run(program: list[str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*program, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=_env(),
    )


def _check(condition: bool, what: str, detail: str = "") -> None:
    if not condition:
        raise SmokeError(what + (f"\n{detail}" if detail else ""))
    print(f"  ok: {what}")


def _wait(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _runs(data: Path) -> list[tuple[str, str]]:
    path = data / "pushgui.sqlite3"
    if not path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT status, scheduled_at FROM runs").fetchall()
    except sqlite3.Error:
        return []


def _export_file(path: Path, name: str) -> datetime:
    """An export document holding one push due in a few seconds; returns when it is due."""
    zone = ZoneInfo(ZONE)
    due = (datetime.now(UTC) + timedelta(seconds=DUE_IN_SECONDS)).astimezone(zone)
    due = due.replace(microsecond=0) + timedelta(seconds=1)
    push = {
        "name": name,
        "enabled": True,
        "message": {"title": "Smoke test", "body": "Sent by the frozen build"},
        "targets": [{"kind": "desktop"}],
        "trigger": {"kind": "date", "at": due.replace(tzinfo=None).isoformat(), "timezone": ZONE},
        "options": {"missed": "once"},
    }
    document = {"format": "pushgui-export", "version": 1, "pushes": [push]}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return due


def _stop(process: subprocess.Popen[bytes], log: Path) -> None:
    """SIGTERM and a clean exit (POSIX); Windows has no SIGTERM to send to a console child."""
    if WINDOWS:
        process.terminate()
        process.wait(timeout=STOP_TIMEOUT)
        print("  note: Windows: stopped with TerminateProcess (clean-exit check is POSIX only)")
        return
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        raise SmokeError(f"did not stop within {STOP_TIMEOUT:.0f} s of SIGTERM") from None
    _check(code == 0, "exits with status 0 on SIGTERM", f"status {code}\n{_tail(log)}")


def _tail(log: Path, lines: int = 40) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _start(program: list[str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen([*program, *args], stdout=out, stderr=subprocess.STDOUT, env=_env())


def check_version(program: list[str], expected: str | None) -> None:
    result = _run(program, "--version")
    _check(
        result.returncode == 0 and result.stdout.startswith("pushgui "),
        f"--version prints {result.stdout.strip()!r}",
        result.stderr,
    )
    if expected:
        _check(result.stdout.split()[-1] == expected, f"version is {expected}")


def check_headless(program: list[str], work: Path) -> None:
    data = work / "headless-data"
    name = "Smoke 冒烟"
    source = work / "import.json"
    due = _export_file(source, name)

    result = _run(program, "--data-dir", str(data), "import", str(source))
    _check(
        result.returncode == 0 and "Imported 1 push" in result.stdout,
        "imports a push from a JSON file into a fresh data folder",
        result.stdout + result.stderr,
    )
    result = _run(program, "--data-dir", str(data), "list")
    _check(result.returncode == 0 and name in result.stdout, "lists it", result.stdout)

    log = work / "headless.log"
    process = _start(program, log, "--data-dir", str(data), "run", "--headless")
    try:
        fired = _wait(lambda: any(status == "ok" for status, _ in _runs(data)), START_TIMEOUT)
        _check(fired, "run --headless fires it and records the run as ok", _tail(log))
        [(_status, scheduled)] = _runs(data)
        recorded = datetime.fromisoformat(scheduled).replace(tzinfo=UTC)
        _check(recorded == due.astimezone(UTC), f"for its scheduled time {due.isoformat()}")
    finally:
        if process.poll() is None:
            _stop(process, log)
    text = log.read_text(encoding="utf-8", errors="replace")
    _check(f"Reminder '{name}'" in text, "the reminder reached the (headless) desktop channel")
    _check("Traceback" not in text, "no traceback in the output", _tail(log))


def check_gui(program: list[str], work: Path) -> None:
    data = work / "gui-data"
    log = work / "gui.log"
    process = _start(program, log, "--data-dir", str(data), "--verbose")
    try:

        def started() -> bool:
            logged = data / "logs" / "pushgui.log"
            return logged.exists() and "started with" in logged.read_text(errors="replace")

        _check(_wait(started, START_TIMEOUT), "the window starts offscreen", _tail(log))
        _check(process.poll() is None, "and keeps running", _tail(log))
    finally:
        if process.poll() is None:
            _stop(process, log)
    text = log.read_text(encoding="utf-8", errors="replace")
    _check("Traceback" not in text, "no traceback in the output", _tail(log))


def smoke(program: list[str], expected_version: str | None = None, gui: bool = False) -> None:
    print(f"Smoke test of {' '.join(program)}")
    with tempfile.TemporaryDirectory(prefix="pushgui-smoke-") as folder:
        work = Path(folder)
        check_version(program, expected_version)
        check_headless(program, work)
        if gui:
            check_gui(program, work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", help="the pushgui program to test (path or name)")
    parser.add_argument("--version", dest="expected", help="the version it must report")
    parser.add_argument("--gui", action="store_true", help="also start the window offscreen")
    args = parser.parse_args(argv)
    try:
        smoke([args.program], args.expected, args.gui)
    except (SmokeError, subprocess.TimeoutExpired, OSError) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    print("Smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
