"""Attachments are copies, in the data folder, of files the user picked in the window.

A push names its attachments by path and a run emails those files. If a push could name
any path, an import file could make a later run email ``/etc/shadow`` or the keyring's
password file to an address it chose. So a file is copied into ``<data>/attachments`` when
it is picked (regular files only, at most :data:`MAX_ATTACHMENT_BYTES`), and a push may only
name files inside that folder: an import naming anything else is refused, entry named.

Two more guards keep that true for what no check saw: :func:`readable_copy` is asked again
at send time (a hand-edited database cannot mail ``/etc/shadow``, symlinks resolved), and
:func:`adopt_outside_files` moves the files of pushes saved before copies existed into the
folder at start (or drops those that cannot be copied, saying so).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pushgui.core.errors import FieldError, SpecError
from pushgui.core.system.files import (
    FileTooLargeError,
    NotAFileError,
    open_private,
    read_regular_file,
)
from pushgui.core.system.i18n import translate
from pushgui.core.system.paths import ensure_private_dir

if TYPE_CHECKING:
    from pushgui.core.store.db import Database

ATTACHMENTS_DIRNAME = "attachments"
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024  # what most mail servers accept in one message
MAX_ATTACHMENTS = 20


class AttachmentError(Exception):
    """A picked file cannot be attached; the message says why in plain words."""


def attachments_dir(data_dir: Path) -> Path:
    return data_dir / ATTACHMENTS_DIRNAME


def readable_copy(path: str, data_dir: Path) -> Path:
    """``path`` with symlinks resolved, if it is a file in ``data_dir``'s attachments
    folder; raises :class:`AttachmentError` saying why not."""
    folder = attachments_dir(data_dir).resolve()
    name = Path(path).name
    try:
        resolved = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        resolved = None
    if resolved is not None and resolved.is_relative_to(folder) and resolved != folder:
        return resolved
    if resolved is None and Path(path).absolute().is_relative_to(folder):
        raise AttachmentError(
            translate(
                "attachments",
                "The attachment {name} could not be read (it is no longer in the data folder)",
            ).format(name=name)
        )
    raise AttachmentError(
        translate(
            "attachments",
            "The attachment {path} was not sent: it is outside pushgui's data folder "
            "(attach it again in the window)",
        ).format(path=path)
    )


def copy_in(source: Path, data_dir: Path) -> Path:
    """Copy a picked file into the data folder (mode 0600); returns the copy's path.

    Each copy gets its own sub-folder, so two files with the same name never collide and
    the name the recipient sees is the original one.
    """
    try:
        data = read_regular_file(source, MAX_ATTACHMENT_BYTES)
    except IsADirectoryError:
        raise AttachmentError(
            translate("attachments", "{name} is a folder; attach files").format(name=source.name)
        ) from None
    except OSError as exc:
        if isinstance(exc, FileTooLargeError):
            message = translate("attachments", "{name} is larger than {n} MB").format(
                name=source.name, n=MAX_ATTACHMENT_BYTES // (1024 * 1024)
            )
        elif isinstance(exc, NotAFileError):
            message = translate("attachments", "{name} is not a regular file").format(
                name=source.name
            )
        else:
            message = translate("attachments", "{name} cannot be read: {problem}").format(
                name=source.name, problem=exc.strerror or exc
            )
        raise AttachmentError(message) from None
    folder = ensure_private_dir(attachments_dir(data_dir) / uuid.uuid4().hex[:12])
    target = folder / source.name
    try:
        fd = open_private(target, os.O_WRONLY | os.O_EXCL | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise AttachmentError(
            translate("attachments", "{name} could not be copied: {problem}").format(
                name=source.name, problem=exc.strerror or exc
            )
        ) from None
    return target


def is_attachment_copy(path: str, data_dir: Path) -> bool:
    """Whether ``path`` names a file inside this data folder's attachments folder."""
    folder = attachments_dir(data_dir).resolve()
    try:
        Path(path).resolve().relative_to(folder)
    except (ValueError, OSError):
        return False
    return True


def attachment_problems(paths: tuple[str, ...], data_dir: Path, field: str) -> list[FieldError]:
    """Each path that is not a copy in the data folder, or no longer there, named by index.

    (How many files a push may have is checked with the rest of the spec.)"""
    problems: list[FieldError] = []
    for index, path in enumerate(paths):
        where = f"{field}[{index}]"
        if not is_attachment_copy(path, data_dir):
            problems.append(
                FieldError(
                    where,
                    translate(
                        "attachments",
                        "{path} is outside pushgui's data folder; an import cannot attach "
                        "files: attach it again in the window",
                    ).format(path=path),
                )
            )
        elif not Path(path).is_file():
            problems.append(
                FieldError(
                    where,
                    translate("attachments", "{path} is not a file here").format(path=path),
                )
            )
    return problems


def adopt_outside_files(db: Database) -> list[str]:
    """Copy into the data folder each attachment of a stored push that names a file outside
    it (pushes saved before copies existed), rewriting the push; a file that cannot be
    copied (missing, not a regular file, too large, unreadable) is dropped from the push so
    it is never sent. Returns one plain note per dropped file (for the log and the window).

    Called at start, after unreadable pushes were set aside; the schedule is not touched.
    """
    # Here, not at the top: the email sender imports this module without the database layer.
    from pushgui.core.pushes.spec import spec_from_stored, stored_spec
    from pushgui.core.store.models import Push

    data_dir = db.path.parent
    notes: list[str] = []
    with db.session() as session:
        for push in session.query(Push).order_by(Push.id):
            try:
                spec = spec_from_stored(push.spec, push.name, push.enabled)
            except (ValueError, SpecError):
                continue  # set aside as damaged already
            paths = spec.message.attachments
            if all(is_attachment_copy(path, data_dir) for path in paths):
                continue
            kept: list[str] = []
            for path in paths:
                if is_attachment_copy(path, data_dir):
                    kept.append(path)
                    continue
                try:
                    kept.append(str(copy_in(Path(path), data_dir)))
                except AttachmentError as exc:
                    notes.append(
                        translate(
                            "attachments",
                            "{file} was removed from the reminder {name}: {problem}. "
                            "Attach it again in the window.",
                        ).format(file=path, name=spec.name, problem=exc)
                    )
            message = replace(spec.message, attachments=tuple(kept))
            push.spec = stored_spec(replace(spec, message=message))
    return notes
