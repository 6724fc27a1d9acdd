"""The HTTP side of the HTTP channels, loaded at the first send (httpx is about a hundred
modules): one :class:`~pushgui.core.channels.client.Client` per batch with
explicit timeouts and a capped answer, the batch loop that stops at the first rate limit or
outage, and the system's TLS context, built once when this module is imported (never while
the window starts: the app imports it when idle, :mod:`pushgui.core.runs.warm_up`)."""

from __future__ import annotations

import http.client
import logging
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import httpx

from pushgui import __version__
from pushgui.core.channels.answers import AnswerTooLarge
from pushgui.core.channels.base import Outcome, Outgoing, secrets_of
from pushgui.core.channels.client import MAX_ANSWER, TRANSPORT_ERRORS, Client
from pushgui.core.channels.config import CONFIG_TYPES, build_sender
from pushgui.core.channels.http import TIMEOUT, HttpSender, PartlySent, Verify
from pushgui.core.delivery import deadline
from pushgui.core.system.redact import Scrubber

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0

#: httpx's verifying context (certifi, or SSL_CERT_FILE/SSL_CERT_DIR), built at import and
#: never changed. Building it reads the whole CA bundle, about 30 ms of CPU: per run, that
#: made a burst of 1,000 webhook pushes take a minute. A context is safe to share between
#: threads.
SYSTEM_TRUST: ssl.SSLContext = httpx.create_ssl_context(verify=True)


def make_client(
    timeout: float = TIMEOUT, verify: Verify = True, current: deadline.SendDeadline | None = None
) -> Client:
    """A client with pushgui's timeouts; ``verify`` is a context, a CA file or True.

    The deadline set in ``current`` (the send in progress) caps every socket timeout, and
    its passing shuts the socket down (:mod:`pushgui.core.delivery.deadline`).
    """
    context = SYSTEM_TRUST if verify is True else httpx.create_ssl_context(verify=verify)
    return Client(
        timeout=timeout,
        connect_timeout=min(CONNECT_TIMEOUT, timeout),
        ssl_context=context,
        deadline=current if current is not None else deadline.SendDeadline(),
        # Uncompressed, so the cap on the answer is a cap on what is held in memory.
        headers={
            "Accept": "*/*",
            "Accept-Encoding": "identity",
            "Connection": "keep-alive",
            "User-Agent": f"pushgui/{__version__}",
        },
    )


def exchange(
    sender: HttpSender[Any], messages: Sequence[Outgoing], client: Client | None = None
) -> Iterator[Outcome]:
    """Send ``messages`` through ``sender`` over ``client`` (a new one, closed at the end,
    when None), yielding each outcome as soon as the service answered (see HttpSender)."""
    own = client is None
    current = sender.deadline if sender.deadline is not None else deadline.SendDeadline()
    used = client or make_client(sender.timeout, sender.verify, current)
    try:
        yield from _send_all(sender, used, messages, current)
    finally:
        if own:
            used.close()


#: What a send may raise that is an outcome, not a bug (:func:`_failure`).
_ANSWERED_BY_FAILURE: tuple[type[Exception], ...] = (
    AnswerTooLarge,
    *TRANSPORT_ERRORS,
    httpx.InvalidURL,
)


def _failure(sender: HttpSender[Any], exc: Exception, current: deadline.SendDeadline) -> Outcome:
    """The outcome of a send that raised ``exc``; anything else is a bug and raised."""
    service = sender.service
    if isinstance(exc, AnswerTooLarge):
        # It may have been taken; sending it again could make a second copy.
        return Outcome(
            ok=False,
            error=f"{service} answered with more than {MAX_ANSWER // 1024} KB; "
            "pushgui read only the start, so whether the message was taken is unknown",
            permanent=True,
        )
    if isinstance(exc, TRANSPORT_ERRORS):
        return transport_failure(service, exc, sender.timeout, current.current)
    if isinstance(exc, httpx.InvalidURL):
        return Outcome(ok=False, error=f"The {service} address is not valid", permanent=True)
    raise exc


def _send_all(
    sender: HttpSender[Any],
    client: Client,
    messages: Sequence[Outgoing],
    current: deadline.SendDeadline,
) -> Iterator[Outcome]:
    # This channel's own secrets never leave it, even when the server echoes them.
    scrub = Scrubber(secrets_of(sender.config))
    service = sender.service
    for position, message in enumerate(messages):
        try:
            outcome = sender.send_one(client, message)
        except PartlySent as exc:
            # The parts the service took are counted: a retry goes on from the next one.
            outcome = replace(_failure(sender, exc.cause, current), parts_sent=exc.parts_sent)
        except _ANSWERED_BY_FAILURE as exc:
            outcome = _failure(sender, exc, current)
        if outcome.error:
            outcome = replace(outcome, error=scrub(outcome.error))
        if not outcome.ok:
            log.info("%s: message for %s failed: %s", service, message.recipient, outcome.error)
        yield outcome
        if not outcome.ok and not outcome.permanent:
            for _ in messages[position + 1 :]:
                yield Outcome(
                    ok=False, error=f"Not sent: {outcome.error}", retry_after=outcome.retry_after
                )
            return


def transport_failure(
    service: str,
    exc: Exception,
    timeout: float,
    limit: deadline.Deadline | None = None,
) -> Outcome:
    """A readable, retryable outcome for a request that got no answer (``limit``: the
    deadline the request was sent under; once it passed, the socket was shut down, and
    whatever the read then raised means the deadline)."""
    if limit is not None and limit.expired:
        if limit.cut_short:
            return Outcome(ok=False, error=f"{service} was still answering when pushgui stopped")
        return Outcome(ok=False, error=f"{service} did not answer within {limit.seconds:g} seconds")
    if isinstance(exc, TimeoutError):
        return Outcome(ok=False, error=f"{service} did not answer within {timeout:g} seconds")
    reason = _reason(exc)
    if isinstance(exc, ssl.SSLCertVerificationError) or ("CERTIFICATE_VERIFY_FAILED" in reason):
        return Outcome(
            ok=False,
            error=f"{service}'s certificate could not be verified ({reason})",
            permanent=True,
        )
    return Outcome(ok=False, error=f"Could not reach {service}: {reason}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.IncompleteRead):
        return "the server's answer ended early"
    text = str(exc).strip()
    # Socket and TLS messages, but make sure no URL slips through.
    if "://" in text:
        text = type(exc).__name__
    return text or type(exc).__name__


def warm_up() -> None:
    """Load the senders and this module (httpx, the system's certificates) ahead of the
    first send: paid at start, in a worker, the first reminder of the day is not late."""
    for config_type in CONFIG_TYPES.values():
        try:
            build_sender(config_type())
        except Exception:  # an optional sender (Apprise) may be missing; it is not needed here
            log.debug("Could not preload the %s sender", config_type.KIND, exc_info=True)
