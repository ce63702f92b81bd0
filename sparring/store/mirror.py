"""What the store holds in memory of the data folder, and how it keeps that current.

The mirror has a summary of every readable session file (from the catalogue where it
is current, else from the file), the notes of every session once a search needs them
(from the search index where it is current), and every file it could not read. Each
entry remembers the signature of the file version it came from, so the mirror can
tell which files changed since: a reader rescans before each read, the writer knows.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sparring.store import caches
from sparring.store.all_notes import AllNotes
from sparring.store.checks import ID
from sparring.store.files import (
    FILE_MODE,
    Signature,
    UnreadableFile,
    fsync_dir,
    parse_json,
    read_bytes,
)
from sparring.store.index import SessionNotes, search_session
from sparring.store.model import SessionSummary, StoredSession, stored_from_tables
from sparring.store.query import NoteHit, NoteQuery, Window, fold
from sparring.store.schema import CATALOGUE, SEARCH_INDEX, SESSION, check

MOVED_ASIDE = ".unreadable-"
"""Infix of the name a damaged cache file is moved aside to (never deleted)."""


@dataclass
class Entry:
    """What the mirror holds of one readable session file.

    Attributes:
        summary: the session's catalogue summary.
        signature: the signature of the file version it was made from.
        seen_ns: when that signature was taken (see `Signature.trusted_at`).
        notes: the session's notes, once loaded.
    """

    summary: SessionSummary
    signature: Signature
    seen_ns: int
    notes: SessionNotes | None = None


Found = tuple[Entry, SessionNotes, list[int]]
"""A session with notes that match, and their positions in it."""


def _chronological(entry: Entry) -> tuple[str, str]:
    return entry.summary.date, entry.summary.id


class Mirror:
    """The data folder as the store sees it in memory.

    Args:
        root: the data folder.
        read_only: whether this process is only reading: then it never writes a cache,
            never moves a file aside, and looks for other writers' changes on `refresh`.
    """

    def __init__(self, root: Path, read_only: bool):
        self.root = root
        self.sessions_dir = root / "sessions"
        self.read_only = read_only
        self.entries: dict[str, Entry] = {}
        self._damaged: dict[Path, tuple[UnreadableFile, Signature | None]] = {}
        self.indexed = False
        self.catalogue_dirty = False
        self.index_dirty = False
        self.cache_writable = {caches.CATALOGUE_FILE: True, caches.SEARCH_INDEX_FILE: True}
        self._folder_seen: tuple[Signature, int] | None = None
        self._all_notes: AllNotes | None = None

    def open(self) -> None:
        """Read the catalogue, bring it up to date with the files, and save it if it was not."""
        self._open_catalogue()
        self._rescan()
        self.save_caches(index=False)

    def path_of(self, session_id: str) -> Path:
        """The file of a session (its id already checked)."""
        return self.sessions_dir / f"{session_id}.json"

    @property
    def damaged(self) -> list[UnreadableFile]:
        """Every file that could not be read, each with what is wrong with it."""
        return [error for error, _ in self._damaged.values()]

    def note_damaged(self, error: UnreadableFile, signature: Signature | None = None) -> None:
        self._damaged[error.path] = (error, signature)

    def _open_catalogue(self) -> None:
        path = self.root / caches.CATALOGUE_FILE
        if not path.exists():
            self.catalogue_dirty = True
            return
        try:
            catalogue = caches.read_catalogue(path)
        except UnreadableFile as error:
            self.cache_unreadable(error)
            self.catalogue_dirty = True
            return
        for session_id, cached in catalogue.entries.items():
            if ID.match(session_id):
                self.entries[session_id] = Entry(cached.value, cached.signature, catalogue.built_ns)

    def cache_unreadable(self, error: UnreadableFile) -> None:
        """A damaged cache is moved aside (never deleted); a newer one is left alone."""
        if error.newer or self.read_only:
            self.note_damaged(error)
            self.cache_writable[error.path.name] = not error.newer
            return
        aside = error.path.with_name(
            f"{error.path.name}{MOVED_ASIDE}{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
        )
        try:
            error.path.rename(aside)
            fsync_dir(error.path.parent)
        except OSError:
            self.cache_writable[error.path.name] = False
            self.note_damaged(error)
            return
        self.note_damaged(
            UnreadableFile(aside, f"{error.reason}; moved aside, rebuilt from the session files")
        )

    def _scan(self) -> bool:
        """Bring the summaries up to date with the session files; whether all are settled."""
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
            path = Path(item.path)
            session_id = name[: -len(".json")]
            if not ID.match(session_id):
                self.note_damaged(UnreadableFile(path, "is not named like a session file"))
                continue
            try:
                stat = item.stat()
            except FileNotFoundError:
                continue
            if not self.read_only and stat.st_mode & 0o777 != FILE_MODE:
                with contextlib.suppress(OSError):  # not ours to change: read it all the same
                    os.chmod(path, FILE_MODE)
            signature = Signature.of(stat)
            seen.add(session_id)
            entry = self.entries.get(session_id)
            if (
                entry is not None
                and entry.signature == signature
                and signature.trusted_at(entry.seen_ns)
            ):
                continue
            damage = self._damaged.get(path)
            if damage is not None and damage[1] == signature and signature.trusted_at(now):
                continue
            self.reload(session_id)
            if not signature.trusted_at(now):
                settled = False
        for gone in set(self.entries) - seen:
            del self.entries[gone]
            self.catalogue_dirty = self.index_dirty = True
        for path in list(self._damaged):
            if path.parent == self.sessions_dir and not path.exists():
                del self._damaged[path]
        return settled

    def reload(self, session_id: str) -> StoredSession | None:
        """Read one session file again, and keep what it says (or that it is damaged)."""
        path = self.path_of(session_id)
        try:
            raw, signature, seen_ns = read_bytes(path)
            stored = stored_from_tables(check(parse_json(path, raw), path, SESSION), path)
        except FileNotFoundError:
            self.forget_entry(session_id)
            self._damaged.pop(path, None)
            return None
        except UnreadableFile as error:
            self.forget_entry(session_id)
            self.note_damaged(error, Signature.of(path.stat()) if path.exists() else None)
            return None
        self._damaged.pop(path, None)
        old = self.entries.get(session_id)
        notes = SessionNotes.of(stored.notes)
        entry = Entry(stored.summary(), signature, seen_ns, notes)
        # Only a real difference makes the caches worth writing again.
        if old is None or (old.summary, old.signature) != (entry.summary, entry.signature):
            self.catalogue_dirty = True
        if old is None or old.notes is None or old.notes.rows() != notes.rows():
            self.index_dirty = True
        self.entries[session_id] = entry
        return stored

    def forget_entry(self, session_id: str) -> None:
        if self.entries.pop(session_id, None) is not None:
            self.catalogue_dirty = self.index_dirty = True

    def refresh(self) -> None:
        """Pick up what another process saved since (a read-only store does it on every read).

        The writer is the only one that changes the folder, so for it this does nothing.
        """
        if not self.read_only:
            return
        if self._folder_seen is not None:
            seen, at = self._folder_seen
            try:
                folder = Signature.of(os.stat(self.sessions_dir))
            except FileNotFoundError:
                folder = None
            if seen == folder and folder.trusted_at(at):
                return
        self._rescan()

    def _rescan(self) -> None:
        # The folder's own mtime changes with every file written in it (a temp file is
        # made, then renamed): while it stays the same, no file needs a look.
        now = time.time_ns()
        try:
            folder: Signature | None = Signature.of(os.stat(self.sessions_dir))
        except FileNotFoundError:
            folder = None
        settled = self._scan()
        self._folder_seen = (folder, now) if settled and folder is not None else None

    def ensure_index(self) -> None:
        """Load every session's notes: from the search index where it is current."""
        self.refresh()
        if self.indexed:
            return
        path = self.root / caches.SEARCH_INDEX_FILE
        cache: caches.Cache[dict[str, Any]] | None = None
        if path.exists():
            try:
                cache = caches.read_search_index(path)
            except UnreadableFile as error:
                self.cache_unreadable(error)
        for session_id, entry in list(self.entries.items()):
            if entry.notes is not None:
                continue
            columns = cache.get(session_id, entry.signature) if cache else None
            if columns is not None:
                try:
                    entry.notes = SessionNotes.from_columns(columns)
                    continue
                except (KeyError, TypeError, ValueError):
                    pass
            self.reload(session_id)
        self.indexed = True

    def _matching(self, query: NoteQuery, entries: Iterable[Entry],
                  enough: int | None = None) -> tuple[list[Found], int]:
        """Each session among `entries` with notes matching `query` (in the order given),
        with their positions, and how many notes match; stops once `enough` have."""
        words = fold(query.text).split() if query.text else []
        window = Window(query.since, query.until)
        pool = [(entry, entry.notes) for entry in entries if entry.notes is not None]
        # Most sessions fall at the first word: test them all in one tight loop.
        for word in words:
            pool = [(entry, notes) for entry, notes in pool if word in notes.blob]
        found: list[Found] = []
        total = 0
        for entry, notes in pool:
            matches = search_session(query, words, window, entry.summary, notes)
            if matches:
                found.append((entry, notes, matches))
                total += len(matches)
                if enough is not None and total >= enough:
                    break
        return found, total

    def query(self, query: NoteQuery, limit: int | None) -> list[NoteHit]:
        """The notes that match `query`, oldest session first (the index must be loaded)."""
        entries = sorted(self.entries.values(), key=_chronological)
        found, _ = self._matching(query, entries, enough=limit)
        hits = []
        for entry, notes, matches in found:
            summary = entry.summary
            hits += [NoteHit(notes.note(index, summary.id), summary) for index in matches]
        return hits[:limit] if limit is not None else hits

    def page(self, query: NoteQuery, offset: int, limit: int) -> tuple[list[NoteHit], int]:
        """One page of the notes that match `query`, newest first, and how many match.

        Answered from every note in one table (see `AllNotes`), made again when a
        session changed since (the index must be loaded)."""
        return self.all_notes().page(query, offset, limit)

    def all_notes(self) -> AllNotes:
        """Every loaded note in one table, as the sessions are now."""
        entries = list(self.entries.values())
        if self._all_notes is None or not self._all_notes.current(entries):
            self._all_notes = AllNotes(entries, previous=self._all_notes)
        return self._all_notes

    def save_caches(self, *, index: bool) -> None:
        """Write the catalogue (and the search index) if they changed; the writer only.

        A cache that cannot be written is no loss: it is rebuilt next time.
        """
        if self.read_only:
            return
        try:
            if self.catalogue_dirty and self.cache_writable[caches.CATALOGUE_FILE]:
                caches.write_cache(
                    self.root / caches.CATALOGUE_FILE,
                    CATALOGUE,
                    (
                        caches.catalogue_doc(entry.summary, entry.signature)
                        for entry in self.entries.values()
                    ),
                )
                self.catalogue_dirty = False
            if (
                index
                and self.indexed
                and self.index_dirty
                and self.cache_writable[caches.SEARCH_INDEX_FILE]
            ):
                caches.write_cache(
                    self.root / caches.SEARCH_INDEX_FILE,
                    SEARCH_INDEX,
                    (
                        caches.search_index_doc(sid, entry.signature, entry.notes.to_columns())
                        for sid, entry in self.entries.items()
                        if entry.notes is not None
                    ),
                )
                self.index_dirty = False
        except OSError:
            pass
