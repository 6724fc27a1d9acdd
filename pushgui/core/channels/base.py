"""The sender interface every channel implements."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from pushgui.core.channels.mention import Mentions
from pushgui.core.messages.rich import TextFormat


@dataclass(frozen=True)
class Outgoing:
    """One rendered message for one recipient.

    ``recipient`` is what the history shows; ``recipient_address`` is where an email goes
    (empty for channels that post to a room). ``html`` is an optional HTML alternative of
    ``body`` and ``attachments`` are file paths; only the email channel uses them.
    ``text_format`` says how ``body`` is read (plain, or the formatted message's Markdown
    subset), which each sender renders in its service's format
    (:mod:`pushgui.core.messages.service_text`).
    """

    push_id: int
    push_name: str
    recipient: str
    title: str
    body: str
    recipient_address: str = ""
    html: str = ""
    attachments: tuple[str, ...] = ()
    text_format: TextFormat = "plain"
    # Whom a bot message @mentions (channels/mention.py).
    mentions: Mentions = field(default_factory=Mentions)
    # Of a message sent in ordered parts, how many earlier attempts got through: they are
    # not sent again (channels/http.py, in_order).
    parts_sent: int = 0
    # Told the count of parts the service has taken after each part but the last, before
    # the next is sent: the engine records it, so a crash between parts repeats none.
    on_part: Callable[[int], None] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Outcome:
    """What happened to one :class:`Outgoing`; ``error`` is readable text when not ``ok``.

    A failure is ``permanent`` when sending the same message again cannot help (a refused
    token, a rejected address); ``retry_after`` is the wait in seconds the service asked
    for (a rate limit), ``None`` when it named none.
    """

    ok: bool
    error: str = ""
    retry_after: float | None = None
    permanent: bool = False
    #: Of a message sent in ordered parts, how many the service has taken so far (earlier
    #: attempts' included); 0 for a message sent whole.
    parts_sent: int = 0


class Sender(Protocol):
    """Sends a batch of messages and returns one outcome per message, in order.

    A sender reports failures as outcomes; raising is reserved for bugs, and the runner
    turns an exception into a failed outcome for every message of the batch.
    """

    def send(self, messages: Sequence[Outgoing]) -> list[Outcome]: ...


class StreamingSender(Sender, Protocol):
    """A sender that yields each message's outcome as soon as the service answered it.

    ``stream`` sends one message per step, in order, and never starts the next message
    before the previous outcome was taken: the caller records each outcome before asking
    for the next, so a crash leaves at most one message per sender without an outcome.
    """

    def stream(self, messages: Sequence[Outgoing]) -> Iterator[Outcome]: ...


def outcomes(sender: Sender, messages: Sequence[Outgoing]) -> Iterator[Outcome]:
    """Each message's outcome in order: streamed when the sender can, else its batch."""
    stream = getattr(sender, "stream", None)
    if stream is not None:
        yield from stream(messages)
        return
    yield from sender.send(messages)


def secrets_of(config: object) -> list[str]:
    """The secret values in a channel's config (the fields its class names in SECRETS)."""
    names: tuple[str, ...] = getattr(config, "SECRETS", ())
    return [str(getattr(config, name, "") or "") for name in names]


def scrubbed(answers: Iterator[Outcome], scrub: Callable[[str], str]) -> Iterator[Outcome]:
    """``answers`` with every error text scrubbed (closing this closes ``answers``)."""
    try:
        for outcome in answers:
            yield replace(outcome, error=scrub(outcome.error)) if outcome.error else outcome
    finally:
        close = getattr(answers, "close", None)
        if close is not None:
            close()


class UnknownChannelError(LookupError):
    pass
