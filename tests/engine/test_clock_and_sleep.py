"""Clock jumps and sleep are noticed: by comparing wall and monotonic time at every pass,
and through logind's PrepareForSleep signal on D-Bus (a private bus here)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from apscheduler.jobstores.memory import MemoryJobStore
from PySide6.QtDBus import QDBusConnection

from pushgui.engine.bridge import EventBridge
from pushgui.engine.scheduler import PushScheduler
from pushgui.engine.sleep import INTERFACE, PATH, SleepWatcher


class FakeClock:
    """An injectable wall clock; the monotonic clock is the real one."""

    def __init__(self):
        import time

        self.offset = 0.0
        self._time = time.time

    def __call__(self):
        return self._time() + self.offset


@pytest.fixture
def clock():
    return FakeClock()


HANG_MS = 60_000  # only bounds a hang


@pytest.fixture
def scheduler(qapp, clock):
    sched = PushScheduler(jobstores={"default": MemoryJobStore()}, wall_clock=clock)
    yield sched
    if sched.running:
        sched.shutdown(wait=False)


def wait_for_pass(qtbot, scheduler, wake=True):
    """Wake the scheduler (unless told not to) and wait until its next pass has ended."""
    passes = []
    scheduler.after_next_pass(passes.append)
    if wake:
        scheduler.wakeup()
    qtbot.waitUntil(lambda: bool(passes), timeout=HANG_MS)


def test_a_wall_clock_jump_is_reported_before_the_next_pass(qtbot, scheduler, clock):
    bridge = EventBridge()
    bridge.attach(scheduler)
    scheduler.start()
    wait_for_pass(qtbot, scheduler, wake=False)  # the first pass records the clocks
    clock.offset = 3 * 3600  # the laptop slept three hours, or the clock was set forward
    with qtbot.waitSignal(bridge.clock_jumped, timeout=HANG_MS) as jumped:
        scheduler.wakeup()
    assert jumped.args[0] == pytest.approx(3 * 3600, abs=2)


def test_a_listener_can_pause_the_scheduler_before_it_runs_anything(qtbot, scheduler, clock):
    paused = []

    def on_jump(seconds):
        scheduler.pause()
        paused.append(seconds)

    scheduler.add_clock_jump_listener(on_jump)
    scheduler.start()
    wait_for_pass(qtbot, scheduler, wake=False)
    clock.offset = -7200
    scheduler.wakeup()
    qtbot.waitUntil(lambda: bool(paused), timeout=HANG_MS)
    assert paused[0] == pytest.approx(-7200, abs=2)
    assert scheduler.next_wakeup_in() is None


def test_small_drift_is_not_a_jump(qtbot, scheduler, clock):
    jumps = []
    scheduler.add_clock_jump_listener(jumps.append)
    scheduler.start()
    wait_for_pass(qtbot, scheduler, wake=False)
    clock.offset = 1.5
    wait_for_pass(qtbot, scheduler)  # the pass that compares the clocks
    assert jumps == []


@pytest.fixture
def private_bus(qapp):
    if not shutil.which("dbus-daemon") or not shutil.which("dbus-send"):
        pytest.skip("dbus-daemon and dbus-send are not installed (Debian package dbus)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = daemon.stdout.readline().strip()
    bus = QDBusConnection.connectToBus(address, "pushgui-test-bus")
    assert bus.isConnected()
    yield address, bus
    QDBusConnection.disconnectFromBus("pushgui-test-bus")
    daemon.terminate()
    daemon.wait(timeout=60)


def test_logind_resume_signal_is_relayed(qtbot, private_bus):
    address, bus = private_bus
    watcher = SleepWatcher(bus)
    assert watcher.active
    for going_to_sleep, signal in (("true", watcher.about_to_sleep), ("false", watcher.resumed)):
        with qtbot.waitSignal(signal, timeout=HANG_MS):
            subprocess.run(
                [
                    "dbus-send",
                    f"--bus={address}",
                    "--type=signal",
                    PATH,
                    f"{INTERFACE}.PrepareForSleep",
                    f"boolean:{going_to_sleep}",
                ],
                check=True,
            )


def test_without_a_bus_the_watcher_is_inactive_and_harmless(qapp):
    watcher = SleepWatcher(QDBusConnection.connectToBus("unix:path=/nonexistent", "nobus"))
    assert watcher.active is False
    QDBusConnection.disconnectFromBus("nobus")
