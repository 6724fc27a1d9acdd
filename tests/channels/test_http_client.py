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


def read_request(conn: socket.socket, data: bytes) -> tuple[bytes, bytes]:
    """One whole request from ``conn`` (sized by its Content-Length), after the bytes
    already read in ``data``: its body, and what was read beyond it."""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, data = data.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
    while len(data) < length:
        data += conn.recv(65536)
    return data[:length], data[length:]


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
                read_request(conn, b"")
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


class RawAnswers:
    """Reads one request per connection and answers it with the next raw answer given,
    then closes the connection."""

    def __init__(self, answers: list[bytes]) -> None:
        self._answers = list(answers)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/hook"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while self._answers:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with conn:
                read_request(conn, b"")
                conn.sendall(self._answers.pop(0))
                conn.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._listener.close()


# Answers as services and proxies send them: sized, chunked, read to the close, folded and
# repeated headers, an interim 100 Continue, a bodiless 204, an HTTP/1.0 answer.
ODD_ANSWERS = [
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
    b'Content-Length: 11\r\n\r\n{"ok":true}',
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
    b"5\r\nHello\r\n7\r\n, world\r\n0\r\n\r\n",
    b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
    b"<html>upstream gone</html>",
    b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nX-Note: first part\r\n"
    b"  and a folded second part\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
    b"Content-Length: 4\r\n\r\nslow",
    b"HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"
    b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
    b"HTTP/1.1 204 No Content\r\nServer: test\r\n\r\n",
    b'HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{"errcode":0}',
    b"HTTP/1.1 200 OK\nContent-Length: 3\n\nbye",
]


def stock_reading(url: str) -> tuple[int, str, list[tuple[str, str]], bytes]:
    """The answer as the standard library's own http.client reads it."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("POST", parts.path, body=b"{}", headers={"Content-Length": "2"})
        response = connection.getresponse()
        return response.status, response.reason, response.getheaders(), response.read()
    finally:
        connection.close()


def test_answers_are_read_as_the_standard_library_reads_them():
    """The client reads an answer's head itself (not through the email package): for each
    kind of answer it gets the status, reason, headers and body http.client gets."""
    ours = RawAnswers(ODD_ANSWERS)
    stock = RawAnswers(ODD_ANSWERS)
    try:
        with make_client(timeout=5) as client:
            for raw in ODD_ANSWERS:
                answer = client.post(ours.url, content=b"{}")
                status, reason, headers, body = stock_reading(stock.url)
                assert (answer.status_code, answer.reason_phrase, answer.content) == (
                    status,
                    reason,
                    body,
                ), raw
                expected = {}
                for name, value in headers:
                    key = name.lower()
                    expected[key] = f"{expected[key]}, {value}" if key in expected else value
                for name, value in expected.items():
                    # A folded value: http.client keeps the fold, the client one space.
                    assert answer.headers.get(name) == " ".join(value.split()), (raw, name)
    finally:
        ours.close()
        stock.close()


def test_an_answer_with_too_many_or_too_long_header_lines_is_a_transport_error():
    import http.client

    from pushgui.core.channels.client import TRANSPORT_ERRORS

    many = b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 101 + b"Content-Length: 0\r\n\r\n"
    long = b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\nContent-Length: 0\r\n\r\n"
    server = RawAnswers([many, long])
    try:
        with make_client(timeout=5) as client:
            for _ in range(2):
                try:
                    client.post(server.url, content=b"{}")
                except TRANSPORT_ERRORS as exc:
                    assert isinstance(exc, http.client.HTTPException)
                else:
                    raise AssertionError("a malformed answer was taken")
    finally:
        server.close()


class TakesThenHangsUp:
    """Answers the first ``takes`` requests of a kept-alive connection as Telegram does,
    then reads the next one and closes the connection without an answer."""

    def __init__(self, takes: int) -> None:
        self.texts: list[str] = []
        self._takes = takes
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        import json

        conn, _ = self._listener.accept()
        with conn:
            data = b""
            while True:
                body, data = read_request(conn, data)
                if len(self.texts) >= self._takes:
                    return  # read, never answered: whether it was taken is unknown
                self.texts.append(json.loads(body)["text"])
                answer = b'{"ok":true,"result":{"message_id":1}}'
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(answer)}\r\n\r\n".encode()
                    + answer
                )

    def close(self) -> None:
        self._listener.close()


def test_a_connection_lost_after_some_parts_counts_the_parts_the_service_took():
    """A message in three parts: the service takes the first, then the connection drops
    while it has the second. The failure is retryable and counts one part sent, so the
    retry starts at the second part."""
    from pushgui.core.channels.config import TelegramConfig

    server = TakesThenHangsUp(takes=1)
    sender = build_sender(TelegramConfig(bot_token="123:abc", chat_id="-100", api_url=server.url))
    long = "\n\n".join(f"paragraph {n} " + "word " * 400 for n in range(6))
    try:
        parts = sender.shown(message(long)).parts
        [outcome] = sender.send([message(long)])
    finally:
        server.close()
    assert len(parts) == 3
    assert not outcome.ok and not outcome.permanent
    assert outcome.parts_sent == 1
    assert server.texts == [parts[0]]


class RawRequests:
    """Records each request's raw bytes (head and body) and answers 200 with a length,
    keeping the connection open."""

    def __init__(self) -> None:
        self.raw: list[bytes] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        data = b""
        with conn:
            while True:
                try:
                    while b"\r\n\r\n" not in data:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        data += chunk
                except OSError:
                    return
                head, _, rest = data.partition(b"\r\n\r\n")
                body, data = read_request(conn, head + b"\r\n\r\n" + rest)
                self.raw.append(head + b"\r\n\r\n" + body)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    def close(self) -> None:
        self._listener.close()


def parsed(raw: bytes) -> tuple[bytes, dict[bytes, bytes], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    line, *fields = head.split(b"\r\n")
    return line, {n.lower(): v for n, _, v in (f.partition(b": ") for f in fields)}, body


def test_a_request_is_written_as_http_client_writes_it():
    """The client writes each request itself (its head built once per address): request
    line, headers and body are those http.client writes for the same request, on every
    message of a kept-alive connection."""
    import http.client

    server = RawRequests()
    url = f"http://127.0.0.1:{server.port}/hook/x%20y?key=a%2Fb&n=1"
    headers = {"Content-Type": "application/json; charset=utf-8", "X-Token": "s3cret"}
    try:
        with make_client(timeout=5) as client:
            for body in (b'{"n":1}', b'{"n":22}'):
                assert client.post(url, content=body, headers=headers).status_code == 200
            client.post(url, json={"text": "héllo"})
            client.post(url, data={"a": "b c"})
        stock = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        sent = dict(client._headers.values()) | headers  # what the client adds of its own
        for body in (b'{"n":1}', b'{"n":22}'):
            stock.request("POST", "/hook/x%20y?key=a%2Fb&n=1", body=body, headers=sent)
            stock.getresponse().read()
        stock.close()
        ours, theirs = server.raw[:2], server.raw[4:]
        assert [parsed(raw) for raw in ours] == [parsed(raw) for raw in theirs]
        _line, fields, body = parsed(server.raw[2])
        assert (fields[b"content-type"], body) == (
            b"application/json",
            '{"text":"héllo"}'.encode(),
        )
        _line, fields, body = parsed(server.raw[3])
        assert (fields[b"content-type"], fields[b"content-length"], body) == (
            b"application/x-www-form-urlencoded",
            b"5",
            b"a=b+c",
        )
    finally:
        server.close()


def test_a_header_or_address_that_would_split_the_request_is_refused_before_sending():
    """A header value with a line break (say, pasted into a webhook's extra headers) or
    an address with a control character never reaches the server as a second header or
    request: the send is refused, as http.client refuses it."""
    import http.client

    import httpx

    server = RawRequests()
    url = f"http://127.0.0.1:{server.port}/hook"
    try:
        with make_client(timeout=5) as client:
            for bad in ({"X-A": "b\r\nX-Injected: 1"}, {"X-A\r\nX-B": "c"}, {"": "d"}):
                try:
                    client.post(url, content=b"{}", headers=bad)
                except ValueError:
                    pass
                else:
                    raise AssertionError(f"sent with {bad!r}")
            try:
                client.post(url + "/a\x01b", content=b"{}")
            except (http.client.InvalidURL, httpx.InvalidURL):
                pass
            else:
                raise AssertionError("sent to an address with a control character")
            assert client.post(url, content=b"{}").status_code == 200
        assert len(server.raw) == 1
    finally:
        server.close()
