"""The chat senders' HTTP client on http.client: a kept-alive connection the server closed
is opened again (the message sent once), an oversized answer is cut, and a send's deadline
is enforced at the socket even outside the engine (no watchdog): a trickling server is cut."""

from __future__ import annotations

import socket
import threading
import time

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import WebhookConfig, build_sender
from pushgui.core.channels.transport import make_client
from pushgui.core.delivery.deadline import Deadline, SendDeadline
from tests.trickle import TrickleServer

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"


class OneAnswerPerConnection:
    """Answers one request per connection as if keeping it alive, then closes it."""

    def __init__(self, body: bytes = b"{}") -> None:
        self.requests = 0
        self.closed = threading.Event()
        self._body = body
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/hook"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(65536)
                head, _, body = data.partition(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                while len(body) < length:
                    body += conn.recv(65536)
                self.requests += 1
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(self._body)}\r\n\r\n".encode()
                    + self._body
                )
            self.closed.set()

    def close(self) -> None:
        self._listener.close()


def message(text: str = "Hello") -> Outgoing:
    return Outgoing(push_id=1, push_name="Ping", recipient="Team", title="Ping", body=text)


def test_a_kept_alive_connection_the_server_closed_is_opened_again_and_sent_once():
    server = OneAnswerPerConnection()
    try:
        with make_client(timeout=5) as client:
            first = client.post(server.url, json={"n": 1})
            assert server.closed.wait(5)
            second = client.post(server.url, json={"n": 2})
    finally:
        server.close()
    assert (first.status_code, second.status_code) == (200, 200)
    assert server.requests == 2


def test_an_answer_over_the_cap_is_not_read_and_whether_it_was_taken_is_unknown():
    server = OneAnswerPerConnection(body=b"x" * (65 * 1024))
    try:
        sender = build_sender(WebhookConfig(url=server.url, body_template='{"t": "${title}"}'))
        [outcome] = sender.send([message()])
    finally:
        server.close()
    assert not outcome.ok and outcome.permanent
    assert "more than 64 KB" in outcome.error and "unknown" in outcome.error


def test_a_deadline_no_watchdog_watches_still_cuts_a_trickling_server():
    """A send outside the engine (no watchdog) under a deadline: its own timer shuts the
    socket down once the deadline passes, though every byte resets the read timeout."""
    trickle = TrickleServer(interval=0.1)
    current = SendDeadline()
    sender = build_sender(
        WebhookConfig(url=trickle.url + "/hook", body_template='{"t": "${title}"}'),
        timeout=30,
        deadline=current,
    )
    started = time.monotonic()
    try:
        stream = sender.stream([message()])
        with current.under(Deadline(1.0)):
            outcome = next(stream)
        stream.close()
    finally:
        trickle.stop()
    took = time.monotonic() - started
    assert not outcome.ok and not outcome.permanent
    assert outcome.error == "The webhook did not answer within 1 seconds"
    assert took < 10  # cut at the deadline, not left to the 30 s read timeout per byte
    assert len(trickle.requests) == 1
