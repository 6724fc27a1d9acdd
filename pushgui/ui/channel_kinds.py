"""How each kind of channel is presented: its name, badge and one-line hint, the labels,
placeholders and hints of its fields, and the email provider presets.

Strings keep the ``ChannelForm`` translation context they had inside the form.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

#: Kinds whose form starts with the "paste the address" box.
PASTE_KINDS = ("dingtalk", "wecom", "feishu", "slack", "discord", "teams", "telegram", "ntfy")

#: Fields kept under "Advanced settings" (shown by themselves when they hold a non-default).
ADVANCED: dict[str, tuple[str, ...]] = {
    "email": ("ca_file", "timeout"),
    "dingtalk": ("api_url",),
    "wecom": ("api_url",),
    "feishu": ("api_url",),
    "telegram": ("api_url",),
    "webhook": ("content_type",),
}

#: Provider presets for the email form: host, port, security.
EMAIL_PRESETS: dict[str, tuple[str, int, str]] = {
    "gmail": ("smtp.gmail.com", 587, "starttls"),
    "outlook": ("smtp.office365.com", 587, "starttls"),
    "qq": ("smtp.qq.com", 465, "ssl"),
    "163": ("smtp.163.com", 465, "ssl"),
}

_BADGES: dict[str, tuple[str, str]] = {
    "email": ("@", "#5c6bc0"),
    "dingtalk": ("钉", "#1677ff"),
    "wecom": ("企", "#07c160"),
    "feishu": ("飞", "#3370ff"),
    "lark": ("L", "#00d6b9"),
    "slack": ("S", "#4a154b"),
    "discord": ("D", "#5865f2"),
    "teams": ("T", "#5059c9"),
    "telegram": ("✈", "#229ed9"),
    "ntfy": ("n", "#317f6f"),
    "webhook": ("{}", "#546e7a"),
    "apprise": ("A", "#8d6e63"),
    "desktop": ("▣", "#607d8b"),
}


def kind_choices() -> list[tuple[str, str, dict[str, str], str]]:
    """What "Add channel" offers: (badge key, friendly name, kind and preset, one-line hint)."""
    return [
        (
            "email",
            QCoreApplication.translate("ChannelForm", "Email (SMTP)"),
            {"kind": "email"},
            QCoreApplication.translate("ChannelForm", "Send from a mail account"),
        ),
        (
            "dingtalk",
            QCoreApplication.translate("ChannelForm", "DingTalk"),
            {"kind": "dingtalk"},
            QCoreApplication.translate("ChannelForm", "A DingTalk group robot"),
        ),
        (
            "wecom",
            QCoreApplication.translate("ChannelForm", "WeCom"),
            {"kind": "wecom"},
            QCoreApplication.translate("ChannelForm", "A WeCom (WeChat Work) group robot"),
        ),
        (
            "feishu",
            QCoreApplication.translate("ChannelForm", "Feishu"),
            {"kind": "feishu", "region": "feishu"},
            QCoreApplication.translate("ChannelForm", "A Feishu bot"),
        ),
        (
            "lark",
            QCoreApplication.translate("ChannelForm", "Lark"),
            {"kind": "feishu", "region": "lark"},
            QCoreApplication.translate("ChannelForm", "A Lark bot"),
        ),
        (
            "slack",
            QCoreApplication.translate("ChannelForm", "Slack"),
            {"kind": "slack"},
            QCoreApplication.translate("ChannelForm", "A Slack incoming webhook"),
        ),
        (
            "discord",
            QCoreApplication.translate("ChannelForm", "Discord"),
            {"kind": "discord"},
            QCoreApplication.translate("ChannelForm", "A Discord channel webhook"),
        ),
        (
            "teams",
            QCoreApplication.translate("ChannelForm", "Microsoft Teams"),
            {"kind": "teams"},
            QCoreApplication.translate("ChannelForm", "A Teams workflow webhook"),
        ),
        (
            "telegram",
            QCoreApplication.translate("ChannelForm", "Telegram"),
            {"kind": "telegram"},
            QCoreApplication.translate("ChannelForm", "A Telegram bot and chat"),
        ),
        (
            "ntfy",
            QCoreApplication.translate("ChannelForm", "ntfy"),
            {"kind": "ntfy"},
            QCoreApplication.translate("ChannelForm", "Push to phones through ntfy.sh"),
        ),
        (
            "webhook",
            QCoreApplication.translate("ChannelForm", "Webhook"),
            {"kind": "webhook"},
            QCoreApplication.translate("ChannelForm", "Any web address that takes JSON"),
        ),
        (
            "apprise",
            QCoreApplication.translate("ChannelForm", "Other service (Apprise URL)"),
            {"kind": "apprise"},
            QCoreApplication.translate(
                "ChannelForm", "Many more services, through an Apprise address"
            ),
        ),
    ]


def badge_key(kind: str, settings: dict[str, Any] | None = None) -> str:
    if kind == "feishu" and (settings or {}).get("region") == "lark":
        return "lark"
    return kind


def kind_label(kind: str, settings: dict[str, Any] | None = None) -> str:
    key = badge_key(kind, settings)
    for badge, label, _preset, _hint in kind_choices():
        if badge == key:
            return label
    return kind


@cache
def kind_icon(key: str, size: int = 32) -> QIcon:
    """A coloured badge with a letter for each kind of channel (sharp at 2x)."""
    text, colour = _BADGES.get(key, ("?", "#757575"))
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRect(1, 1, size - 2, size - 2), size / 4.5, size / 4.5)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.5 if len(text) == 1 else 0.4)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def _form_tr(text: str) -> str:
    # These strings were written as ``tr = self.tr; tr(...)`` inside ChannelForm, which
    # lupdate files under the empty context; the lookup in "ChannelForm" falls back to it.
    # Keep the bare ``tr(...)`` calls so the .ts stays as it is.
    return QCoreApplication.translate("ChannelForm", text)


def field_texts() -> dict[str, tuple[str, str, str]]:
    """(label, placeholder, hint) per field name; a ``name@kind`` key is that kind's variant."""
    tr = _form_tr
    common = {
        "host": (
            tr("Mail server:"),
            tr("e.g. smtp.example.com"),
            "",
        ),
        "port": (tr("Port:"), "", ""),
        "security": (tr("Encryption:"), "", ""),
        "username": (
            tr("User name:"),
            tr("usually your email address"),
            tr("Leave empty if the server needs no login."),
        ),
        "password": (tr("Password:"), "", ""),
        "sender_address": (
            tr("Send from address:"),
            tr("me@example.com"),
            "",
        ),
        "sender_name": (
            tr("Sender name:"),
            tr("Optional, e.g. Office reminders"),
            "",
        ),
        "ca_file": (
            tr("Extra certificate file:"),
            tr("Optional, a .pem file"),
            tr("Only for a company mail server with its own certificate authority."),
        ),
        "timeout": (tr("Time limit:"), "", ""),
        "access_token": (tr("Access token:"), "", ""),
        "secret": (
            tr("Signing secret:"),
            tr("Optional, starts with SEC…"),
            tr("Only if the robot's security setting is “Signature” (加签)."),
        ),
        "msgtype": (tr("Message format:"), "", ""),
        "api_url": (
            tr("Service address:"),
            "",
            tr("Change only for a proxy or a private server."),
        ),
        "key": (tr("Robot key:"), "", ""),
        "token": (tr("Token:"), "", ""),
        "region": (tr("Region:"), "", ""),
        "webhook_url": (
            tr("Webhook address:"),
            "https://…",
            "",
        ),
        "bot_token": (
            tr("Bot token:"),
            tr("123456:ABC-DEF…"),
            tr("@BotFather gives it."),
        ),
        "chat_id": (
            tr("Chat id:"),
            tr("a number, or @channelname"),
            tr("Where the bot posts; the bot must be a member of the chat."),
        ),
        "server": (tr("Server:"), "https://ntfy.sh", ""),
        "topic": (
            tr("Topic:"),
            tr("e.g. my-reminders-5f3a"),
            tr(
                "Anyone who knows the topic name can read it on ntfy.sh: pick one hard to guess.",
            ),
        ),
        "priority": (
            tr("Priority:"),
            "",
            tr("1 is the lowest, 5 the highest."),
        ),
        "url": (tr("Address:"), "https://…", ""),
        "method": (tr("Method:"), "", ""),
        "headers": (
            tr("Extra headers:"),
            tr("Authorization: Bearer …"),
            tr("One per line, written Name: value."),
        ),
        "body_template": (
            tr("Body:"),
            "",
            tr("Placeholders: ${title}, ${body}, ${recipient}, ${push}."),
        ),
        "content_type": (
            tr("Content type:"),
            "application/json",
            "",
        ),
        "username@discord": (
            tr("Post as:"),
            tr("Optional, the name shown"),
            "",
        ),
        "token@feishu": (tr("Bot token:"), "", ""),
        "token@ntfy": (
            tr("Access token:"),
            tr("Optional, tk_…"),
            tr("Only for a protected topic."),
        ),
        "secret@feishu": (
            tr("Signing secret:"),
            tr("Optional"),
            tr("Only if the bot's security setting has “Signature verification”."),
        ),
        "url@apprise": (
            tr("Apprise address:"),
            tr("e.g. tgram://bottoken/chatid"),
            tr("See the Apprise wiki for the address of your service."),
        ),
        "webhook_url@teams": (
            tr("Workflow address:"),
            "https://…",
            tr(
                "In Teams: Workflows → “Post to a channel when a webhook request is received”.",
            ),
        ),
    }
    return common


def field_choices(name: str) -> list[tuple[str, str]] | None:
    """(value, text) for the fields picked from a list; ``None`` for the others."""
    tr = _form_tr
    return {
        "security": [
            ("starttls", _starttls_text()),
            ("ssl", tr("SSL/TLS (usually port 465)")),
            ("none", tr("None — not encrypted")),
        ],
        "msgtype": [
            ("text", tr("Plain text")),
            ("markdown", tr("Markdown")),
        ],
        "region": [
            ("feishu", tr("Feishu (China)")),
            ("lark", tr("Lark (international)")),
        ],
        "method": [("POST", "POST"), ("PUT", "PUT")],
    }.get(name)


def email_preset_choices() -> list[tuple[str, str]]:
    """(preset key, provider name) for the email form's "Mail provider" list."""
    return [
        ("gmail", QCoreApplication.translate("ChannelForm", "Gmail")),
        ("outlook", QCoreApplication.translate("ChannelForm", "Outlook / Microsoft 365")),
        ("qq", QCoreApplication.translate("ChannelForm", "QQ Mail")),
        ("163", QCoreApplication.translate("ChannelForm", "163 Mail")),
    ]


def email_preset_notes() -> dict[str, str]:
    """What each provider needs besides its server settings (an app password, a code)."""
    return {
        "gmail": QCoreApplication.translate(
            "ChannelForm",
            "Gmail needs an app password (Google Account → Security → App passwords), "
            "not your normal password.",
        ),
        "outlook": QCoreApplication.translate(
            "ChannelForm",
            "Work and school accounts may need SMTP sign-in allowed by the administrator.",
        ),
        "qq": QCoreApplication.translate(
            "ChannelForm",
            "QQ Mail needs the authorization code (授权码) from Settings → Account → "
            "POP3/SMTP service, not your QQ password.",
        ),
        "163": QCoreApplication.translate(
            "ChannelForm",
            "163 Mail needs the client authorization code (授权码) from Settings → "
            "POP3/SMTP/IMAP, not your login password.",
        ),
    }


def _starttls_text() -> str:
    # The .ts has this one string under "ChannelForm" and the rest of the choices under "".
    # Kept out of field_choices: lupdate files a bare tr() after translate() under its class.
    return QCoreApplication.translate("ChannelForm", "STARTTLS (usually port 587)")
