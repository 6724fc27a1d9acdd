"""Whether a push's message fits every service it goes to, checked before it is saved: each
recipient's filled-in message is written as its service receives it
(:mod:`pushgui.core.messages.service_text`) and measured against the service's limit
(:mod:`pushgui.core.messages.limits`). A message that does not fit is an error on the body
naming the service, the size and the limit; one that a chat takes in parts is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pushgui.core.channels.book import ChannelRecord
from pushgui.core.channels.kind import KINDS
from pushgui.core.errors import FieldError
from pushgui.core.messages.limits import limit_for
from pushgui.core.messages.placeholders import render, standard_values
from pushgui.core.messages.recipients import Recipient, RenderedTooLargeError, render_for
from pushgui.core.messages.rich import Block, parse
from pushgui.core.messages.service_text import ServiceText, for_service, too_long
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.system.i18n import translate


@dataclass(frozen=True)
class Reach:
    """One service a message goes to, as it receives the message (for one recipient)."""

    kind: str
    channel_id: int | None
    service: str  # the service's name, translated
    shown: ServiceText


def service_name(kind: str, settings: Mapping[str, Any] | None = None) -> str:
    described = KINDS.get(kind)
    return described.name(settings) if described is not None else kind


def reaches(
    spec: PushSpec,
    recipients: Iterable[Recipient],
    when: datetime,
    channels: Mapping[int, ChannelRecord],
) -> list[Reach]:
    """Each channel's message as its service receives it, for the first recipient on it
    whose filled-in message is the longest (placeholders differ per person)."""
    longest: dict[tuple[str, int | None], Reach] = {}
    parsed: dict[str, tuple[Block, ...]] = {}  # bodies repeat when no placeholder differs
    for recipient in recipients:
        key = (recipient.kind, recipient.channel_id)
        if recipient.kind == "desktop" or (key in longest and limit_for(recipient.kind) is None):
            continue  # no limit: the first person's message is preview enough (email to many)
        try:
            rendered = render_for(spec, recipient, when, 1)
        except RenderedTooLargeError:
            continue  # its own error (recipients.size_problems) says so
        channel = channels.get(recipient.channel_id) if recipient.channel_id is not None else None
        settings = channel.settings if channel is not None else {}
        if rendered.body not in parsed:
            parsed[rendered.body] = parse(rendered.body, spec.message.format)
        blocks = parsed[rendered.body]
        shown = for_service(
            recipient.kind, rendered.title, rendered.body, spec.message.format, settings, blocks
        )
        if key not in longest or shown.size > longest[key].shown.size:
            name = service_name(recipient.kind, settings)
            longest[key] = Reach(recipient.kind, recipient.channel_id, name, shown)
    return list(longest.values())


def length_problems(
    spec: PushSpec,
    recipients: Iterable[Recipient],
    when: datetime,
    channels: Mapping[int, ChannelRecord],
) -> list[FieldError]:
    """An error on the body for the first service the message does not fit."""
    for reach in reaches(spec, recipients, when, channels):
        if not reach.shown.fits:
            return [FieldError("message.body", too_long(reach.shown, reach.service))]
    return []


def stored_length_problems(
    spec: PushSpec, settings_of: Mapping[int, tuple[str, dict[str, Any]]], when: datetime
) -> list[FieldError]:
    """The same check where no recipients are at hand (an import, the command line): the
    message filled in with the values every message has, once per target channel."""
    values = standard_values(name=spec.name, push=spec.name, run_count=1, when=when)
    title, body = render(spec.message.title, values), render(spec.message.body, values)
    for target in spec.targets:
        kind, settings = settings_of.get(target.channel_id or -1, (target.kind, {}))
        shown = for_service(kind, title, body, spec.message.format, settings)
        if not shown.fits:
            message = too_long(shown, service_name(kind, settings))
            return [FieldError("message.body", message)]
    return []


def parts_note(reach: Reach) -> str:
    """ "Will be sent in 3 parts" for a message a chat takes in parts; empty otherwise."""
    count = len(reach.shown.parts)
    if count < 2:
        return ""
    return translate("limits", "will be sent in {n} parts").format(n=count)
