"""At send time the email sender reads only copies in the data folder's attachments
folder, symlinks resolved: a hand-edited database cannot mail /etc/shadow
(docs/RELIABILITY.md, "Secrets"). Real SMTP server on 127.0.0.1, real files."""

from __future__ import annotations

import os

import pytest

from pushgui.core.channels.base import Outgoing
from pushgui.core.channels.smtp import EmailSender
from pushgui.core.messages.attachments import attachments_dir, copy_in
from tests.channels.test_email import account

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def mail(*paths) -> Outgoing:
    return Outgoing(
        push_id=3,
        push_name="Report",
        recipient="Zhang",
        recipient_address="zhang@example.com",
        title="Report",
        body="See attached.",
        attachments=tuple(str(p) for p in paths),
    )


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "shadow"
    path.write_text("root:$6$secret-hash:19000:0:99999:7:::\n", encoding="utf-8")
    return path


def outside_paths(data_dir, tmp_path, secret):
    """Ways a database row could name a file outside the attachments folder."""
    folder = attachments_dir(data_dir) / "0123456789ab"
    folder.mkdir(parents=True)
    link = folder / "report.pdf"
    link.symlink_to(secret)  # inside by name, outside once resolved
    dotdot = folder / ".." / ".." / ".." / secret.name  # inside by prefix, outside resolved
    assert dotdot.resolve() == secret.resolve()
    other_folder = tmp_path / "other-data" / "attachments" / "x" / "a.txt"
    other_folder.parent.mkdir(parents=True)
    other_folder.write_text("another data folder's file", encoding="utf-8")
    return {
        "plain": secret,
        "symlink": link,
        "dotdot": dotdot,
        "other data folder": other_folder,
        "/etc/passwd": "/etc/passwd",
    }


@pytest.mark.skipif(os.name != "posix", reason="symlinks and /etc/passwd")
def test_a_path_outside_the_attachments_folder_fails_the_delivery_and_sends_nothing(
    smtp_starttls, client_tls, data_dir, tmp_path, secret
):
    sender = EmailSender(account(smtp_starttls), ssl_context=client_tls, data_dir=data_dir)
    for label, path in outside_paths(data_dir, tmp_path, secret).items():
        [outcome] = sender.send([mail(path)])
        assert not outcome.ok, label
        assert outcome.permanent, label
        assert "outside pushgui's data folder" in outcome.error, (label, outcome.error)
        assert "secret-hash" not in outcome.error
    assert smtp_starttls.inbox.received == []


def test_a_copy_in_the_data_folder_is_sent(smtp_starttls, client_tls, data_dir, tmp_path):
    picked = tmp_path / "report.txt"
    picked.write_text("numbers", encoding="utf-8")
    copy = copy_in(picked, data_dir)
    sender = EmailSender(account(smtp_starttls), ssl_context=client_tls, data_dir=data_dir)
    [outcome] = sender.send([mail(copy)])
    assert outcome.ok, outcome.error
    [received] = smtp_starttls.inbox.received
    [part] = list(received.message.iter_attachments())
    assert part.get_filename() == "report.txt" and part.get_content() == "numbers"
