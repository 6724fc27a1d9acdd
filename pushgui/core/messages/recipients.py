"""Who a push reaches, and the message each of them gets (rendered, nothing sent)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from datetime import datetime

from pushgui.core.channels.book import ChannelRecord
from pushgui.core.channels.desktop import KIND as DESKTOP
from pushgui.core.channels.desktop import ME
from pushgui.core.channels.mention import Mentions
from pushgui.core.errors import FieldError
from pushgui.core.messages.mentions import MentionPlan, mentions_for, plan
from pushgui.core.messages.placeholders import Measure, render, standard_values
from pushgui.core.messages.rich import escape_source
from pushgui.core.people.contacts import ContactBook
from pushgui.core.people.duty import duty_values, people
from pushgui.core.pushes.spec import PushSpec
from pushgui.core.schedule.workdays import Calendars
from pushgui.core.system.i18n import translate


@dataclass(frozen=True)
class Recipient:
    """One delivery a run makes: through which channel, to whom, with which values."""

    kind: str
    channel_id: int | None
    contact_id: int | None
    label: str  # a person's name, "me", or the channel's name for a room
    address: str  # an email address; empty for rooms and the desktop
    values: dict[str, str]
    duty_names: dict[int, str] = field(default_factory=dict)  # the rotation's people by id
    mention: MentionPlan | None = None  # whom a bot target @mentions (messages/mentions.py)


@dataclass(frozen=True)
class Rendered:
    recipient: Recipient
    title: str
    body: str
    html: str
    mentions: Mentions = field(default_factory=Mentions)


def expand(
    spec: PushSpec, contacts: ContactBook, channels: dict[int, ChannelRecord]
) -> list[Recipient]:
    """Every recipient of ``spec``, each person once per channel, in the order chosen.

    A contact without an email address on an email target is still listed (with an empty
    address) so that the run records it as a failure instead of silently leaving them out.
    """
    result: list[Recipient] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    names = duty_names(spec, contacts)

    def add(recipient: Recipient) -> None:
        key = (recipient.kind, recipient.channel_id, recipient.contact_id)
        if key not in seen:
            seen.add(key)
            result.append(recipient if not names else replace(recipient, duty_names=names))

    for target in spec.targets:
        if target.kind == DESKTOP:
            add(Recipient(DESKTOP, None, None, ME, "", {}))
            continue
        channel = channels.get(target.channel_id) if target.channel_id is not None else None
        label = channel.name if channel is not None else f"channel {target.channel_id}"
        mention = plan(target.mention, spec.duty, contacts) if target.mention else None
        if target.contact_ids or target.group_ids:
            for person in contacts.expand(target.contact_ids, target.group_ids):
                add(
                    Recipient(
                        target.kind,
                        target.channel_id,
                        person.id,
                        person.name,
                        person.email,
                        person.values(),
                        mention=mention,
                    )
                )
        else:
            add(
                Recipient(
                    target.kind,
                    target.channel_id,
                    None,
                    label,
                    "",
                    {"name": label},
                    mention=mention,
                )
            )
    return result


def duty_names(spec: PushSpec, contacts: ContactBook) -> dict[int, str]:
    """The names of the people ``spec``'s duty rotation can name, by contact id."""
    wanted = people(spec.duty)
    return {c.id: c.name for c in contacts.contacts(wanted) if c.id is not None} if wanted else {}


#: Characters of title, body and HTML together that one recipient's message may reach once
#: its placeholders are filled (about 4 MB as UTF-8 at most; mail servers take less).
MAX_RENDERED = 1_000_000


class RenderedTooLargeError(ValueError):
    """One recipient's filled-in message would be over :data:`MAX_RENDERED` characters."""

    def __init__(self, recipient: str, size: int) -> None:
        self.recipient = recipient
        self.size = size
        super().__init__(
            translate(
                "recipients",
                "The message for {recipient} would be {size} characters once its "
                "placeholders are filled; keep it under {limit}",
            ).format(recipient=recipient, size=size, limit=MAX_RENDERED)
        )


def rendered_size(
    spec: PushSpec, values: dict[str, str], measures: list[Measure] | None = None
) -> int:
    """Characters of the filled-in title, body and HTML, without building them."""
    message = spec.message
    title, body, page = measures or [
        Measure.of(t) for t in (message.title, message.body, message.html)
    ]
    return (
        title.rendered_length(values)
        + body.rendered_length(values)
        + page.rendered_length(values, html.escape)
    )


def size_problems(spec: PushSpec, recipients: list[Recipient], when: datetime) -> list[FieldError]:
    """An error on the body for the first recipient whose message would be too large."""
    message = spec.message
    measures = [Measure.of(t) for t in (message.title, message.body, message.html)]
    for recipient in recipients:
        size = rendered_size(spec, _values(spec, recipient, when, 1), measures)
        if size > MAX_RENDERED:
            return [FieldError("message.body", str(RenderedTooLargeError(recipient.label, size)))]
    return []


def _values(
    spec: PushSpec,
    recipient: Recipient,
    when: datetime,
    run_count: int,
    calendars: Calendars | None = None,
) -> dict[str, str]:
    return {
        **recipient.values,
        **standard_values(
            name=recipient.values.get("name", recipient.label),
            push=spec.name,
            run_count=run_count,
            when=when,
        ),
        **duty_values(spec.duty, when.date(), recipient.duty_names, calendars),
    }


def render_for(
    spec: PushSpec,
    recipient: Recipient,
    when: datetime,
    run_count: int,
    calendars: Calendars | None = None,
) -> Rendered:
    """The message as ``recipient`` receives it, for a run at ``when`` (local to the push);
    ``calendars`` are the app's working days (own days included) for ``${on_duty}``.

    Raises :class:`RenderedTooLargeError` (before building anything) when the filled-in
    message would be over :data:`MAX_RENDERED` characters.
    """
    values = _values(spec, recipient, when, run_count, calendars)
    size = rendered_size(spec, values)
    if size > MAX_RENDERED:
        raise RenderedTooLargeError(recipient.label, size)
    message = spec.message
    return Rendered(
        recipient=recipient,
        title=render(message.title, values),
        body=render(
            message.body, values, escape=escape_source if message.format == "markdown" else None
        ),
        html=render(message.html, values, escape=html.escape) if message.html else "",
        mentions=mentions_for(recipient.kind, recipient.mention, spec.duty, when.date(), calendars),
    )


class Planner:
    """Who a push would reach and what each would read, without sending (editor, dry run)."""

    def __init__(self, contacts: ContactBook, channels: dict[int, ChannelRecord]) -> None:
        self.contacts = contacts
        self.channels = channels

    def recipients(self, spec: PushSpec) -> list[Recipient]:
        return expand(spec, self.contacts, self.channels)

    def dry_run(
        self,
        spec: PushSpec,
        when: datetime,
        run_count: int = 1,
        calendars: Calendars | None = None,
    ) -> list[Rendered]:
        """Every recipient's final message for a run at ``when``; nothing is sent or saved."""
        return [render_for(spec, r, when, run_count, calendars) for r in self.recipients(spec)]
