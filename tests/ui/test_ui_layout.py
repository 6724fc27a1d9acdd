"""How pushgui/ui is kept: modules about one concept, none much over 400 lines without saying
why in its docstring, and every table set up by the one shared helper."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "pushgui" / "ui"
LIMIT = 420  # "about 400"
# Other branches of issue 13 own these; they are split there (see docs/ARCHITECTURE.md).
OWNED_ELSEWHERE = {"channel_form.py", "channels_window.py", "shell.py"}


def modules() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p.name not in OWNED_ELSEWHERE)


def test_a_long_ui_module_says_why_in_its_docstring():
    unexplained = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= LIMIT:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if not re.search(r"\blines\b|\blonger\b", doc):
            unexplained.append(f"{path.relative_to(UI)}: {text.count(chr(10))} lines")
    assert unexplained == []


def test_every_table_is_set_up_by_make_table():
    own = UI / "widgets" / "tables.py"
    built_by_hand = [
        str(path.relative_to(UI))
        for path in modules()
        if path != own and "QTableView(" in path.read_text(encoding="utf-8")
    ]
    assert built_by_hand == []


def test_shared_widgets_are_imported_from_widgets_not_from_an_editor():
    """ErrorLabel and friends once lived in the trigger editors' base module, so fourteen
    unrelated windows imported an editor to get them."""
    offenders = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "pushgui.ui.editor.triggers.base"
            ):
                names = {alias.name for alias in node.names} - {"TriggerEditor"}
                if names:
                    offenders.append(f"{path.relative_to(UI)}: {sorted(names)}")
    assert offenders == []
