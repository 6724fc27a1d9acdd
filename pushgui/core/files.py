"""Reading and writing the user's files safely: regular files only, bounded, private.

An import must never hang on a FIFO (nobody writing to it) nor read ``/dev/zero`` until the
memory runs out, and the size a file reports cannot be trusted for either. So the file is
opened without blocking, refused unless it is a regular file, and read up to one byte past
the limit. Every file pushgui writes is created readable by its owner only (POSIX).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


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


def create_private(path: Path) -> None:
    """Create ``path`` (or keep it) with mode 0600 whatever the umask (POSIX)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)
