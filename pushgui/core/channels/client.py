"""The HTTP client under the chat senders: httpx's URL handling over ``http.client``.

A chat message is one small POST to a known service. The client keeps what the senders rely
on and costs little per message: ``httpx.Client`` cost about 0.4 ms of CPU a request on a
local service and httpcore's pool about 0.25 ms; this client, on ``http.client``, about
0.1 ms (docs/BENCHMARKS.md, "Burst"). In a burst of 1,000 messages that difference was
most of the lateness. What it keeps:

- URLs are parsed by ``httpx.URL`` (IDNA hosts, percent-encoding, ``params`` merged into the
  query exactly as httpx does, ``httpx.InvalidURL`` for a bad address);
- JSON and form bodies are encoded as httpx encodes them;
- one connection per host, kept alive between messages and dropped once idle for
  :data:`KEEPALIVE_EXPIRY` or closed by the server; HTTP/1.1; no redirects followed; no proxy
  taken from the environment; the given TLS context (hostname checked); ``TCP_NODELAY``; a
  request's head and body go out in one write, the head (checked as http.client checks
  it) built once per address and headers;
- connect and read timeouts per request (each socket call), and an overall deadline per
  send: the send's :class:`~pushgui.core.delivery.deadline.Deadline` shuts the socket
  down when it passes, so a server that trickles its answer a byte at a time is cut;
- an answer larger than :data:`MAX_ANSWER` is cut with :class:`AnswerTooLarge`, not read;
- an answer is read by :mod:`.answers` (its head without the email package).

Transport errors are the standard library's own (:data:`TRANSPORT_ERRORS`).
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import json as json_module
import re
import select
import socket
import ssl
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx

from pushgui.core.channels.answers import Answer, AnswerTooLarge, Headers, Response

if TYPE_CHECKING:
    from pushgui.core.delivery.deadline import SendDeadline

#: The most of an answer pushgui reads: the services answer in a few hundred bytes; an
#: error page is shown by its first 200 characters. A larger answer is cut, not read.
MAX_ANSWER = 64 * 1024
#: Seconds an idle connection is kept for the next message (httpx's default).
KEEPALIVE_EXPIRY = 5.0


#: Every error a request that got no (complete) answer raises: the socket's and TLS's
#: (``OSError``, timeouts included) and HTTP's (an answer cut or malformed).
TRANSPORT_ERRORS: tuple[type[Exception], ...] = (OSError, http.client.HTTPException)


# What http.client refuses in a request's header lines and its target.
_HEADER_NAME = re.compile(rb"[^:\s][^:\r\n]*")
_BAD_HEADER_VALUE = re.compile(rb"\n(?![ \t])|\r(?![ \t\n])")
_CONTROL = re.compile(rb"[\x00-\x20\x7f]")


class _Connection:
    """One kept-alive connection: TCP (and TLS) opened under the send's deadline, each
    request written in one piece, its answer read by :class:`Response` (http.client's).

    The request is written here, not by ``http.client.HTTPConnection``: its head is the
    same for every message to one address but the length, so the client builds it once
    (:meth:`Client._head`), where http.client checked and wrote each header line anew,
    a fifth of a local request's CPU (docs/BENCHMARKS.md, "Burst").
    """

    def __init__(
        self, host: str, port: int, connect_timeout: float, tls: ssl.SSLContext | None
    ) -> None:
        self.host = host
        self.port = port
        self.timeout: float | None = connect_timeout
        self._tls = tls
        self.sock: socket.socket | None = None
        self.idle_since = time.monotonic()
        self.timeout_for_reads: float | None = None

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._tls is not None:
            # The handshake runs once ``self.sock`` is set, so a deadline passing during it
            # shuts this socket down too.
            sock = self._tls.wrap_socket(
                sock, server_hostname=self.host, do_handshake_on_connect=False
            )
            self.sock = sock
            sock.settimeout(self.timeout_for_reads)
            sock.do_handshake()
        self.sock = sock
        sock.settimeout(self.timeout_for_reads)

    def exchange(self, method: str, data: bytes) -> Response:
        """Write one whole request and read its answer's head (its body is the caller's)."""
        if self.sock is None:
            self.connect()
        assert self.sock is not None
        # As a browser does: a server that closed early may still have answered (a 413
        # before the whole body was read), so the answer is read next.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.sock.sendall(data)
        response = Response(self.sock, method=method)
        response.begin()
        return response

    def close(self) -> None:
        sock, self.sock = self.sock, None
        if sock is not None:
            sock.close()

    def stale(self) -> bool:
        """Idle too long, or closed (or talking) on the server's side: not to be reused."""
        if self.sock is None:
            return False
        if time.monotonic() - self.idle_since > KEEPALIVE_EXPIRY:
            return True
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)


def _cut(connection: _Connection) -> None:
    """Shut the connection's socket down (from the watchdog's thread): the blocked read
    returns at once. The plain socket's shutdown, not TLS's, which also drops its state."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Client:
    """Requests over kept-alive connections; close it when done (see the module)."""

    def __init__(
        self,
        *,
        timeout: float,
        connect_timeout: float,
        ssl_context: ssl.SSLContext,
        deadline: SendDeadline,
        headers: Mapping[str, str],
    ) -> None:
        self._tls = ssl_context
        self._timeout = timeout
        self._connect_timeout = connect_timeout
        self._deadline = deadline
        self._headers = {name.lower(): (name, value) for name, value in headers.items()}
        self._addresses: dict[str, httpx.URL] = {}
        self._heads: dict[tuple[Any, ...], bytes] = {}
        self._connections: dict[tuple[str, str, int], _Connection] = {}

    def post(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        content: bytes | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Answer:
        return self.request(
            "POST", url, params=params, content=content, json=json, data=data, headers=headers
        )

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        content: bytes | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Answer:
        """Send one request and read its whole answer (at most :data:`MAX_ANSWER` bytes)."""
        address = self._addresses.get(url)
        if address is None:
            # A batch posts to the same address over and over: parse it once per client.
            if len(self._addresses) >= 64:
                self._addresses.clear()
            address = self._addresses[url] = httpx.URL(url)
        if params:
            address = address.copy_merge_params(params)
        scheme = address.scheme
        if scheme not in ("http", "https") or not address.host:
            raise httpx.InvalidURL(f"Request URL has an unsupported protocol '{scheme}://'.")
        kind = None
        if json is not None:
            content = json_module.dumps(
                json, ensure_ascii=False, separators=(",", ":"), allow_nan=False
            ).encode("utf-8")
            kind = "application/json"
        elif data is not None:
            content = urlencode(list(data.items()), doseq=True).encode("utf-8")
            kind = "application/x-www-form-urlencoded"
        head = self._head(method, url, address, kind, headers)
        if content is not None:
            request = head + b"Content-Length: %d\r\n\r\n" % len(content) + content
        elif method in ("POST", "PUT", "PATCH"):
            request = head + b"Content-Length: 0\r\n\r\n"
        else:
            request = head + b"\r\n"
        port = address.port or (443 if scheme == "https" else 80)
        connection = self._connection(scheme, address.raw_host.decode("ascii"), port)
        limit = self._deadline.current
        reads = self._deadline.capped(self._timeout)
        connection.timeout = self._deadline.capped(self._connect_timeout)
        connection.timeout_for_reads = reads
        if connection.sock is not None:
            connection.sock.settimeout(reads)
        enforced = contextlib.nullcontext() if limit is None else limit.enforced()
        if limit is not None:
            limit.on_abort(functools.partial(_cut, connection))
        done = False
        try:
            with enforced:
                response = connection.exchange(method, request)
                body = response.read(MAX_ANSWER + 1)
                if limit is not None and limit.fired:
                    # Shut down mid-answer: http.client takes the end of the stream for the
                    # end of the headers or of an unsized body, so what it read is not an
                    # answer.
                    raise TimeoutError(f"no whole answer within {limit.seconds:g} seconds")
                if len(body) > MAX_ANSWER:
                    raise AnswerTooLarge(f"answer larger than {MAX_ANSWER // 1024} KB")
                done = response.isclosed() and not response.will_close
        finally:
            if done:
                connection.idle_since = time.monotonic()
            else:  # cut, failed or not read to its end: never reused
                connection.close()
        read = response.headers
        assert isinstance(read, Headers)  # read by Response
        return Answer(response.status, read, body, response.reason)

    def _head(
        self,
        method: str,
        url: str,
        address: httpx.URL,
        kind: str | None,
        headers: Mapping[str, str] | None,
    ) -> bytes:
        """The request line and header lines but the length, each checked as http.client
        checks them; the same for every message of a batch, so built once."""
        given = tuple((headers or {}).items())
        key = (method, url, str(address), kind, given)
        head = self._heads.get(key)
        if head is not None:
            return head
        if method not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            raise ValueError(f"unsupported method {method!r}")
        merged = dict(self._headers)
        if kind is not None:
            merged["content-type"] = ("Content-Type", kind)
        for name, value in given:
            merged[name.lower()] = (name, value)
        merged.pop("content-length", None)
        if "host" not in merged:
            merged["host"] = ("Host", address.netloc.decode("ascii"))
        # As http.client asked: the answer's body as it is (neither side decompresses).
        merged.setdefault("accept-encoding", ("Accept-Encoding", "identity"))
        path = address.raw_path
        if _CONTROL.search(path):
            raise http.client.InvalidURL(f"URL can't contain control characters. {path!r}")
        lines = [method.encode("ascii") + b" " + path + b" HTTP/1.1"]
        # Header values in ASCII, as httpx sends them (it refuses others the same way).
        for name, value in merged.values():
            raw = value.encode("ascii")
            if not _HEADER_NAME.fullmatch(name.encode("ascii")):
                raise ValueError(f"Invalid header name {name!r}")
            if _BAD_HEADER_VALUE.search(raw):
                raise ValueError(f"Invalid header value {raw!r}")
            lines.append(name.encode("ascii") + b": " + raw)
        if len(self._heads) >= 64:
            self._heads.clear()
        head = self._heads[key] = b"\r\n".join(lines) + b"\r\n"
        return head

    def _connection(self, scheme: str, host: str, port: int) -> _Connection:
        key = (scheme, host, port)
        connection = self._connections.get(key)
        if connection is not None and connection.stale():
            connection.close()
        if connection is None:
            tls = self._tls if scheme == "https" else None
            connection = _Connection(host, port, self._connect_timeout, tls)
            self._connections[key] = connection
        return connection

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
