"""A contact's IDs on the chat services, what each looks like, and why a value is refused.

An ID is what a bot needs to @mention the person (docs/MENTIONS.md): a DingTalk userId or
mobile, a WeCom userid or mobile, a Feishu open_id (``ou_…``) or user_id, a Slack member ID
(``U…``/``W…``), a Discord user ID (a snowflake), a Telegram username. Each value is
checked against its service's shape when the contact is saved or imported, so nothing that
would break a message (``>``, ``<at``, ``@all``…) or ping somebody else ever reaches a
sender.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pushgui.core.system.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class ServiceId:
    key: str  # the key in ContactRecord.service_ids, a CSV column, an export field
    kind: str  # the channel kind it mentions on
    label: str  # QT_TRANSLATE_NOOP("service_ids", ...), translated when shown
    pattern: re.Pattern[str]
    hint: str  # what a valid value looks like (translated when shown)
    reserved: tuple[str, ...] = ()  # values that mean "everyone" on the service


def _exact(regex: str) -> re.Pattern[str]:
    return re.compile(rf"\A(?:{regex})\Z")


_MOBILE = _exact(r"\+?[0-9][0-9-]{4,19}")
_MOBILE_HINT = QT_TRANSLATE_NOOP(
    "service_ids", "digits, optionally +country code, e.g. 13800138000"
)

SERVICE_IDS: tuple[ServiceId, ...] = (
    ServiceId(
        "dingtalk_user_id",
        "dingtalk",
        QT_TRANSLATE_NOOP("service_ids", "DingTalk userId:"),
        _exact(r"[A-Za-z0-9_-]{1,64}"),
        QT_TRANSLATE_NOOP("service_ids", "letters, digits, - and _, as in the admin console"),
    ),
    ServiceId(
        "dingtalk_mobile",
        "dingtalk",
        QT_TRANSLATE_NOOP("service_ids", "DingTalk mobile:"),
        _MOBILE,
        _MOBILE_HINT,
    ),
    ServiceId(
        "wecom_user_id",
        "wecom",
        QT_TRANSLATE_NOOP("service_ids", "WeCom userid:"),
        _exact(r"[A-Za-z0-9_.-][A-Za-z0-9_.@-]{0,63}"),
        QT_TRANSLATE_NOOP("service_ids", "letters, digits, _ . - @, not starting with @"),
        ("@all",),
    ),
    ServiceId(
        "wecom_mobile",
        "wecom",
        QT_TRANSLATE_NOOP("service_ids", "WeCom mobile:"),
        _MOBILE,
        _MOBILE_HINT,
    ),
    ServiceId(
        "feishu",
        "feishu",
        QT_TRANSLATE_NOOP("service_ids", "Feishu open_id or user_id:"),
        _exact(r"ou_[A-Za-z0-9]{8,64}|[A-Za-z0-9]{1,64}"),
        QT_TRANSLATE_NOOP(
            "service_ids", "an open_id like ou_7d8a… or a user_id of letters and digits"
        ),
        ("all",),
    ),
    ServiceId(
        "slack",
        "slack",
        QT_TRANSLATE_NOOP("service_ids", "Slack member ID:"),
        _exact(r"[UW][A-Z0-9]{6,20}"),
        QT_TRANSLATE_NOOP(
            "service_ids",
            "U or W and capital letters or digits, e.g. U024BE7LH (profile → ⋮ → Copy member ID)",
        ),
    ),
    ServiceId(
        "discord",
        "discord",
        QT_TRANSLATE_NOOP("service_ids", "Discord user ID:"),
        _exact(r"[1-9][0-9]{16,19}"),
        QT_TRANSLATE_NOOP(
            "service_ids", "17 to 20 digits (Developer Mode → right-click the user → Copy User ID)"
        ),
    ),
    ServiceId(
        "telegram",
        "telegram",
        QT_TRANSLATE_NOOP("service_ids", "Telegram username:"),
        _exact(r"@?[A-Za-z][A-Za-z0-9_]{3,31}"),
        QT_TRANSLATE_NOOP("service_ids", "5 to 32 letters, digits and _, e.g. @alice_w"),
    ),
)

BY_KEY: dict[str, ServiceId] = {s.key: s for s in SERVICE_IDS}
KEYS: tuple[str, ...] = tuple(BY_KEY)


def label(key: str) -> str:
    return translate("service_ids", BY_KEY[key].label)


def problem(key: str, value: str) -> str:
    """Why ``value`` cannot be this contact's ``key`` ID (empty when it can, or is empty)."""
    service = BY_KEY.get(key)
    if service is None:
        return translate("service_ids", "pushgui knows no service ID called “{key}”").format(
            key=key[:40]
        )
    if not value:
        return ""
    if value.casefold() in service.reserved:
        return translate(
            "service_ids", "“{value}” would @mention everyone; choose “everyone” on the target"
        ).format(value=value)
    if not service.pattern.match(value):
        return translate("service_ids", "This does not look like one: {hint}").format(
            hint=translate("service_ids", service.hint)
        )
    return ""


def cleaned(values: Mapping[str, str]) -> dict[str, str]:
    """The non-empty IDs, trimmed (a Telegram username without its leading @)."""
    out: dict[str, str] = {}
    for key, value in values.items():
        text = str(value or "").strip()
        if key == "telegram":
            text = text.removeprefix("@")
        if text:
            out[key] = text
    return out


def problems(values: Mapping[str, str], report: Callable[[str, str], None]) -> None:
    """Call ``report(key, message)`` for every ID in ``values`` that is refused."""
    for key, value in values.items():
        message = problem(key, str(value))
        if message:
            report(key, message)
