"""One writer per data folder: an advisory lock that the operating system lets go of
when the process ends, however it ends (a kill -9 included)."""

from __future__ import annotations

import os
from pathlib import Path

if os.name == "posix":  # elsewhere the command says it needs Linux or macOS (see `cli`)
    import fcntl

from sparring.store.files import FILE_MODE

LOCK_NAME = "writer.lock"


class WriterLock:
    """The data folder's writer lock.

    `acquire` returns False when another process holds it; `holder` then says which
    process (its pid), as far as the lock file tells.
    """

    def __init__(self, folder: Path):
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False if another process has it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.fsync(fd)
        self._fd = fd
        return True

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._fd is not None

    def holder(self) -> str:
        """The pid written by the process that holds the lock, or '?'."""
        try:
            return self.path.read_text(encoding="ascii").strip() or "?"
        except (OSError, UnicodeDecodeError):
            return "?"

    def release(self) -> None:
        """Let the lock go."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
