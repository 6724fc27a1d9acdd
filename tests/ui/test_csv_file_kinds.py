"""The contacts CSV import reads regular files only: a FIFO is refused at once, not waited on
(the same rule as ``pushgui import``, docs/INPUTS.md)."""

from __future__ import annotations

import os
import threading

import pytest

from pushgui.core.people.contacts import ContactBook
from pushgui.core.store.db import open_database
from pushgui.ui.people.csv_import_dialog import CsvImportDialog

HANG = 60  # bounds a hang only


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_is_refused_next_to_the_file_not_waited_on(qtbot, data_dir, tmp_path):
    fifo = tmp_path / "contacts.csv"
    os.mkfifo(fifo)
    # Should the dialog ever wait for a writer again, this releases it after HANG seconds
    # (it then reads an empty file and the assertion below fails instead of hanging).
    release = threading.Timer(HANG, lambda: os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)))
    release.daemon = True
    release.start()
    db = open_database(data_dir)
    try:
        dialog = CsvImportDialog(ContactBook(db), fifo)
        qtbot.addWidget(dialog)
        assert "not a regular file" in dialog.file_error.text()
        assert "Nothing was imported" in dialog.file_error.text()
    finally:
        release.cancel()
        db.close()
