"""Attachments are copies, in the data folder, of files picked in the window; an import
cannot name any other file (docs/INPUTS.md, "Attachments")."""

from __future__ import annotations

import json
import os
import stat
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from pushgui.core.errors import SpecError
from pushgui.core.messages.attachments import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    AttachmentError,
    attachments_dir,
    copy_in,
)
from pushgui.core.pushes.service import PushService
from pushgui.core.pushes.spec import Message, spec_to_dict
from pushgui.core.store.db import open_database
from pushgui.core.transfer.document import FORMAT, VERSION
from tests.helpers import weekdays_at_nine
from tests.test_import_cli import clean_failure, cli, names, seed

HANG = 60  # bounds a hang only


@pytest.fixture
def service(data_dir):
    db = open_database(data_dir)
    yield PushService(db)
    db.close()


def with_attachments(*paths: str):
    spec = weekdays_at_nine("Report")
    return replace(spec, message=Message("Report", attachments=tuple(paths)))


def test_a_picked_file_is_copied_privately_into_the_data_folder(data_dir, tmp_path, service):
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4 numbers")
    copy = copy_in(source, data_dir)
    source.unlink()  # the push no longer depends on the original

    assert copy.name == "report.pdf" and copy.read_bytes() == b"%PDF-1.4 numbers"
    assert copy.resolve().is_relative_to(attachments_dir(data_dir).resolve())
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    [push_id] = service.save_new([with_attachments(str(copy))])
    assert service.get(push_id).message.attachments == (str(copy),)


@pytest.mark.parametrize(
    "outside",
    ["/etc/shadow", "/proc/self/environ", "{keyring}", "{symlink}"],
    ids=["etc-shadow", "proc-environ", "keyring-file", "symlink-in-attachments"],
)
def test_a_push_naming_a_file_outside_the_data_folder_is_refused(
    data_dir, tmp_path, service, outside
):
    keyring = tmp_path / "keyring_pass.cfg"
    keyring.write_text("secret", encoding="utf-8")
    if outside == "{keyring}":
        outside = str(keyring)
    elif outside == "{symlink}":
        link = attachments_dir(data_dir) / "x" / "innocent.pdf"
        link.parent.mkdir(parents=True)
        link.symlink_to(keyring)
        outside = str(link)
    with pytest.raises(SpecError) as caught:
        service.save_new([with_attachments(outside)], labels=["pushes[0] ('Report')"])
    [error] = caught.value.errors
    assert error.field == "pushes[0] ('Report').message.attachments[0]"
    assert "outside pushgui's data folder" in error.message
    assert service.rows() == []


def test_cli_import_naming_etc_shadow_names_the_entry_and_saves_nothing(data_dir, tmp_path):
    seed(data_dir)
    push = spec_to_dict(with_attachments("/etc/shadow"))
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "pushes": [push]}))
    stderr = clean_failure(cli(data_dir, "import", str(path)))
    assert "pushes[0] ('Report').message.attachments[0]: /etc/shadow is outside" in stderr
    assert names(data_dir) == ["Existing"]


def test_only_regular_files_up_to_the_cap_are_copied(data_dir, tmp_path):
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(AttachmentError, match="larger than 25 MB"):
        copy_in(big, data_dir)
    with pytest.raises(AttachmentError, match="is a folder"):
        copy_in(tmp_path, data_dir)
    if Path("/dev/zero").exists():
        with pytest.raises(AttachmentError, match="not a regular file"):
            copy_in(Path("/dev/zero"), data_dir)
    assert not any(attachments_dir(data_dir).rglob("*.bin"))


def test_too_many_attachments_are_refused(data_dir, tmp_path, service):
    copies = []
    for number in range(MAX_ATTACHMENTS + 1):
        source = tmp_path / f"f{number}.txt"
        source.write_text("x", encoding="utf-8")
        copies.append(str(copy_in(source, data_dir)))
    with pytest.raises(SpecError, match=f"Attach at most {MAX_ATTACHMENTS} files"):
        service.save_new([with_attachments(*copies)])


# -- the editor's picker ----------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot, data_dir):
    from pushgui.core.channels.book import ChannelBook
    from pushgui.core.people.contacts import ContactBook
    from pushgui.core.system.secrets import KeyringSecrets
    from pushgui.ui.editor.push_editor import PushEditorDialog

    db = open_database(data_dir)
    editor = PushEditorDialog(contacts=ContactBook(db), channels=ChannelBook(db, KeyringSecrets()))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    yield editor
    db.close()


def test_the_picker_attaches_a_copy_in_the_data_folder(dialog, data_dir, tmp_path):
    source = tmp_path / "agenda.txt"
    source.write_text("1. numbers", encoding="utf-8")
    dialog.options_editor.pick_files([str(source)])
    [attached] = dialog.options_editor.attachments()
    assert attached != str(source)
    assert Path(attached).resolve().is_relative_to(attachments_dir(data_dir).resolve())
    assert Path(attached).read_text(encoding="utf-8") == "1. numbers"
    assert not dialog.options_editor.pick_error.isVisibleTo(dialog)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_the_picker_refuses_a_fifo_inline_without_waiting(dialog, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    release = threading.Timer(HANG, lambda: os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)))
    release.daemon = True
    release.start()
    try:
        dialog.options_editor.pick_files([str(fifo)])
    finally:
        release.cancel()
    assert dialog.options_editor.attachments() == ()
    assert "pipe.txt is not a regular file" in dialog.options_editor.pick_error.text()
