"""Composing one email: UTF-8 headers with the title kept literal, a plain body with an
optional HTML part, and attachments read only from the data folder's copies.

Composing is most of the cost of sending a burst of email (bench/email_throughput.py), so
header classes are made once and the sender's From header is parsed once per account.
The SMTP session that sends the result, and what each of its failures means, are in
:mod:`.smtp`.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from email.header import Header
from email.headerregistry import Address, BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formatdate, make_msgid
from pathlib import Path

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.messages.attachments import MAX_ATTACHMENT_BYTES, AttachmentError, readable_copy
from pushgui.core.messages.formats import document
from pushgui.core.messages.rich import parse
from pushgui.core.system.files import FileTooLargeError, NotAFileError, read_regular_file


class MailComposer:
    """Builds each recipient's message for one account (its sender name and address)."""

    def __init__(self, sender_name: str, sender_address: str) -> None:
        self.sender_name = sender_name
        self.sender_address = sender_address
        self._policy = default_policy.clone(header_factory=_Registry())
        self._from: BaseHeader | str | None = None

    def compose(
        self, message: Outgoing, attachments: Mapping[str, tuple[bytes, str, str] | Outcome]
    ) -> EmailMessage:
        """The message for one recipient; ``attachments`` holds each path's bytes and type
        (:func:`read_attachment`, checked by the sender before). Raises what the email library
        raises for a header it refuses."""
        mail = EmailMessage(policy=self._policy)
        _set_literal(mail, "Subject", message.title)
        if self._from is None:  # the same for every message: parsed once
            if _ENCODED_WORD in self.sender_name:
                name = _encoded(self.sender_name, "From")
                self._from = f"{name} <{self.sender_address}>"
            else:
                self._from = self._policy.header_factory(
                    "From", _address(self.sender_name, self.sender_address)
                )
        if isinstance(self._from, str):
            mail.set_raw("From", self._from)
        else:
            mail["From"] = self._from  # a parsed header is stored as it is
        mail["To"] = _address("", message.recipient_address)
        # Both are plain ASCII made by the email library itself: stored as they are, not
        # parsed again (parsing was a fifth of the time to compose a message).
        mail.set_raw("Date", formatdate(localtime=True))
        domain = self.sender_address.rpartition("@")[2]
        mail.set_raw("Message-ID", make_msgid(domain=domain if domain.isascii() else None))
        text, page = message.body, message.html
        if message.text_format == "markdown":  # a formatted message: both parts from it
            blocks = parse(message.body, "markdown")
            text, page = document(blocks, "plain"), page or document(blocks, "html")
        mail.set_content(text, charset="utf-8")
        if page:
            mail.add_alternative(page, subtype="html", charset="utf-8")
        for path in message.attachments:
            found = attachments[path]
            assert not isinstance(found, Outcome)  # the sender refused the message otherwise
            data, maintype, subtype = found
            mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=Path(path).name)
        return mail


class _Registry(HeaderRegistry):
    """The standard header registry, making each header class once.

    The stdlib's registry builds a new class with type() for every header it parses: with
    about nine headers a message, that was a third of the time to compose one
    (bench/email_throughput.py).
    """

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().__getitem__(name)
        return made


#: The start of an RFC 2047 encoded word. Python's email library decodes such text when a
#: header is set and writes it back unencoded, so a mail reader would decode a title that
#: merely contains one; text that holds it is sent encoded as a whole instead.
_ENCODED_WORD = "=?"


def _encoded(text: str, header: str) -> str:
    """``text`` as RFC 2047 encoded words (UTF-8), folded to fit the line limit."""
    return Header(text, "utf-8", header_name=header).encode(linesep="\r\n")


def _set_literal(mail: EmailMessage, header: str, text: str) -> None:
    """Set an unstructured header so that the reader sees exactly ``text``."""
    if _ENCODED_WORD in text:
        # set_raw stores the value as given: the library's parser would decode the words.
        mail.set_raw(header, _encoded(text, header))
    else:
        mail[header] = text


def _address(name: str, address: str) -> Address | str:
    try:
        return Address(display_name=name, addr_spec=address)
    except (ValueError, IndexError):
        return address


def read_attachment(path: str, data_dir: Path) -> tuple[bytes, str, str] | Outcome:
    """The bytes and MIME type of an attachment, or the failure that refuses the message.

    Only a copy in the data folder's attachments folder is read, symlinks resolved
    (:func:`pushgui.core.messages.attachments.readable_copy`): whatever the database says, a run
    never mails ``/etc/shadow``. Regular files only, up to the size cap."""
    try:
        resolved = readable_copy(path, data_dir)
        data = read_regular_file(resolved, MAX_ATTACHMENT_BYTES)
    except AttachmentError as exc:
        return Outcome(ok=False, error=str(exc), permanent=True)
    except OSError as exc:
        problem = (
            f"larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"
            if isinstance(exc, FileTooLargeError)
            else "not a regular file"
            if isinstance(exc, NotAFileError)
            else exc.strerror or exc
        )
        return Outcome(
            ok=False,
            error=f"The attachment {Path(path).name} could not be read ({problem})",
            permanent=True,
        )
    kind, encoding = mimetypes.guess_type(path)
    if kind is None or encoding is not None:
        kind = "application/octet-stream"
    maintype, _, subtype = kind.partition("/")
    return data, maintype, subtype
