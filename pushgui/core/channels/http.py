"""What every HTTP channel shares: the sender base class (one constructor for all), the
kind base that builds it, ``Retry-After`` parsing, cutting a text to a service's limit,
and readable error text that never shows a token-bearing URL. The client, the batch loop
and the TLS context are in :mod:`.transport`, loaded at the first send."""

from __future__ import annotations

import email.utils
import json
import ssl
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urlsplit

from pushgui.core.channels.base import Outcome, Outgoing, Sender
from pushgui.core.channels.kind import ChannelConfig, ChannelKind, SenderOptions

if TYPE_CHECKING:
    from pushgui.core.channels.answers import Answer
    from pushgui.core.channels.client import Client
    from pushgui.core.delivery.deadline import SendDeadline

#: Seconds: the whole answer may take 15 s (connecting 5 s, :mod:`.transport`); a reminder
#: that cannot be delivered within that is better recorded as failed and retried than left
#: hanging.
TIMEOUT = 15.0
#: A service asking for a longer pause than this is treated as asking for this long.
MAX_RETRY_AFTER = 3600.0

Verify = ssl.SSLContext | str | bool


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


def json_body(response: Answer) -> dict[str, Any] | None:
    """The response's JSON object, or None when the body is not one."""
    try:
        data = json.loads(response.content or b"null")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def status_failure(service: str, response: Answer, detail: str = "") -> Outcome | None:
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
    """Posts each message of a batch over one HTTP client (:mod:`.client`), in order.

    The first retryable failure (a rate limit, a server error, no answer) ends the batch:
    the messages after it are not attempted and get the same retryable outcome, so a rate
    limit is not hammered and a dead server costs one timeout, not one per message.
    ``clock`` gives the time services that sign their requests put in them; ``deadline``
    is where the engine sets each message's deadline, which bounds every socket call.
    """

    #: The service's name as users know it, used in every error text.
    service: str = "The service"

    def __init__(
        self,
        config: C,
        *,
        client: Client | None = None,
        timeout: float = TIMEOUT,
        verify: Verify = True,
        clock: Callable[[], float] = time.time,
        deadline: SendDeadline | None = None,
    ) -> None:
        self.config = config
        self.deadline = deadline
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
        # httpx (about a hundred modules) loads at the first send, or
        # when the app warms up while idle, never while the window starts.
        from pushgui.core.channels import transport

        yield from transport.exchange(self, messages, self._client)

    @abstractmethod
    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        """Send one message; transport errors may propagate (the loop turns them into text)."""


class HttpKind(ChannelKind):
    """A kind whose sender is an :class:`HttpSender` subclass, built the same way for all."""

    sender_class: type[HttpSender[Any]]

    def build_sender(self, config: Any, options: SenderOptions) -> Sender:
        return self.sender_class(
            config,
            timeout=options.timeout or TIMEOUT,
            verify=options.verify,
            clock=options.clock,
            deadline=options.deadline,
        )


class PartlySent(Exception):
    """Sending a message in parts was cut by ``cause`` (a transport error) after the
    service had taken ``parts_sent`` of them."""

    def __init__(self, cause: Exception, parts_sent: int) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.parts_sent = parts_sent


def in_order(
    payloads: Sequence[dict[str, object]],
    post: Callable[[dict[str, object]], Outcome],
    sent: int = 0,
    taken: Callable[[int], None] | None = None,
) -> Outcome:
    """Post each payload in order (the parts of a split message, the mentions sent ahead),
    from the first that earlier attempts did not get through (``sent`` of them did).

    The first refusal stops the rest; the outcome counts the parts taken, so a retry goes
    on from the refused part and the recipient never gets a part twice. A transport error
    after some part was taken is raised as :class:`PartlySent`, carrying the count.
    ``taken`` (the message's ``on_part``) is told the count after each part but the last,
    before the next is posted.
    """
    done = min(max(sent, 0), len(payloads))
    for payload in payloads[done:]:
        try:
            outcome = post(payload)
        except Exception as exc:
            if done:
                raise PartlySent(exc, done) from exc
            raise
        if not outcome.ok:
            return replace(outcome, parts_sent=done)
        done += 1
        if taken is not None and done < len(payloads):
            taken(done)
    return Outcome(ok=True, parts_sent=done)
