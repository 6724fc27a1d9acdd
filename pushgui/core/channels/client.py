"""The HTTP client under the chat senders: httpx's URL handling over httpcore's connection pool.

``httpx.Client`` costs about 0.4 ms of CPU per request on top of the pool it drives
(request and response models, auth, cookies, redirect and event-hook plumbing, none of which
the senders use); in a burst of 1,000 messages that was most of the lateness. This client
keeps what the senders rely on and drops the rest:

- URLs are parsed by ``httpx.URL`` (IDNA hosts, percent-encoding, ``params`` merged into the
  query exactly as httpx does, ``httpx.InvalidURL`` for a bad address);
- JSON and form bodies are encoded as httpx encodes them;
- one ``httpcore.ConnectionPool`` per client: connections reused per host, HTTP/1.1, no
  redirects followed, no proxy taken from the environment (as before: a client given its own
  transport ignores ``HTTP_PROXY``), the given TLS context, ``TCP_NODELAY``;
- connect/read/write/pool timeouts per request, and the network backend handed in (the send
  deadline's, :mod:`pushgui.core.delivery.deadline`);
- an answer larger than :data:`MAX_ANSWER` is cut with :class:`AnswerTooLarge`, not read.

Transport errors are httpcore's own exceptions (:data:`TRANSPORT_ERRORS`), with the same
texts httpx would have shown.
"""

from __future__ import annotations

import json as json_module
import socket
import ssl
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

import httpcore
import httpx

#: The most of an answer pushgui reads: the services answer in a few hundred bytes; an
#: error page is shown by its first 200 characters. A larger answer is cut, not read.
MAX_ANSWER = 64 * 1024

#: Every error httpcore raises for a request that got no (complete) answer.
TRANSPORT_ERRORS: tuple[type[Exception], ...] = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


class AnswerTooLarge(Exception):
    """The service's answer was larger than :data:`MAX_ANSWER`; it was not read further."""


class Headers:
    """A response's headers, looked up without regard to case (repeated ones joined by ", ")."""

    def __init__(self, raw: list[tuple[bytes, bytes]]) -> None:
        self._values: dict[str, str] = {}
        for name, value in raw:
            key = name.decode("latin-1").lower()
            text = value.decode("latin-1")
            self._values[key] = f"{self._values[key]}, {text}" if key in self._values else text

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._values.get(name.lower(), default)

    def __getitem__(self, name: str) -> str:
        return self._values[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._values


class Answer:
    """A service's complete answer: status, headers and the (capped) body."""

    def __init__(self, status_code: int, headers: Headers, content: bytes, reason: bytes) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self._reason = reason

    @property
    def reason_phrase(self) -> str:
        if self._reason:
            return self._reason.decode("ascii", errors="ignore")
        try:
            return HTTPStatus(self.status_code).phrase
        except ValueError:
            return ""

    @property
    def text(self) -> str:
        """The body decoded by the charset the answer names, else UTF-8 (as httpx does)."""
        encoding = "utf-8"
        content_type = self.headers.get("content-type") or ""
        for part in content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                encoding = value.strip("\"' ")
        try:
            return self.content.decode(encoding, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


class Client:
    """Requests over one connection pool; close it when done (see the module)."""

    def __init__(
        self,
        *,
        timeout: float,
        connect_timeout: float,
        ssl_context: ssl.SSLContext,
        network_backend: httpcore.NetworkBackend,
        headers: Mapping[str, str],
    ) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            # httpx's defaults, which the senders had until now.
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=network_backend,
            # The request goes out as two writes (head, body); with Nagle's algorithm the
            # body waits for the server's delayed ACK of the head, some 20-40 ms per message.
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        )
        self._timeouts = {
            "connect": connect_timeout,
            "read": timeout,
            "write": timeout,
            "pool": timeout,
        }
        self._headers = {name.lower(): (name, value) for name, value in headers.items()}
        self._addresses: dict[str, httpx.URL] = {}

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
        merged = dict(self._headers)
        if json is not None:
            content = json_module.dumps(
                json, ensure_ascii=False, separators=(",", ":"), allow_nan=False
            ).encode("utf-8")
            merged["content-type"] = ("Content-Type", "application/json")
        elif data is not None:
            content = urlencode(list(data.items()), doseq=True).encode("utf-8")
            merged["content-type"] = ("Content-Type", "application/x-www-form-urlencoded")
        for name, value in (headers or {}).items():
            merged[name.lower()] = (name, value)
        if "host" not in merged and address.host:
            merged["host"] = ("Host", address.netloc.decode("ascii"))
        if content is not None:
            merged["content-length"] = ("Content-Length", str(len(content)))
        elif method in ("POST", "PUT", "PATCH"):
            merged["content-length"] = ("Content-Length", "0")
        request = httpcore.Request(
            method.encode("ascii"),
            httpcore.URL(
                scheme=address.raw_scheme,
                host=address.raw_host,
                port=address.port,
                target=address.raw_path,
            ),
            # Header values in ASCII, as httpx sends them (it refuses others the same way).
            headers=[(n.encode("ascii"), v.encode("ascii")) for n, v in merged.values()],
            content=content or b"",
            extensions={"timeout": self._timeouts},
        )
        response = self._pool.handle_request(request)
        try:
            chunks: list[bytes] = []
            size = 0
            assert isinstance(response.stream, Iterable)
            for chunk in response.stream:
                size += len(chunk)
                if size > MAX_ANSWER:
                    raise AnswerTooLarge(f"answer larger than {MAX_ANSWER // 1024} KB")
                chunks.append(chunk)
        finally:
            response.close()
        reason = response.extensions.get("reason_phrase", b"")
        return Answer(response.status, Headers(response.headers), b"".join(chunks), reason)

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
