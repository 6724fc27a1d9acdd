"""Any other service through Apprise (an optional extra: ``pip install pushgui[apprise]``).

Apprise's ``notify()`` returns only True/False, and for the Chinese bots it trusts the
HTTP status alone (a 200 carrying an ``errcode`` counts as sent), which is why pushgui's
own senders are used for those services and this channel is for the long tail.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pushgui.core.channels.base import Outcome, Outgoing, Sender
from pushgui.core.channels.kind import (
    ChannelConfig,
    ChannelKind,
    Field,
    SenderOptions,
    Variant,
    register,
)
from pushgui.core.errors import FieldError
from pushgui.core.system.i18n import translate


@dataclass(frozen=True)
class AppriseConfig(ChannelConfig):
    """Any service Apprise knows, given as an Apprise URL (``tgram://…``, ``mailto://…``)."""

    KIND: ClassVar[str] = "apprise"
    SECRETS: ClassVar[tuple[str, ...]] = ("url",)

    url: str = ""


KIND = AppriseConfig.KIND

log = logging.getLogger(__name__)

MISSING = (
    "The 'Other service' channel needs the optional Apprise package; "
    "install pushgui with the apprise extra"
)


def apprise_available() -> bool:
    try:
        import apprise  # noqa: F401
    except ImportError:
        return False
    return True


class AppriseSender:
    def __init__(self, config: AppriseConfig) -> None:
        self.config = config

    def send(self, messages: Sequence[Outgoing]) -> list[Outcome]:
        if not messages:
            return []
        try:
            import apprise
        except ImportError:
            return [Outcome(ok=False, error=MISSING, permanent=True) for _ in messages]
        notifier: Any = apprise.Apprise()
        if not notifier.add(self.config.url):
            failure = Outcome(
                ok=False, error="Apprise does not recognise this address", permanent=True
            )
            return [failure for _ in messages]
        outcomes: list[Outcome] = []
        for message in messages:
            if notifier.notify(body=message.body or message.title, title=message.title):
                outcomes.append(Outcome(ok=True))
            else:
                outcomes.append(
                    Outcome(ok=False, error="Apprise could not deliver the message (see the log)")
                )
        return outcomes


class Apprise(ChannelKind):
    config = AppriseConfig
    position = 990
    variants = (
        Variant(
            "apprise",
            lambda: translate("channels", "Other service (Apprise URL)"),
            lambda: translate("channels", "Many more services, through an Apprise address"),
            ("A", "#8d6e63"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field(
                "url",
                translate("channels", "Apprise address:"),
                "secret",
                translate("channels", "e.g. tgram://bottoken/chatid"),
                translate("channels", "See the Apprise wiki for the address of your service."),
            ),
        )

    def validate(self, config: AppriseConfig) -> list[FieldError]:
        if "://" in config.url:
            return []
        message = translate("channels", "Enter an Apprise address such as tgram://token/chat")
        return [FieldError("url", message)]

    def build_sender(self, config: AppriseConfig, options: SenderOptions) -> Sender:
        return AppriseSender(config)


register(Apprise())
