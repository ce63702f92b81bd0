"""One writer per session: an advisory lock per session file, let go of by the operating
system when the process ends, however it ends (a kill -9 included).

Two processes may each run their own session on one data folder; only one may write
any one session. The caches, written by whichever process brings them up to date, are
written under a lock of their own, held only while they are written.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

if os.name == "posix":  # elsewhere the command says it needs Linux or macOS (see `cli`)
    import fcntl

from sparring.i18n import _
from sparring.store.files import FILE_MODE, StoreError, fsync_dir, private_dir

LOCKS_DIR = "locks"
CACHES_LOCK = "caches.lock"
OLD_WRITER_LOCK = "writer.lock"
"""Where a Sparring of schema 1 held the whole folder (one writer per folder)."""


def _pid(path: Path) -> str:
    """The pid written in a lock file, or '?'."""
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"


def _holder(path: Path) -> str | None:
    """The pid of another process that holds the lock file at `path`; None if none does
    (a look, never a wait)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _pid(path)
    finally:
        os.close(fd)  # closing lets go of a lock taken just to look
    return None


LOOKS_PASS_S = (0.002, 0.01, 0.05)
"""Waits before trying a refused lock again: a reader that looks whether a session is
being written (`holder`) holds it shared for a moment, which must not pass for a writer."""


def _take(fd: int) -> bool:
    """Take the lock of `fd` for writing; False if another process keeps holding it."""
    for wait in (*LOOKS_PASS_S, None):
        with contextlib.suppress(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        if wait is not None:
            time.sleep(wait)
    return False


class SessionLocks:
    """The writer locks of a data folder's sessions, as this process holds them.

    Args:
        root: the data folder.
    """

    def __init__(self, root: Path):
        self.folder = root / LOCKS_DIR
        self._held: dict[str, int] = {}

    def path_of(self, session_id: str) -> Path:
        """The lock file of a session (its id already checked)."""
        return self.folder / f"{session_id}.lock"

    def held(self, session_id: str) -> bool:
        """Whether this process holds the session's lock."""
        return session_id in self._held

    def claim(self, session_id: str) -> str | None:
        """Take the session's lock: None once this process holds it; else the pid (or '?')
        of the process that does."""
        if session_id in self._held:
            return None
        path = self.path_of(session_id)
        try:
            private_dir(self.folder)
            while True:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
                if not _take(fd):
                    os.close(fd)
                    return _pid(path)
                # A delete may have removed the file between the open and the lock: then
                # the lock is on a file nobody else will look at, and it is taken again.
                try:
                    if os.stat(path).st_ino == os.fstat(fd).st_ino:
                        break
                except FileNotFoundError:
                    pass
                os.close(fd)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError as error:
            raise StoreError(_(
                "Cannot take the lock {path} ({reason}); it holds no notes: "
                "if it is not a plain file, or not yours, move it out of the way."
            ).format(path=path, reason=error.strerror or error)) from None
        self._held[session_id] = fd
        return None

    def holder(self, session_id: str) -> str | None:
        """The pid of another process that holds the session's lock; None if none does."""
        return None if session_id in self._held else _holder(self.path_of(session_id))

    def release(self, session_id: str, *, remove: bool = False) -> None:
        """Let the session's lock go; with `remove`, its lock file goes too (a deletion)."""
        fd = self._held.pop(session_id, None)
        if fd is None:
            return
        if remove:
            with contextlib.suppress(FileNotFoundError):
                self.path_of(session_id).unlink()
                fsync_dir(self.folder)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def release_all(self) -> None:
        """Let every lock this process holds go."""
        for session_id in list(self._held):
            self.release(session_id)


@contextlib.contextmanager
def caches_lock(root: Path) -> Iterator[None]:
    """Hold the lock under which the caches are brought up to date (waiting for it)."""
    fd = os.open(root / CACHES_LOCK, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def old_writer(root: Path) -> str | None:
    """The pid of a Sparring of schema 1 still holding the whole folder, if one runs.

    Once none does, its lock file is removed: this layout locks each session instead.
    """
    path = root / OLD_WRITER_LOCK
    held_by = _holder(path)
    if held_by is None:
        with contextlib.suppress(OSError):
            path.unlink()
    return held_by
