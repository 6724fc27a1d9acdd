"""The composition root: what a start sets up besides the scheduler."""

from __future__ import annotations

from pushgui.app import start_runtime
from pushgui.core.system.paths import locate


def test_each_start_takes_the_days_backup_once(qapp, data_dir):
    for _ in range(2):
        runtime = start_runtime(locate(data_dir))
        runtime.stop()
    daily = sorted((data_dir / "backups").glob("pushgui-*-daily.sqlite3"))
    assert len(daily) == 1
    assert daily[0].stat().st_mode & 0o077 == 0
