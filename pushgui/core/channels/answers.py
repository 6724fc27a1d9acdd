"""A service's answer as the HTTP client reads it: status, headers and the (capped) body.

The answer's head is read here, not by http.client's own reading, which hands the header
lines to the email package's parser: that cost more CPU than the rest of a local request
in a burst (docs/BENCHMARKS.md, "Burst"). :class:`Response` is http.client's response
with its head read by :func:`head_lines`; the body (sized, chunked or read to the close)
is still http.client's. Tests compare the reading with the standard library's on odd
answers (tests/channels/test_http_client.py).
"""

from __future__ import annotations

import contextlib
import http.client
from http import HTTPStatus
from typing import Any

#: Limits on an answer's head, as http.client's own: a longer line or more header lines
#: than this is refused as malformed.
MAX_HEAD_LINE = 65536
MAX_HEADERS = 100


class AnswerTooLarge(Exception):
    """The service's answer was larger than :data:`MAX_ANSWER`; it was not read further."""


class Headers:
    """A response's headers, looked up without regard to case (repeated ones joined by ", ").

    It also stands in for http.client's message object in :class:`Response` (``get``,
    ``get_all`` and ``items``, all http.client asks of it), so an answer's head is read
    into one mapping once.
    """

    def __init__(self, raw: list[tuple[str, str]]) -> None:
        self._raw = raw
        self._values: dict[str, str] = {}
        for name, text in raw:
            key = name.lower()
            self._values[key] = f"{self._values[key]}, {text}" if key in self._values else text

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._values.get(name.lower(), default)

    def get_all(self, name: str, default: Any = None) -> list[str] | Any:
        key = name.lower()
        found = [text for other, text in self._raw if other.lower() == key]
        return found or default

    def items(self) -> list[tuple[str, str]]:
        return list(self._raw)

    def __getitem__(self, name: str) -> str:
        return self._values[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._values


class Answer:
    """A service's complete answer: status, headers and the (capped) body."""

    def __init__(self, status_code: int, headers: Headers, content: bytes, reason: str) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self._reason = reason

    @property
    def reason_phrase(self) -> str:
        if self._reason:
            return self._reason
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


class Response(http.client.HTTPResponse):
    """http.client's response with its head read without the email package.

    ``begin`` does what http.client's does (skip ``100 Continue``, status line, headers,
    then chunked or sized or read-to-close body) but splits the header lines itself:
    ``Name: value``, a folded line continuing the value before it, names kept as sent.
    """

    def begin(self) -> None:
        if self.headers is not None:
            return
        while True:
            version, status, reason = self._read_status()
            if status != http.client.CONTINUE:
                break
            head_lines(self.fp)  # a 100 answer's own headers, not the answer's
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        message = Headers(head_lines(self.fp))
        self.headers = self.msg = message
        encoding = message.get("transfer-encoding")
        self.chunked = bool(encoding) and encoding.lower() == "chunked"
        self.chunk_left = None
        self.will_close = self._check_close()
        self.length = None
        length = message.get("content-length")
        if length and not self.chunked:
            with contextlib.suppress(ValueError):
                self.length = int(length) if int(length) >= 0 else None
        if (
            status in (HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED)
            or 100 <= status < 200
            or self._method == "HEAD"
        ):
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True  # no length and kept open: the body ends when it closes


def head_lines(fp: Any) -> list[tuple[str, str]]:
    """The header lines up to the empty one, as (name, value); a line starting with a space
    or tab continues the value before it."""
    headers: list[tuple[str, str]] = []
    while True:
        line = fp.readline(MAX_HEAD_LINE + 1)
        if len(line) > MAX_HEAD_LINE:
            raise http.client.LineTooLong("header line")
        if line in (b"\r\n", b"\n", b""):
            return headers
        if len(headers) >= MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {MAX_HEADERS} headers")
        text = line.decode("iso-8859-1").rstrip("\r\n")
        if text[:1] in (" ", "\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, f"{value} {text.strip()}")
            continue
        name, colon, value = text.partition(":")
        if colon:
            headers.append((name.strip(), value.strip()))
