"""The data folder as this process sees it: every readable session file's summary, the
notes once a query needs them, and every file that could not be read.

Layout of the data folder (0700, every file 0600):

    sessions/<id>.json      one session: its record, events, notes, next steps, ... (the truth)
    locks/<id>.lock         held by the one process that writes that session (see `locks`)
    catalogue.json          one summary per session: what lists and resume read (a cache)
    overview.json           what the start screen lists, before the rest is read (a cache)
    search-index.bin        the note table: what a query reads (a cache, see `table_file`)
    learning-points.json    every version of each member's learning point (see `learning`)
    caches.lock             held while the caches or the learning points are written

The caches are never the truth. Each entry carries the signature (mtime and size)
of the session file it was made from, and is used only while that file still has that
signature; otherwise the file is read again. So a stale cache (after a crash, a copy, or
another writer's save) costs time, never correctness. They are written whole, under
their own lock, from a scan made under that lock, so no writer's work is lost in them.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sparring.domain.checks import ID
from sparring.domain.records import Note, StoredSession
from sparring.domain.search import Overview, newest_first
from sparring.domain.summaries import SessionSummary
from sparring.i18n import _
from sparring.store.caches import CATALOGUE_FILE, OVERVIEW_FILE, SEARCH_INDEX_FILE, Caches
from sparring.store.files import (
    FILE_MODE,
    Seen,
    Signature,
    StoreError,
    UnreadableFile,
    read_document,
)
from sparring.store.locks import caches_lock
from sparring.store.model import stored_from_tables
from sparring.store.notes import NoteTable
from sparring.store.rows import Source
from sparring.store.schema import SESSION, check
from sparring.store.table_file import TableFile

T = TypeVar("T")
FromIndex = tuple[list[int] | None, list[Source]]
"""The sessions of the search index to use (by place; None: all) and those made anew."""

SESSIONS_DIR = "sessions"


@dataclass
class Entry:
    """What is known of one readable session file.

    Attributes:
        summary: the session's summary.
        signature: the signature of the file version it was made from.
        seen_ns: when that signature was taken (see `Signature.trusted_at`).
        notes: the session's notes, once read (None: not read, or changed since).
    """

    summary: SessionSummary
    signature: Signature
    seen_ns: int
    notes: tuple[Note, ...] | None = None


class Folder:
    """The sessions of a data folder, in memory, kept current with the files.

    Nothing is read until it is first asked for: a command that only writes one session
    (an import) never reads the rest.

    Args:
        root: the data folder.
        read_only: whether this process only reads: then it never writes nor deletes a
            cache and never changes a file's mode.
    """

    def __init__(self, root: Path, read_only: bool):
        self.root = root
        self.sessions_dir = root / SESSIONS_DIR
        self.read_only = read_only
        self._entries: dict[str, Entry] = {}
        self.changes = 0
        """Counts every change to the summaries known (for what is worked out from them)."""
        self._damaged: dict[Path, tuple[UnreadableFile, Signature | None]] = {}
        self._opened = False
        self._index_looked = False
        self._index_sources: FromIndex | None = None
        self._folder_seen: Seen | None = None
        self._table: NoteTable | None = None
        self.caches = Caches(root, read_only, self.note_damaged)
        self._dirty = self.caches.dirty

    def path_of(self, session_id: str) -> Path:
        """The file of a session (its id already checked)."""
        return self.sessions_dir / f"{session_id}.json"

    # -- what there is ------------------------------------------------------------------

    @property
    def entries(self) -> dict[str, Entry]:
        """Every readable session, current with the files (see `refresh`)."""
        self.refresh()
        return self._entries

    def known(self, session_id: str) -> Entry | None:
        """What is known of a session without looking at the folder again."""
        return self._entries.get(session_id)

    def missing(self, session_id: str) -> StoreError:
        """The error that tells there is no session `session_id` here."""
        return StoreError(_("There is no session {session} in {folder}.").format(
            session=session_id, folder=self.root))

    def lookup(self, session_id: str) -> Entry | None:
        """What is known of a session, looking at the folder again only if nothing is."""
        return self._entries.get(session_id) or self.entries.get(session_id)

    @property
    def damaged(self) -> list[UnreadableFile]:
        """Every file that could not be read, each with what is wrong with it."""
        return [error for error, _ in self._damaged.values()]

    def note_damaged(self, error: UnreadableFile, signature: Signature | None = None) -> None:
        """Keep that a file could not be read (until it changes)."""
        self._damaged[error.path] = (error, signature)

    def refresh(self) -> None:
        """Pick up what any process (this one too) saved since the last look.

        The folder's own mtime changes with every file written in it (a temp file is
        made, then renamed): while it stays the same, no file needs a look.
        """
        look = Seen.of(self.sessions_dir)
        folder = look.signature if look is not None else None
        if not self._opened:
            self._opened = True
            self._open_catalogue()
            made = self.caches.catalogue_folder  # as when the catalogue was made?
            if made is not None and made.holds(folder):
                self._folder_seen = look
                return
        elif self._folder_seen is not None and self._folder_seen.holds(folder):
            return
        settled = self._scan()
        self._folder_seen = look if settled else None

    def first_overview(self) -> Overview | None:
        """Before the folder is first read: the overview cache, if the sessions folder has
        the signature it had when the cache was made (a first view, which the folder's
        read may correct: see `Archive.first_overview`); else None."""
        look = None if self._opened else Seen.of(self.sessions_dir)
        return None if look is None else self.caches.overview(look.signature)

    def _open_catalogue(self) -> None:
        if not self.read_only:
            self.caches.remove_moved_aside()
        cached, built_ns = self.caches.read(CATALOGUE_FILE, SessionSummary.from_dict)
        if not cached:
            self._dirty[CATALOGUE_FILE] = True
        for session_id, (summary, signature) in cached.items():
            self._entries[session_id] = Entry(summary, signature, built_ns)
        self.changes += 1

    def _scan(self) -> bool:
        """Bring the summaries up to date with the session files; whether all are settled
        (no file so recent that a later write could look the same)."""
        now = time.time_ns()
        settled = True
        seen: set[str] = set()
        for session_id, name, signature in self._files():
            seen.add(session_id)
            entry = self._entries.get(session_id)
            if entry is not None and entry.signature == signature and (
                    signature.trusted_at(entry.seen_ns)):
                continue
            # (A path is made only here: making one per file is a third of a scan's time.)
            damage = self._damaged.get(self.sessions_dir / name) if self._damaged else None
            if damage is not None and damage[1] == signature and signature.trusted_at(now):
                continue
            self.reload(session_id)
            if not signature.trusted_at(now):
                settled = False
        for gone in set(self._entries) - seen:
            self.drop(gone)
        for path in list(self._damaged):
            if path.parent == self.sessions_dir and not path.exists():
                del self._damaged[path]
        return settled

    def _files(self) -> Iterator[tuple[str, str, Signature]]:
        """Each session file of the folder: its id, its name and its signature. A file not
        named like one is noted as damaged; of a writer, one that others may read is made
        private."""
        try:
            names = os.listdir(self.sessions_dir)
        except FileNotFoundError:
            names = []
        for name in names:
            found = self._session_file(name)
            if found is not None:
                yield found[0], name, found[1]

    def _session_file(self, name: str) -> tuple[str, Signature] | None:
        """The session id and signature of a file of the sessions folder (see `_files`);
        None for a file that is not a session's."""
        if name.startswith(".") or not name.endswith(".json"):
            return None
        session_id = name[: -len(".json")]
        path = os.path.join(self.sessions_dir, name)
        if not ID.match(session_id):
            why = _("is not named like a session file")
            self.note_damaged(UnreadableFile(Path(path), why))
            return None
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return None
        if not self.read_only and stat.st_mode & 0o077:
            # Only what others may do goes; a file the user made read-only stays so.
            with contextlib.suppress(OSError):  # not ours to change: read it all the same
                os.chmod(path, stat.st_mode & FILE_MODE)
        return session_id, Signature.of(stat)

    def read(self, session_id: str) -> tuple[StoredSession, Signature, int]:
        """A session file as it is on disk now, its signature and when it was read;
        FileNotFoundError if there is none, UnreadableFile if it is damaged or newer."""
        path = self.path_of(session_id)
        data, signature, seen_ns = read_document(path)
        return stored_from_tables(check(data, path, SESSION), path), signature, seen_ns

    def reload(self, session_id: str) -> StoredSession | None:
        """Read one session file again, and keep what it says (or that it is damaged)."""
        path = self.path_of(session_id)
        try:
            stored, signature, seen_ns = self.read(session_id)
        except FileNotFoundError:
            self.drop(session_id)
            self._damaged.pop(path, None)
            return None
        except UnreadableFile as error:
            self.drop(session_id)
            self.note_damaged(error, Signature.of(path.stat()) if path.exists() else None)
            return None
        self._damaged.pop(path, None)
        self.put(stored, signature, seen_ns)
        return stored

    def put(self, stored: StoredSession, signature: Signature, seen_ns: int) -> None:
        """Keep a session as its file now holds it (just read, or just written whole)."""
        old = self._entries.get(stored.session.id)
        notes = tuple(stored.notes)
        # Only a real difference makes the caches worth writing again (and the note table
        # worth making again: the same notes, read again, are kept as the ones it holds).
        if old is not None and old.notes is not None and old.notes == notes:
            notes = old.notes
        else:
            self._dirty[SEARCH_INDEX_FILE] = True
        entry = Entry(SessionSummary.of(stored), signature, seen_ns, notes)
        if old is None or (old.summary, old.signature) != (entry.summary, entry.signature):
            self._dirty[CATALOGUE_FILE] = True
        self._entries[stored.session.id] = entry
        self.changes += 1

    def changed(self, session_id: str, summary: SessionSummary, signature: Signature, *,
                notes: bool) -> None:
        """Keep that this process changed a session's file: its new summary and signature;
        with `notes`, its notes changed too (they are read again when next asked for)."""
        entry = self._entries.get(session_id)
        if entry is None:
            return
        entry.summary, entry.signature, entry.seen_ns = summary, signature, time.time_ns()
        self._dirty[CATALOGUE_FILE] = True
        self.changes += 1
        if notes:
            entry.notes = None
            self._dirty[SEARCH_INDEX_FILE] = True

    def drop(self, session_id: str) -> None:
        """Forget a session that is gone."""
        if self._entries.pop(session_id, None) is not None:
            self._dirty[CATALOGUE_FILE] = self._dirty[SEARCH_INDEX_FILE] = True
            self.changes += 1

    # -- the notes ------------------------------------------------------------------------

    def _from_index(self) -> FromIndex | None:
        """Every readable session, from the search index and one look at the session
        files, before anything else is read (see `FromIndex`); None once the folder is
        open, or where the index cannot serve (see `_look_with`). Worked out once."""
        if self._opened:
            return None
        if not self._index_looked:
            self._index_looked = True
            self._index_sources = self._look_with(self.caches.index())
        return self._index_sources

    def _look_with(self, index: TableFile | None) -> FromIndex | None:
        """The sessions: each file the index holds as it is now, from the index; the few
        others (written since the index was) read from their files. None if there is no
        index, or too many files changed since for it to help."""
        if index is None:
            return None
        look = Seen.of(self.sessions_dir)  # no file written nor removed since?
        if index.folder is not None and index.folder.holds(look.signature if look else None):
            return None, []
        try:
            held, rest = index.match(self.sessions_dir, os.listdir(self.sessions_dir),
                                     private=not self.read_only)
        except FileNotFoundError:
            held, rest = [], []
        others = [found for found in map(self._session_file, rest) if found is not None]
        if len(others) > max(8, len(held) // 10):
            return None
        if others:  # a writer brings the index up to date as it closes
            self._dirty[SEARCH_INDEX_FILE] = True
        made: list[Source] = []
        for session_id, listed in others:
            try:
                stored, signature, _seen = self.read(session_id)
            except FileNotFoundError:
                continue
            except UnreadableFile as error:
                self.note_damaged(error, listed)
                continue
            made.append((session_id, signature, SessionSummary.of(stored), tuple(stored.notes)))
        return held, made

    def forget_caches(self) -> None:
        """Delete the search index and the overview (after a forget or a deletion) and let
        go of the table read from the index: no process keeps the deleted file, which may
        hold notes, open."""
        self.caches.forget()
        self._table, self._index_looked = None, False

    def survey(self) -> None:
        """Look at the folder for files that cannot be read."""
        if self._from_index() is None:
            self.refresh()

    def table(self) -> NoteTable:
        """Every note of every readable session in one table, as the files are now."""
        found = self._from_index()
        if found is not None:
            if self._table is None:
                index = self.caches.index()
                assert index is not None
                self._table = NoteTable.of_file(index, *found)
            return self._table
        entries = self.entries
        index = self.caches.index()
        sources: list[Source] = []
        for session_id, known in list(entries.items()):
            entry: Entry | None = known
            if known.notes is None and not (index and index.holds(session_id, known.signature)):
                self.reload(session_id)
                entry = self._entries.get(session_id)
                if entry is None or entry.notes is None:
                    continue
            assert entry is not None
            sources.append((session_id, entry.signature, entry.summary, entry.notes))
        if self._table is None or not self._table.current(sources):
            self._table = NoteTable(sources, self._table, index)
        return self._table

    def query(self, ask: Callable[[NoteTable], T]) -> T:
        """What `ask` finds in the note table. A search index found damaged only now
        (a part of it that does not parse) is reported and made again, and `ask` asked
        again of a table made from the session files."""
        try:
            return ask(self.table())
        except UnreadableFile as error:
            if error.path != self.root / SEARCH_INDEX_FILE:
                raise
            self.caches.index_damaged(error)
            self._table = self._index_sources = None
            return ask(self.table())

    # -- the caches -----------------------------------------------------------------------

    def save_caches(self) -> None:
        """Write the caches that changed, from a scan made under their lock (so another
        writer's save since is in them too). A cache that cannot be written is no loss:
        it is made again next time."""
        if self.read_only or not any(self._dirty.values()):
            return
        with contextlib.suppress(OSError), caches_lock(self.root):
            self._folder_seen = None
            # Taken before the scan: a file written after it changes the folder's signature.
            seen = Seen.of(self.sessions_dir)
            self.refresh()
            entries = self._entries.items()
            whole = not any(p.parent == self.sessions_dir for p in self._damaged)
            if self._dirty[CATALOGUE_FILE] or self._dirty[OVERVIEW_FILE]:
                newest = newest_first(e.summary for e in self._entries.values())
                self.caches.write_overview(Overview.of(newest), seen)
            self.caches.write(CATALOGUE_FILE, (
                (sid, e.signature, e.summary.to_dict()) for sid, e in entries),
                seen if whole else None)
            if self._table is not None and self._dirty[SEARCH_INDEX_FILE]:
                # The table, brought up to date with the scan (the few sessions changed
                # since are read again): so the rows of the rest need not be made again.
                try:
                    self.caches.write_index(self.query(lambda t: t), seen if whole else None)
                except UnreadableFile as error:  # a part of the old index, copied, was damaged
                    self.caches.index_damaged(error)
                    self._table = None
