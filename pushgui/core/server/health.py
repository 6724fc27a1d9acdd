"""What a monitor polls on a team server (docs/TEAM.md, "Monitoring"): ``pushgui health`` and
the JSON endpoint ``pushgui serve --health-port N`` opens on 127.0.0.1.

Both read the same facts from the team database: which server is active and since when,
how many wait as standbys, when the last run started, and how late the oldest due run is
(a scheduler job whose next run time has passed: the active server has not started it
yet). The verdict follows the monitoring-plugin convention: 0 OK, 1 WARNING (a run is
late), 2 CRITICAL (no server is active, or the database cannot be read).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sqlalchemy import inspect, text

from pushgui.core.runs import jobs
from pushgui.core.server.active import ACTIVE, STANDBY, server_states
from pushgui.core.store.db import Database

log = logging.getLogger(__name__)

OK, WARNING, CRITICAL = 0, 1, 2
VERDICTS = {OK: "OK", WARNING: "WARNING", CRITICAL: "CRITICAL"}
#: A due run this many seconds late makes the verdict WARNING (``--late`` changes it).
LATE_AFTER_S = 120.0
HEALTH_PATH = "/health"


@dataclass(frozen=True)
class Health:
    """The team server's state as a monitor sees it."""

    code: int  # OK, WARNING or CRITICAL
    active: str | None  # host:pid of the active server
    active_since: datetime | None
    standbys: int
    last_run: datetime | None  # when the latest run started
    oldest_due_lag_s: float  # 0 when no run is due
    problem: str = ""  # why the code is not OK, in plain words

    @property
    def verdict(self) -> str:
        return VERDICTS[self.code]

    def line(self) -> str:
        """One line for a monitor's status text."""
        if self.active is None:
            head = f"{self.verdict}: no server is active"
        else:
            since = _stamp(self.active_since)
            head = f"{self.verdict}: active {self.active} since {since}"
        return (
            f"{head}; {self.standbys} standby; last run {_stamp(self.last_run)}; "
            f"oldest due run {self.oldest_due_lag_s:.0f} s late"
            + (f"; {self.problem}" if self.problem and self.active is not None else "")
        )

    def as_json(self, role: str | None = None) -> dict[str, Any]:
        found: dict[str, Any] = {
            "status": self.verdict.lower(),
            "active": self.active,
            "active_since": _iso(self.active_since),
            "standbys": self.standbys,
            "last_run": _iso(self.last_run),
            "oldest_due_lag_s": round(self.oldest_due_lag_s, 3),
            "problem": self.problem,
        }
        if role is not None:
            found["role"] = role
        return found


def _stamp(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else "never"


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def read_health(db: Database, now: datetime, late_after_s: float = LATE_AFTER_S) -> Health:
    """The health of the team database ``db`` at ``now`` (aware)."""
    states = server_states(db)
    active = next((s for s in states if s.role == ACTIVE), None)
    standbys = sum(1 for s in states if s.role == STANDBY)
    last_run: datetime | None = None
    with db.engine.connect() as connection:
        if inspect(connection).has_table("runs"):
            last_run = connection.execute(text("SELECT max(started_at) FROM runs")).scalar()
        oldest_due = jobs.oldest_due(connection, now.timestamp())
    if last_run is not None and last_run.tzinfo is None:
        last_run = last_run.replace(tzinfo=UTC)  # stored in UTC
    lag = max(now.timestamp() - oldest_due, 0.0) if oldest_due is not None else 0.0
    if active is None:
        code, problem = CRITICAL, "no reminder is sent until a server is active"
    elif lag >= late_after_s:
        code, problem = WARNING, f"a due run is more than {late_after_s:.0f} s late"
    else:
        code, problem = OK, ""
    since = active.since if active is not None else None
    name = active.name if active is not None else None
    return Health(code, name, since, standbys, last_run, lag, problem)


class HealthEndpoint:
    """``GET /health`` on 127.0.0.1: this server's role and :func:`read_health` as JSON.

    HTTP 200 when this server is doing its part (the active one with verdict OK or
    WARNING, a standby while another server is active), else 503. Served from its own
    thread; each request reads the database afresh.
    """

    def __init__(self, db: Database, port: int, role: Callable[[], str]) -> None:
        self.db = db
        self._role = role
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.split("?")[0] not in (HEALTH_PATH, "/"):
                    self._answer(404, {"error": f"not found; ask {HEALTH_PATH}"})
                    return
                status, body = endpoint.answer()
                self._answer(status, body)

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass  # a monitor polling every few seconds would fill the log

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="health", daemon=True)

    def answer(self) -> tuple[int, dict[str, Any]]:
        role = self._role()
        try:
            health = read_health(self.db, datetime.now(UTC))
        except Exception as exc:  # the database is unreachable: that is the answer
            log.warning("Health: cannot read the team database (%s)", exc)
            first = str(exc).strip().splitlines()
            reason = first[0] if first else type(exc).__name__
            return 503, {"status": "critical", "role": role, "problem": reason}
        doing_its_part = health.active is not None and health.code != CRITICAL
        return (200 if doing_its_part else 503), health.as_json(role)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
