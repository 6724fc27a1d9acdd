"""A webhook that answers 400 echoing its whole request (path, ?token=, Authorization) never
puts the channel's secrets into the history or the log; an endless error body is cut."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, quote_plus

import pytest
from sqlalchemy import select

from pushgui.core.channels.book import ChannelBook
from pushgui.core.channels.config import WebhookConfig
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import PushOptions, Target
from pushgui.core.runs.runner import run_push
from pushgui.core.store.models import Delivery, Run
from pushgui.core.system.secrets import KeyringSecrets
from tests.core.conftest import wire
from tests.helpers import weekdays_at_nine

MOMENT = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
PATH_TOKEN = "p4th-S3cret-x9Q"
QUERY_TOKEN = "qu3ry/T0ken+=?&7"
BEARER = "b3arer.T0ken-ZZ9"


class _Handler(BaseHTTPRequestHandler):
    endless = False

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode()
        if self.endless:
            self.send_response(400)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                while True:  # an error page that never ends
                    self.wfile.write(b"x" * 65536)
            except OSError:
                return
        echo = json.dumps(
            {
                "error": "bad request",
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "body": body,
            }
        ).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(echo)))
        self.end_headers()
        self.wfile.write(echo)

    def log_message(self, format, *args):
        pass


def serve(endless: bool):
    handler = type("Handler", (_Handler,), {"endless": endless})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def world(database, scheduler):
    secrets = KeyringSecrets()
    wire(scheduler, secrets=secrets)
    yield ChannelBook(database, secrets), PushService(database, scheduler)


def hook_push(world, port):
    channels, service = world
    url = f"http://127.0.0.1:{port}/hooks/{PATH_TOKEN}?token={quote_plus(QUERY_TOKEN)}"
    hook = channels.save("Hook", WebhookConfig(url=url, headers=f"Authorization: Bearer {BEARER}"))
    return service.create(
        replace(
            weekdays_at_nine(),
            targets=(Target("webhook", hook),),
            options=PushOptions(retries=0),
        )
    )


def stored_errors(database):
    with database.session() as session:
        return list(session.execute(select(Delivery.error)).scalars()) + list(
            session.execute(select(Run.error)).scalars()
        )


def test_an_echoing_server_never_gets_the_channels_secrets_into_history_or_log(
    scheduler, world, database, caplog
):
    server = serve(endless=False)
    try:
        push_id = hook_push(world, server.server_address[1])
        with caplog.at_level(logging.DEBUG):
            ctx = scheduler.job_context.at(MOMENT)
            assert run_push(push_id, context=ctx) == "failed"
    finally:
        server.shutdown()
    errors = stored_errors(database)
    assert any("HTTP 400" in e for e in errors)  # the answer is still explained
    # pushgui's own log lines (the app keeps httpx and httpcore at WARNING, behind the
    # pattern filter; tests/test_faults.py checks the whole log file at debug level).
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("pushgui")]
    assert any("HTTP 400" in line for line in logged)
    places = [*errors, *logged]
    for secret in (PATH_TOKEN, QUERY_TOKEN, BEARER):
        for form in {secret, quote(secret, safe=""), quote_plus(secret), quote(secret)}:
            for text in places:
                assert form not in text, (form, text)


def test_an_endless_error_body_is_cut_with_a_clear_error(scheduler, world, database):
    server = serve(endless=True)
    try:
        push_id = hook_push(world, server.server_address[1])
        ctx = scheduler.job_context.at(MOMENT)
        assert run_push(push_id, context=ctx) == "failed"
    finally:
        server.shutdown()
    [error] = [e for e in stored_errors(database) if e][:1]
    assert "more than 64 KB" in error
