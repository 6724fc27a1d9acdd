"""The History window's delivery-engine states: when a waiting or retrying delivery goes
next, superseded retries, and *Retry now* for one failed delivery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from pushgui.core.store.models import Delivery
from pushgui.ui.history.history_model import ERROR, RECIPIENT, STATUS
from tests.ui.test_history_window import column, database, ran, window

__all__ = ["database", "ran", "window"]


def row_of(win, recipient):
    return column(win, RECIPIENT).index(recipient)


def test_retry_now_sends_again_only_the_selected_failed_delivery(qtbot, window):
    failed = row_of(window, "Ops room")
    window.table.selectRow(row_of(window, "Ann Lee"))
    assert not window.retry_button.isEnabled()  # sent: nothing to retry
    window.table.selectRow(failed)
    assert window.retry_button.isEnabled()
    with qtbot.waitSignal(window.retry_requested) as emitted:
        window.retry_button.click()
    assert emitted.args == [[window.model.row_at(failed).delivery_id]]


def test_waiting_and_retrying_deliveries_say_when_they_go(window, database):
    soon = datetime.now(UTC) + timedelta(minutes=2)
    with database.session() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.recipient == "Ann Lee")
            .values(status="waiting", next_attempt_at=soon)
        )
        session.execute(
            update(Delivery)
            .where(Delivery.recipient == "Ops room")
            .values(status="retrying", next_attempt_at=soon)
        )
        session.execute(
            update(Delivery).where(Delivery.recipient == "Bo Chen").values(status="superseded")
        )
    window.refresh()
    statuses = dict(zip(column(window, RECIPIENT), column(window, STATUS), strict=True))
    notes = dict(zip(column(window, RECIPIENT), column(window, ERROR), strict=True))
    assert statuses["Ann Lee"] == "Waiting"
    assert notes["Ann Lee"].startswith("Waiting for the service's rate limit; sends about ")
    assert statuses["Ops room"] == "Retrying"
    assert notes["Ops room"].startswith("Next try about ")
    assert "token" in notes["Ops room"]  # the service's own words stay
    assert statuses["Bo Chen"] == "Superseded"


def test_a_retrying_delivery_reads_in_chinese_with_a_chinese_colon(qapp, window, database):
    from pushgui.ui import i18n

    soon = datetime.now(UTC) + timedelta(minutes=2)
    with database.session() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.recipient == "Ops room")
            .values(status="retrying", next_attempt_at=soon)
        )
    window.refresh()
    i18n.install(qapp, "zh_CN")
    try:
        text = window.model.note_text(window.model.row_at(row_of(window, "Ops room")))
    finally:
        i18n.install(qapp, "en")
    assert text.startswith("约 ") and "再次尝试：" in text  # the language's own colon
    assert "token" in text  # the service's own words stay
