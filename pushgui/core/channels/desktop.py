"""The desktop channel ("me"). Headless, a reminder is written to the log; the GUI hands the
engine a sender that shows a tray notification or a reminder window instead (the composition
root, ``Runtime.hand_desktop_to``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from pushgui.core.channels.base import Outcome, Outgoing

KIND = "desktop"
ME = "me"

log = logging.getLogger("pushgui.reminder")


class LogSender:
    """Writes each reminder to the log (headless mode has nobody to show it to)."""

    def send(self, messages: Sequence[Outgoing]) -> list[Outcome]:
        for message in messages:
            log.info("Reminder %r: %s | %s", message.push_name, message.title, message.body)
        return [Outcome(ok=True) for _ in messages]
