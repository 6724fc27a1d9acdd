"""The email sender against real aiosmtpd servers: STARTTLS and implicit TLS with the
certificate verified, AUTH, UTF-8 headers, one message per recipient, attachments."""

from __future__ import annotations

import ssl
from dataclasses import replace

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.config import EmailConfig, build_sender
from pushgui.core.channels.smtp import EmailSender
from pushgui.core.messages.attachments import attachments_dir, copy_in
from tests.servers import PASSWORD, USER

# aiosmtpd warns about AUTH without required TLS: the implicit-TLS server (encrypted
# anyway) and the deliberately unencrypted one.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def mail(address: str, name: str = "", **kw) -> Outgoing:
    fields = {"title": "周报提醒 – weekly report", "body": f"{name or address}，请提交周报。"}
    fields.update(kw)
    return Outgoing(
        push_id=7,
        push_name="Weekly",
        recipient=name or address,
        recipient_address=address,
        **fields,
    )


def account(server, security="starttls", password=PASSWORD, **kw) -> EmailConfig:
    return EmailConfig(
        host=server.host,
        port=server.port,
        security=security,
        username=USER,
        password=password,
        sender_address="bot@example.com",
        sender_name="提醒小助手",
        timeout=5,
        **kw,
    )


def test_starttls_each_recipient_gets_their_own_message(smtp_starttls, client_tls):
    people = [("zhang@example.com", "张三"), ("li@example.org", "李四"), ("bob@example.net", "Bob")]
    sender = EmailSender(account(smtp_starttls), ssl_context=client_tls)

    outcomes = sender.send([mail(a, n) for a, n in people])

    assert all(o.ok for o in outcomes), outcomes
    inbox = smtp_starttls.inbox
    assert inbox.logins == [USER]  # one connection, one login for the whole batch
    assert [r.rcpt_tos for r in inbox.received] == [[a] for a, _ in people]
    for received, (address, name) in zip(inbox.received, people, strict=True):
        msg = received.message
        assert msg["To"] == address  # nobody sees anyone else
        assert msg["Cc"] is None and msg["Bcc"] is None
        assert msg["Subject"] == "周报提醒 – weekly report"
        assert msg["From"].addresses[0].display_name == "提醒小助手"
        assert msg["From"].addresses[0].addr_spec == "bot@example.com"
        assert msg["Message-ID"] and msg["Date"]
        assert msg.get_content().strip() == f"{name}，请提交周报。"
        assert received.mail_from == "bot@example.com"
    raw_subject = inbox.received[0].data.split(b"Subject:", 1)[1].split(b"\r\n")[0]
    assert raw_subject.strip().startswith(b"=?utf-8?")  # RFC 2047 on the wire


def test_html_alternative_and_attachments_arrive_intact(
    smtp_starttls, client_tls, tmp_path, data_dir
):
    binary = bytes(range(256)) * 40
    picked = tmp_path / "报告.pdf"
    picked.write_bytes(binary)
    picked_notes = tmp_path / "notes.txt"
    picked_notes.write_text("第一行\nline two\n", encoding="utf-8")
    pdf, notes = copy_in(picked, data_dir), copy_in(picked_notes, data_dir)
    message = mail(
        "zhang@example.com",
        html="<p><b>请提交周报</b></p>",
        attachments=(str(pdf), str(notes)),
    )

    [outcome] = EmailSender(account(smtp_starttls), ssl_context=client_tls, data_dir=data_dir).send(
        [message]
    )

    assert outcome.ok, outcome.error
    msg = smtp_starttls.inbox.received[0].message
    assert msg.get_body(("html",)).get_content().strip() == "<p><b>请提交周报</b></p>"
    assert "请提交周报" in msg.get_body(("plain",)).get_content()
    parts = {p.get_filename(): p for p in msg.iter_attachments()}
    assert parts["报告.pdf"].get_content_type() == "application/pdf"
    assert parts["报告.pdf"].get_content() == binary
    assert parts["notes.txt"].get_payload(decode=True) == notes.read_bytes()


def test_implicit_tls_with_verification(smtp_implicit_tls, client_tls):
    sender = build_sender(account(smtp_implicit_tls, security="ssl"), verify=client_tls)
    [outcome] = sender.send([mail("zhang@example.com")])
    assert outcome.ok, outcome.error
    assert len(smtp_implicit_tls.inbox.received) == 1


def test_ca_file_setting_is_trusted(smtp_implicit_tls, ca, tmp_path):
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    sender = EmailSender(account(smtp_implicit_tls, security="ssl", ca_file=str(pem)))
    assert sender.send([mail("zhang@example.com")])[0].ok


def test_untrusted_certificate_is_refused(smtp_starttls, smtp_implicit_tls):
    """Without the test CA (system CAs only), neither TLS flavour may go through."""
    for server, security in ((smtp_starttls, "starttls"), (smtp_implicit_tls, "ssl")):
        [outcome] = EmailSender(account(server, security=security)).send(
            [mail("zhang@example.com")]
        )
        assert not outcome.ok and outcome.permanent
        assert "certificate" in outcome.error and "could not be verified" in outcome.error
        assert server.inbox.received == []


def test_wrong_password_is_a_readable_permanent_failure(smtp_starttls, client_tls):
    sender = EmailSender(account(smtp_starttls, password="wrong"), ssl_context=client_tls)
    outcomes = sender.send([mail("zhang@example.com"), mail("li@example.org")])

    assert all(not o.ok and o.permanent for o in outcomes)
    assert outcomes[0].error.startswith("The mail server refused the user name or password (535")
    assert "wrong" not in outcomes[0].error
    assert smtp_starttls.inbox.received == []


def test_dead_server_is_a_retryable_failure(dead_port, client_tls):
    config = EmailConfig(
        host="127.0.0.1", port=dead_port, sender_address="bot@example.com", timeout=2
    )
    outcomes = EmailSender(config, ssl_context=client_tls).send([mail("a@example.com")] * 2)
    assert all(not o.ok and not o.permanent for o in outcomes)
    assert outcomes[0].error.startswith(
        f"Could not connect to the mail server 127.0.0.1:{dead_port}"
    )


def test_starttls_missing_is_refused_not_downgraded(smtp_plain, client_tls):
    sender = EmailSender(account(smtp_plain), ssl_context=client_tls)
    [outcome] = sender.send([mail("zhang@example.com")])
    assert outcome.permanent and "does not offer STARTTLS" in outcome.error
    assert smtp_plain.inbox.received == []


def test_no_encryption_when_chosen(smtp_plain):
    [outcome] = EmailSender(account(smtp_plain, security="none")).send([mail("zhang@example.com")])
    assert outcome.ok, outcome.error


def test_recipient_problems_fail_only_that_recipient(smtp_starttls, client_tls, data_dir):
    missing = attachments_dir(data_dir) / "0123456789ab" / "missing.pdf"
    batch = [
        mail("zhang@example.com"),
        mail("", name="No Address"),
        mail("li@example.org", attachments=(str(missing),)),
        mail("bob@example.net"),
    ]
    outcomes = EmailSender(account(smtp_starttls), ssl_context=client_tls, data_dir=data_dir).send(
        batch
    )

    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert outcomes[1].error == "No Address has no email address"
    assert outcomes[2].error.startswith("The attachment missing.pdf could not be read")
    assert [r.rcpt_tos for r in smtp_starttls.inbox.received] == [
        ["zhang@example.com"],
        ["bob@example.net"],
    ]


def test_default_context_verifies(smtp_starttls):
    sender = EmailSender(account(smtp_starttls))
    context = sender._ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


@pytest.mark.parametrize(
    "title",
    [
        "=?utf-8?q?x?= ...",
        "Report =?UTF-8?B?5L2g5aW9?= due",
        "周报 =?utf-8?q?x?= " + "long title " * 12,
    ],
)
def test_a_title_that_looks_like_an_encoded_word_arrives_literally(smtp_plain, title):
    config = replace(account(smtp_plain, security="none"), sender_name="=?utf-8?q?Boss?= bot")
    [outcome] = EmailSender(config).send([mail("zhang@example.com", title=title)])

    assert outcome.ok, outcome.error
    [received] = smtp_plain.inbox.received
    message = received.message  # parsed by the email package, as a mail reader does
    assert message["Subject"] == title
    assert message["From"].addresses[0].display_name == "=?utf-8?q?Boss?= bot"
    assert message["From"].addresses[0].addr_spec == "bot@example.com"
    assert max(len(line) for line in received.data.split(b"\r\n")) <= 998
