"""No module in core or engine keeps process-wide mutable state (docs/ARCHITECTURE.md,
"Composition root").

What is shared is built by ``pushgui/app.py`` and handed in (the database, the secret store,
the books, the scheduler, the ``JobContext`` of the job functions). A module may hold a
registry filled when it is imported, named in :data:`ALLOWED` with the reason it is
allowed; nothing a running app rebinds or fills later. The checks:

- no ``global`` statement in any module;
- after importing every module, no module-level name assigned in that module holds a
  mutable object or a cache over inputs, unless it is allowed;
- no module of pushgui sets an attribute of a core or engine module (``i18n.translator =
  ...``: state installed from outside, which the two checks above would not see);
- a name in UPPER_CASE is a constant table (a dict of rate limits, a set of error codes):
  it may be a plain dict or set, but nothing anywhere in pushgui mutates it (checked in
  the source: no ``NAME[...] = ...``, ``del NAME[...]`` or ``NAME.append/add/update/...``).
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import enum
import functools
import importlib
import logging
import pkgutil
import re
import types
import typing
from decimal import Decimal
from pathlib import Path, PurePath
from zoneinfo import ZoneInfo

import pytest

import pushgui

ROOT = Path(pushgui.__file__).parent
PACKAGES = ("core", "engine")

#: Module-level objects that are allowed, each with why. Everything else mutable fails.
ALLOWED: dict[str, str] = {
    "pushgui.core.channels.kind._kinds": (
        "the channel kinds, a registry each kind module fills once while it is imported"
    ),
    "pushgui.core.channels.transport.SYSTEM_TRUST": (
        "the verifying TLS context, built once when the module is imported, never changed"
    ),
    "pushgui.core.schedule.typed._FORMS": (
        "the typed-rule forms, a registry its decorator fills while the module is imported"
    ),
    "pushgui.core.store.models.jobs_table": (
        "APScheduler's table declared for SQLAlchemy, fixed at import like the ORM classes"
    ),
    "pushgui.core.system.preferences._MISSING": "a sentinel object: its identity is all it has",
    "pushgui.core.schedule.zones._all_timezones": (
        "a cache without inputs: the zone names of the installed tz database"
    ),
    "pushgui.core.schedule.workdays.library_data": (
        "a cache without inputs: the installed holiday libraries' data (the app's own days "
        "are in the Calendars object the composition root hands in)"
    ),
    "pushgui.core.schedule.workdays._country_year": (
        "a cache over (country, year) of the installed holidays library's days"
    ),
    "pushgui.core.schedule.zones._known": (
        "a cache over a zone name, of whether the installed tz database has it"
    ),
}

_MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "add",
        "update",
        "setdefault",
        "pop",
        "popitem",
        "clear",
        "remove",
        "discard",
        "sort",
        "reverse",
        "__setitem__",
        "__delitem__",
    }
)

_IMMUTABLE = (
    type(None),
    bool,
    int,
    float,
    complex,
    str,
    bytes,
    Decimal,
    range,
    dt.date,
    dt.time,
    dt.timedelta,
    dt.tzinfo,
    ZoneInfo,
    PurePath,
    re.Pattern,
    types.MappingProxyType,
    enum.Enum,
    logging.Logger,
    typing.TypeVar,
)


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        path = ROOT / package
        prefix = f"pushgui.{package}."
        for info in pkgutil.walk_packages([str(path)], prefix):
            if ".migrations" in info.name:
                continue  # Alembic scripts, loaded by Alembic from their files
            names.append(info.name)
        names.append(f"pushgui.{package}")
    return sorted(names)


def _source(name: str) -> Path:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    return Path(module.__file__)


def _assigned_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level by assignment (not imports, defs or classes)."""
    names: set[str] = set()
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
    return names


def _cached_functions(tree: ast.Module) -> set[str]:
    """Top-level functions wrapped in a cache (``functools.cache``/``lru_cache``)."""
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                text = ast.unparse(decorator)
                if "lru_cache" in text or re.search(r"\bcache\b", text):
                    found.add(node.name)
    return found


def _immutable(value: object, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if isinstance(value, _IMMUTABLE):
        return True
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType, types.ModuleType)):
        return True
    if type(value).__module__ in ("typing", "typing_extensions", "types", "collections.abc"):
        return True  # Literal[...], unions, Callable[...]: type expressions
    if isinstance(value, (tuple, frozenset)):
        return all(_immutable(item, depth + 1) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        params = getattr(type(value), "__dataclass_params__", None)
        return bool(params and params.frozen) and all(
            _immutable(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)
        )
    if isinstance(value, functools.partial):
        return _immutable(value.func) and _immutable(value.args, depth + 1)
    return False


def _constant(attr: str) -> bool:
    return attr.lstrip("_").isupper()


def _mutations(trees: dict[str, ast.Module], names: set[str]) -> list[str]:
    """Where any of ``names`` (constants) is mutated, in any module of pushgui."""
    found = []

    def named(node: ast.expr) -> str | None:
        if isinstance(node, ast.Name) and node.id in names:
            return node.id
        if isinstance(node, ast.Attribute) and node.attr in names:
            return node.attr
        return None

    for module, tree in trees.items():
        for node in ast.walk(tree):
            target = None
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = (
                    node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                )
                for sub in targets:
                    if isinstance(sub, ast.Subscript):
                        target = target or named(sub.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _MUTATORS
            ):
                target = named(node.func.value)
            if target is not None:
                found.append(f"{module}:{node.lineno}: {target} is a constant but is changed")
    return found


def _global_statements(name: str, tree: ast.Module) -> list[str]:
    return [
        f"{name}:{node.lineno}: global {', '.join(node.names)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Global)
    ]


def _is_module(name: str) -> bool:
    path = ROOT.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _rebindings(trees: dict[str, ast.Module]) -> list[str]:
    """Where a module of pushgui sets an attribute of a core or engine module it imported
    (``from pushgui.core.system import i18n; i18n.translator = ...``, or ``setattr``)."""
    found = []
    inside = tuple(f"pushgui.{package}" for package in PACKAGES)
    for path, tree in trees.items():
        modules: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(inside):
                        modules.add(alias.asname or alias.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                ("pushgui.core", "pushgui.engine", "pushgui")
            ):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if full.startswith(inside) and _is_module(full):
                        modules.add(alias.asname or alias.name)
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, (ast.Assign, ast.Delete)):
                targets = list(node.targets)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("setattr", "delattr")
                and node.args
            ):
                targets = [ast.Attribute(value=node.args[0], attr="?")]
            for target in targets:
                base = target
                while isinstance(base, ast.Attribute) and isinstance(base.value, ast.Attribute):
                    base = base.value
                if (
                    isinstance(base, ast.Attribute)
                    and isinstance(base.value, ast.Name)
                    and base.value.id in modules
                ):
                    found.append(
                        f"{path}:{node.lineno}: sets {ast.unparse(target)} of a core module"
                    )
    return found


def module_state() -> list[str]:
    """Every module-level binding in core and engine that holds mutable state."""
    problems: list[str] = []
    trees = {name: ast.parse(_source(name).read_text(encoding="utf-8")) for name in _modules()}
    constants: set[str] = set()
    for name, tree in trees.items():
        problems.extend(_global_statements(name, tree))
        module = importlib.import_module(name)
        for attr in sorted(_assigned_names(tree)):
            key = f"{name}.{attr}"
            if key in ALLOWED or attr in ("__all__", "__slots__"):
                continue  # a registry filled at import (its decorator or loop changes it)
            value = getattr(module, attr, None)
            if _immutable(value):
                continue
            if _constant(attr) and isinstance(value, (dict, set, list, tuple)):
                constants.add(attr)  # a constant table: checked below that nothing changes it
                continue
            problems.append(f"{key}: {type(value).__name__}")
        for attr in sorted(_cached_functions(tree)):
            key = f"{name}.{attr}"
            if key not in ALLOWED:
                problems.append(f"{key}: a cache at module level")
    sources = {
        str(path.relative_to(ROOT.parent)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(ROOT.rglob("*.py"))
    }
    problems.extend(_mutations(sources, constants))
    problems.extend(_rebindings(sources))
    return problems


def test_core_and_engine_keep_no_module_level_mutable_state():
    assert module_state() == []


@pytest.mark.parametrize("key", sorted(ALLOWED))
def test_each_listed_name_still_exists(key):
    """A listed name that no longer exists is removed from the list with it."""
    module_name, _dot, attr = key.rpartition(".")
    module = importlib.import_module(module_name)
    assert hasattr(module, attr), f"{key} is allowed but no longer exists"


def test_opening_a_database_changes_nothing_but_the_data_folder(data_dir, tmp_path):
    """``open_database`` returns the database and binds nothing: two open side by side."""
    from pushgui.core.store import db as db_module
    from pushgui.core.store.db import open_database

    before = dict(vars(db_module))
    first = open_database(data_dir)
    other = tmp_path / "other"
    second = open_database(other)
    try:
        assert dict(vars(db_module)) == before
        assert (first.path.parent, second.path.parent) == (data_dir, other)
    finally:
        first.close()
        second.close()


# The translator core once kept (``_installed``, set by ``install()`` from the window): each way
# of bringing it back is caught. Core text is rendered with a Language handed in instead.
_TRANSLATOR_BACK = {
    "a global rebound by a function": (
        "_translator = None\n"
        "def install(translator):\n"
        "    global _translator\n"
        "    _translator = translator\n"
    ),
    "set on the module from outside": (
        "from pushgui.core.system import i18n\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "i18n.translator = QCoreApplication.translate\n"
    ),
    "setattr on the module": (
        "import pushgui.core.system.i18n\nsetattr(pushgui.core.system.i18n, 'translator', print)\n"
    ),
}


@pytest.mark.parametrize("how", sorted(_TRANSLATOR_BACK))
def test_a_translator_installed_process_wide_is_caught(how):
    tree = ast.parse(_TRANSLATOR_BACK[how])
    found = _global_statements("pushgui.core.system.i18n", tree) + _rebindings({"ui.py": tree})
    assert found, how


def test_a_record_of_the_installed_translator_is_mutable_state():
    """``_installed = _Installed(translator, language)`` (a plain object with a table cache)
    is reported unless it is allowed."""

    class _Installed:
        def __init__(self) -> None:
            self.translator = None
            self.tables: dict[str, object] = {}

    assert not _immutable(_Installed())
    assert "pushgui.core.system.i18n._installed" not in ALLOWED
