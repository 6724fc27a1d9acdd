"""Command line: start the GUI (default), run headless, or list, export and import pushes.

Only the standard library and pushgui's light modules are imported here: ``--version`` and
``--help`` answer at once, and each command imports what it needs (the database layer for
``list``, Qt for the window) when it runs. ``tests/test_cli_imports.py`` holds this.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pushgui import __version__, channel_cli, server_cli
from pushgui.core.errors import SpecError
from pushgui.core.system.paths import Locations, ensure_private_dir, locate

if TYPE_CHECKING:
    from pushgui.core.pushes.service import PushService
    from pushgui.core.store.peek import StoredPush

EXIT_USAGE = 2
EXIT_STORE = 4
EXIT_IMPORT = 5


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pushgui",
        description="Compose a message, choose who gets it and when; pushgui delivers it "
        "on time. Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"pushgui {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for everything pushgui writes (default: PUSHGUI_HOME, else the "
        "platform's data folder)",
    )
    parser.add_argument(
        "--minimized", action="store_true", help="start in the system tray, without a window"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("list", help="list reminders: name, schedule, next run, enabled")
    export = commands.add_parser("export", help="write all reminders to a JSON file")
    export.add_argument("file", type=Path)
    imp = commands.add_parser("import", help="add the reminders of a JSON file (all or nothing)")
    imp.add_argument("file", type=Path)
    run = commands.add_parser("run", help="run the scheduler")
    run.add_argument(
        "--headless", action="store_true", help="no window: deliveries only, logs to stderr"
    )
    server_cli.add_commands(commands)  # serve, status, health: the team server (docs/TEAM.md)
    channel_cli.add_commands(commands)  # channel add|edit|test|list|remove, on the server
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if os.name == "posix":
        # Every file pushgui (and SQLite, Qt) creates is its user's alone (docs/RELIABILITY.md).
        os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    locations = locate(args.data_dir)
    try:
        ensure_private_dir(locations.data)
    except OSError as exc:
        print(
            f"pushgui: cannot use {locations.data} as the data folder: "
            f"{exc.strerror or exc}. Choose a folder with --data-dir.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    level = logging.DEBUG if args.verbose else logging.INFO

    if args.command == "run":
        if not args.headless:
            parser.error("'run' needs --headless; start the window with plain 'pushgui'")
        from pushgui.app import configure_logging, run_headless

        configure_logging(locations, to_stderr=True, level=level)
        return _guard(lambda: run_headless(locations))
    if args.command in {"serve", "status", "health"}:
        return _guard(lambda: server_cli.run(args, locations, level))
    if args.command == "channel":
        return _guard(lambda: channel_cli.run(args, locations))
    if args.command in {"list", "export", "import"}:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
        command = {"list": _list, "export": _export, "import": _import}[args.command]
        return _guard(lambda: command(locations, args))

    from pushgui.app import configure_logging, run_gui

    configure_logging(locations, to_stderr=args.verbose, level=level)
    return _guard(lambda: run_gui(locations, minimized=args.minimized))


def _guard(action: object) -> int:
    from pushgui.core.store.errors import StoreError

    try:
        return int(action())  # type: ignore[operator]
    except StoreError as exc:
        print(f"pushgui: {exc}", file=sys.stderr)
        return EXIT_STORE


def _service(locations: Locations) -> PushService:
    from pushgui.core.pushes.service import PushService
    from pushgui.core.store.db import open_database

    service = PushService(open_database(locations.data))
    service.set_aside_damaged()  # one unreadable push must not stop list, export or import
    return service


def _list(locations: Locations, _args: argparse.Namespace) -> int:
    # Read-only, so it needs neither the service nor its scheduler, delivery and reconciling
    # modules (apscheduler among them): their imports cost more than reading 1,000 pushes.
    # Unreadable specs are set aside first, as _service does for every command; after that
    # each stored spec parses, and only its trigger is needed to describe it.
    import json
    from datetime import UTC, datetime

    from pushgui.core.schedule.describe import describe
    from pushgui.core.schedule.spec import trigger_from_dict
    from pushgui.core.store.peek import peek_pushes
    from pushgui.core.system.i18n import ENGLISH

    def shown(text: str) -> str:
        # A stored text never moves or recolours the terminal. str.isprintable() is False for
        # every character printable() escapes (controls, line and paragraph separators), and
        # answers at C speed; textcheck (and its email validator) loads only when needed.
        if text.isprintable():
            return text
        from pushgui.core.messages.textcheck import printable

        return printable(text)

    # Straight from sqlite3 when the file is sound and current; otherwise opened properly
    # (recovered, migrated, unreadable pushes set aside), as every other command does.
    stored = peek_pushes(locations.data)
    if stored is None:
        stored = _read_opened(locations)
    pushes = [(p.id, p.name, p.spec_json, p.enabled) for p in stored]
    next_runs = {p.id: p.next_run for p in stored if p.next_run is not None}
    if not pushes:
        print("No reminders yet.")
        return 0
    table = [("ID", "NAME", "SCHEDULE", "NEXT RUN", "ENABLED")]
    for push_id, name, spec_text, enabled in pushes:
        stamp = next_runs.get(push_id)
        next_run = (
            datetime.fromtimestamp(stamp, UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
            if stamp is not None
            else "-"
        )
        trigger = trigger_from_dict(json.loads(spec_text)["trigger"])
        table.append(
            (
                str(push_id),
                shown(name),
                shown(describe(trigger, ENGLISH)),
                next_run,
                "yes" if enabled else "no",
            )
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    for r in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    return 0


def _read_opened(locations: Locations) -> list[StoredPush]:
    from pushgui.core.pushes.damaged import set_aside_damaged
    from pushgui.core.runs.jobs import NEXT_RUNS_SQL
    from pushgui.core.store.db import open_database
    from pushgui.core.store.peek import StoredPush

    db = open_database(locations.data)
    try:
        set_aside_damaged(db)  # one unreadable push must not stop the list
        with db.engine.connect() as connection:
            pushes = connection.exec_driver_sql(
                "SELECT id, name, spec, enabled FROM pushes ORDER BY id"
            ).all()
            next_runs: dict[str, float] = dict(connection.exec_driver_sql(NEXT_RUNS_SQL).all())
    finally:
        db.close()
    return [
        StoredPush(int(i), name, spec, bool(enabled), next_runs.get(str(i)))
        for i, name, spec, enabled in pushes
    ]


def _export(locations: Locations, args: argparse.Namespace) -> int:
    from pushgui.core.schedule import own_days
    from pushgui.core.store.settings import SettingsStore
    from pushgui.core.transfer.bundle import collect
    from pushgui.core.transfer.document import write_export

    service = _service(locations)
    specs = service.all_specs()
    kept = own_days.to_dict(own_days.load(SettingsStore(service.db)))
    try:
        write_export(
            args.file,
            specs,
            damaged=service.damaged(),
            tables=collect(service.db),
            own_days=kept,  # the company's own days travel too, as from the window
        )
    except OSError as exc:
        print(f"pushgui: cannot write {args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_IMPORT
    print(f"Exported {len(specs)} reminder{'' if len(specs) == 1 else 's'} to {args.file}.")
    return 0


def _import(locations: Locations, args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from pushgui.core.schedule import own_days
    from pushgui.core.store.settings import SettingsStore
    from pushgui.core.system.files import read_regular_file
    from pushgui.core.transfer.document import MAX_FILE_BYTES, read_import_file

    try:
        imported = read_import_file(args.file)
        incoming = own_days.from_document(read_regular_file(args.file, MAX_FILE_BYTES))
        service = _service(locations)
        settings = SettingsStore(service.db)
        # Checked before anything is saved: days that contradict the kept ones import nothing.
        merged = own_days.merge(own_days.load(settings), incoming) if incoming else None
        ids, plan = service.import_file(imported, now=datetime.now().astimezone())
        if merged is not None:
            own_days.save(settings, merged)
    except SpecError as exc:
        print(f"pushgui: nothing was imported from {args.file}:", file=sys.stderr)
        _print_problems([str(error) for error in exc.errors])
        return EXIT_IMPORT
    except (OSError, SQLAlchemyError) as exc:
        reason = getattr(exc, "orig", None) or getattr(exc, "strerror", None) or exc
        print(
            f"pushgui: nothing was imported from {args.file}: the data folder could not be "
            f"written ({reason}). Free some disk space or check the folder, then import again.",
            file=sys.stderr,
        )
        return EXIT_IMPORT
    print(f"Imported {len(ids)} reminder{'' if len(ids) == 1 else 's'} from {args.file}.")
    for line in plan.summary():
        print(line)
    if merged is not None and incoming is not None:
        off, work = len(incoming.days_off), len(incoming.working_days)
        print(
            f"Own days merged: {off} day{'' if off == 1 else 's'} off, "
            f"{work} working day{'' if work == 1 else 's'}."
        )
    from pushgui.engine.single_instance import send_to_running

    if send_to_running(locations.data, "reconcile"):
        print("The running pushgui has scheduled them.")
    else:
        print("They will be scheduled when pushgui starts.")
    return 0


MAX_PROBLEMS_SHOWN = 20


def _print_problems(problems: Sequence[str]) -> None:
    """The first problems, one a line, then how many more (a file may have 100,000)."""
    from pushgui.core.messages.textcheck import printable

    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"  {printable(problem)}", file=sys.stderr)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more problems", file=sys.stderr)
