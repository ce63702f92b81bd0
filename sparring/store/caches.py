"""The data folder's caches: `catalogue.json` (a summary per session, read and written
whole), `overview.json` (what the start screen lists) and `search-index.bin` (the note
table, see `table_file`). None is ever the truth: see `folder` for how they are used."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sparring.domain.checks import ID
from sparring.domain.search import Group, Overview
from sparring.domain.summaries import SessionSummary
from sparring.i18n import _, ngettext
from sparring.store.files import (
    Seen,
    Signature,
    UnreadableFile,
    dumps,
    fsync_dir,
    read_json,
    write_atomic,
)
from sparring.store.model import numbered
from sparring.store.rows import file_bytes
from sparring.store.schema import CATALOGUE, OVERVIEW, check, meta_of, new_document
from sparring.store.table_file import TableFile

if TYPE_CHECKING:
    from sparring.store.notes import NoteTable

CATALOGUE_FILE = "catalogue.json"
SEARCH_INDEX_FILE = "search-index.bin"
OVERVIEW_FILE = "overview.json"
OLD_SEARCH_INDEX = "search-index.json"
"""The search index as earlier Sparring wrote it (every note in JSON columns): deleted when
a writer opens the folder (it holds note text), and made again in the new layout."""
MOVED_ASIDE = ".unreadable-"
"""Infix of the name an earlier Sparring moved a damaged cache aside to: such a file is
only a cache (it may hold note text), so it is deleted, and the user told."""

T = TypeVar("T")


class Caches:
    """The cache files of a data folder: whether each is to be written again, and whether
    it may be.

    Args:
        root: the data folder.
        read_only: this process only reads: it never writes nor deletes a cache.
        note_damaged: told of every cache that could not be read.
    """

    def __init__(self, root: Path, read_only: bool, note_damaged: Callable[[UnreadableFile], None]):
        self.root = root
        self.read_only = read_only
        self._note_damaged = note_damaged
        self.dirty = {CATALOGUE_FILE: False, SEARCH_INDEX_FILE: False, OVERVIEW_FILE: False}
        """Which caches no longer hold what is known of the sessions."""
        self._writable = dict.fromkeys(self.dirty, True)
        self._index: TableFile | None = None
        self._index_read = False
        self.catalogue_folder: Seen | None = None
        """The sessions folder as seen before the catalogue was made, if the catalogue held
        every file in it then."""

    def read(
        self, name: str, parse: Callable[[dict[str, Any]], T]
    ) -> tuple[dict[str, tuple[T, Signature]], int]:
        """A cache's entries by session id, each with the signature of the file it was
        made from, and when the cache was written ({} and 0 if there is none or it is
        damaged). Entries that do not parse are left out (read from their files) and the
        cache is written again (so is a damaged one, see `unreadable`)."""
        path = self.root / name
        if not path.exists():
            return {}, 0
        try:
            tables = check(read_json(path), path, CATALOGUE)
            built_ns = meta_of(tables).get("built_ns")
            if not isinstance(built_ns, int):
                raise UnreadableFile(path, _("has no build time"))
        except UnreadableFile as error:
            self.unreadable(error)
            return {}, 0
        entries: dict[str, tuple[T, Signature]] = {}
        docs = tables.get("sessions", {}).values()
        for doc in docs:
            signature = Signature.from_list(doc.get("file"))
            session_id = doc.get("id")
            if signature is None or not isinstance(session_id, str) or not ID.match(session_id):
                continue
            with contextlib.suppress(KeyError, TypeError, ValueError):
                entries[session_id] = (parse(doc), signature)
        if len(entries) == len(docs):
            self.catalogue_folder = Seen.from_list(meta_of(tables).get("folder"))
        if len(entries) < len(docs):
            skipped = len(docs) - len(entries)
            self.unreadable(UnreadableFile(path, ngettext(
                "has {count} entry of the wrong shape",
                "has {count} entries of the wrong shape", skipped).format(count=skipped)))
        return entries, built_ns

    def unreadable(self, error: UnreadableFile) -> None:
        """Delete a damaged cache, to be made again from the session files (it is never the
        truth, and it may hold note text that a forget must reach), and tell the user once.
        A newer Sparring's cache is left alone, and so is all of a folder only read."""
        path, why = error.path, error.reason
        self.dirty[path.name] = True
        if not error.newer and not self.read_only:
            try:
                path.unlink(missing_ok=True)
                fsync_dir(path.parent)
                why += _(
                    "; it is only a cache, so it was deleted and made again (nothing was lost)")
                self._note_damaged(UnreadableFile(path, why, rebuilt=True))
                return
            except OSError as failure:
                why = _("{why}; it is only a cache: delete it ({failure})").format(
                    why=why, failure=failure)
                error = UnreadableFile(path, why)
        elif self.read_only and not error.newer:
            why += _("; it is only a cache: the session files are read instead")
            error = UnreadableFile(path, why, rebuilt=True)
        self._writable[path.name] = False
        self._note_damaged(error)

    def remove_moved_aside(self) -> None:
        """Delete the damaged caches an earlier Sparring moved aside, telling the user of
        each, and the search index of an earlier layout."""
        with contextlib.suppress(OSError):
            (self.root / OLD_SEARCH_INDEX).unlink(missing_ok=True)
        for path in self.root.glob(f"*{MOVED_ASIDE}*"):
            if path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()
                    why = _("was a damaged cache an earlier Sparring moved aside; it was deleted")
                    self._note_damaged(UnreadableFile(path, why, rebuilt=True))

    def write(self, name: str, docs: Iterable[tuple[str, Signature, dict[str, Any]]],
              folder: Seen | None) -> None:
        """Write a cache whole from (session id, file signature, entry), if it changed and
        may be written (`folder`: see `catalogue_folder`)."""
        if not (self.dirty[name] and self._writable[name]):
            return
        tables = new_document(CATALOGUE, built_ns=time.time_ns(),
                              folder=folder.to_list() if folder else None)
        tables["sessions"] = numbered(
            [{**doc, "id": sid, "file": signature.to_list()} for sid, signature, doc in docs]
        )
        write_atomic(self.root / name, dumps(tables))
        self.dirty[name] = False

    def overview(self, folder: Signature | None) -> Overview | None:
        """The overview, if it was made when the sessions folder had the signature it has
        now (`folder`); else None, and it is to be made again (a damaged one is deleted
        first: see `unreadable`)."""
        path = self.root / OVERVIEW_FILE
        try:
            tables = check(read_json(path), path, OVERVIEW)
            meta = meta_of(tables)
            groups = tuple(map(_group, tables.get("groups", {}).values()))
            unfinished = tuple(map(SessionSummary.from_dict, tables.get("unfinished", {}).values()))
            if type(meta.get("sessions")) is not int:
                raise ValueError("sessions")
        except UnreadableFile as error:
            if path.exists():
                self.unreadable(error)
            tables = None
        except (AttributeError, KeyError, TypeError, ValueError):
            self.unreadable(UnreadableFile(path, _("has entries of the wrong shape")))
            return None
        made = Seen.from_list(meta.get("folder")) if tables is not None else None
        if made is None or folder is None or made.signature != folder:
            self.dirty[OVERVIEW_FILE] = True  # made again as this process closes
            return None
        return Overview(unfinished, groups, meta["sessions"])

    def write_overview(self, overview: Overview, folder: Seen | None) -> None:
        """Write the overview, as the sessions folder was seen (`folder`) before the scan it
        was made from, if it may be written."""
        if self._writable[OVERVIEW_FILE]:
            tables = new_document(OVERVIEW, built_ns=time.time_ns(), sessions=overview.sessions,
                                  folder=folder.to_list() if folder else None)
            tables["unfinished"] = numbered([s.to_dict() for s in overview.unfinished])
            tables["groups"] = numbered([
                {"name": g.name, "last": g.last.to_dict(), "sessions": g.sessions,
                 "rehearsals": g.rehearsals} for g in overview.groups])
            write_atomic(self.root / OVERVIEW_FILE, dumps(tables))
            self.dirty[OVERVIEW_FILE] = False

    def index(self) -> TableFile | None:
        """The search index file, opened on first use (None if there is none, or it is
        damaged: then it is deleted, to be made again, and the user told once)."""
        if not self._index_read:
            self._index_read = True
            try:
                self._index = TableFile.open(self.root / SEARCH_INDEX_FILE)
            except FileNotFoundError:
                self.dirty[SEARCH_INDEX_FILE] = True
            except UnreadableFile as error:
                self.index_damaged(error)
        return self._index

    def index_damaged(self, error: UnreadableFile) -> None:
        """The search index was found damaged (perhaps only when a part of it was read):
        it is reported and let go of, and made again from the session files."""
        self.unreadable(error)
        self._index = None

    def write_index(self, table: NoteTable, folder: Seen | None) -> None:
        """Write the search index from the note table, if it changed and may be written
        (`folder`: see `TableFile.folder`)."""
        if self.dirty[SEARCH_INDEX_FILE] and self._writable[SEARCH_INDEX_FILE]:
            write_atomic(self.root / SEARCH_INDEX_FILE, file_bytes(table, time.time_ns(), folder))
            self.dirty[SEARCH_INDEX_FILE] = False

    def forget(self) -> None:
        """Delete the search index (it holds note text) and the overview (it holds names)
        after a forget or a deletion, to be made again from what is left; and let go of the
        index, so that it is not held open (see `Folder.forget_caches`)."""
        self._index, self._index_read = None, False
        removed = False
        for name, cache in ((SEARCH_INDEX_FILE, SEARCH_INDEX_FILE),
                            (OLD_SEARCH_INDEX, None), (OVERVIEW_FILE, OVERVIEW_FILE)):
            path = self.root / name
            if (cache is None or self._writable[cache]) and path.exists():
                path.unlink()
                removed = True
        if removed:
            fsync_dir(self.root)
        self.dirty[SEARCH_INDEX_FILE] = self.dirty[OVERVIEW_FILE] = True


def _group(doc: dict[str, Any]) -> Group:
    """A group as the overview file keeps it; ValueError if it is not one."""
    name, sessions, rehearsals = doc["name"], doc["sessions"], doc["rehearsals"]
    if not isinstance(name, str) or type(sessions) is not int or type(rehearsals) is not int:
        raise ValueError("group")
    return Group(name, SessionSummary.from_dict(doc["last"]), sessions, rehearsals)
