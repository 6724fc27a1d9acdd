"""The team server's commands, ``serve``, ``status`` and ``health`` (docs/TEAM.md); the
``channel`` commands are ``channel_cli.py``.

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
CREDENTIALS_ENV = "PUSHGUI_CREDENTIALS"  # the same name as core/server/credentials.py's
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
    add_credentials_option(serve)
    serve.add_argument(
        "--health-port",
        metavar="PORT",
        type=_port,
        help="answer GET /health on 127.0.0.1:PORT with this server's state as JSON "
        "(HTTP 200, or 503 when it is not doing its part); 0 picks a free port",
    )
    status = commands.add_parser(
        "status",
        help="show the team server that is active and the standbys, with since when; exits "
        "with 1 when none is active",
    )
    status.add_argument("--database", metavar="URL", help=address_help)
    health = commands.add_parser(
        "health",
        help="one line for a monitor: OK (exit 0), WARNING (1: a due run is late) or "
        "CRITICAL (2: no server is active, or the database cannot be read)",
    )
    health.add_argument("--database", metavar="URL", help=address_help)
    health.add_argument(
        "--late",
        metavar="SECONDS",
        type=_seconds,
        default=120.0,
        help="how late the oldest due run may be before WARNING (default 120)",
    )


def add_credentials_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--credentials",
        metavar="FILE",
        help="keep the channels' secrets in FILE (mode 0600) instead of the OS keyring "
        f"(default: {CREDENTIALS_ENV})",
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535)")
    return port


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < seconds < 10**7:
        raise argparse.ArgumentTypeError("give a number of seconds above 0")
    return seconds


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
    """Run ``serve``, ``status`` or ``health``; StoreError is left to the caller's guard."""
    address = _address(args)
    if address is None:
        return EXIT_USAGE
    if args.command == "serve":
        from pushgui.app import configure_logging
        from pushgui.core.server.credentials import credentials_path
        from pushgui.serve import serve

        configure_logging(locations, to_stderr=True, level=level)
        credentials = credentials_path(args.credentials)
        return serve(locations, address, credentials, args.health_port)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command == "health":
        return health(locations, address, args.late)
    return status(locations, address)


def health(locations: Locations, address: str, late_after_s: float) -> int:
    """Print one line and exit with the monitoring-plugin code (core/server/health.py)."""
    from datetime import UTC

    from pushgui.core.server.health import CRITICAL, read_health
    from pushgui.core.store.errors import StoreError
    from pushgui.core.store.server import connect_server_database

    try:
        db = connect_server_database(address, locations.data)  # a monitor never migrates it
    except StoreError as exc:
        print(f"CRITICAL: {exc}")
        return CRITICAL
    try:
        found = read_health(db, datetime.now(UTC), late_after_s)
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        print(f"CRITICAL: cannot read the team database: {reason[0] if reason else exc!r}")
        return CRITICAL
    finally:
        db.close()
    print(found.line())
    return found.code


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
