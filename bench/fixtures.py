"""Data folders, pushes and a local HTTP endpoint shared by the benchmarks.

Everything here goes through pushgui's own service and store (no hand-written SQL), so a
data folder made for a benchmark is one the app could have written itself.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, PushSpec, Target
from pushgui.core.schedule.spec import CalendarSpec, IntervalSpec, OnceSpec
from pushgui.core.store.db import open_database
from pushgui.core.store.settings import SettingsStore
from pushgui.core.system.secrets import SECRETS_MODE_KEY, PlainFileSecrets

ZONE = "UTC"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
# What the endpoint reads to know which push a request belongs to.
BODY_TEMPLATE = '{"push": "${push}", "title": "${title}", "body": "${body}"}'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def varied_specs(count: int, now: datetime | None = None) -> list[PushSpec]:
    """``count`` pushes of the three kinds a user makes, none due within the next hour."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    specs: list[PushSpec] = []
    for i in range(count):
        kind = i % 4
        trigger: OnceSpec | IntervalSpec | CalendarSpec
        if kind == 0:
            trigger = OnceSpec(now + timedelta(days=1 + i % 300, minutes=i % 1440), ZONE)
        elif kind == 1:
            trigger = IntervalSpec(
                every=1 + i % 12, unit="hours", start=now + timedelta(hours=2), timezone=ZONE
            )
        elif kind == 2:
            trigger = CalendarSpec(
                timezone=ZONE,
                times=(day_time(7 + i % 12, (i * 7) % 60),),
                day_rule="week_days",
                week_days=WEEKDAYS,
                start_date=(now + timedelta(days=2)).date(),
            )
        else:
            trigger = CalendarSpec(
                timezone=ZONE,
                day_rule="nth_weekday",
                nth=1 + i % 4,
                nth_weekday=WEEKDAYS[i % 5],
                start_date=(now + timedelta(days=2)).date(),
            )
        specs.append(
            PushSpec(
                name=f"Reminder {i:05d} {('water', 'standup', 'invoice', 'backup')[kind]}",
                message=Message(f"Time for item {i}", "Please have a look."),
                trigger=trigger,
            )
        )
    return specs


def populate(folder: Path, specs: Sequence[PushSpec]) -> list[int]:
    """Save ``specs`` in one transaction; their jobs are made by the next start's reconcile."""
    database = open_database(folder)
    try:
        return PushService(database).save_new(specs)
    finally:
        database.close()


def reconcile_once(folder: Path) -> None:
    """Start and stop a paused runtime, so every push has its job (as after a first start).

    Needs a ``QCoreApplication``.
    """
    from pushgui.app import start_runtime
    from pushgui.core.system.paths import locate

    runtime = start_runtime(locate(folder), paused=True)
    runtime.stop()


def add_webhook_channel(folder: Path, url: str) -> int:
    """A generic JSON webhook channel; its secret URL goes to the plain-file store."""
    database = open_database(folder)
    try:
        SettingsStore(database).set(SECRETS_MODE_KEY, "file")
        return ChannelBook(database, PlainFileSecrets(folder)).save(
            "Bench endpoint", WebhookConfig(url=url, body_template=BODY_TEMPLATE)
        )
    finally:
        database.close()


def webhook_spec(name: str, at: datetime, channel_id: int) -> PushSpec:
    """A one-off push at ``at`` (aware, whole second) to the webhook channel."""
    wall = at.astimezone(UTC).replace(tzinfo=None)
    return PushSpec(
        name=name,
        message=Message(f"{name} is due", "Body"),
        trigger=OnceSpec(wall, ZONE),
        targets=(Target("webhook", channel_id),),
    )


class Arrivals:
    """Arrival times (``time.time()``) of requests, keyed by the ``push`` field of the body."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, float] = {}
        self.duplicates = 0

    def record(self, key: str, when: float) -> None:
        with self.lock:
            if key in self.times:
                self.duplicates += 1
            else:
                self.times[key] = when

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.times) >= count:
                    return True
            time.sleep(0.02)
        return False


@contextmanager
def http_endpoint() -> Iterator[tuple[str, Arrivals]]:
    """A threading HTTP server on 127.0.0.1 that timestamps every POST on arrival."""
    arrivals = Arrivals()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Like a real web server, answer without Nagle's delay: http.server writes the head
        # and the body separately, and the body would wait for the client's delayed ACK
        # (20-40 ms), which throttled any client sending one request after another.
        disable_nagle_algorithm = True

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            # Timestamped once the whole request is in, before anything is parsed.
            when = time.time()
            try:
                key = str(json.loads(raw).get("push", ""))
            except ValueError:
                key = raw.decode("utf-8", "replace")
            arrivals.record(key, when)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 1024
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", arrivals
    finally:
        server.shutdown()
        server.server_close()


def offscreen_env() -> dict[str, str]:
    """The environment for a child pushgui: offscreen Qt, no keyring prompts."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PUSHGUI_HOME", None)
    return env
