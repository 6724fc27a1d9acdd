"""pushgui in a real X session: Xvfb, a real XEmbed tray (trayer), a real notification daemon
(dunst) on a private D-Bus session bus. The app is started as a user's login would start it
(``--minimized``), its tray icon must be embedded in the tray, a push imported a few seconds
ahead must reach the daemon, and the tray menu's Show and Quit must work. A reminder must
stay on screen with its actions, be snoozed from dunst's own context menu (``dunstctl
context``, answered by a stand-in for dmenu) and come back.

Debian packages: xvfb dbus dunst trayer x11-utils xdotool.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import once_in
from tests.test_cli import HANG, import_due_soon, wait_ready, write_file

PROGRAMS = ("Xvfb", "dbus-daemon", "dunst", "dunstctl", "trayer", "xwininfo", "xdotool")
PACKAGES = "xvfb dbus dunst trayer x11-utils xdotool"
MENU_SCRIPT = """#!/bin/sh
cat > "$0.input"
grep -m1 -F -- "$(cat "$0-choice")" "$0.input"
"""


def _missing() -> list[str]:
    return [name for name in PROGRAMS if shutil.which(name) is None]


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs an X11 session"),
    pytest.mark.skipif(
        bool(_missing()),
        reason=f"needs {', '.join(_missing())} (Debian: apt-get install {PACKAGES})",
    ),
]


def wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


# -- the X window tree -------------------------------------------------------------------------

_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<id>0x[0-9a-f]+) (?:\"(?P<name>.*)\"|\(has no name\)): "
    r"\((?P<cls>.*)\)\s+(?P<w>\d+)x(?P<h>\d+)\+-?\d+\+-?\d+\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)"
)


@dataclass
class XWindow:
    id: str
    name: str | None
    wm_class: str
    width: int
    height: int
    x: int
    y: int
    depth: int
    children: list[XWindow]

    def walk(self) -> Iterator[XWindow]:
        yield self
        for child in self.children:
            yield from child.walk()


def window_tree(env: dict[str, str]) -> list[XWindow]:
    """The root window's children, each with its descendants (from ``xwininfo -tree``)."""
    out = subprocess.run(
        ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True, timeout=10
    ).stdout
    roots: list[XWindow] = []
    stack: list[XWindow] = []
    for line in out.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        depth = len(match["indent"])
        window = XWindow(
            match["id"],
            match["name"],
            match["cls"],
            int(match["w"]),
            int(match["h"]),
            int(match["x"]),
            int(match["y"]),
            depth,
            [],
        )
        while stack and stack[-1].depth >= depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(window)
        stack.append(window)
    return roots


def viewable(env: dict[str, str], window_id: str) -> bool:
    out = subprocess.run(
        ["xwininfo", "-id", window_id], env=env, capture_output=True, text=True, timeout=10
    ).stdout
    return "Map State: IsViewable" in out


def tray_icon(env: dict[str, str]) -> XWindow | None:
    """pushgui's icon window inside trayer's panel, once embedded and shown."""
    for top in window_tree(env):
        if top.name == "panel" and '"trayer"' in top.wm_class:
            for window in top.walk():
                if window.name == "pushgui" and viewable(env, window.id):
                    return window
    return None


def main_window(env: dict[str, str]) -> XWindow | None:
    for top in window_tree(env):
        if top.name == "pushgui" and top.width >= 300 and viewable(env, top.id):
            return top
    return None


def popup_menu(env: dict[str, str]) -> XWindow | None:
    for top in window_tree(env):
        if top.name == "pushgui" and 20 < top.width < 300 and viewable(env, top.id):
            return top
    return None


# -- the session -------------------------------------------------------------------------------


@dataclass
class Session:
    env: dict[str, str]
    dunst_log: Path


@pytest.fixture
def session(tmp_path) -> Iterator[Session]:
    processes: list[subprocess.Popen] = []
    logs = tmp_path / "session"
    logs.mkdir()

    def start(command: list[str], name: str, **kwargs) -> subprocess.Popen:
        out = kwargs.pop("stdout", None) or (logs / f"{name}.log").open("wb")
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **kwargs)
        processes.append(process)
        return process

    try:
        # Xvfb picks a free display itself and writes its number to the pipe.
        read_fd, write_fd = os.pipe()
        start(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ],
            "xvfb",
            pass_fds=(write_fd,),
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            display = ":" + pipe.readline().strip()
        assert display != ":", "Xvfb did not start"

        bus = start(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            "dbus",
            stdout=subprocess.PIPE,
        )
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        assert address, "dbus-daemon did not start"

        config = tmp_path / "config"
        (config / "dunst").mkdir(parents=True)
        env = {
            **os.environ,
            "DISPLAY": display,
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_CONFIG_HOME": str(config),
            "QT_QPA_PLATFORM": "xcb",
        }
        env.pop("WAYLAND_DISPLAY", None)
        dunstrc = config / "dunst" / "dunstrc"
        # dunst's context menu (``dunstctl context``) asks this "dmenu", which answers with
        # the entry named in the file menu-choice beside it, as a user picking it would.
        menu = config / "dunst" / "menu"
        menu.write_text(MENU_SCRIPT, encoding="utf-8")
        menu.chmod(0o755)
        dunstrc.write_text(
            f"[global]\n    monitor = 0\n    timeout = 60\n    dmenu = {menu}\n", encoding="utf-8"
        )
        dunst_log = logs / "dunst.log"
        start(["dunst", "-print", "-config", str(dunstrc)], "dunst", env=env)
        wait_for(
            lambda: (
                subprocess.run(["dunstctl", "count"], env=env, capture_output=True).returncode == 0
            ),
            HANG,
            "dunst on the session bus",
        )
        start(
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "pixel",
                "--width",
                "200",
                "--height",
                "32",
            ],
            "trayer",
            env=env,
        )
        wait_for(lambda: any(w.name == "panel" for w in window_tree(env)), HANG, "the trayer panel")
        yield Session(env, dunst_log)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def dunst_history(env: dict[str, str]) -> list[dict]:
    result = subprocess.run(
        ["dunstctl", "history"], env=env, capture_output=True, text=True, timeout=10
    )
    if result.returncode != 0:
        return []
    return [item for group in json.loads(result.stdout)["data"] for item in group]


def right_click_and_choose(env: dict[str, str], icon: XWindow, entry: str) -> None:
    """Open the tray menu and click its ``"first"`` or ``"last"`` entry.

    A click, not keys: the menu takes the keyboard some time after it is mapped, but a
    click lands on the mapped menu at once.
    """
    # A right-click that lands while the tray re-embeds the icon (or a daemon's menu still
    # holds the pointer) is lost: click the icon where it is now until the menu shows.
    deadline = time.monotonic() + HANG
    while True:
        here = tray_icon(env) or icon
        x, y = here.x + here.width // 2, here.y + here.height // 2
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "3"], env=env, check=True)
        try:
            menu = wait_for(lambda: popup_menu(env), 10, "the tray menu")
            break
        except AssertionError:
            if time.monotonic() > deadline:
                raise
    # 12 px inside the menu's edge is inside its first (last) entry, whatever the font.
    row = menu.y + 12 if entry == "first" else menu.y + menu.height - 12
    column = menu.x + menu.width // 2
    subprocess.run(
        ["xdotool", "mousemove", str(column), str(row), "click", "1"], env=env, check=True
    )


def test_minimized_app_lives_in_the_tray_notifies_through_the_daemon_and_obeys_its_menu(
    session, tmp_path
):
    env = session.env
    data = tmp_path / "data"
    app_log = (tmp_path / "app.log").open("wb")
    app = subprocess.Popen(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data), "--minimized"],
        env=env,
        stdout=app_log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_ready(data / "logs" / "pushgui.log", app)
        icon = wait_for(lambda: tray_icon(env), HANG, "pushgui's icon embedded in trayer")
        assert main_window(env) is None, "--minimized must not show the window"

        # A push due in a few seconds, handed to the running app like a user's import.
        _specs, result = import_due_soon(data, tmp_path, lambda s: [once_in(s, name="Desk")])
        assert "The running pushgui has scheduled them." in result.stdout

        def notified() -> bool:
            return "summary: 'Title Desk'" in session.dunst_log.read_text(errors="replace")

        wait_for(notified, HANG, "the reminder at the notification daemon")
        # Read it back from the daemon itself: closed notifications go to its history.
        subprocess.run(["dunstctl", "close-all"], env=env, check=True)
        history = wait_for(lambda: dunst_history(env), HANG, "dunst's history")
        reminders = [n for n in history if n["summary"]["data"] == "Title Desk"]
        assert reminders, history
        assert reminders[0]["appname"]["data"] == "pushgui"
        assert reminders[0]["body"]["data"] == "Body"

        # Tray menu: Show pushgui (the first entry) maps the main window...
        right_click_and_choose(env, icon, "first")
        wait_for(lambda: main_window(env), HANG, "the main window after Show pushgui")
        # ...and Quit (the last entry) stops the app.
        right_click_and_choose(env, icon, "last")
        assert app.wait(HANG) == 0
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(HANG)
        app_log.close()
    log_text = (data / "logs" / "pushgui.log").read_text(encoding="utf-8")
    assert "Push 1 (Desk) ran" in log_text
    assert "Traceback" not in log_text


# -- a new user's reminder: shown with its actions, snoozed from the notification, back again --


def import_once(env: dict[str, str], data: Path, tmp_path: Path, name: str) -> None:
    """Hand the running app a one-off due in a few seconds; if the CLI was so slow that the
    time passed before it checked the file, try again with a longer margin (nothing was saved)."""
    for attempt, margin in enumerate((3, 10, 30, 90)):
        push = write_file(tmp_path / f"push{attempt}.json", once_in(margin, name=name))
        result = subprocess.run(
            [sys.executable, "-m", "pushgui", "--data-dir", str(data), "import", str(push)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode == 0:
            return
    raise AssertionError(f"import kept failing: {result.stdout} {result.stderr}")


def start_app(env: dict[str, str], data: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pushgui", "--data-dir", str(data), "--minimized"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def displayed(env: dict[str, str]) -> int:
    out = subprocess.run(
        ["dunstctl", "count", "displayed"], env=env, capture_output=True, text=True, timeout=10
    ).stdout
    return int(out.strip() or 0)


def snooze_jobs(data: Path) -> list[tuple[str, float]]:
    import sqlite3

    with sqlite3.connect(data / "pushgui.sqlite3") as connection:
        return connection.execute(
            "SELECT id, next_run_time FROM apscheduler_jobs WHERE id LIKE '%:snooze:%'"
        ).fetchall()


def make_due_now(data: Path, job_id: str) -> None:
    """What APScheduler's job store writes when a job's next run time changes: the column
    it orders by and the pickled state it runs from."""
    import pickle
    import sqlite3
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    with sqlite3.connect(data / "pushgui.sqlite3") as connection:
        [(state,)] = connection.execute(
            "SELECT job_state FROM apscheduler_jobs WHERE id = ?", (job_id,)
        ).fetchall()
        job = pickle.loads(state)
        job["next_run_time"] = now
        connection.execute(
            "UPDATE apscheduler_jobs SET job_state = ?, next_run_time = ? WHERE id = ?",
            (pickle.dumps(job, pickle.HIGHEST_PROTOCOL), now.timestamp(), job_id),
        )


def test_a_reminder_stays_with_its_actions_is_snoozed_from_the_daemon_and_comes_back(
    session, tmp_path
):
    from datetime import UTC, datetime

    env = session.env
    data = tmp_path / "data"
    log = tmp_path / "app.log"
    menu_choice = tmp_path / "config" / "dunst" / "menu-choice"
    summary = "summary: 'Title Water'"

    def shown() -> int:
        return session.dunst_log.read_text(errors="replace").count(summary)

    app = start_app(env, data, log)
    try:
        icon = wait_for(lambda: tray_icon(env), 15, "pushgui's icon embedded in trayer")
        import_once(env, data, tmp_path, "Water")
        wait_for(lambda: shown() == 1, 30, "the reminder at the notification daemon")
        printed = session.dunst_log.read_text(errors="replace")
        notice = printed[printed.index(summary) :]
        assert "body: 'Body'" in notice  # the message, not the push's name
        assert "timeout: 0" in notice and "urgency: CRITICAL" in notice
        for action in ('"done": "Done"', '"snooze-5min": "Snooze 5 min"', '"open": "Open"'):
            assert action in notice, notice
        on_screen = displayed(env)
        assert on_screen >= 1

        # Snooze 5 min, chosen in dunst's context menu: dunst sends ActionInvoked to pushgui.
        menu_choice.write_text("Snooze 5 min", encoding="utf-8")
        before = datetime.now(UTC).timestamp()
        subprocess.run(["dunstctl", "context"], env=env, check=True, timeout=10)
        [(job_id, due)] = wait_for(lambda: snooze_jobs(data), 15, "the snooze job")
        after = datetime.now(UTC).timestamp()
        assert before + 299 <= due <= after + 301, (before, due, after)
        wait_for(
            lambda: displayed(env) == on_screen - 1, 10, "the answered notification taken away"
        )

        # Quit from the tray menu; the snooze is kept in the database.
        right_click_and_choose(env, icon, ["Up", "Return"])
        assert app.wait(HANG) == 0
        assert [row[0] for row in snooze_jobs(data)] == [job_id]

        # Five minutes later (the job made due now, in the row APScheduler keeps for it)
        # the reminder comes back, with its actions, when pushgui starts again.
        make_due_now(data, job_id)
        app = start_app(env, data, log)
        wait_for(lambda: shown() == 2, 30, "the snoozed reminder shown again")
        again = session.dunst_log.read_text(errors="replace").rsplit(summary, 1)[1]
        assert "body: 'Body'" in again and '"snooze-5min": "Snooze 5 min"' in again
        wait_for(lambda: not snooze_jobs(data), 10, "the snooze job done")
        icon = wait_for(lambda: tray_icon(env), 15, "pushgui's icon after the restart")
        right_click_and_choose(env, icon, ["Up", "Return"])
        assert app.wait(HANG) == 0
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(HANG)
    log_text = (data / "logs" / "pushgui.log").read_text(encoding="utf-8")
    assert "Traceback" not in log_text
