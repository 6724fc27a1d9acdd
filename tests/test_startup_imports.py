"""Start-up imports only what it needs: checked in fresh processes through ``sys.modules``.

Timings live in bench/ (docs/BENCHMARKS.md); these tests hold the causes of a fast start,
which do not depend on how fast the machine is.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pushgui.core.store.db import MIGRATIONS, open_database, script_revisions
from pushgui.core.store.revisions import _alembic_revisions as alembic_revisions
from pushgui.core.system.paths import DB_FILENAME

HEAVY = ("sqlalchemy", "alembic", "apscheduler", "PySide6", "keyring", "httpx")


def loaded_after(code: str, data_dir: Path | None = None) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; which of HEAVY it imported, and what it printed."""
    body = textwrap.indent(textwrap.dedent(code).strip(), "    ")
    probe = (
        "import contextlib, io, json, sys\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"{body}\n"
        f"heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        'print(json.dumps({"loaded": heavy, "out": out.getvalue()}))\n'
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if data_dir is not None:
        env["PUSHGUI_HOME"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_importing_the_command_line_loads_no_database_scheduler_or_qt():
    assert loaded_after("import pushgui.cli")["loaded"] == []


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_answer_without_loading_the_heavy_libraries(option):
    result = loaded_after(
        f"""
        from pushgui.cli import main
        try:
            main([{option!r}])
        except SystemExit as exit:
            assert exit.code == 0, exit.code
        """
    )
    assert result["loaded"] == []
    assert "pushgui" in str(result["out"])


def test_list_of_a_sound_current_file_reads_it_with_sqlite3_alone(data_dir):
    open_database(data_dir).close()  # created and migrated: no migration is due any more
    result = loaded_after(
        """
        from pushgui.cli import main
        assert main(["list"]) == 0
        """,
        data_dir,
    )
    assert "sqlalchemy" not in result["loaded"]  # a third of a second of list's half second
    assert "alembic" not in result["loaded"]
    assert "PySide6" not in result["loaded"]
    assert result["out"] == "No reminders yet.\n"


def _store_push(data_dir: Path, name: str) -> None:
    """One push saved as the window saves it, then renamed in the file as another program
    could (validation refuses control characters, the list must still never print them)."""
    from pushgui.core.pushes.service import PushService
    from pushgui.core.pushes.spec import Message, PushSpec
    from pushgui.core.schedule.spec import CalendarSpec

    db = open_database(data_dir)
    try:
        spec = PushSpec(
            name="Rent", message=Message("Rent", "Pay it"), trigger=CalendarSpec(timezone="UTC")
        )
        (push_id,) = PushService(db).save_new([spec])
    finally:
        db.close()
    with sqlite3.connect(data_dir / DB_FILENAME) as connection:
        connection.execute("UPDATE pushes SET name = ? WHERE id = ?", (name, push_id))


def test_list_reads_without_the_service_scheduler_or_address_checks(data_dir):
    """``list`` is read-only: the service's scheduler, delivery and reconciling modules, and
    the email validator behind textcheck, cost more to import than reading 1,000 pushes."""
    _store_push(data_dir, "Rent")
    result = loaded_after(
        """
        import sys
        from pushgui.cli import main
        assert main(["list"]) == 0
        light = ("pushgui.core.pushes.service", "pushgui.core.runs.runner", "email_validator")
        print("loaded:" + ",".join(m for m in light if m in sys.modules))
        """,
        data_dir,
    )
    lines = str(result["out"]).splitlines()
    assert lines[0].split() == ["ID", "NAME", "SCHEDULE", "NEXT", "RUN", "ENABLED"]
    assert lines[1].split()[:2] == ["1", "Rent"]
    assert lines[-1] == "loaded:"


def test_list_of_a_file_without_a_database_yet_or_with_a_damaged_push_opens_it_properly(
    data_dir,
):
    """The sqlite3 shortcut steps aside: a missing file is created, a damaged push is set
    aside (and listed as such) exactly as every other command does."""
    from pushgui.cli import main

    assert main(["list"]) == 0  # no file yet: created through open_database
    assert (data_dir / "pushgui.sqlite3").is_file()
    _store_push(data_dir, "Rent")
    import sqlite3

    with sqlite3.connect(data_dir / "pushgui.sqlite3") as connection:
        connection.execute("UPDATE pushes SET spec = CAST(X'7B22ff' AS BLOB) WHERE id = 1")
    result = loaded_after(
        """
        from pushgui.cli import main
        assert main(["list"]) == 0
        """,
        data_dir,
    )
    assert "Rent (damaged)" in str(result["out"])
    assert "sqlalchemy" in result["loaded"]


def test_list_prints_control_characters_in_a_stored_name_as_escapes(data_dir):
    _store_push(data_dir, "Rent\x1b[2J\u2028due")
    result = loaded_after(
        """
        from pushgui.cli import main
        assert main(["list"]) == 0
        """,
        data_dir,
    )
    out = str(result["out"])
    assert "\x1b" not in out and "\u2028" not in out
    assert "Rent\\x1b[2J\\u2028due" in out


def test_opening_an_up_to_date_database_does_not_import_alembic(data_dir):
    open_database(data_dir).close()
    result = loaded_after(
        """
        from pushgui.core.system.paths import locate
        from pushgui.core.store.db import open_database
        open_database(locate().data).close()
        """,
        data_dir,
    )
    assert "alembic" not in result["loaded"]


def test_the_revisions_read_from_the_scripts_are_alembics_own():
    assert script_revisions() == alembic_revisions(MIGRATIONS)
    head, known = script_revisions()
    assert head in known and len(known) >= 3


def test_databases_opened_together_read_the_revisions_even_when_the_parser_fails(monkeypatch):
    """CPython 3.11's parser can raise SystemError ("AST constructor recursion depth
    mismatch") when two threads parse at once, as two databases opened together do (seen
    in tests/server/test_migrations.py under load); the revisions are then read the slow
    way, never lost."""
    import ast

    parse = ast.parse
    calls = []

    def parse_failing_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise SystemError("AST constructor recursion depth mismatch (before=30, after=25)")
        return parse(*args, **kwargs)

    monkeypatch.setattr(ast, "parse", parse_failing_once)
    assert script_revisions() == alembic_revisions(MIGRATIONS)
    assert calls


def copy_with(tmp_path: Path, name: str, text: str) -> Path:
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, migrations)
    (migrations / "versions" / name).write_text(text, encoding="utf-8")
    return migrations


def test_a_new_migration_is_the_head_and_a_database_at_the_old_head_is_migrated(data_dir, tmp_path):
    old_head, _known = script_revisions()
    open_database(data_dir).close()
    migrations = copy_with(
        tmp_path,
        "0099_note.py",
        f'''"""A test migration."""
import sqlalchemy as sa
from alembic import op

revision: str = "0099_note"
down_revision: str | None = {old_head!r}


def upgrade():
    op.add_column("settings", sa.Column("note", sa.Text(), nullable=True))
''',
    )
    assert script_revisions(migrations) == alembic_revisions(migrations)
    assert script_revisions(migrations)[0] == "0099_note"
    db = open_database(data_dir, migrations=migrations)
    with db.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    db.close()
    assert stored == "0099_note"


def test_a_script_whose_revision_is_not_a_literal_is_read_by_alembic(tmp_path):
    old_head, _known = script_revisions()
    migrations = copy_with(
        tmp_path,
        "0099_computed.py",
        f'''"""A migration whose ids are computed."""
revision = "0099" + "_computed"
down_revision = {old_head!r}


def upgrade():
    pass
''',
    )
    assert script_revisions(migrations) == alembic_revisions(migrations)
    assert script_revisions(migrations)[0] == "0099_computed"
