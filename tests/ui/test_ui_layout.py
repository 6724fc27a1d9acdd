"""How pushgui/ui is kept: every table set up by the one shared helper, and shared widgets
imported from ui/widgets. (The size of every module, ui included, is held by
tests/test_module_size.py.)"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "pushgui" / "ui"


def modules() -> list[Path]:
    return sorted(UI.rglob("*.py"))


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
