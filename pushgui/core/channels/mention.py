"""Who one message @mentions, as its sender gets it: the people (their name and their ID
on the channel's service) and whether everyone is pinged.

Resolved from the target's choice when the run is recorded
(:mod:`pushgui.core.messages.mentions`) and kept with the delivery row as JSON, so a retry
pings the same people. Each channel module turns it into its service's own form
(docs/MENTIONS.md); IDs were checked when the contact was saved
(:mod:`pushgui.core.people.service_ids`) and each sender checks them again with
:func:`valid_ids` before they go into a message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pushgui.core.people.service_ids import BY_KEY


@dataclass(frozen=True)
class Mentioned:
    """One person to ping: ``user_id`` is their ID on the service (a Telegram username for
    Telegram), ``mobile`` a phone number where the service pings by mobile."""

    name: str
    user_id: str = ""
    mobile: str = ""


@dataclass(frozen=True)
class Mentions:
    people: tuple[Mentioned, ...] = ()
    everyone: bool = False

    def __bool__(self) -> bool:
        return bool(self.people or self.everyone)

    def to_json(self) -> str:
        if not self:
            return ""
        data: dict[str, Any] = {
            "people": [
                {
                    k: v
                    for k, v in (("name", p.name), ("user_id", p.user_id), ("mobile", p.mobile))
                    if v
                }
                for p in self.people
            ]
        }
        if self.everyone:
            data["everyone"] = True
        return json.dumps(data, ensure_ascii=False)

    @staticmethod
    def from_json(text: str) -> Mentions:
        if not text:
            return Mentions()
        data = json.loads(text)
        people = tuple(
            Mentioned(str(p.get("name", "")), str(p.get("user_id", "")), str(p.get("mobile", "")))
            for p in data.get("people", [])
            if isinstance(p, dict)
        )
        return Mentions(people, bool(data.get("everyone", False)))


def valid_ids(values: list[str], key: str) -> list[str]:
    """``values`` that have the shape of ``key`` IDs (service_ids.py), each once, in order:
    a value that could break the message or ping someone else never reaches a payload."""
    service = BY_KEY[key]
    kept = [
        v for v in values if v and service.pattern.match(v) and v.casefold() not in service.reserved
    ]
    return list(dict.fromkeys(kept))
