"""The store's queries on PostgreSQL as on SQLite: what the push list and the delivery
queue read and write."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message
from pushgui.core.store.db import open_database
from pushgui.core.store.server import open_server_database
from tests.helpers import weekdays_at_nine


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_push_list_reads_each_title_from_the_stored_spec(dialect, request, data_dir):
    if dialect == "postgresql":
        db = open_server_database(request.getfixturevalue("pg_url"), data_dir)
    else:
        db = open_database(data_dir)
    try:
        service = PushService(db)
        ids = service.save_new(
            [
                replace(weekdays_at_nine("Stand-up"), message=Message("Stand-up at nine", "")),
                replace(weekdays_at_nine("Lunch"), message=Message("Lunch 午饭", "")),
            ]
        )
        rows = {row.id: (row.name, row.title) for row in service.rows()}
        assert rows == {ids[0]: ("Stand-up", "Stand-up at nine"), ids[1]: ("Lunch", "Lunch 午饭")}
        assert [row.title for row in service.rows([ids[1]])] == ["Lunch 午饭"]
    finally:
        db.close()
