"""Reading a pasted webhook address: which service it belongs to and the settings it
carries (tokens included), so a channel form can fill itself in. Each kind reads its own
addresses (:meth:`~pushgui.core.channels.kind.ChannelKind.from_url`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from pushgui.core.channels.config import KINDS, kind_of
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.system.i18n import translate


def parse_webhook_url(url: str) -> tuple[str, dict[str, str]]:
    """The channel kind and settings (secrets included) a pasted address stands for.

    Each kind recognises its service's own addresses; any other http(s) address is a
    generic webhook and any other ``scheme://`` an Apprise URL. An address of a known
    service that lacks its token raises :class:`SpecError` saying what is missing.
    """
    text = url.strip()

    def fail(message: str) -> SpecError:
        return SpecError([FieldError("url", message)])

    if not text:
        raise fail(translate("channels", "Paste the address the service gave you"))
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise fail(translate("channels", "This is not a web address")) from None
    if parts.scheme not in ("http", "https"):
        if parts.scheme and "://" in text:
            return "apprise", {"url": text}
        raise fail(translate("channels", "The address must start with https://"))
    if not host:
        raise fail(translate("channels", "This is not a web address"))
    for kind, description in KINDS.items():
        settings = description.from_url(parts, text)
        if settings is not None:
            return kind, settings
    return "webhook", {"url": text}


def self_hosted(kind: str, url: str) -> dict[str, str] | None:
    """Settings of ``kind`` read from an address on a host other than the service's own
    (a company proxy, a private deployment, a local test server); ``None`` if it does not fit.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return kind_of(kind).self_hosted(parts, url.strip())


def read_pasted(text: str, kind: str, may_switch: bool) -> tuple[str, dict[str, str]]:
    """The kind and settings a form of ``kind`` takes from a pasted address.

    An address of another service may switch the form to that service only when
    ``may_switch`` (a new channel) and that service's form has a paste box; an address on
    another host is read as a self-hosted ``kind``. Raises :class:`SpecError` with the
    reason when the address does not fit.
    """
    found, settings = parse_webhook_url(text)
    current = kind_of(kind)
    if found == "webhook" and kind != "webhook":
        own = self_hosted(kind, text)
        if own is None:
            message = translate(
                "channels",
                "This does not look like a {0} address. Copy the whole address "
                "from the service's settings page.",
            ).format(current.name())
            raise SpecError([FieldError("url", message)])
        return kind, own
    if found != kind and (not may_switch or not kind_of(found).paste):
        message = translate("channels", "This is a {0} address; this channel is {1}.").format(
            kind_of(found).name(settings), current.name()
        )
        raise SpecError([FieldError("url", message)])
    return found, settings
