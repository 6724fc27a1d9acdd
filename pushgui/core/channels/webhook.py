"""A generic webhook: the user's body template, rendered per message, sent with their
method and headers. Success is any 2xx answer (there is no result field to check)."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pushgui.core.channels import checks
from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.checks import parse_headers
from pushgui.core.channels.http import HttpKind, HttpSender, status_failure
from pushgui.core.channels.kind import ChannelConfig, Field, Variant, register
from pushgui.core.errors import FieldError
from pushgui.core.messages import placeholders
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.channels.client import Client

DEFAULT_WEBHOOK_BODY = '{"title": "${title}", "body": "${body}", "recipient": "${recipient}"}'


@dataclass(frozen=True)
class WebhookConfig(ChannelConfig):
    """Any JSON (or text) endpoint. ``headers`` is one ``Name: value`` per line."""

    KIND: ClassVar[str] = "webhook"
    SECRETS: ClassVar[tuple[str, ...]] = ("url", "headers")

    url: str = ""
    method: Literal["POST", "PUT"] = "POST"
    headers: str = ""
    body_template: str = DEFAULT_WEBHOOK_BODY
    content_type: str = "application/json"


KIND = WebhookConfig.KIND
__all__ = ["WebhookConfig", "WebhookSender", "parse_headers"]


class WebhookSender(HttpSender[WebhookConfig]):
    service = "The webhook"

    def body(self, message: Outgoing) -> str:
        values = {
            "title": message.title,
            "body": message.body,
            "recipient": message.recipient,
            "push": message.push_name,
        }
        as_json = "json" in self.config.content_type.lower()
        escape = placeholders.json_escape if as_json else None
        return placeholders.render(self.config.body_template, values, escape=escape)

    @functools.cached_property
    def _headers(self) -> dict[str, str]:
        """The request's headers: the same for every message (the config is frozen)."""
        headers = {"Content-Type": f"{self.config.content_type}; charset=utf-8"}
        return headers | parse_headers(self.config.headers)

    def send_one(self, client: Client, message: Outgoing) -> Outcome:
        response = client.request(
            self.config.method,
            self.config.url,
            content=self.body(message).encode("utf-8"),
            headers=self._headers,
        )
        return status_failure(self.service, response) or Outcome(ok=True)


def check_body_template(config: WebhookConfig) -> list[FieldError]:
    bad = placeholders.unknown_placeholders(config.body_template, placeholders.MESSAGE_FIELDS)
    if bad:
        names = ", ".join("${" + n + "}" for n in sorted(bad))
        message = translate("channels", "Unknown placeholder {names}").format(names=names)
        return [FieldError("body_template", message)]
    if "json" in config.content_type.lower():
        sample = placeholders.render(
            config.body_template,
            dict.fromkeys(placeholders.MESSAGE_FIELDS, 'a "quoted"\nline'),
            escape=placeholders.json_escape,
        )
        try:
            json.loads(sample)
        except json.JSONDecodeError as exc:
            message = translate("channels", "The body is not valid JSON ({problem})").format(
                problem=exc.msg
            )
            return [FieldError("body_template", message)]
    return []


class Webhook(HttpKind):
    config = WebhookConfig
    position = 900
    sender_class = WebhookSender
    variants = (
        Variant(
            "webhook",
            lambda: translate("channels", "Webhook"),
            lambda: translate("channels", "Any web address that takes JSON"),
            ("{}", "#546e7a"),
        ),
    )

    def fields(self) -> tuple[Field, ...]:
        return (
            Field("url", translate("channels", "Address:"), "secret", "https://…"),
            Field(
                "method",
                translate("channels", "Method:"),
                "choice",
                choices=(("POST", "POST"), ("PUT", "PUT")),
            ),
            Field(
                "headers",
                translate("channels", "Extra headers:"),
                "multiline",
                translate("channels", "Authorization: Bearer …"),
                translate("channels", "One per line, written Name: value."),
            ),
            Field(
                "body_template",
                translate("channels", "Body:"),
                "multiline",
                help=translate(
                    "channels", "Placeholders: ${title}, ${body}, ${recipient}, ${push}."
                ),
            ),
            Field(
                "content_type",
                translate("channels", "Content type:"),
                placeholder="application/json",
                advanced=True,
            ),
        )

    def validate(self, config: WebhookConfig) -> list[FieldError]:
        errors = checks.need_url(
            "url", config.url, translate("channels", "Enter the address to send to")
        )
        errors += checks.one_of(
            "method", config.method, ("POST", "PUT"), translate("channels", "Choose POST or PUT")
        )
        return errors + checks.header_lines("headers", config.headers) + check_body_template(config)

    def details(self, settings: Mapping[str, Any]) -> str:
        return str(settings.get("method", ""))


register(Webhook())
