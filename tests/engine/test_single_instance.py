"""SingleInstance: one instance per data folder, hand-over to the first, stale lock recovery."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from pushgui.engine.single_instance import LOCK_FILE_NAME, SingleInstance, send_to_running

Instances = Callable[[Path], SingleInstance]

REPO_ROOT = Path(__file__).resolve().parents[2]

# A first instance that crashes while holding the lock and its socket.
_CRASH = """
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from pushgui.engine.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
assert instance.acquire()
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def instances(qapp: QCoreApplication) -> Iterator[Instances]:
    made: list[SingleInstance] = []

    def factory(folder: Path) -> SingleInstance:
        instance = SingleInstance(folder)
        made.append(instance)
        return instance

    yield factory
    for instance in made:
        instance.release()


def test_second_launch_hands_over_to_the_first(
    qtbot: QtBot, data_dir: Path, instances: Instances
) -> None:
    first = instances(data_dir)
    assert first.acquire()
    second = instances(data_dir)
    assert not second.acquire()

    with qtbot.waitSignal(first.message_received, timeout=60_000) as received:
        assert send_to_running(data_dir)
    assert received.args == ["show"]


def test_different_folders_run_side_by_side(
    qtbot: QtBot, tmp_path: Path, instances: Instances
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    first, other = instances(a), instances(b)
    assert first.acquire()
    assert other.acquire()
    assert first.name != other.name

    with qtbot.waitSignal(other.message_received, timeout=60_000) as received:
        assert send_to_running(b, "open 42")
    assert received.args == ["open 42"]


def test_released_folder_can_be_acquired_again(
    qapp: QCoreApplication, data_dir: Path, instances: Instances
) -> None:
    first = instances(data_dir)
    assert first.acquire()
    first.release()

    assert not send_to_running(data_dir, timeout_ms=200)
    assert instances(data_dir).acquire()


def test_live_lock_is_not_stale_because_of_its_age(
    qapp: QCoreApplication, data_dir: Path, instances: Instances
) -> None:
    assert instances(data_dir).acquire()
    long_ago = time.time() - 3600
    os.utime(data_dir / LOCK_FILE_NAME, (long_ago, long_ago))

    assert not instances(data_dir).acquire()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_and_socket_left_by_a_crash_are_recovered(
    qtbot: QtBot, data_dir: Path, instances: Instances
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    crashed = subprocess.run(
        [sys.executable, "-c", _CRASH, str(data_dir)], env=env, timeout=120, check=False
    )
    assert crashed.returncode == -9
    assert (data_dir / LOCK_FILE_NAME).exists()

    survivor = instances(data_dir)
    assert survivor.acquire()
    with qtbot.waitSignal(survivor.message_received, timeout=60_000) as received:
        assert send_to_running(data_dir)
    assert received.args == ["show"]
