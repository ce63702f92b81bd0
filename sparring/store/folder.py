"""The data folder as this process sees it: every readable session file's summary, the
notes once a query needs them, and every file that could not be read.

Layout of the data folder (0700, every file 0600):

    sessions/<id>.json      one session: its record, events, notes, next steps, ... (the truth)
    locks/<id>.lock         held by the one process that writes that session (see `locks`)
    catalogue.json          one summary per session: what lists and resume read (a cache)
    search-index.json       every note in columns: what the first query loads (a cache)
    learning-points.json    every version of each member's learning point (see `learning`)
    caches.lock             held while the caches or the learning points are written

The two caches are never the truth. Each entry carries the signature (mtime and size)
of the session file it was made from, and is used only while that file still has that
signature; otherwise the file is read again. So a stale cache (after a crash, a copy, or
another writer's save) costs time, never correctness. They are written whole, under
their own lock, from a scan made under that lock, so no writer's work is lost in them.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sparring.domain.checks import ID
from sparring.domain.records import StoredSession
from sparring.i18n import _
from sparring.store.caches import CATALOGUE_FILE, SEARCH_INDEX_FILE, Caches
from sparring.store.columns import SessionNotes
from sparring.store.files import FILE_MODE, Signature, StoreError, UnreadableFile, read_document
from sparring.store.locks import caches_lock
from sparring.store.model import SessionSummary, stored_from_tables
from sparring.store.notes import NoteTable
from sparring.store.schema import SESSION, check

SESSIONS_DIR = "sessions"


@dataclass
class Entry:
    """What is known of one readable session file.

    Attributes:
        summary: the session's summary.
        signature: the signature of the file version it was made from.
        seen_ns: when that signature was taken (see `Signature.trusted_at`).
        notes: the session's notes, once loaded (None: not loaded, or changed since).
    """

    summary: SessionSummary
    signature: Signature
    seen_ns: int
    notes: SessionNotes | None = None


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
        self._index_read = False
        self._folder_seen: tuple[Signature, int] | None = None
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
        now = time.time_ns()
        try:
            folder: Signature | None = Signature.of(os.stat(self.sessions_dir))
        except FileNotFoundError:
            folder = None
        if not self._opened:
            self._opened = True
            self._open_catalogue()
        elif self._folder_seen is not None:
            seen, at = self._folder_seen
            if seen == folder and seen.trusted_at(at):
                return
        settled = self._scan()
        self._folder_seen = (folder, now) if settled and folder is not None else None

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
        try:
            listing = list(os.scandir(self.sessions_dir))
        except FileNotFoundError:
            listing = []
        for item in listing:
            name = item.name
            if name.startswith(".") or not name.endswith(".json"):
                continue
            session_id = name[: -len(".json")]
            if not ID.match(session_id):
                why = _("is not named like a session file")
                self.note_damaged(UnreadableFile(Path(item.path), why))
                continue
            try:
                stat = item.stat()
            except FileNotFoundError:
                continue
            if not self.read_only and stat.st_mode & 0o077:
                # Only what others may do goes; a file the user made read-only stays so.
                with contextlib.suppress(OSError):  # not ours to change: read it all the same
                    os.chmod(item.path, stat.st_mode & FILE_MODE)
            signature = Signature.of(stat)
            seen.add(session_id)
            entry = self._entries.get(session_id)
            if entry is not None and entry.signature == signature and (
                    signature.trusted_at(entry.seen_ns)):
                continue
            # (A path is made only here: making one per file is a third of a scan's time.)
            damage = self._damaged.get(Path(item.path)) if self._damaged else None
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
        notes = SessionNotes.of(stored.notes)
        entry = Entry(SessionSummary.of(stored), signature, seen_ns, notes)
        # Only a real difference makes the caches worth writing again.
        if old is None or (old.summary, old.signature) != (entry.summary, entry.signature):
            self._dirty[CATALOGUE_FILE] = True
        if old is None or old.notes is None or old.notes.rows() != notes.rows():
            self._dirty[SEARCH_INDEX_FILE] = True
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

    def table(self) -> NoteTable:
        """Every note of every readable session in one table, as the files are now."""
        entries = self.entries
        if not self._index_read:  # the notes of each session file the index is current with
            self._index_read = True
            # A note column that is not a dict fails in `from_columns`: left out, as any.
            cached, built_ns = self.caches.read(
                SEARCH_INDEX_FILE, lambda doc: SessionNotes.from_columns(doc["notes"]))
            for session_id, (notes, signature) in cached.items():
                entry = entries.get(session_id)
                if entry is not None and entry.notes is None and (
                        entry.signature == signature and signature.trusted_at(built_ns)):
                    entry.notes = notes
        for session_id, entry in list(entries.items()):
            if entry.notes is None:
                self.reload(session_id)
        sources = [(e.summary, e.notes) for e in self._entries.values() if e.notes is not None]
        if self._table is None or not self._table.current(sources):
            self._table = NoteTable(sources, previous=self._table)
        return self._table

    # -- the caches -----------------------------------------------------------------------

    def save_caches(self) -> None:
        """Write the caches that changed, from a scan made under their lock (so another
        writer's save since is in them too). A cache that cannot be written is no loss:
        it is made again next time."""
        if self.read_only or not any(self._dirty.values()):
            return
        with contextlib.suppress(OSError), caches_lock(self.root):
            self._folder_seen = None
            self.refresh()
            entries = self._entries.items()
            self.caches.write(CATALOGUE_FILE, (
                (sid, e.signature, e.summary.to_dict()) for sid, e in entries))
            if self._index_read and all(e.notes is not None for e in self._entries.values()):
                self.caches.write(SEARCH_INDEX_FILE, (
                    (sid, e.signature, {"notes": e.notes.to_columns()})
                    for sid, e in entries if e.notes is not None))
