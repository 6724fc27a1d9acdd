"""Who did what, in the window, on a real team database (tests/pg.py): the change log names
each person's login, and a viewer's save is refused in plain words in the editor, which
stays open with the reminder unchanged in the database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message
from pushgui.ui.editor.push_editor import PushEditorDialog
from pushgui.ui.history.change_log_dialog import WHAT, WHO, ChangeLogDialog
from tests.helpers import weekdays_at_nine
from tests.server.test_audit import team  # noqa: F401 (the fixture)


def test_the_change_log_names_each_persons_login(qtbot, team):  # noqa: F811
    alice, bob = PushService(team("alice")), PushService(team("bob"))
    push_id = alice.save_new([weekdays_at_nine("Stand-up")])[0]
    bob.update(push_id, replace(bob.get(push_id), message=Message("Stand-up at nine")))

    dialog = ChangeLogDialog(team("viv"), push_id, "Stand-up")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.table.isColumnHidden(WHO)
    rows = [
        (dialog.model.item(r, WHO).text(), dialog.model.item(r, WHAT).text())
        for r in range(dialog.model.rowCount())
    ]
    assert rows == [("bob", "Title changed from “Standup” to “Stand-up at nine”"),
                    ("alice", "Created")]  # fmt: skip
    assert dialog.summary.text().startswith("Created by alice on ")
    assert "\nLast changed by bob on " in dialog.summary.text()


def test_a_viewers_save_is_refused_beside_the_form_and_nothing_changes(qtbot, team):  # noqa: F811
    push_id = PushService(team("alice")).save_new([weekdays_at_nine("Stand-up")])[0]
    viewer = PushService(team("viv"))
    dialog = PushEditorDialog(
        spec=viewer.get(push_id), save=lambda spec: viewer.update(push_id, spec)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_edit.setText("Mine now")
    dialog.accept()

    assert dialog.isVisible()  # kept open, the edit not lost
    assert dialog.name_edit.text() == "Mine now"
    shown = dialog.other_error.text()
    assert "your login “viv” may not make it" in shown and "Nothing was changed" in shown
    assert "permission denied" not in shown and "Traceback" not in shown
    assert viewer.get(push_id).name == "Stand-up"


@pytest.mark.qt_no_exception_capture
def test_a_refusal_no_window_catches_is_said_plainly_not_as_a_crash(qtbot, qapp, team, tmp_path):  # noqa: F811
    from PySide6.QtCore import QTimer

    from pushgui.core.messages.templates import TemplateBook
    from pushgui.ui.errors import ErrorReporter

    template_id = TemplateBook(team("alice")).save("Stand-up", Message("At nine"))
    reporter = ErrorReporter(log_folder=tmp_path / "logs")
    reporter.install()
    try:
        QTimer.singleShot(0, lambda: TemplateBook(team("viv")).delete(template_id))
        qtbot.waitUntil(lambda: reporter.refusal is not None and reporter.refusal.isVisible())
        assert "your login “viv” may not make it" in reporter.refusal.text()
        assert reporter.dialog is None  # not the "something went wrong" dialog
        reporter.refusal.close()
    finally:
        reporter.uninstall()
    assert [t.id for t in TemplateBook(team("viv")).list()] == [template_id]
