"""Any other service through Apprise (an optional extra: ``pip install pushgui[apprise]``).

Apprise's ``notify()`` returns only True/False, and for the Chinese bots it trusts the
HTTP status alone (a 200 carrying an ``errcode`` counts as sent), which is why pushgui's
own senders are used for those services and this channel is for the long tail.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.config import AppriseConfig

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
