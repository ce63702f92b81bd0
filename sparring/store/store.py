"""The session store: every session in a small TinyDB file of its own, plus two caches.

Layout of the data folder (0700, every file 0600):

    sessions/<id>.json      one session: its record, events, notes, next steps, ... (the truth)
    catalogue.json          one summary per session: what lists and resume read (a cache)
    search-index.json       every note in columns: what the first search loads (a cache)
    writer.lock             held by the one process that may write

A save rewrites only the session's own small file, so its cost does not grow with the
history. Every write is atomic and fsynced before it returns (see `files`). A file that
cannot be read is never written over: it is reported, left where it is, and the rest of
the history loads. The caches are checked against the session files' signatures and
written by the writer when it opens or closes the folder, never on a save.

Reading (sessions, files, searches) is `History`'s; `SessionStore` opens the folder and
writes.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from sparring.domain.records import Evaluation, FollowUp, NextStep, Note
from sparring.domain.session import Event, Session
from sparring.store import caches
from sparring.store.files import (
    AtomicJSONStorage,
    StoreError,
    UnreadableFile,
    dumps,
    fsync_dir,
    private_dir,
    remove_temp_files,
    write_atomic,
)
from sparring.store.forget import ForgetReport, forget_case, forget_participant, without_follow_ups
from sparring.store.history import History
from sparring.store.index import SessionNotes
from sparring.store.lock import WriterLock
from sparring.store.mirror import MOVED_ASIDE, Entry, Mirror
from sparring.store.model import (
    StoredSession,
    next_state,
    session_document,
    state_of,
    summarize,
    tables_of,
)
from sparring.store.schema import SESSION, checker

SESSIONS_DIR = "sessions"


class ReadOnlyStore(StoreError):
    """A write was asked of a store opened for reading only."""


class SessionStore(History):
    """The data folder, open for writing (one process at a time) or for reading.

    Args:
        root: the data folder; made (0700) if missing, unless opened read-only.
        read_only: open for reading only. A store that wanted to write but found another
            process holding the writer lock is read-only too; `locked_by` says so. A
            read-only store sees what the writer saves after it opened the folder.

    Raises:
        StoreError: the folder cannot be made or used.
    """

    def __init__(self, root: Path | str, *, read_only: bool = False):
        self.root = Path(root)
        self.sessions_dir = self.root / SESSIONS_DIR
        self.locked_by: str | None = None
        self._lock = WriterLock(self.root)
        self._files: dict[str, TinyDB] = {}
        self._wrote = False
        try:
            if not read_only or self.root.is_dir():
                private_dir(self.root)
                if not read_only:
                    private_dir(self.sessions_dir)
            if not read_only and not self._lock.acquire():
                self.locked_by = self._lock.holder()
                read_only = True
            self.read_only = read_only
            if not read_only:
                remove_temp_files(self.root)
                remove_temp_files(self.sessions_dir)
        except OSError as error:
            self._lock.release()
            raise StoreError(
                f"Cannot use the data folder {self.root}: {error.strerror or error}."
            ) from None
        self._mirror = Mirror(self.root, read_only)
        self._mirror.open()

    # -- writing ------------------------------------------------------------------

    def _reload(self, session_id: str) -> None:
        self._files.pop(session_id, None)
        self._mirror.reload(session_id)

    def _writable(self) -> None:
        if self.read_only:
            if self.locked_by:
                raise ReadOnlyStore(
                    f"Another Sparring (process {self.locked_by}) is running a "
                    f"session on {self.root}; this one can read, not write."
                )
            raise ReadOnlyStore(f"{self.root} is open for reading only.")

    def _failure(self, error: OSError, what: str) -> StoreError:
        """The message for a write that failed; it names the folder, never the content."""
        if error.errno == errno.ENOSPC:
            return StoreError(
                f"Could not save {what}: the disk holding {self.root} is full. Free some "
                "space and save again; everything reported saved before is on disk."
            )
        reason = error.strerror or type(error).__name__
        return StoreError(f"Could not save {what} in {self.root}: {reason}.")

    def _db(self, session_id: str) -> TinyDB:
        db = self._files.get(session_id)
        if db is None:
            db = TinyDB(self.path_of(session_id), storage=AtomicJSONStorage, check=checker(SESSION))
            self._files[session_id] = db
        return db

    def _entry(self, session_id: str) -> Entry:
        entry = self._mirror.entries.get(session_id)
        if entry is None:
            path = self.path_of(session_id)
            for damage in self.damaged:
                if damage.path == path:
                    raise StoreError(f"{damage}; it is not written over.")
            raise StoreError(f"There is no session {session_id} in {self.root}.")
        return entry

    def _change(self, session_id: str, what: str, change: Callable[[TinyDB], object]) -> Entry:
        """Make one change to a session's file; on failure memory is made equal to disk."""
        self._writable()
        entry = self._entry(session_id)
        try:
            db = self._db(session_id)
            change(db)
        except UnreadableFile as error:
            self._reload(session_id)
            raise StoreError(f"{error}; it is not written over.") from None
        except OSError as error:
            self._reload(session_id)
            raise self._failure(error, what) from None
        storage = db.storage
        assert isinstance(storage, AtomicJSONStorage)
        if storage.signature is not None and storage.signature != entry.signature:
            entry.signature = storage.signature
            entry.seen_ns = time.time_ns()
            self._mirror.catalogue_dirty = self._mirror.index_dirty = self._wrote = True
        return entry

    def _write_whole(self, stored: StoredSession, what: str) -> None:
        """Write a session's file in one go (a new session, an import, a forget)."""
        session_id = stored.session.id
        path = self.path_of(session_id)
        self._files.pop(session_id, None)
        try:
            signature = write_atomic(path, dumps(tables_of(stored)))
        except OSError as error:
            self._reload(session_id)
            raise self._failure(error, what) from None
        self._mirror.entries[session_id] = Entry(
            stored.summary(), signature, time.time_ns(), SessionNotes.of(stored.notes)
        )
        self._mirror.catalogue_dirty = self._mirror.index_dirty = self._wrote = True

    def save_session(self, session: Session) -> None:
        """Save the session record (who, whose case, timekeeper); creates it if new."""
        self._writable()
        path = self.path_of(session.id)
        if session.id not in self._mirror.entries:
            if path.exists():
                self._entry(session.id)  # a damaged file: says so
                raise StoreError(f"{path} exists but could not be read; it is not written over.")
            self._write_whole(StoredSession(session, state_of(session)), "the session")
            return

        def change(db: TinyDB) -> None:
            db.table("session").update(session_document(session))
            if len(db.table("events")) == 0 and session.events:
                db.table("events").insert_multiple(e.to_dict() for e in session.events)

        entry = self._change(session.id, "the session", change)
        entry.summary = summarize(session, state_of(session), entry.summary.note_count)

    def record_event(self, session: Session, event: Event) -> None:
        """Save one protocol event durably (the protocol's recorder)."""
        if session.id not in self._mirror.entries:
            self.save_session(session)
        entry = self._change(
            session.id, "the event", lambda db: db.table("events").insert(event.to_dict())
        )
        summary = entry.summary
        changes: dict[str, Any] = {"state": next_state(summary.state, event)}
        if event.trigger == "start" and summary.started_at is None:
            changes["started_at"] = event.wall
        elif event.trigger == "finish":
            changes["finished_at"] = event.wall
        entry.summary = replace(summary, **changes)

    def recorder(self, session: Session) -> Callable[[Event], None]:
        """A recorder for `Protocol` that saves each event of `session` before it applies."""
        return lambda event: self.record_event(session, event)

    def _upsert(self, session_id: str, table: str, doc: dict[str, Any], what: str) -> Entry:
        def change(db: TinyDB) -> None:
            rows = db.table(table)
            found = rows.get(Query().id == doc["id"])
            if found is None:
                rows.insert(doc)
            else:
                rows.update(doc, doc_ids=[found.doc_id])

        return self._change(session_id, what, change)

    def _remove(self, session_id: str, table: str, doc_id: str, what: str) -> Entry:
        return self._change(
            session_id, what, lambda db: db.table(table).remove(Query().id == doc_id)
        )

    def _count_notes(self, entry: Entry, session_id: str) -> None:
        if entry.notes is not None:
            count = entry.notes.count
        else:
            count = len(self._db(session_id).table("notes"))
        if count != entry.summary.note_count:
            entry.summary = replace(entry.summary, note_count=count)

    def save_note(self, note: Note) -> None:
        """Save a note, new or edited; when this returns, it is on disk.

        Raises:
            StoreError: it could not be saved (the message names the folder, not the note).
        """
        entry = self._upsert(note.session_id, "notes", note.to_dict(), "the note")
        if entry.notes is not None:
            entry.notes.put(note)
        self._count_notes(entry, note.session_id)

    def delete_note(self, session_id: str, note_id: str) -> None:
        """Remove a note."""
        entry = self._remove(session_id, "notes", note_id, "the deletion")
        if entry.notes is not None:
            entry.notes.remove(note_id)
        self._count_notes(entry, session_id)

    def save_next_step(self, step: NextStep) -> None:
        """Save a next step, new or edited."""
        self._upsert(step.session_id, "next_steps", step.to_dict(), "the next step")

    def delete_next_step(self, session_id: str, step_id: str) -> None:
        """Remove a next step."""
        self._remove(session_id, "next_steps", step_id, "the deletion")

    def save_follow_up(self, follow_up: FollowUp) -> None:
        """Save where an earlier next step stands, with the session it was followed up in."""
        self._upsert(follow_up.session_id, "follow_ups", follow_up.to_dict(), "the follow-up")

    def save_evaluation(self, evaluation: Evaluation) -> None:
        """Save the session's meeting evaluation (replacing an earlier one)."""
        doc = {"id": "evaluation", **evaluation.to_dict()}
        self._upsert(evaluation.session_id, "evaluation", doc, "the evaluation")

    def save_draft(self, session_id: str, text: str) -> None:
        """Keep a half-typed note; an empty text clears it."""
        self._upsert(session_id, "draft", {"id": "draft", "text": text}, "the draft")

    def import_session(self, stored: StoredSession) -> str:
        """Add a session from elsewhere (see `interchange`), unless it is already here.

        Returns:
            "imported"; "unchanged" if the same session is here already; or "kept" if a
            different version of it is here (that one is kept, nothing is written).
        """
        self._writable()
        session_id = stored.session.id
        if session_id in self._mirror.entries:
            here = self.load(session_id)
            return "unchanged" if tables_of(here) == tables_of(stored) else "kept"
        if self.path_of(session_id).exists():
            raise StoreError(
                f"{self.path_of(session_id)} exists but could not be read; "
                "the session was not imported over it."
            )
        self._write_whole(stored, "the imported session")
        return "imported"

    # -- forgetting ---------------------------------------------------------------

    def forget_participant(self, name: str, *, dry_run: bool = False) -> ForgetReport:
        """Remove every trace of a member: their notes, names, challenges and next steps.

        Notes about or by them go, and so do their next steps; their entry in each session
        is kept as a placeholder (so the session's log still replays) with the challenge
        cleared; their name is blanked out wherever else it was typed. With `dry_run`,
        only count what would go (works on a read-only store).
        """
        if not name.strip():
            raise StoreError("Give the name of the member to forget.")
        return self._forget(
            lambda stored, report: forget_participant(stored, name, report), dry_run
        )

    def forget_case(self, case_id: str, *, dry_run: bool = False) -> ForgetReport:
        """Remove a case: its challenge, the notes on it and, where it was the case
        worked on, the owner's next steps. The member stays. See `forget_participant`."""
        if not case_id.strip():
            raise StoreError("Give the id of the case to forget.")
        return self._forget(lambda stored, report: forget_case(stored, case_id, report), dry_run)

    def _forget(
        self,
        change: Callable[[StoredSession, ForgetReport], StoredSession | None],
        dry_run: bool,
    ) -> ForgetReport:
        if not dry_run:
            self._writable()
        self.refresh()
        report = ForgetReport()
        changed: dict[str, StoredSession] = {}
        everything = list(self)
        for stored in everything:
            result = change(stored, report)
            if result is not None:
                changed[stored.session.id] = result
        for stored in everything:
            current = changed.get(stored.session.id, stored)
            result = without_follow_ups(current, report)
            if result is not None:
                changed[stored.session.id] = result
        report.sessions = sorted(changed)
        report.unreadable = sorted(
            {*(error.path for error in self.damaged), *self.root.glob(f"*{MOVED_ASIDE}*")}
        )
        if dry_run or not changed:
            return report
        for stored in changed.values():
            self._write_whole(stored, "the change")
        # The search index holds note text: it goes now and is rebuilt from what is left.
        index = self.root / caches.SEARCH_INDEX_FILE
        if self._mirror.cache_writable[caches.SEARCH_INDEX_FILE] and index.exists():
            index.unlink()
            fsync_dir(self.root)
        self._mirror.save_caches(index=False)
        return report

    # -- closing ------------------------------------------------------------------

    def close(self) -> None:
        """Bring the caches up to date, let go of the files and of the writer lock.

        After a writer has saved anything, the search index is brought up to date here
        (reading only the sessions it lacks), so that the first search of any later
        process, a reader's too, finds it current.
        """
        if self._lock.held:
            if self._wrote and not self._mirror.indexed:
                self._mirror.ensure_index()
            self._mirror.save_caches(index=True)
        self._files.clear()
        self._lock.release()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
