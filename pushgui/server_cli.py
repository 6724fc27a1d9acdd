"""The team server's commands, ``serve`` and ``status`` (docs/TEAM.md).

Imported by the command line when it builds its parser, so only the standard library is
imported at the top; each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import datetime

from pushgui.core.system.paths import Locations

DATABASE_ENV = "PUSHGUI_DATABASE"  # the same name as core/store/server.py's
EXIT_NO_ACTIVE = 1  # status: no server is active (a monitor alerts on it)
EXIT_USAGE = 2


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    address_help = (
        f"the team database, postgresql://user@host:5432/database (default: {DATABASE_ENV})"
    )
    serve = commands.add_parser(
        "serve",
        help="run the team server on a PostgreSQL database: active, or standby until the "
        "active one stops",
    )
    serve.add_argument("--database", metavar="URL", help=address_help)
    status = commands.add_parser(
        "status",
        help="show the team server that is active and the standbys, with since when; exits "
        "with 1 when none is active",
    )
    status.add_argument("--database", metavar="URL", help=address_help)


def _address(args: argparse.Namespace) -> str | None:
    address = args.database or os.environ.get(DATABASE_ENV, "")
    if not address.strip():
        print(
            f"pushgui {args.command}: give the team database with --database "
            f"postgresql://user@host:5432/database or in {DATABASE_ENV}",
            file=sys.stderr,
        )
        return None
    return str(address)


def run(args: argparse.Namespace, locations: Locations, level: int) -> int:
    """Run ``serve`` or ``status``; StoreError is left to the caller's guard."""
    address = _address(args)
    if address is None:
        return EXIT_USAGE
    if args.command == "serve":
        from pushgui.app import configure_logging
        from pushgui.serve import serve

        configure_logging(locations, to_stderr=True, level=level)
        return serve(locations, address)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    return status(locations, address)


def status(locations: Locations, address: str) -> int:
    from pushgui.core.server.active import ACTIVE, server_states
    from pushgui.core.store.server import connect_server_database, shown

    db = connect_server_database(address, locations.data)  # a monitor never migrates it
    try:
        states = server_states(db)
    finally:
        db.close()
    print(f"Team database {shown(db.url)}")
    if not states or states[0].role != ACTIVE:
        print("No server is active: no reminder is sent until one is.")
    for state in states:
        since = _local(state.since) if state.since is not None else "unknown"
        print(f"{state.role:<8} {state.name}  since {since}")
    return 0 if states and states[0].role == ACTIVE else EXIT_NO_ACTIVE


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
