"""Reading and writing the user's files safely: regular files only, bounded, private.

An import must never hang on a FIFO (nobody writing to it) nor read ``/dev/zero`` until the
memory runs out, and the size a file reports cannot be trusted for either. So the file is
opened without blocking, refused unless it is a regular file, and read up to one byte past
the limit. Every file pushgui writes is created readable by its owner only (POSIX).
"""

from __future__ import annotations

import errno
import logging.handlers
import os
import stat
from pathlib import Path
from typing import Any


class NotAFileError(OSError):
    """The path is a FIFO, a device, a socket or a folder, not a regular file."""


class FileTooLargeError(OSError):
    """The file holds more than the limit (counted while reading, not from its size)."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, at most ``limit``; refuses anything but a regular file.

    Raises :class:`NotAFileError`, :class:`FileTooLargeError` or the ``OSError`` of
    opening or reading (missing, no permission).
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotAFileError(0, "not a regular file", str(path))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLargeError(0, "larger than the limit", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_private(path: str | os.PathLike[str], flags: int) -> int:
    """``os.open`` creating the file 0600 whatever the umask; an existing file becomes 0600."""
    fd = os.open(path, flags | os.O_CREAT, 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)
    return fd


def write_private_text(
    path: Path, text: str, encoding: str = "utf-8", newline: str | None = None
) -> None:
    """Write ``text`` atomically (a partial file never replaces a good one), mode 0600.

    The temporary file is private from its first byte, so nobody can read it meanwhile.
    """
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        fd = open_private(temporary, os.O_WRONLY | os.O_TRUNC)
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            handle.write(text)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, and each one it rotates to, readable by its owner only."""

    def _open(self) -> Any:
        flags = os.O_WRONLY | os.O_APPEND
        fd = open_private(self.baseFilename, flags)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)
