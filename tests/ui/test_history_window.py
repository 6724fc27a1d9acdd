"""The History window over deliveries made by really running pushes: email to a group on a
local SMTP server, a DingTalk room on the fake API refusing the token, and "me"."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon

from pushgui.core.channels.base import Outcome
from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import DingTalkConfig, EmailConfig
from pushgui.core.people.contacts import ContactBook, ContactRecord, GroupRecord
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushOptions, PushSpec, Target
from pushgui.core.runs.history import History, HistoryRow
from pushgui.core.runs.jobs import JobContext
from pushgui.core.runs.runner import run_push
from pushgui.core.schedule.spec import IntervalSpec
from pushgui.core.store.db import open_database
from pushgui.core.system.secrets import KeyringSecrets
from pushgui.ui.history.history_model import (
    ADDRESS,
    ERROR,
    PUSH,
    RECIPIENT,
    STARTED,
    STATUS,
    HistoryTableModel,
)
from pushgui.ui.history.history_window import HistoryWindow
from tests.servers import PASSWORD, USER


class RecordingDesktop:
    def __init__(self):
        self.shown = []

    def send(self, messages):
        self.shown.extend(messages)
        return [Outcome(ok=True) for _ in messages]


@pytest.fixture
def database(data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


@pytest.fixture
def ran(database, smtp_plain, fake):
    """Two pushes, run for real: "Report" emails a group of two and tells me; "Ops" posts to
    a DingTalk room whose token the server refuses, so that delivery fails."""
    contacts = ContactBook(database)
    ann, bo = contacts.save_many(
        [ContactRecord("Ann Lee", "ann@example.com"), ContactRecord("Bo Chen", "bo@example.com")]
    )
    team = contacts.save_group(GroupRecord("Team", (ann, bo)))
    channels = ChannelBook(database, KeyringSecrets())
    mail = channels.save(
        "Work mail",
        EmailConfig(
            host=smtp_plain.host,
            port=smtp_plain.port,
            security="none",
            username=USER,
            password=PASSWORD,
            sender_address="me@example.com",
        ),
    )
    room = channels.save(
        "Ops room",
        DingTalkConfig(access_token="wrong-token", api_url=fake.url + "/robot/send"),
    )
    start = datetime(2030, 1, 1, 9, 0)
    every_day = IntervalSpec(every=1, unit="days", start=start, timezone="UTC")
    service = PushService(database)
    report, ops = service.save_new(
        [
            PushSpec(
                name="Report",
                message=Message("Report due, ${name}"),
                trigger=every_day,
                targets=(
                    Target(),
                    Target(kind="email", channel_id=mail, group_ids=(team,)),
                ),
            ),
            PushSpec(
                name="Ops",
                message=Message("Disk check"),
                trigger=every_day,
                targets=(Target(kind="dingtalk", channel_id=room),),
                options=PushOptions(retries=0),
            ),
        ]
    )
    shown = RecordingDesktop()
    ctx = JobContext(database, channels.secrets, desktop=shown)
    ctx = ctx.at(datetime.now(UTC) - timedelta(hours=2))
    assert run_push(report, context=ctx) == "ok"
    ctx = JobContext(database, channels.secrets, desktop=shown)
    ctx = ctx.at(datetime.now(UTC) - timedelta(hours=1))
    assert run_push(ops, context=ctx) == "failed"
    assert len(smtp_plain.inbox.received) == 2
    assert [m.push_name for m in shown.shown] == ["Report"]
    return {"history": History(database), "pushes": [(report, "Report"), (ops, "Ops")]}


@pytest.fixture
def window(qtbot, ran):
    win = HistoryWindow(ran["history"], ran["pushes"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def column(win: HistoryWindow, col: int) -> list[str]:
    return [win.model.index(r, col).data() for r in range(win.model.rowCount())]


def test_every_delivery_is_listed_newest_first_with_its_status(window):
    assert column(window, PUSH) == ["Ops", "Report", "Report", "Report"]
    assert column(window, RECIPIENT) == ["Ops room", "Me", "Ann Lee", "Bo Chen"]
    assert column(window, STATUS) == ["Failed", "Sent", "Sent", "Sent"]
    assert column(window, ADDRESS)[2:] == ["ann@example.com", "bo@example.com"]
    assert "token is not exist" in column(window, ERROR)[0]
    assert window.count_label.text() == "4 deliveries"
    failed = window.model.index(0, STATUS)
    sent = window.model.index(1, STATUS)
    assert isinstance(failed.data(Qt.ItemDataRole.ForegroundRole), QColor)
    assert failed.data(Qt.ItemDataRole.ForegroundRole) != sent.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(failed.data(Qt.ItemDataRole.DecorationRole), QIcon)


def test_filter_by_status_push_and_recipient(qtbot, window):
    window.status_combo.setCurrentIndex(window.status_combo.findText("Failed"))
    assert column(window, RECIPIENT) == ["Ops room"]
    window.status_combo.setCurrentIndex(window.status_combo.findText("Sent"))
    assert column(window, RECIPIENT) == ["Me", "Ann Lee", "Bo Chen"]
    window.status_combo.setCurrentIndex(0)

    window.push_combo.setCurrentIndex(window.push_combo.findText("Ops"))
    assert column(window, PUSH) == ["Ops"]
    window.push_combo.setCurrentIndex(0)

    qtbot.keyClicks(window.search_edit, "ann")
    qtbot.waitUntil(lambda: column(window, RECIPIENT) == ["Ann Lee"], timeout=60_000)
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, "bo@example")
    qtbot.waitUntil(lambda: column(window, RECIPIENT) == ["Bo Chen"], timeout=60_000)

    # A date range before the runs shows nothing, and says so.
    window.to_edit.setDate(window.to_edit.date().addDays(-2))
    assert window.model.rowCount() == 0
    assert window.count_label.text() == "No deliveries match these filters."


def test_export_csv_writes_what_is_shown(qtbot, window, tmp_path):
    window.status_combo.setCurrentIndex(window.status_combo.findText("Sent"))
    target = tmp_path / "history.csv"
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    dialog = window.file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.exists, timeout=60_000)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["push"], r["recipient"], r["status"]) for r in rows] == [
        ("Report", "me", "sent"),
        ("Report", "Ann Lee", "sent"),
        ("Report", "Bo Chen", "sent"),
    ]
    assert window.count_label.text().startswith("Exported 3 deliveries")


def test_show_delivery_clears_the_filters_that_hide_it(qtbot, window, ran):
    failed = ran["history"].failures_after(0)[0].delivery_id
    window.status_combo.setCurrentIndex(window.status_combo.findText("Sent"))
    qtbot.keyClicks(window.search_edit, "ann")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=60_000)

    assert window.show_delivery(failed)
    assert window.selected_id() == failed
    assert window.status_combo.currentIndex() == 0 and window.search_edit.text() == ""
    assert window.model.rowCount() == 4
    assert not window.show_delivery(987654)


def test_double_click_shows_the_whole_error(qtbot, window):
    index = window.model.index(0, RECIPIENT)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    details = window.details
    assert details is not None and details.isVisible()
    assert "token is not exist" in details.error_view.toPlainText()
    assert "Ops room" in details.windowTitle()
    details.close()


def test_ten_thousand_rows_load_and_sort_quickly(qapp):
    base = datetime(2030, 1, 1, tzinfo=UTC)
    rows = [
        HistoryRow(
            delivery_id=i,
            run_id=i // 10,
            push_id=1,
            push_name="Bulk",
            scheduled_at=base + timedelta(minutes=i),
            started_at=base + timedelta(minutes=i),
            channel="email",
            recipient=f"Person {i}",
            address=f"p{i}@example.com",
            status=("sent", "failed", "retrying")[i % 3],
            error="" if i % 3 == 0 else "550 mailbox unavailable",
            attempts=1 + i % 3,
            finished_at=None,
            title="Hello",
        )
        for i in range(10_000)
    ]
    model = HistoryTableModel()
    # How quickly is measured by bench/history_sort.py; the test checks the result.
    model.set_rows(rows)
    model.sort(STARTED, Qt.SortOrder.DescendingOrder)
    model.sort(RECIPIENT, Qt.SortOrder.AscendingOrder)
    assert model.index(0, RECIPIENT).data() == "Person 0"
    assert model.index(1, RECIPIENT).data() == "Person 1"
    assert model.index_of(9999).row() == 9999
