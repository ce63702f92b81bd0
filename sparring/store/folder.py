"""The data folder as this process sees it: every readable session file's summary, the
notes once a query needs them, and every file that could not be read.

Layout of the data folder (0700, every file 0600):

    sessions/<id>.json      one session: its record, events, notes, next steps, ... (the truth)
    locks/<id>.lock         held by the one process that writes that session (see `locks`)
    catalogue.json          one summary per session: what lists and resume read (a cache)
    search-index.json       every note in columns: what the first query loads (a cache)

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sparring.domain.checks import ID
from sparring.domain.records import StoredSession
from sparring.i18n import _, ngettext
from sparring.store.columns import SessionNotes
from sparring.store.files import (
    FILE_MODE,
    Signature,
    UnreadableFile,
    dumps,
    fsync_dir,
    parse_json,
    read_bytes,
    read_json,
    write_atomic,
)
from sparring.store.locks import caches_lock
from sparring.store.model import SessionSummary, numbered, stored_from_tables
from sparring.store.notes import NoteTable
from sparring.store.schema import CATALOGUE, SEARCH_INDEX, SESSION, check, meta_of, new_document

SESSIONS_DIR = "sessions"
CATALOGUE_FILE = "catalogue.json"
SEARCH_INDEX_FILE = "search-index.json"
MOVED_ASIDE = ".unreadable-"
"""Infix of the name an earlier Sparring moved a damaged cache aside to: such a file is
only a cache (it may hold note text), so it is deleted, and the user told."""

T = TypeVar("T")


def _wrong(count: int) -> str:
    return ngettext("has {count} entry of the wrong shape",
                    "has {count} entries of the wrong shape", count).format(count=count)


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


def _read_cache(
    path: Path, kind: str, parse: Callable[[dict[str, Any]], T]
) -> tuple[dict[str, tuple[T, Signature]], int, int]:
    """A cache file's entries by session id, when it was written, and how many entries
    did not parse (they are left out, and read from their files).

    Raises:
        UnreadableFile: the file as a whole cannot be read, or has a newer schema.
    """
    tables = check(read_json(path), path, kind)
    built_ns = meta_of(tables).get("built_ns")
    if not isinstance(built_ns, int):
        raise UnreadableFile(path, _("has no build time"))
    entries: dict[str, tuple[T, Signature]] = {}
    docs = tables.get("sessions", {}).values()
    for doc in docs:
        signature = Signature.from_list(doc.get("file"))
        session_id = doc.get("id")
        if signature is None or not isinstance(session_id, str) or not ID.match(session_id):
            continue
        with contextlib.suppress(KeyError, TypeError, ValueError):
            entries[session_id] = (parse(doc), signature)
    return entries, built_ns, len(docs) - len(entries)


def _write_cache(path: Path, kind: str, docs: Iterable[dict[str, Any]]) -> None:
    tables = new_document(kind, built_ns=time.time_ns())
    tables["sessions"] = numbered(list(docs))
    write_atomic(path, dumps(tables))


def _columns(doc: dict[str, Any]) -> SessionNotes:
    notes = doc["notes"]
    if not isinstance(notes, dict):
        raise ValueError("notes")
    return SessionNotes.from_columns(notes)


def _index_doc(session_id: str, entry: Entry) -> dict[str, Any]:
    assert entry.notes is not None
    return {"notes": entry.notes.to_columns()}


class Folder:
    """The sessions of a data folder, in memory, kept current with the files.

    Nothing is read until it is first asked for: a command that only writes one session
    (an import) never reads the rest.

    Args:
        root: the data folder.
        read_only: whether this process only reads: then it never writes a cache, never
            moves a file aside and never changes a file's mode.
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
        self._dirty = {CATALOGUE_FILE: False, SEARCH_INDEX_FILE: False}
        self._writable = {CATALOGUE_FILE: True, SEARCH_INDEX_FILE: True}

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
        if not self._opened:
            self._opened = True
            self._open_catalogue()
        elif self._folder_seen is not None:
            seen, at = self._folder_seen
            try:
                folder = Signature.of(os.stat(self.sessions_dir))
            except FileNotFoundError:
                folder = None
            if seen == folder and folder.trusted_at(at):
                return
        now = time.time_ns()
        try:
            folder_now: Signature | None = Signature.of(os.stat(self.sessions_dir))
        except FileNotFoundError:
            folder_now = None
        settled = self._scan()
        self._folder_seen = (folder_now, now) if settled and folder_now is not None else None

    def _open_catalogue(self) -> None:
        if not self.read_only:
            self._remove_moved_aside()
        path = self.root / CATALOGUE_FILE
        if not path.exists():
            self._dirty[CATALOGUE_FILE] = True
            return
        try:
            cached, built_ns, skipped = _read_cache(path, CATALOGUE, SessionSummary.from_dict)
            if skipped:
                self._cache_unreadable(UnreadableFile(path, _wrong(skipped)))
        except UnreadableFile as error:
            self._cache_unreadable(error)
            cached, built_ns, skipped = {}, 0, 1
        self._dirty[CATALOGUE_FILE] = not cached or bool(skipped)
        for session_id, (summary, signature) in cached.items():
            self._entries[session_id] = Entry(summary, signature, built_ns)
        self.changes += 1

    def _cache_unreadable(self, error: UnreadableFile) -> None:
        """A damaged cache is deleted and made again from the session files (it is never
        the truth, and it may hold note text that a forget must reach); the user is told
        once. A newer Sparring's cache is left alone, and so is all of a folder only read."""
        path, why = error.path, error.reason
        if not error.newer and not self.read_only:
            try:
                path.unlink(missing_ok=True)
                fsync_dir(path.parent)
                why += _(
                    "; it is only a cache, so it was deleted and made again (nothing was lost)")
                self.note_damaged(UnreadableFile(path, why, rebuilt=True))
                return
            except OSError as failure:
                why = _("{why}; it is only a cache: delete it ({failure})").format(
                    why=why, failure=failure)
                error = UnreadableFile(path, why)
        elif self.read_only and not error.newer:
            why += _("; it is only a cache: the session files are read instead")
            error = UnreadableFile(path, why, rebuilt=True)
        self._writable[path.name] = False
        self.note_damaged(error)

    def _remove_moved_aside(self) -> None:
        """Delete the damaged caches an earlier Sparring moved aside (they may hold note
        text, and are never the truth), telling the user of each."""
        for path in self.root.glob(f"*{MOVED_ASIDE}*"):
            if path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()
                    why = _("was a damaged cache an earlier Sparring moved aside; it was deleted")
                    self.note_damaged(UnreadableFile(path, why, rebuilt=True))

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
                self.note_damaged(
                    UnreadableFile(Path(item.path), _("is not named like a session file"))
                )
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
            if (
                entry is not None
                and entry.signature == signature
                and signature.trusted_at(entry.seen_ns)
            ):
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
        """A session file as it is on disk now, its signature and when it was read.

        Raises:
            FileNotFoundError: there is no such file.
            UnreadableFile: it is damaged, or of a newer schema.
        """
        path = self.path_of(session_id)
        raw, signature, seen_ns = read_bytes(path)
        return (
            stored_from_tables(check(parse_json(path, raw), path, SESSION), path),
            signature,
            seen_ns,
        )

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

    def changed(
        self, session_id: str, summary: SessionSummary, signature: Signature, *, notes: bool
    ) -> None:
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
        if not self._index_read:
            self._index_read = True
            self._read_search_index(entries)
        for session_id, entry in list(entries.items()):
            if entry.notes is None:
                self.reload(session_id)
        sources = [(e.summary, e.notes) for e in self._entries.values() if e.notes is not None]
        if self._table is None or not self._table.current(sources):
            self._table = NoteTable(sources, previous=self._table)
        return self._table

    def _read_search_index(self, entries: dict[str, Entry]) -> None:
        path = self.root / SEARCH_INDEX_FILE
        if not path.exists():
            return
        try:
            cached, built_ns, skipped = _read_cache(path, SEARCH_INDEX, _columns)
            if skipped:
                self._cache_unreadable(UnreadableFile(path, _wrong(skipped)))
        except UnreadableFile as error:
            self._cache_unreadable(error)
            cached, built_ns, skipped = {}, 0, 1
        self._dirty[SEARCH_INDEX_FILE] = self._dirty[SEARCH_INDEX_FILE] or bool(skipped)
        for session_id, entry in entries.items():
            found = cached.get(session_id)
            if (
                entry.notes is None
                and found is not None
                and found[1] == entry.signature
                and entry.signature.trusted_at(built_ns)
            ):
                entry.notes = found[0]

    # -- the caches -----------------------------------------------------------------------

    def save_caches(self) -> None:
        """Write the caches that changed, from a scan made under their lock (so another
        writer's save since is in them too). A cache that cannot be written is no loss:
        it is made again next time."""
        if self.read_only or not any(self._dirty.values()):
            return
        try:
            with caches_lock(self.root):
                self._folder_seen = None
                self.refresh()
                self._save(CATALOGUE_FILE, CATALOGUE, lambda sid, entry: entry.summary.to_dict())
                if self._index_read and all(e.notes is not None for e in self._entries.values()):
                    self._save(SEARCH_INDEX_FILE, SEARCH_INDEX, _index_doc)
        except OSError:
            pass

    def _save(self, name: str, kind: str, doc: Callable[[str, Entry], dict[str, Any]]) -> None:
        if not (self._dirty[name] and self._writable[name]):
            return
        _write_cache(
            self.root / name,
            kind,
            (
                {**doc(sid, e), "id": sid, "file": e.signature.to_list()}
                for sid, e in self._entries.items()
            ),
        )
        self._dirty[name] = False

    def remove_search_index(self) -> None:
        """Delete the search index (it holds note text: after a forget or a deletion)."""
        path = self.root / SEARCH_INDEX_FILE
        if self._writable[SEARCH_INDEX_FILE] and path.exists():
            path.unlink()
            fsync_dir(self.root)
        self._dirty[SEARCH_INDEX_FILE] = True
