"""What a channel kind is: its config dataclass, the description of its form fields (as data:
core has no Qt), its display name, its checks, the addresses it recognises and the sender
it builds, and the registry that maps each kind to its description.

Each kind module (``channels/<kind>.py``) defines one :class:`ChannelKind` and calls
:func:`register` at import; :mod:`pushgui.core.channels.config` imports every kind module,
so importing it fills :data:`KINDS`. The registry is filled at import and never rebound.
See docs/ARCHITECTURE.md, "Adding a channel kind".
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from urllib.parse import SplitResult

from pushgui.core.channels.base import Sender
from pushgui.core.errors import FieldError, SpecError
from pushgui.core.system.i18n import translate

if TYPE_CHECKING:
    from pushgui.core.delivery.deadline import SendDeadline

#: The editor a form shows for a field.
Widget = Literal["text", "secret", "number", "seconds", "choice", "bool", "multiline"]


@dataclass(frozen=True)
class ChannelConfig:
    """The base of every kind's settings: ``KIND`` names the kind; the fields named in
    ``SECRETS`` hold passwords, tokens or token-bearing URLs, which the store hands to the
    keyring (:mod:`pushgui.core.system.secrets`) and never writes to the database."""

    KIND: ClassVar[str] = ""
    SECRETS: ClassVar[tuple[str, ...]] = ()


@dataclass(frozen=True)
class Field:
    """One field of a channel form, described as data (texts already translated).

    ``choices`` are (stored value, shown text) for a ``choice`` field; ``minimum`` and
    ``maximum`` bound a ``number`` or ``seconds`` field; ``advanced`` fields are kept
    under "Advanced settings" until one holds a value other than its default.
    """

    name: str
    label: str
    widget: Widget = "text"
    placeholder: str = ""
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    minimum: int = 1
    maximum: int = 100000
    advanced: bool = False


def service_address() -> Field:
    """The advanced field of the kinds whose service address can be changed (a proxy)."""
    return Field(
        "api_url",
        translate("channels", "Service address:"),
        help=translate("channels", "Change only for a proxy or a private server."),
        advanced=True,
    )


@dataclass(frozen=True)
class Variant:
    """One entry of the "Add a channel" picker: a kind, or a kind with preset settings
    (Lark is Feishu with ``region="lark"``). ``badge`` is the letter and colour of its
    icon."""

    key: str
    name: Callable[[], str]
    hint: Callable[[], str]
    badge: tuple[str, str]
    preset: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SenderOptions:
    """What building a sender takes besides the config.

    ``verify`` is what HTTP channels trust (True: the system's CAs; a context or a CA file
    otherwise) and, when it is an SSL context, also what the email channel uses;
    ``data_dir`` is the data folder whose attachment copies the email channel may read;
    ``deadline`` is where the engine sets the deadline of each message the sender sends
    (``None``: the sender has its own, never set, and only socket timeouts bound a send).
    """

    timeout: float | None = None
    verify: ssl.SSLContext | str | bool = True
    data_dir: Path | None = None
    clock: Callable[[], float] = time.time
    deadline: SendDeadline | None = None


class ChannelKind:
    """The description of one channel kind. A kind module subclasses it once, fills in the
    class attributes and overrides what its kind needs, then registers an instance.

    ``paste`` kinds start their form with a "paste the address" box, read by
    :meth:`from_url` (the service's own hosts) and :meth:`self_hosted` (any other host).
    """

    config: type[ChannelConfig]
    variants: tuple[Variant, ...] = ()
    paste: bool = False
    #: Where the kind stands in the "Add a channel" picker (smaller first).
    position: int = 500
    #: The field holding the address messages go to (warned about when not encrypted);
    #: empty: the first of webhook_url, url, server, api_url the config has.
    address_field: str = ""

    @property
    def kind(self) -> str:
        return self.config.KIND

    def name(self, settings: Mapping[str, Any] | None = None) -> str:
        """The display name (translated); ``settings`` may pick a variant's name."""
        return self.variant(settings).name()

    def variant(self, settings: Mapping[str, Any] | None = None) -> Variant:
        """The picker entry ``settings`` belong to (the first whose preset they match)."""
        values = settings or {}
        for variant in self.variants:
            if all(values.get(k) == v for k, v in variant.preset.items()):
                return variant
        return self.variants[0]

    def fields(self) -> tuple[Field, ...]:
        """The form fields, in order; each names a field of :attr:`config`."""
        raise NotImplementedError

    def validate(self, config: Any) -> list[FieldError]:
        """Every problem with ``config`` of this kind, each naming its field."""
        return []

    def warnings(self, config: Any) -> list[FieldError]:
        """Settings of ``config`` that work but that the user should know about."""
        return []

    #: Settings that make :meth:`warnings` speak, so a form can keep room for each warning.
    risky: Mapping[str, Any] = MappingProxyType({})

    def build_sender(self, config: Any, options: SenderOptions) -> Sender:
        raise NotImplementedError

    #: The service's own hosts: a name, or ".example.com" for it and its subdomains.
    hosts: tuple[str, ...] = ()

    def from_url(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        """Settings read from a pasted address on this service's own host; ``None`` if the
        host is not the service's. An address of the service that :meth:`self_hosted` cannot
        read raises :class:`~pushgui.core.errors.SpecError` saying what is missing."""
        host = (parts.hostname or "").lower()
        if not any(_is_host(host, own) for own in self.hosts):
            return None
        found = self.self_hosted(parts, text)
        if found is None:
            raise SpecError([FieldError("url", self.incomplete_url())])
        return self.on_own_host(found, host)

    def incomplete_url(self) -> str:
        """Why an address of this service cannot be used (what it lacks)."""
        return translate("channels", "This is not a web address")

    def on_own_host(self, settings: dict[str, str], host: str) -> dict[str, str]:
        """``settings`` read from the service's own ``host``, as they fill the form."""
        return settings

    def self_hosted(self, parts: SplitResult, text: str) -> dict[str, str] | None:
        """Settings read from an address on another host (a proxy, a private server)."""
        return None

    def details(self, settings: Mapping[str, Any]) -> str:
        """A short, secret-free line telling channels of this kind apart."""
        return ""


def _is_host(host: str, own: str) -> bool:
    """Whether ``host`` is ``own``, or for ".example.com", example.com or a subdomain of it."""
    if own.startswith("."):
        return host == own[1:] or host.endswith(own)
    return host == own


_kinds: dict[str, ChannelKind] = {}

#: Every registered kind by its ``KIND``, filled as the kind modules are imported.
KINDS: Mapping[str, ChannelKind] = MappingProxyType(_kinds)


def in_order() -> list[ChannelKind]:
    """The registered kinds in the order the picker shows them."""
    return sorted(_kinds.values(), key=lambda kind: (kind.position, kind.kind))


def register(kind: ChannelKind) -> ChannelKind:
    """Add ``kind`` to :data:`KINDS` (at import of its module; once per kind)."""
    name = kind.kind
    if name in _kinds:
        raise ValueError(f"channel kind {name!r} is registered twice")
    known = {f.name for f in fields(kind.config)}
    unknown = {f.name for f in kind.fields()} - known
    if unknown or not kind.variants:
        raise ValueError(f"channel kind {name!r}: bad description ({sorted(unknown)})")
    _kinds[name] = kind
    return kind
