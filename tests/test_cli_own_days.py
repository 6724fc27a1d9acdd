"""`pushgui export` and `pushgui import` carry the company's own days as the window does
(docs/EXPORT_FORMAT.md): all of it or nothing, contradicting days named.

Real processes on real data folders; nothing in the app is replaced.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pushgui.core.schedule import own_days
from pushgui.core.schedule.workdays import OwnDays
from pushgui.core.store.db import open_database
from pushgui.core.store.settings import SettingsStore
from tests.helpers import weekdays_at_nine
from tests.test_cli import HANG, pushgui, write_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="runs the command line as a process")

OWN = OwnDays({date(2030, 1, 7): "Company trip"}, {date(2030, 1, 5): "Stock-taking"})


def keep(data_dir: Path, own: OwnDays) -> None:
    db = open_database(data_dir)
    try:
        SettingsStore(db).set(own_days.KEY, own_days.to_dict(own))
    finally:
        db.close()


def kept(data_dir: Path) -> dict:
    path = data_dir / "pushgui.sqlite3"
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=HANG) as connection:
        row = connection.execute(
            "SELECT value FROM settings WHERE key = ?", (own_days.KEY,)
        ).fetchone()
    return json.loads(row[0]) if row else {}


def names(data_dir: Path) -> str:
    return pushgui(data_dir, "list").stdout


def test_export_then_import_carries_the_own_days(data_dir, tmp_path):
    pushgui(data_dir, "import", str(write_file(tmp_path / "in.json", weekdays_at_nine("站会"))))
    keep(data_dir, OWN)
    out = tmp_path / "out.json"
    pushgui(data_dir, "export", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["own_days"] == own_days.to_dict(OWN)

    other = tmp_path / "other"
    keep_other = OwnDays({date(2030, 2, 1): "Founders' day"}, {})
    other.mkdir()
    pushgui(other, "list")  # creates the database
    keep(other, keep_other)
    result = pushgui(other, "import", str(out))
    assert "Own days merged: 1 day off, 1 working day." in result.stdout
    assert "站会" in names(other)
    merged = own_days.merge(keep_other, OWN)
    assert kept(other) == own_days.to_dict(merged)


def test_contradicting_own_days_import_nothing_and_name_the_day(data_dir, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    pushgui(source, "import", str(write_file(tmp_path / "in.json", weekdays_at_nine("Standup"))))
    keep(source, OWN)
    out = tmp_path / "out.json"
    pushgui(source, "export", str(out))

    pushgui(data_dir, "list")
    # Here 2030-01-07 is a working day; the file makes it a day off.
    here = OwnDays({}, {date(2030, 1, 7): "Inventory"})
    keep(data_dir, here)
    result = pushgui(data_dir, "import", str(out), check=False)
    assert result.returncode == 5, result.stderr
    assert "nothing was imported" in result.stderr
    assert "2030-01-07 cannot be both a day off and a working day" in result.stderr
    assert "Traceback" not in result.stderr
    assert "No reminders yet." in names(data_dir)
    assert kept(data_dir) == own_days.to_dict(here)


def test_bad_own_days_in_a_file_are_named_and_nothing_is_imported(data_dir, tmp_path):
    path = write_file(tmp_path / "in.json", weekdays_at_nine("Standup"))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["own_days"] = {"days_off": [{"date": "2030-02-30", "note": ""}]}
    path.write_text(json.dumps(document), encoding="utf-8")
    result = pushgui(data_dir, "import", str(path), check=False)
    assert result.returncode == 5, result.stderr
    assert "days_off[0]" in result.stderr and "Traceback" not in result.stderr
    assert "No reminders yet." in names(data_dir)
