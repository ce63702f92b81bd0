"""The search index file: the note table as it was last made, laid out so that a query
reads only what it needs.

`search-index.bin` is a cache, never the truth (see `folder`). It is a header of
`HEADER_SIZE` bytes (one JSON object, padded with spaces) and sections after it, each
named in the header with where it starts and how long it is:

    sessions    JSON: a list for each of id, mtime_ns, size (its file's signature when
                the rows were made), end (its rows end), date and group (as the table
                orders and compares them); sessions in the table's order (newest first)
    summaries   a JSON line for each session (its summary, as the catalogue keeps it)
    records     a JSON line for each row (the note: see `RECORD`)
    folded      each row's text as searches compare it, each ended by "\\x1e" (UTF-8)
    <x>_starts  where each line or text of <x> starts in the file, and where one more
                would (little-endian 64-bit integers)
    times, cases, phase, lens, kind, about, author
                JSON lists, one value for each row, as the note table compares them

The header also holds the signature of the sessions folder, taken before the look at the
session files the table was brought up to date with (see `Folder.save_caches`): while the
folder keeps it, no session file has been written since, and none need be looked at.

The file is kept open and read a part at a time (not mapped: a file another program
changes in place then reads short and is reported as damaged, where a mapped one would
stop the process): a search reads the folded texts a piece at a time, and the records and
summaries of the notes it found. A file whose size or sections do not add up, or whose
check (a CRC-32 of `CHECKED`) differs, is damaged; so is one with a part that does not
parse, found when that part is first used.
"""

from __future__ import annotations

import bisect
import json
import operator
import os
import sys
import weakref
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sparring.domain.records import Note
from sparring.i18n import _
from sparring.store.files import Seen, Signature, UnreadableFile

KIND = "search-index"
VERSION = 2
"""The version of this file's layout (the JSON files' versions are in `schema`)."""
HEADER_SIZE = 2048
COLUMNS = ("times", "cases", "phase", "lens", "kind", "about", "author")
LINES = ("summaries", "records", "folded")
SECTIONS = ("sessions", *LINES, *(f"{name}_starts" for name in LINES), *COLUMNS)
CHECKED = ("sessions", *(f"{name}_starts" for name in LINES))
"""The sections that say where everything is: a CRC-32 of them is in the header, so that
a damaged one is found when the file is opened (the others fail to parse, or hold a
changed text), for a millisecond or two."""
SEPARATOR = b"\x1e"
"""Ends each row's folded text."""
CHUNK = 1 << 20
"""How much of the folded texts a search reads at a time (see `TableFile.find`)."""
RECORD = ("phase", "text", "about", "author", "lens", "kind", "id", "at", "clock", "turn")
"""A note's fields, in the order a record lists them (as `Note` takes them)."""


def offsets(raw: bytes | memoryview) -> array[int]:
    """Integers stored little-endian, 8 bytes each."""
    values = array("q")
    values.frombytes(raw)
    if sys.byteorder == "big":
        values.byteswap()
    return values


SESSION_FIELDS = ("id", "mtime", "size", "end", "date", "group")


class TableFile:
    """A search index file, open (see the module's doc); `open` checks its frame.

    Attributes:
        built_ns: when it was written.
        rows: how many notes it holds.
        ids: its sessions, in the table's order.
        index: each session's place in `ids`, by id.
        folder: the sessions folder's signature and when it was taken (see the module's
            doc), if the table held every file in it then.
    """

    def __init__(self, path: Path, fd: int, header: dict[str, Any], checked: dict[str, bytes]):
        self.path = path
        self._fd = fd
        self.built_ns: int = header["built_ns"]
        self.rows: int = header["rows"]
        self._sections: dict[str, tuple[int, int]] = {
            name: (start, start + length) for name, (start, length) in header["sections"].items()}
        self.folder = Seen.from_list(header.get("folder"))
        sessions = json.loads(checked["sessions"])
        self.ids: list[str] = sessions["id"]
        self._mtimes: list[int] = sessions["mtime"]
        self._sizes: list[int] = sessions["size"]
        self.ends: list[int] = sessions["end"]
        self.dates: list[str] = sessions["date"]
        self.groups: list[str] = sessions["group"]
        count = len(self.ids)
        for name in SESSION_FIELDS:
            kind = str if name in ("id", "date", "group") else int
            values = sessions[name]
            if len(values) != count or not set(map(type, values)) <= {kind}:
                raise ValueError(name)
        if (self.ends[-1] if count else 0) != self.rows or not all(
                map(operator.le, [0, *self.ends], self.ends)):
            raise ValueError("ends")
        self.index = dict(zip(self.ids, range(count), strict=True))
        if len(self.index) != count:
            raise ValueError("id")
        self._trusted = Signature(max(self._mtimes, default=0), 0).trusted_at(self.built_ns)
        self.starts = {name: offsets(checked[f"{name}_starts"]) for name in LINES}
        self._columns: dict[str, list[Any]] = {}
        for name, lines in (("summaries", count), ("records", self.rows),
                            ("folded", self.rows)):
            starts, (first, end) = self.starts[name], self._sections[name]
            if len(starts) != lines + 1 or starts[0] != first or starts[-1] != end:
                raise ValueError(name)

    @classmethod
    def open(cls, path: Path) -> TableFile:
        """The file at `path`, its frame checked; FileNotFoundError if there is none,
        UnreadableFile if it cannot be read, is damaged or is a newer Sparring's."""
        try:
            with path.open("rb") as handle:  # (opened so, as every file is read)
                fd = os.dup(handle.fileno())
        except FileNotFoundError:
            raise
        except OSError as error:
            raise UnreadableFile(path, _("cannot be read ({reason})").format(
                reason=error.strerror)) from None
        try:
            table = cls._checked(path, fd)
        except BaseException:
            os.close(fd)
            raise
        weakref.finalize(table, os.close, fd)
        return table

    @classmethod
    def _checked(cls, path: Path, fd: int) -> TableFile:
        size = os.fstat(fd).st_size
        if size < HEADER_SIZE:
            raise UnreadableFile(path, _("is cut short"))

        def read(start: int, length: int) -> bytes:
            return _read(fd, start, start + length, path)

        try:
            header = json.loads(read(0, HEADER_SIZE))
            if header.get("kind") != KIND:
                raise ValueError("kind")
            if type(header.get("schema")) is int and header["schema"] > VERSION:
                raise UnreadableFile(path, _(
                    "was written by a newer Sparring (schema {version}, this one reads up to "
                    "{readable}); update Sparring to read it").format(
                        version=header["schema"], readable=VERSION), newer=True)
            if header.get("schema") != VERSION or header.get("size") != size:
                raise ValueError("size")
            for name in SECTIONS:
                start, length = header["sections"][name]
                if not (type(start) is int and type(length) is int
                        and start >= HEADER_SIZE and length >= 0 and start + length <= size):
                    raise ValueError(name)
            folder = header.get("folder")
            if type(header["rows"]) is not int or type(header["built_ns"]) is not int or (
                    folder is not None and Seen.from_list(folder) is None):
                raise ValueError("rows")
            checked = {name: read(*header["sections"][name]) for name in CHECKED}
            if check_of(checked.values()) != header.get("check"):
                raise ValueError("check")
            return cls(path, fd, header, checked)
        except UnreadableFile:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
            raise cls.damage(path) from None

    @staticmethod
    def damage(path: Path) -> UnreadableFile:
        """What is said of a search index whose parts do not add up or do not parse."""
        return UnreadableFile(path, _("is damaged (its parts do not fit together)"))

    def section(self, name: str) -> bytes:
        start, end = self._sections[name]
        return _read(self._fd, start, end, self.path)

    def texts(self, first: int, end: int) -> list[bytes]:
        """The folded texts of rows `first` to `end` (read at once)."""
        starts = self.starts["folded"]
        data = _read(self._fd, starts[first], starts[end], self.path)
        texts = data.split(SEPARATOR)[:-1]
        if len(texts) != end - first:  # a damaged file: row by row, as the starts say
            base = starts[first]
            texts = [data[starts[row] - base:starts[row + 1] - base - 1]
                     for row in range(first, end)]
        return texts

    def find(self, word: bytes, first: int, end: int) -> Iterator[int]:
        """The rows from `first` to `end` whose folded text holds `word`, in order. The
        texts are read a piece of `CHUNK` bytes at a time: quicker than all at once, and
        none of them is kept."""
        starts = self.starts["folded"]
        stop = starts[end]
        at = starts[first]
        while at < stop:
            piece_end = min(stop, at + CHUNK)
            # (The piece reaches a word's length past its end: a match that starts in it.)
            data = _read(self._fd, at, min(stop, piece_end + len(word) - 1), self.path)
            resume = piece_end
            where = data.find(word)
            while where != -1 and at + where < piece_end:
                row = bisect.bisect_right(starts, at + where, first, end) - 1
                yield row
                resume = starts[row + 1]
                where = data.find(word, resume - at)
            at = max(piece_end, resume)

    def match(self, folder: Path, names: Iterable[str],
              private: bool) -> tuple[list[int], list[str]]:
        """The places of the sessions whose files in `folder` (called `names`) the index
        holds as they are now, and the names of the others (with `private`, a file others
        may read is another: a writer's scan makes it private)."""
        held, others = [], []
        places, holds_at, mtimes, stat_of = self.index, self.holds_at, self._mtimes, os.stat
        fd = os.open(folder, os.O_RDONLY)  # each file looked at from the folder, by name
        try:
            for name in names:
                k = places.get(name[:-5])  # (".json": checked only for a name it holds)
                if k is not None and name.endswith(".json"):
                    try:
                        stat = stat_of(name, dir_fd=fd)
                    except FileNotFoundError:
                        continue
                    if mtimes[k] == stat.st_mtime_ns and holds_at(
                            k, stat.st_mtime_ns, stat.st_size) and not (
                            private and stat.st_mode & 0o077):
                        held.append(k)
                        continue
                others.append(name)
        finally:
            os.close(fd)
        return held, others

    def holds(self, session_id: str, signature: Signature) -> bool:
        """Whether the file holds the rows of this version of the session's file."""
        k = self.index.get(session_id)
        return k is not None and self.holds_at(k, signature.mtime_ns, signature.size)

    def holds_at(self, k: int, mtime_ns: int, size: int) -> bool:
        """Whether the file holds the rows of session `k`'s file at this mtime and size."""
        return self._mtimes[k] == mtime_ns and self._sizes[k] == size and (
            self._trusted or Signature(mtime_ns, size).trusted_at(self.built_ns))

    def signature(self, k: int) -> Signature:
        """The signature of session `k`'s file when its rows were made."""
        return Signature(self._mtimes[k], self._sizes[k])

    def rows_of(self, k: int) -> tuple[int, int]:
        """The first and end row of session `k`."""
        return (self.ends[k - 1] if k else 0), self.ends[k]

    def line_bytes(self, name: str, first: int, end: int) -> tuple[bytes, array[int]]:
        """Lines (or texts) `first` to `end` of `name` as they are in the file, and where
        each starts in those bytes (and where one more would)."""
        starts = self.starts[name]
        base = starts[first]
        return (_read(self._fd, base, starts[end], self.path),
                array("q", [s - base for s in starts[first:end + 1]]))

    def lines(self, name: str, ks: Sequence[int]) -> list[Any]:
        """Lines `ks` of `name` (see `LINES`), decoded in one go."""
        if not ks:
            return []
        starts, fd, path = self.starts[name], self._fd, self.path
        low, high = min(ks), max(ks) + 1
        if high - low <= 4 * len(ks):  # close together: read once, from the first to the last
            base = starts[low]
            block = _read(fd, base, starts[high], path)
            parts = [block[starts[k] - base:starts[k + 1] - base - 1] for k in ks]
        else:
            parts = [_read(fd, starts[k], starts[k + 1] - 1, path) for k in ks]
        try:
            found: list[Any] = json.loads(b"[" + b",".join(parts) + b"]")
        except (ValueError, RecursionError):
            raise self.damage(self.path) from None
        if len(found) != len(ks):
            raise self.damage(self.path)
        return found

    def summaries(self, ks: Sequence[int]) -> list[dict[str, Any]]:
        """The summaries of sessions `ks`, as the catalogue keeps them."""
        found = self.lines("summaries", ks)
        if not all(isinstance(summary, dict) for summary in found):
            raise self.damage(self.path)
        return found

    def notes(self, rows: Sequence[int], session_ids: Sequence[str]) -> list[Note]:
        """The notes of rows `rows`, of the sessions `session_ids`."""
        notes = []
        for record, session_id in zip(self.lines("records", rows), session_ids, strict=True):
            if not isinstance(record, list) or len(record) != len(RECORD) or not isinstance(
                    record[1], str):
                raise self.damage(self.path)
            notes.append(Note(session_id, *record))
        return notes

    def column(self, name: str) -> list[Any]:
        """A column of `COLUMNS`, one value for each row (decoded on first use)."""
        values = self._columns.get(name)
        if values is None:
            try:
                values = json.loads(self.section(name))
            except (ValueError, RecursionError):
                raise self.damage(self.path) from None
            if not isinstance(values, list) or len(values) != self.rows:
                raise self.damage(self.path)
            if name == "cases":
                values = [tuple(cases) for cases in values]
            self._columns[name] = values
        return values


def _read(fd: int, start: int, end: int, path: Path) -> bytes:
    """Bytes `start` to `end` of the open file; UnreadableFile if it has fewer now (another
    program changed it in place) or cannot be read."""
    try:
        data = os.pread(fd, end - start, start)
    except OSError as error:
        raise UnreadableFile(path, _("cannot be read ({reason})").format(
            reason=error.strerror)) from None
    if len(data) != end - start:
        raise UnreadableFile(path, _("is cut short"))
    return data


def check_of(sections: Iterable[bytes]) -> int:
    check = 0
    for section in sections:
        check = zlib.crc32(section, check)
    return check
