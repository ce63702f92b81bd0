"""Writing session files: one TinyDB file per session, each change one atomic write, to
a session whose lock this process holds (see `locks`), in a data folder it may write
(see `refusal`).

A save rewrites only the session's own small file, so its cost does not grow with the
history.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from sparring.domain.checks import ID
from sparring.domain.records import StoredSession
from sparring.domain.session import Session
from sparring.domain.states import state_of
from sparring.domain.summaries import SessionSummary, summarize
from sparring.i18n import _
from sparring.store.files import (
    TEMP_SUFFIX,
    AtomicJSONStorage,
    SessionBusy,
    StoreError,
    UnreadableFile,
    dumps,
    fsync_dir,
    private_dir,
    unwritable,
    write_atomic,
)
from sparring.store.folder import SESSIONS_DIR, Folder
from sparring.store.locks import SessionLocks, caches_lock, old_writer
from sparring.store.model import session_document, tables_of
from sparring.store.schema import SESSION, check

READ_ONLY_ERRORS = (errno.EROFS, errno.EACCES, errno.EPERM)
"""Errors that mean a folder may be read but not written."""


def refusal(root: Path) -> str | None:
    """Why this process may not write in data folder `root` (it only reads it then); None
    once the folder is made (0700) to be written. StoreError if it can be neither."""
    try:
        reason = unwritable(root) or unwritable(root / SESSIONS_DIR)
        if reason is None:
            private_dir(root)
            held_by = old_writer(root)
            if held_by is None:
                return None
            return _("An older version of Sparring (process {process}) is running on "
                     "{folder}; close it to write here.").format(process=held_by, folder=root)
    except OSError as error:
        if error.errno not in READ_ONLY_ERRORS or not root.is_dir():
            raise StoreError(_("Cannot use the data folder {folder}: {reason}.").format(
                folder=root, reason=error.strerror or error)) from None
        reason = _("{folder} cannot be written ({reason})").format(
            folder=root, reason=error.strerror)
    return _("Open for reading only: {reason}.").format(reason=reason)


Summarize = Callable[[SessionSummary], SessionSummary]
"""What a change makes of a session's summary."""


def _doc_ids(db: TinyDB, table: str, record_id: str) -> list[int]:
    """The doc ids of the documents of `table` whose id is `record_id` (see
    `AtomicJSONStorage.doc_ids`)."""
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    return storage.doc_ids(table, record_id)


def upserting(table: str, doc: dict[str, Any]) -> Callable[[TinyDB], object]:
    """The change that adds `doc` to `table`, or replaces the document with its id."""

    def change(db: TinyDB) -> None:
        found = _doc_ids(db, table, doc["id"])
        if not found:
            db.table(table).insert(doc)
        else:
            db.table(table).update(doc, doc_ids=found[:1])

    return change


def removing(table: str, record_id: str) -> Callable[[TinyDB], object]:
    """The change that removes the document with id `record_id` from `table`."""

    def change(db: TinyDB) -> None:
        db.table(table).remove(doc_ids=_doc_ids(db, table, record_id))

    return change


def _remove(paths: Iterable[Path]) -> None:
    """Remove the temp files killed writes left (none was ever reported saved; they may
    hold note text)."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


class SessionFiles:
    """The session files this process writes, each open as a TinyDB database, and the
    locks it holds.

    Args:
        folder: the data folder as this process sees it, told of every change.
    """

    def __init__(self, folder: Folder):
        self.folder = folder
        self.locks = SessionLocks(folder.root)
        self._open: dict[str, TinyDB] = {}

    # -- locks --------------------------------------------------------------------------

    def remove_temp_files(self) -> None:
        """Remove the temp files of every session no process is writing now, and of the
        caches (under their lock)."""
        if self.folder.sessions_dir.is_dir():
            _remove(
                path for path in self.folder.sessions_dir.glob(f".*.json.*{TEMP_SUFFIX}")
                if ID.fullmatch(sid := path.name[1:].partition(".json.")[0])
                and self.locks.holder(sid) is None
            )
        temps = list(self.folder.root.glob(f".*{TEMP_SUFFIX}"))
        if temps:
            with caches_lock(self.folder.root):
                _remove(temps)

    def claim(self, session_id: str) -> None:
        """Hold the session's lock (its id checked); SessionBusy if another process does.
        A write of it from now on is this process's: the temp files of one killed go."""
        if self.locks.held(session_id):
            return
        pid = self.locks.claim(session_id)
        if pid is not None:
            entry = self.folder.lookup(session_id)
            raise SessionBusy(session_id, pid, entry.summary.group if entry else "")
        if self.folder.sessions_dir.is_dir():
            _remove(self.folder.sessions_dir.glob(f".{session_id}.json.*{TEMP_SUFFIX}"))

    def release(self, session_id: str, *, remove: bool = False) -> None:
        """Close the session's file and let its lock go (another process may write it from
        now on); with `remove`, its lock file goes too (a deletion)."""
        self._open.pop(session_id, None)
        self.locks.release(session_id, remove=remove)

    def _db(self, session_id: str) -> TinyDB:
        if session_id not in self._open:
            self._open[session_id] = TinyDB(
                self.folder.path_of(session_id), storage=AtomicJSONStorage,
                check=partial(check, kind=SESSION))
        return self._open[session_id]

    def _known(self, session_id: str) -> SessionSummary:
        entry = self.folder.lookup(session_id)
        if entry is None:
            path = self.folder.path_of(session_id)
            for damage in self.folder.damaged:
                if damage.path == path:
                    raise StoreError(_("{damage}; it is not written over.").format(damage=damage))
            raise self.folder.missing(session_id)
        return entry.summary

    def change(self, session_id: str, change: Callable[[TinyDB], object], *,
               notes: bool = False, summary: Summarize | None = None) -> None:
        """Make one change to a session's file, in one write: `summary` makes its new
        summary from the old; with `notes`, its notes changed. On failure what is held in
        memory is made equal to the file again."""
        old = self._known(session_id)
        try:
            db = self._db(session_id)
            storage = db.storage
            assert isinstance(storage, AtomicJSONStorage)
            with storage.batch():
                change(db)
        except UnreadableFile as error:
            self._open.pop(session_id, None)
            raise StoreError(_("{damage}; it is not written over.").format(damage=error)) from None
        except BaseException:
            self._open.pop(session_id, None)
            self.folder.reload(session_id)
            raise
        new = summary(old) if summary is not None else old
        if notes and new.note_count != storage.count("notes"):
            new = replace(new, note_count=storage.count("notes"))
        if storage.signature is not None:
            self.folder.changed(session_id, new, storage.signature, notes=notes)

    def save_session(self, session: Session) -> None:
        """Save the session record; a new session's file is made whole, in one write."""
        path = self.folder.path_of(session.id)
        # Only this session's file is looked at: looking at the whole folder for each new
        # session made saving many (an import, a group moved in) slower with each one.
        if self.folder.known(session.id) is None:
            if not path.exists():
                self.write_whole(StoredSession(session, state_of(session.events)))
                return
            if self.folder.reload(session.id) is None:
                self._known(session.id)  # a damaged file: says so
                raise StoreError(_("{file} exists but could not be read; it is not written "
                                   "over.").format(file=path))

        def change(db: TinyDB) -> None:
            db.table("session").update(session_document(session))
            if len(db.table("events")) == 0 and session.events:
                db.table("events").insert_multiple(e.to_dict() for e in session.events)

        self.change(session.id, change,
                    summary=lambda old: summarize(session, old.state, old.note_count))

    def write_whole(self, stored: StoredSession) -> None:
        """Write a session's file in one go (a new session, an import, a forget)."""
        session_id = stored.session.id
        self._open.pop(session_id, None)
        private_dir(self.folder.sessions_dir)
        try:
            signature = write_atomic(self.folder.path_of(session_id), dumps(tables_of(stored)))
        except BaseException:
            self.folder.reload(session_id)
            raise
        self.folder.put(stored, signature, time.time_ns())

    def add(self, stored: StoredSession) -> str:
        """Add a session from elsewhere unless it is here (see `Archive.import_session`)."""
        path = self.folder.path_of(stored.session.id)
        if path.exists():
            here = self.folder.reload(stored.session.id)
            if here is None:
                raise StoreError(_("{file} exists but could not be read; the session was not "
                                   "imported over it.").format(file=path))
            # The draft's clock time is kept here only, not in the interchange document.
            here = replace(here, draft_clock=stored.draft_clock)
            return "unchanged" if tables_of(here) == tables_of(stored) else "kept"
        self.write_whole(stored)
        return "imported"

    def delete(self, session_id: str) -> None:
        """Remove a session's file; the search index (it holds the notes) goes with it and
        the catalogue is written without the session."""
        self._known(session_id)
        self._open.pop(session_id, None)
        path = self.folder.path_of(session_id)
        os.unlink(path)
        fsync_dir(path.parent)
        self.folder.drop(session_id)
        self.folder.forget_caches()
        self.folder.save_caches()

    def close(self) -> None:
        """Close every file and let every lock go."""
        self._open.clear()
        self.locks.release_all()
