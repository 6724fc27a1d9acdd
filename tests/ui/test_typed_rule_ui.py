"""Typed rules through the real push editor: what was understood and the next runs show
before anything is used; "Use this rule" puts the same spec in the editors; nonsense is
pointed at."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from pushgui.core.schedule.spec import IntervalSpec, OnceSpec
from pushgui.core.schedule.typed import parse_rule
from pushgui.ui.editor.push_editor import PushEditorDialog
from tests.core.test_typed_rules import FORMS

ZONE = "Asia/Shanghai"
# a fixed date would pass into the past one day; the core tests hold that form
TEXTS = [text for text, spec in FORMS if not text.startswith("2026-")]


def wall_now() -> datetime:
    return datetime.now(ZoneInfo(ZONE)).replace(tzinfo=None, second=0, microsecond=0)


@pytest.fixture
def dialog(qtbot):
    editor = PushEditorDialog()
    qtbot.addWidget(editor)
    editor.zone_combo.set_zone(ZONE)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_typing_shows_the_rule_and_next_runs_then_uses_it(qtbot, dialog):
    box = dialog.typed_rule
    qtbot.keyClicks(box.edit, "the last working day of the month at 17:00")
    assert box.meaning.isVisible() and box.use_button.isEnabled()
    assert "last working day" in box.meaning.text() and "Next:" in box.meaning.text()
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert dialog.kind_buttons["calendar"].isChecked()
    assert dialog.calendar_editor.preset() == "nth_workday"
    qtbot.waitUntil(lambda: "last working day" in dialog.description_label.text(), timeout=2000)


@pytest.mark.parametrize("text", TEXTS)
def test_each_form_lands_in_the_editor_as_the_same_spec(qtbot, dialog, text):
    box = dialog.typed_rule
    before = wall_now()
    box.edit.setText(text)
    after = wall_now()
    spec = box.spec
    assert spec is not None, box.error.text()
    # "tomorrow" is the reminder's zone's tomorrow (not the machine's); the editor read the
    # clock between ``before`` and ``after``, which may straddle a midnight
    expected = [parse_rule(text, ZONE, now) for now in (before, after)]
    if isinstance(spec, IntervalSpec):
        expected = [replace(e, start=spec.start) for e in expected]  # the start: next minute
    assert spec in expected
    qtbot.mouseClick(box.use_button, Qt.MouseButton.LeftButton)
    kind = {OnceSpec: "once", IntervalSpec: "interval"}.get(type(spec), "calendar")
    assert dialog.kind_buttons[kind].isChecked()
    assert dialog.editors[kind].spec(ZONE) == spec


def test_nonsense_is_pointed_at_and_cannot_be_used(qtbot, dialog):
    box = dialog.typed_rule
    qtbot.keyClicks(box.edit, "every day at noonish")
    assert not box.use_button.isEnabled() and not box.meaning.isVisible()
    assert "<u><b>noonish</b></u>" in box.error.text()
    assert "noonish" in box.error.text() and "9:30" in box.error.text()
