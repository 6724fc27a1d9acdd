"""Email over SMTP, the sender of the email kind (:mod:`.email`): one connection per batch
(opened again when the server drops it), one message per recipient (only their own address
in To), UTF-8 headers, optional HTML part and attachments, certificate checked. Each
recipient succeeds or fails alone.

Every SMTP failure becomes its own readable outcome here; what each message holds (its
headers, body and attachments) is composed in :mod:`.mail_message`."""

from __future__ import annotations

import contextlib
import functools
import logging
import smtplib
import socket
import ssl
from collections.abc import Iterator, Sequence
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from pushgui.core.channels.base import Outcome, Outgoing
from pushgui.core.channels.mail_message import MailComposer, read_attachment
from pushgui.core.delivery import deadline
from pushgui.core.system.paths import locate

log = logging.getLogger(__name__)


class SmtpAccount(Protocol):
    """What the sender reads of an email channel's settings (:class:`.email.EmailConfig`)."""

    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def security(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def password(self) -> str: ...
    @property
    def sender_address(self) -> str: ...
    @property
    def sender_name(self) -> str: ...
    @property
    def ca_file(self) -> str: ...
    @property
    def timeout(self) -> float: ...


class _BatchFailure(Exception):
    """Ends the batch: every message not yet sent gets ``outcome``."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.error)
        self.outcome = outcome


class _Dropped(Exception):
    """This recipient failed and the connection cannot be trusted: open a new one."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.error)
        self.outcome = outcome


class EmailSender:
    """Sends each :class:`Outgoing` to its ``recipient_address`` through one SMTP account.

    ``ssl_context`` replaces the default (system CAs, plus the config's ``ca_file``);
    verification is never turned off.
    """

    def __init__(
        self,
        config: SmtpAccount,
        *,
        ssl_context: ssl.SSLContext | None = None,
        data_dir: Path | None = None,
        current: deadline.SendDeadline | None = None,
    ) -> None:
        self.config = config
        # Where the engine sets the deadline of the message being sent (see SenderOptions).
        self._deadline = current if current is not None else deadline.SendDeadline()
        # Attachments are read only from this data folder's copies (default: the folder a
        # plain ``pushgui`` uses); the channel book hands in its own.
        self._data_dir = data_dir if data_dir is not None else locate().data
        self._context = ssl_context
        self._composer = MailComposer(config.sender_name, config.sender_address)

    def _ssl_context(self) -> ssl.SSLContext:
        if self._context is not None:
            return self._context
        return ssl.create_default_context(cafile=self.config.ca_file or None)

    def send(self, messages: Sequence[Outgoing]) -> list[Outcome]:
        return list(self.stream(messages))

    def stream(self, messages: Sequence[Outgoing]) -> Iterator[Outcome]:
        """Each message's outcome as soon as the server answered for its recipient.

        A recipient whose message cannot be built or is refused fails alone; a connection
        the server dropped is opened again for the recipients after it. Only a failure to
        connect at all (or a refused sender) ends the batch: the rest are not tried.
        """
        attachments: dict[str, tuple[bytes, str, str] | Outcome] = {}
        smtp: smtplib.SMTP | None = None
        stop: Outcome | None = None
        try:
            for message in messages:
                if stop is not None:
                    yield Outcome(
                        ok=False, error=f"Not sent: {stop.error}", permanent=stop.permanent
                    )
                    continue
                problem = self._check(message, attachments)
                if problem is None:
                    try:
                        mail = self._composer.compose(message, attachments)
                    except Exception as exc:  # a header the email library refuses, etc.
                        problem = Outcome(
                            ok=False,
                            error=f"The message for {message.recipient} could not be built "
                            f"({exc or type(exc).__name__})",
                            permanent=True,
                        )
                if problem is not None:
                    yield problem
                    continue
                if smtp is None:
                    try:
                        smtp = self._connect()
                    except _BatchFailure as failed:
                        log.info("Email via %s: %s", self.config.host, failed.outcome.error)
                        stop = failed.outcome
                        yield stop
                        continue
                limit = self._deadline.current
                if limit is not None and smtp.sock is not None:
                    # The watchdog closes the socket when the send's deadline passes.
                    limit.on_abort(functools.partial(_shut, smtp.sock))
                try:
                    with limit.enforced() if limit is not None else contextlib.nullcontext():
                        outcome = self._send_one(smtp, message, mail)
                except _Dropped as dropped:
                    _close(smtp)
                    smtp = None  # opened again for the next recipient
                    outcome = _late(limit, dropped.outcome)
                except _BatchFailure as failed:
                    stop = outcome = failed.outcome
                if smtp is not None and smtp.sock is None:  # smtplib closed it (a 421 reply)
                    smtp = None
                yield outcome
        finally:
            if smtp is not None:
                try:
                    smtp.quit()
                except (smtplib.SMTPException, OSError):
                    smtp.close()

    # --- steps ---------------------------------------------------------------------------

    def _check(
        self, message: Outgoing, cache: dict[str, tuple[bytes, str, str] | Outcome]
    ) -> Outcome | None:
        if not message.recipient_address or "@" not in message.recipient_address:
            return Outcome(
                ok=False,
                error=f"{message.recipient} has no email address",
                permanent=True,
            )
        for path in message.attachments:
            if path not in cache:
                cache[path] = read_attachment(path, self._data_dir)
            found = cache[path]
            if isinstance(found, Outcome):
                return found
        return None

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        where = f"{cfg.host}:{cfg.port}"
        limit = self._deadline.current
        timeout = cfg.timeout if limit is None else max(min(cfg.timeout, limit.remaining()), 0.1)
        smtp: smtplib.SMTP | None = None
        try:
            if cfg.security == "ssl":
                smtp = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, timeout=timeout, context=self._ssl_context()
                )
            else:
                smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=timeout)
                smtp.ehlo()
                if cfg.security == "starttls":
                    if not smtp.has_extn("starttls"):
                        raise _BatchFailure(
                            Outcome(
                                ok=False,
                                error=f"The mail server {where} does not offer STARTTLS; "
                                "choose SSL/TLS or check the port",
                                permanent=True,
                            )
                        )
                    smtp.starttls(context=self._ssl_context())
                    smtp.ehlo()
            if cfg.username:
                smtp.login(cfg.username, cfg.password)
            return smtp
        except _BatchFailure:
            _close(smtp)
            raise
        except smtplib.SMTPAuthenticationError as exc:
            _close(smtp)
            raise _BatchFailure(
                Outcome(
                    ok=False,
                    error="The mail server refused the user name or password "
                    f"({_reply(exc.smtp_code, exc.smtp_error)})",
                    permanent=True,
                )
            ) from None
        except smtplib.SMTPNotSupportedError:
            _close(smtp)
            raise _BatchFailure(
                Outcome(
                    ok=False,
                    error=f"The mail server {where} does not accept a login here; "
                    "check the security setting",
                    permanent=True,
                )
            ) from None
        except ssl.SSLCertVerificationError as exc:
            _close(smtp)
            raise _BatchFailure(
                Outcome(
                    ok=False,
                    error=f"The certificate of {where} could not be verified "
                    f"({exc.verify_message or exc.reason})",
                    permanent=True,
                )
            ) from None
        except ssl.SSLError as exc:
            _close(smtp)
            raise _BatchFailure(
                Outcome(
                    ok=False,
                    error=f"Could not start an encrypted connection with {where} ({exc.reason}); "
                    "check the port and the security setting",
                )
            ) from None
        except smtplib.SMTPResponseException as exc:
            _close(smtp)
            raise _BatchFailure(
                Outcome(
                    ok=False,
                    error=f"The mail server {where} refused the connection "
                    f"({_reply(exc.smtp_code, exc.smtp_error)})",
                    permanent=500 <= exc.smtp_code < 600,
                )
            ) from None
        except TimeoutError:
            _close(smtp)
            raise _BatchFailure(
                Outcome(
                    ok=False,
                    error=f"The mail server {where} did not answer within {cfg.timeout:g} seconds",
                )
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            _close(smtp)
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise _BatchFailure(
                Outcome(ok=False, error=f"Could not connect to the mail server {where}: {reason}")
            ) from None

    def _send_one(self, smtp: smtplib.SMTP, message: Outgoing, mail: EmailMessage) -> Outcome:
        try:
            refused = smtp.send_message(
                mail, from_addr=self.config.sender_address, to_addrs=[message.recipient_address]
            )
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()), (550, b""))
            return Outcome(
                ok=False,
                error=f"The mail server refused {message.recipient_address} ({_reply(code, text)})",
                permanent=500 <= code < 600,
            )
        except smtplib.SMTPSenderRefused as exc:
            raise _BatchFailure(
                Outcome(
                    ok=False,
                    error=f"The mail server refused the sender {self.config.sender_address} "
                    f"({_reply(exc.smtp_code, exc.smtp_error)})",
                    permanent=500 <= exc.smtp_code < 600,
                )
            ) from None
        except smtplib.SMTPDataError as exc:
            reply = _reply(exc.smtp_code, exc.smtp_error)
            return Outcome(
                ok=False,
                error=f"The mail server refused the message ({reply})",
                permanent=500 <= exc.smtp_code < 600,
            )
        except smtplib.SMTPNotSupportedError as exc:
            return Outcome(
                ok=False, error=f"The mail server cannot take this message: {exc}", permanent=True
            )
        except smtplib.SMTPResponseException as exc:
            # Any other reply (421 closing, a 4xx after DATA): this recipient alone failed,
            # and the connection may be in any state, so the next recipient gets a new one.
            raise _Dropped(
                Outcome(
                    ok=False,
                    error=f"The mail server did not take the message for "
                    f"{message.recipient_address} ({_reply(exc.smtp_code, exc.smtp_error)})",
                    permanent=500 <= exc.smtp_code < 600,
                )
            ) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise _Dropped(
                Outcome(
                    ok=False,
                    error="The connection to the mail server was lost "
                    f"({exc or type(exc).__name__})",
                )
            ) from None
        if refused:
            code, text = next(iter(refused.values()))
            return Outcome(
                ok=False,
                error=f"The mail server refused {message.recipient_address} ({_reply(code, text)})",
                permanent=True,
            )
        return Outcome(ok=True)


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}".strip()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _late(limit: deadline.Deadline | None, outcome: Outcome) -> Outcome:
    """The outcome of a send the deadline (or shutdown) cut, in those words."""
    if limit is None or not limit.expired:
        return outcome
    if limit.cut_short:
        return Outcome(ok=False, error="The mail server was still answering when pushgui stopped")
    return Outcome(
        ok=False, error=f"The mail server did not finish within {limit.seconds:g} seconds"
    )


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
