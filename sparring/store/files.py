"""Private, durable files: the TinyDB storage every file of the data folder is written with.

TinyDB's own JSON storage rewrites the file in place, so a kill during a write can leave
a file that no longer parses. `AtomicJSONStorage` writes a temp file in the same folder
(mode 0600), fsyncs it, `os.replace`s it over the old one and fsyncs the folder: a file
is always either the old or the new version, and a write that returned is on disk.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

FILE_MODE = 0o600
DIR_MODE = 0o700


class UnreadableFile(Exception):
    """A file that exists but is not a document this version can read.

    The message names the file and what is wrong with it, never its content.
    """

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) a folder only the user can enter: 0700."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` durably: temp file, fsync, rename, fsync the folder."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    fsync_dir(path.parent)


def read_json(path: Path) -> Any:
    """Parse a JSON file; UnreadableFile says why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read ({error.strerror})") from None
    if not raw.strip():
        raise UnreadableFile(path, "is empty")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        position = getattr(error, "lineno", None)
        where = f" (line {position})" if position else ""
        raise UnreadableFile(path, f"is not valid JSON{where}") from None


def dumps(data: Any) -> bytes:
    """The bytes a document is stored as: UTF-8 JSON, every character kept as typed."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes atomically and durably, and keeps a parsed copy.

    The file is parsed once when opened; later reads hand TinyDB a fresh copy of what
    was last written (TinyDB changes what it reads before writing it back), so an insert
    costs one write, not a read and a write.
    """

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        self._text: bytes | None = None
        if self.path.exists():
            data = read_json(self.path)
            if not isinstance(data, dict):
                raise UnreadableFile(self.path, "is not a TinyDB document (wrong shape)")
            self._text = dumps(data)
        elif not create:
            raise UnreadableFile(self.path, "does not exist")

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._text is None:
            return None
        data: dict[str, dict[str, Any]] = json.loads(self._text)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = dumps(data)
        write_atomic(self.path, text)
        self._text = text

    def close(self) -> None:
        pass
