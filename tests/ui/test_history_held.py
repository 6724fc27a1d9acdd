"""The History window shows a delivery held by quiet hours with the time it goes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from pushgui.core.delivery.quiet import HELD_TEXT
from pushgui.core.store.models import Delivery
from pushgui.ui.history.history_model import ERROR, RECIPIENT, STATUS
from tests.ui.test_history_window import column, database, ran, window

__all__ = ["database", "ran", "window"]


def test_a_held_delivery_says_until_when_and_why(window, database):
    opens = datetime.now(UTC).replace(second=0, microsecond=0)
    with database.session() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.recipient == "Ops room")
            .values(status="held", next_attempt_at=opens, error=HELD_TEXT)
        )
    window.refresh()
    statuses = dict(zip(column(window, RECIPIENT), column(window, STATUS), strict=True))
    notes = dict(zip(column(window, RECIPIENT), column(window, ERROR), strict=True))
    assert statuses["Ops room"] == "Held"
    local = opens.astimezone().strftime("%H:%M")
    assert notes["Ops room"] == f"Held until {local} by quiet hours"
    # The status filter's "Waiting" takes held deliveries too.
    index = window.status_combo.findText("Waiting")
    window.status_combo.setCurrentIndex(index)
    window.refresh()
    assert "Ops room" in column(window, RECIPIENT)
