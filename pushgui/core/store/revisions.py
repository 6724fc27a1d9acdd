"""The migration scripts' revisions, read without importing Alembic or SQLAlchemy.

Opening an up-to-date database (and ``pushgui list``) only needs to know the head revision:
reading it from the scripts' ``revision`` / ``down_revision`` lines costs a few
milliseconds, importing Alembic's machinery a few hundred.
"""

from __future__ import annotations

import ast
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


def script_revisions(migrations: Path = MIGRATIONS) -> tuple[str, set[str]]:
    """The head revision and every known revision of the migration scripts.

    Read from each script's module-level ``revision`` and ``down_revision`` literals, as
    Alembic's own script template writes them; when a script is written differently (or
    the scripts have several heads), Alembic's ``ScriptDirectory`` answers instead.
    """
    parents: dict[str, tuple[str, ...]] = {}
    try:
        for script in sorted((migrations / "versions").glob("*.py")):
            values = _literal_assignments(script, {"revision", "down_revision"})
            if "revision" not in values:
                continue  # not a migration (e.g. __init__.py)
            revision, down = values["revision"], values.get("down_revision")
            if not isinstance(revision, str):
                raise ValueError(script.name)
            if down is None:
                parents[revision] = ()
            elif isinstance(down, str):
                parents[revision] = (down,)
            elif isinstance(down, tuple | list) and all(isinstance(d, str) for d in down):
                parents[revision] = tuple(down)
            else:
                raise ValueError(script.name)
    except (OSError, SyntaxError, ValueError, SystemError):
        # SystemError: CPython 3.11's parser can raise "AST constructor recursion depth
        # mismatch" when two threads parse at once (two databases opened together).
        return _alembic_revisions(migrations)
    referenced = {parent for down in parents.values() for parent in down}
    heads = set(parents) - referenced
    if len(heads) != 1:
        return _alembic_revisions(migrations)
    return heads.pop(), set(parents)


def _literal_assignments(script: Path, names: set[str]) -> dict[str, object]:
    tree = ast.parse(script.read_text(encoding="utf-8"), str(script))
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in names:
            found[target.id] = ast.literal_eval(value)
    return found


def _alembic_revisions(migrations: Path) -> tuple[str, set[str]]:
    from alembic.script import ScriptDirectory

    from pushgui.core.store.db import _alembic_config

    script = ScriptDirectory.from_config(_alembic_config(None, migrations))
    head = script.get_current_head()
    assert head is not None
    return head, {rev.revision for rev in script.walk_revisions()}
