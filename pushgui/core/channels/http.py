"""What every HTTP channel shares: one httpx client per batch with explicit timeouts, the
batch loop that stops at the first rate limit or outage, ``Retry-After`` parsing, and
readable error text that never shows a token-bearing URL."""

from __future__ import annotations

import email.utils
import json
import logging
import socket
import ssl
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import httpx

from pushgui import __version__
from pushgui.core.channels.base import Outcome, Outgoing, Sender, secrets_of
from pushgui.core.channels.kind import ChannelConfig, ChannelKind, SenderOptions
from pushgui.core.delivery import deadline
from pushgui.core.redact import Scrubber

log = logging.getLogger(__name__)

#: Seconds: connecting may take 5 s, the whole answer 15 s; a reminder that cannot be
#: delivered within that is better recorded as failed and retried than left hanging.
CONNECT_TIMEOUT = 5.0
TIMEOUT = 15.0
#: A service asking for a longer pause than this is treated as asking for this long.
MAX_RETRY_AFTER = 3600.0

Verify = ssl.SSLContext | str | bool


_default_context: ssl.SSLContext | None = None
_context_lock = threading.Lock()


def default_ssl_context() -> ssl.SSLContext:
    """httpx's verifying context (certifi, or SSL_CERT_FILE/SSL_CERT_DIR), built once.

    Building it reads the whole CA bundle, about 30 ms of CPU: per run, that made a burst
    of 1,000 webhook pushes take a minute. A context is safe to share between threads.
    """
    global _default_context
    with _context_lock:
        if _default_context is None:
            _default_context = httpx.create_ssl_context(verify=True)
        return _default_context


def make_client(timeout: float = TIMEOUT, verify: Verify = True) -> httpx.Client:
    """An httpx client with pushgui's timeouts; ``verify`` is a context, a CA file or True.

    Its connections use :class:`~pushgui.core.delivery.deadline.DeadlineBackend`, so the
    overall deadline of the send in progress bounds every socket call.
    """
    transport = httpx.HTTPTransport(
        verify=default_ssl_context() if verify is True else verify,
        # The request goes out as two writes (head, body); with Nagle's algorithm the body
        # waits for the server's delayed ACK of the head, some 20-40 ms per message.
        socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
    )
    # httpx has no public way to choose httpcore's network backend; the pool keeps it here.
    transport._pool._network_backend = deadline.DeadlineBackend()
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
        transport=_CappedTransport(transport),
        follow_redirects=False,
        # Uncompressed, so the cap on the answer is a cap on what is held in memory.
        headers={"User-Agent": f"pushgui/{__version__}", "Accept-Encoding": "identity"},
    )


#: The most of an answer pushgui reads: the services answer in a few hundred bytes; an
#: error page is shown by its first 200 characters. A larger answer is cut, not read.
MAX_ANSWER = 64 * 1024


class AnswerTooLarge(httpx.TransportError):
    """The service's answer was larger than :data:`MAX_ANSWER`; it was not read further."""


class _CappedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        size = 0
        for chunk in self._inner:
            size += len(chunk)
            if size > MAX_ANSWER:
                raise AnswerTooLarge(f"answer larger than {MAX_ANSWER // 1024} KB")
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _CappedTransport(httpx.BaseTransport):
    """Hands back answers whose body stops with :class:`AnswerTooLarge` past the cap."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        assert isinstance(response.stream, httpx.SyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_CappedStream(response.stream),
            extensions=response.extensions,
            request=request,
        )

    def close(self) -> None:
        self._inner.close()


def mask_url(url: str) -> str:
    """``scheme://host/…``: enough to say where, nothing that could carry a token."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
    except ValueError:
        return "(an address that could not be read)"
    if not host:
        return "(an address that could not be read)"
    rest = "/…" if (parts.path not in ("", "/") or parts.query) else ""
    return f"{parts.scheme}://{host}{rest}"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an HTTP date).

    RFC 9110 section 10.2.3 allows both forms; anything else gives ``None``.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def clamp_retry_after(seconds: Any) -> float | None:
    """A wait taken from a response body (a number), bounded like a header's."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return None
    return min(max(float(seconds), 0.0), MAX_RETRY_AFTER)


def snippet(text: str, limit: int = 200) -> str:
    """The start of a response body on one line, for an error message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fit_bytes(text: str, limit: int) -> str:
    """``text`` cut so its UTF-8 form is at most ``limit`` bytes, never mid-character."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    ellipsis = "…".encode()
    return data[: limit - len(ellipsis)].decode("utf-8", "ignore") + "…"


def json_body(response: httpx.Response) -> dict[str, Any] | None:
    """The response's JSON object, or None when the body is not one."""
    try:
        data = json.loads(response.content or b"null")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def transport_failure(service: str, exc: httpx.TransportError, timeout: float) -> Outcome:
    """A readable, retryable outcome for a request that got no answer."""
    if isinstance(exc, httpx.TimeoutException):
        limit = deadline.current()
        if limit is not None and limit.expired:
            if limit.cut_short:
                what = f"{service} was still answering when pushgui stopped"
                return Outcome(ok=False, error=what)
            timeout = limit.seconds
        return Outcome(ok=False, error=f"{service} did not answer within {timeout:g} seconds")
    reason = _reason(exc)
    if isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in reason:
        return Outcome(
            ok=False,
            error=f"{service}'s certificate could not be verified ({reason})",
            permanent=True,
        )
    return Outcome(ok=False, error=f"Could not reach {service}: {reason}")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    # httpx messages are about sockets and TLS, but make sure no URL slips through.
    if "://" in text:
        text = type(exc).__name__
    return text or type(exc).__name__


def status_failure(service: str, response: httpx.Response, detail: str = "") -> Outcome | None:
    """The outcome an HTTP error status means, or None for a 2xx answer.

    429 and 5xx are worth retrying (429 with the service's ``Retry-After``); other 4xx
    answers mean the request itself is wrong and sending it again will not help.
    """
    status = response.status_code
    if 200 <= status < 300:
        return None
    why = detail or snippet(response.text) or response.reason_phrase
    if status == 429:
        return Outcome(
            ok=False,
            error=f"{service} is limiting how fast messages are sent; try again later ({why})",
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )
    if status >= 500:
        return Outcome(
            ok=False,
            error=f"{service} had a problem of its own (HTTP {status}: {why})",
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )
    if status in (401, 403):
        what = f"{service} refused the credentials (HTTP {status}: {why})"
    elif status in (404, 410):
        what = f"{service} does not know this address any more (HTTP {status}: {why})"
    else:
        what = f"{service} refused the message (HTTP {status}: {why})"
    return Outcome(ok=False, error=what, permanent=True)


C = TypeVar("C", bound=ChannelConfig)


class HttpSender(ABC, Generic[C]):
    """Posts each message of a batch over one httpx client, in order.

    The first retryable failure (a rate limit, a server error, no answer) ends the batch:
    the messages after it are not attempted and get the same retryable outcome, so a rate
    limit is not hammered and a dead server costs one timeout, not one per message.
    ``clock`` gives the time services that sign their requests put in them.
    """

    #: The service's name as users know it, used in every error text.
    service: str = "The service"

    def __init__(
        self,
        config: C,
        *,
        client: httpx.Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self._client = client
        self.timeout = timeout
        self.verify = verify
        self._clock = clock

    def send(self, messages: Sequence[Outgoing]) -> list[Outcome]:
        return list(self.stream(messages))

    def stream(self, messages: Sequence[Outgoing]) -> Iterator[Outcome]:
        """Each message's outcome as soon as the service answered it (see the class)."""
        if not messages:
            return
        client = self._client or make_client(self.timeout, self.verify)
        try:
            yield from self._send_all(client, messages)
        finally:
            if self._client is None:
                client.close()

    def _send_all(self, client: httpx.Client, messages: Sequence[Outgoing]) -> Iterator[Outcome]:
        # This channel's own secrets never leave it, even when the server echoes them.
        scrub = Scrubber(secrets_of(self.config))
        for position, message in enumerate(messages):
            try:
                outcome = self.send_one(client, message)
            except AnswerTooLarge:
                # It may have been taken; sending it again could make a second copy.
                outcome = Outcome(
                    ok=False,
                    error=f"{self.service} answered with more than {MAX_ANSWER // 1024} KB; "
                    "pushgui read only the start, so whether the message was taken is unknown",
                    permanent=True,
                )
            except httpx.TransportError as exc:
                outcome = transport_failure(self.service, exc, self.timeout)
            except httpx.InvalidURL:
                outcome = Outcome(
                    ok=False, error=f"The {self.service} address is not valid", permanent=True
                )
            if outcome.error:
                outcome = replace(outcome, error=scrub(outcome.error))
            if not outcome.ok:
                log.info(
                    "%s: message for %s failed: %s", self.service, message.recipient, outcome.error
                )
            yield outcome
            if not outcome.ok and not outcome.permanent:
                for _ in messages[position + 1 :]:
                    yield Outcome(
                        ok=False,
                        error=f"Not sent: {outcome.error}",
                        retry_after=outcome.retry_after,
                    )
                return

    @abstractmethod
    def send_one(self, client: httpx.Client, message: Outgoing) -> Outcome:
        """Send one message; transport errors may propagate (the loop turns them into text)."""


class HttpKind(ChannelKind):
    """A kind whose sender is an :class:`HttpSender` subclass, built the same way for all."""

    sender_class: type[HttpSender[Any]]

    def build_sender(self, config: Any, options: SenderOptions) -> Sender:
        return self.sender_class(
            config, timeout=options.timeout or TIMEOUT, verify=options.verify, clock=options.clock
        )
