"""Private, durable files: the TinyDB storage every file of the data folder is written with.

TinyDB's own JSON storage rewrites the file in place, so a kill during a write can leave
a file that no longer parses. `AtomicJSONStorage` writes a temp file in the same folder
(mode 0600), fsyncs it, `os.replace`s it over the old one and fsyncs the folder: a file
is always either the old or the new version, and a write that returned is on disk.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from tinydb.storages import Storage

from sparring.i18n import _

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"

RACY_NS = 2_000_000_000
"""How recent a file's mtime may be before its signature is not trusted to tell it apart
from a later rewrite: file systems stamp times in ticks of a few milliseconds, so two
writes of the same size in one tick would look alike (git's "racy" problem)."""

Tables = dict[str, dict[str, dict[str, Any]]]
"""A TinyDB document: table name -> doc id -> document."""


class StoreError(Exception):
    """Something the user must be told about the data folder; never carries note text."""


class UnreadableFile(StoreError):
    """A file that exists but is not a document this version can read.

    The message names the file and what is wrong with it, never its content.

    Attributes:
        path: the file.
        reason: what is wrong, in a few words.
        newer: whether it was written by a newer Sparring (a schema this one does not know).
        rebuilt: whether it was only a cache, deleted and made again from the session
            files (nothing was lost; the user is told once).
    """

    def __init__(self, path: Path, reason: str, *, newer: bool = False, rebuilt: bool = False):
        self.path = path
        self.reason = reason
        self.newer = newer
        self.rebuilt = rebuilt
        super().__init__(f"{path}: {reason}")


class ReadOnlyArchive(StoreError):
    """A write was asked of an archive opened for reading only."""


class SessionBusy(StoreError):
    """A write to a session that another Sparring is writing.

    Attributes:
        session_id: the session.
        pid: the process that holds it, as its lock file says ('?' if it does not).
    """

    def __init__(self, session_id: str, pid: str, group: str = ""):
        self.session_id = session_id
        self.pid = pid
        what = (_("The session of {group}").format(group=group) if group
                else _("Session {session}").format(session=session_id))
        super().__init__(_(
            "{what} is open in another Sparring (process {process}): only that one can write "
            "it. Close it there and try again; meanwhile it can be read here.").format(
                what=what, process=pid))


@contextlib.contextmanager
def saving(what: str, root: Path) -> Iterator[None]:
    """Turn an OSError in a write of `what` in data folder `root` into a StoreError whose
    message names the folder, never the content."""
    try:
        yield
    except OSError as error:
        if error.errno == errno.ENOSPC:
            message = _("Could not save {what}: the disk holding {folder} is full. Free some "
                        "space and save again; everything reported saved before is on disk.")
        else:
            message = _("Could not save {what} in {folder}: {reason}.")
        raise StoreError(message.format(
            what=what, folder=root, reason=error.strerror or error)) from None


class Signature(NamedTuple):
    """What tells one version of a file from another without reading it.

    Files are only ever replaced, never changed in place, so a different version has a
    different mtime or size, unless it was written within the same tick (see `RACY_NS`).
    (A tuple: a folder's look makes one for each of thousands of files.)
    """

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, stat: os.stat_result) -> Signature:
        """The signature of a file from its stat."""
        return cls(stat.st_mtime_ns, stat.st_size)

    def trusted_at(self, seen_ns: int) -> bool:
        """Whether a file seen with this signature at `seen_ns` cannot have a look-alike."""
        return self.mtime_ns < seen_ns - RACY_NS

    def to_list(self) -> list[int]:
        """As stored in a cache file."""
        return [self.mtime_ns, self.size]

    @classmethod
    def from_list(cls, value: Any) -> Signature | None:
        """From a cache file; None if it is not a signature."""
        if isinstance(value, list) and len(value) == 2 and all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            return cls(value[0], value[1])
        return None


class Seen(NamedTuple):
    """A folder's signature and when it was taken. Every file written in a folder is made
    there and renamed: while the folder keeps that signature, and it was old enough then
    to be told from a later change (see `RACY_NS`), no file has been written in it nor
    removed from it since."""

    signature: Signature
    at: int

    @classmethod
    def of(cls, folder: Path) -> Seen | None:
        """The folder's signature now (None if there is no such folder)."""
        at = time.time_ns()
        try:
            return cls(Signature.of(os.stat(folder)), at)
        except FileNotFoundError:
            return None

    def holds(self, folder: Signature | None) -> bool:
        """Whether a folder whose signature is now `folder` is as it was when seen."""
        return self.signature == folder and self.signature.trusted_at(self.at)

    def to_list(self) -> list[int]:
        """As stored in a cache file."""
        return [self.signature.mtime_ns, self.signature.size, self.at]

    @classmethod
    def from_list(cls, value: Any) -> Seen | None:
        """From a cache file; None if it is not one."""
        if isinstance(value, list) and len(value) == 3 and all(type(v) is int for v in value):
            return cls(Signature(value[0], value[1]), value[2])
        return None


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) a folder only the user can enter: 0700.

    An existing folder is never given a permission it lacks (one the user made read-only
    stays so, see `unwritable`); of one of the user's own, only what others may do goes.
    """
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    stat = path.stat()
    if stat.st_mode & 0o077 and stat.st_uid == os.geteuid():
        path.chmod(stat.st_mode & 0o700)
    return path


def unwritable(folder: Path) -> str | None:
    """Why Sparring may not write in an existing `folder` (None if it may, or if the folder
    is not there yet): the user made it read-only, it is on a read-only file system, or it
    is not theirs to write."""
    try:
        mode = folder.stat().st_mode
    except FileNotFoundError:
        return None
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return _("{folder} is on a read-only file system").format(folder=folder)
    if not mode & 0o200:
        return _("{folder} is read-only (mode {mode}); to write in it again, make it "
                 "writable (chmod u+w)").format(folder=folder, mode=f"{mode & 0o777:o}")
    if not os.access(folder, os.W_OK | os.X_OK):
        return _("{folder} is not yours to write in").format(folder=folder)
    return None


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd` (a short write is carried on, not lost)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def replace_file(path: Path, data: bytes) -> Signature:
    """Put `data` at `path` atomically: temp file (0600), fsync, rename.

    On any error the temp file is removed and `path` is as it was. The folder is not
    fsynced yet (see `write_atomic`). Returns the new file's signature.
    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            _write_all(fd, data)
            os.fsync(fd)
            signature = Signature.of(os.fstat(fd))
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    return signature


def write_atomic(path: Path, data: bytes) -> Signature:
    """Replace `path` with `data` durably: temp file, fsync, rename, fsync the folder.

    If the folder's fsync fails, the new content is already in place (readable, but
    perhaps not yet durable) and the OSError propagates.
    """
    signature = replace_file(path, data)
    fsync_dir(path.parent)
    return signature


def read_document(path: Path) -> tuple[Any, Signature, int]:
    """The parsed JSON of `path`, the signature of exactly the version read, and when it
    was read; FileNotFoundError if there is none, UnreadableFile if it cannot be read.

    Files are replaced, never changed in place, so the stat of the open file describes
    the bytes read from it.
    """
    try:
        with path.open("rb") as handle:
            signature = Signature.of(os.fstat(handle.fileno()))
            raw = handle.read()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise UnreadableFile(path, _("cannot be read ({reason})").format(
            reason=error.strerror)) from None
    seen_ns = time.time_ns()
    return _parse_json(path, raw), signature, seen_ns


def _parse_json(path: Path, raw: bytes) -> Any:
    """Parse JSON bytes read from `path`; UnreadableFile says why they cannot be."""
    if not raw.strip():
        raise UnreadableFile(path, _("is empty"))
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        position = getattr(error, "lineno", None)
        reason = (_("is not valid JSON (line {line})").format(line=position) if position
                  else _("is not valid JSON"))
        raise UnreadableFile(path, reason) from None
    except RecursionError:
        raise UnreadableFile(path, _("is nested too deeply to be a Sparring file")) from None


def read_json(path: Path) -> Any:
    """Parse a JSON file; UnreadableFile says why it cannot be read."""
    try:
        return read_document(path)[0]
    except FileNotFoundError:
        raise UnreadableFile(path, _("does not exist")) from None


def dumps(data: Any) -> bytes:
    """The bytes a document is stored as: UTF-8 JSON, every character kept as typed.

    Raises:
        StoreError: a text holds a lone surrogate (pasted bytes that are not UTF-8), which
            no UTF-8 file can hold; nothing is written.
    """
    return _utf8(_JSON.encode(data))


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _utf8(text: str) -> bytes:
    """`text` in UTF-8 (see `dumps`)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(_(
            "Not saved: the text holds a character that is not valid Unicode (a lone "
            "surrogate, as pasting bytes that are not UTF-8 can leave); remove it and save again."
        )) from None


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes atomically and durably, and keeps a parsed copy.

    The file is parsed and checked once when opened; later reads hand TinyDB a copy of
    what was last written, down to each document (TinyDB changes the documents it reads
    before writing them back), so an insert costs one write, not a parse and a write. A
    write of what is already there is skipped.

    Args:
        path: the file; it must exist (the store creates files whole, in one write).
        check: checks the parsed document (shape, kind, schema version) and upgrades it,
            or raises UnreadableFile.
    """

    def __init__(self, path: str | Path, check: Callable[[Any, Path], Tables]):
        self.path = Path(path)
        self._data: Tables = check(read_json(self.path), self.path)
        self.signature: Signature | None = None
        self._encoded: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        self._held: Tables | None = None
        self._batching = False

    def read(self) -> Tables:
        data = self._held if self._held is not None else self._data
        return {name: {doc_id: dict(doc) for doc_id, doc in table.items()}
                for name, table in data.items()}

    def doc_ids(self, table: str, record_id: str) -> list[int]:
        """The doc ids of the documents of `table` whose "id" is `record_id`, in order
        (looked up without a copy, or a TinyDB query: a session holds hundreds of notes)."""
        data = self._held if self._held is not None else self._data
        return [int(doc_id) for doc_id, doc in data.get(table, {}).items()
                if doc.get("id") == record_id]

    def count(self, table: str) -> int:
        """How many documents `table` holds, without copying them."""
        return len(self._data.get(table, {}))

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make every change inside the block one write (one fsync), at its end; an error
        inside it writes nothing."""
        self._batching = True
        try:
            yield
        finally:
            self._batching, held, self._held = False, self._held, None
        if held is not None:
            self.write(held)

    def write(self, data: Tables) -> None:
        if self._batching:
            self._held = data
            return
        if data == self._data:
            return
        self.signature = replace_file(self.path, self._bytes(data))
        # From here the new version is what the file holds: keep the copy equal to it,
        # even if the folder's fsync below fails. TinyDB hands over a structure it made
        # for this write alone, so it can be kept as it is.
        self._data = data
        fsync_dir(self.path.parent)

    def _bytes(self, data: Tables) -> bytes:
        """`data` as `dumps` makes it, each document that is as it was at the last write
        encoded then only (a saved note is encoded, not the hundreds before it)."""
        known, self._encoded = self._encoded, {}
        encode, tables = _JSON.encode, []
        for name, table in data.items():
            docs = []
            for doc_id, doc in table.items():  # (a doc id is digits: see `check_shape`)
                done = known.get((name, doc_id))
                if done is None or done[0] != doc:
                    done = doc, f'"{doc_id}":{encode(doc)}'
                self._encoded[name, doc_id] = done
                docs.append(done[1])
            tables.append(f"{encode(name)}:{{{','.join(docs)}}}")
        return _utf8("{" + ",".join(tables) + "}")

    def close(self) -> None:
        pass
