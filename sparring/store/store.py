"""The session store: every session in a small TinyDB file of its own, plus a catalogue.

Layout of the data folder (0700, every file 0600):

    catalogue.json          one summary per session: what lists and resume read
    sessions/<id>.json      one session: its record, events, notes, next steps, ...
    writer.lock             held by the one process that may write

A save rewrites only the session's own small file, so its cost does not grow with the
history. Every write is atomic and fsynced before it returns (see `files`). A file that
cannot be read is never written over: it is reported, left where it is, and the rest of
the history loads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from sparring.domain.records import Evaluation, FollowUp, NextStep, Note
from sparring.domain.session import Event, Session
from sparring.store.files import AtomicJSONStorage, UnreadableFile, private_dir
from sparring.store.lock import WriterLock

SCHEMA_VERSION = 1
"""The version of the files this code writes; a newer one is read by no older code."""

STATES = {"start": "running", "check_out": "checkout", "finish": "finished", "abort": "aborted"}
"""How a trigger changes a session's state as the catalogue keeps it."""

UNFINISHED = ("setup", "running", "checkout")


class StoreError(Exception):
    """Something the user must be told about the data folder; never carries note text."""


class ReadOnlyStore(StoreError):
    """A write was asked of a store opened for reading only."""


@dataclass(frozen=True)
class SessionSummary:
    """What the catalogue keeps of a session: enough to list it and to offer resume."""

    id: str
    scenario_id: str
    group: str
    created_at: str
    state: str
    case_owner: str | None
    case: str
    participants: tuple[str, ...]
    timekeeper: str | None
    started_at: str | None = None
    finished_at: str | None = None

    @property
    def unfinished(self) -> bool:
        """Whether the session can still be resumed."""
        return self.state in UNFINISHED

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["participants"] = list(self.participants)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionSummary:
        values: dict[str, Any] = {key: data.get(key) for key in cls.__dataclass_fields__}
        values["participants"] = tuple(data.get("participants") or ())
        values["case"] = data.get("case") or ""
        return cls(**values)


@dataclass
class StoredSession:
    """Everything stored of one session."""

    session: Session
    state: str
    notes: list[Note] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    evaluation: Evaluation | None = None
    draft: str = ""

    @property
    def last_clock_time(self) -> float:
        """The latest session clock time anything was stored at: where a resume carries on."""
        times = [self.session.last_clock_time, *(note.clock for note in self.notes)]
        return max(times)


def summarize(session: Session, state: str) -> SessionSummary:
    """The catalogue entry of a session in `state`."""
    case = session.case
    return SessionSummary(
        id=session.id,
        scenario_id=session.scenario_id,
        group=session.group,
        created_at=session.created_at,
        state=state,
        case_owner=session.case_owner,
        case=case.challenge if case else "",
        participants=tuple(session.member_names),
        timekeeper=session.timekeeper,
        started_at=session.started_at,
        finished_at=session.finished_at,
    )


def state_of(session: Session) -> str:
    """The catalogue state a session's event log leaves it in."""
    state = "setup"
    for event in session.events:
        state = STATES.get(event.trigger, state)
        if event.trigger == "back" and state == "checkout":
            state = "running"
    return state


class SessionStore:
    """The data folder, open for writing (one process at a time) or for reading.

    Args:
        root: the data folder; made (0700) if missing.
        read_only: open for reading only. A store that wanted to write but found another
            process holding the writer lock is read-only too; `locked_by` says so.
    """

    def __init__(self, root: Path, *, read_only: bool = False):
        self.root = private_dir(Path(root))
        self.sessions_dir = private_dir(self.root / "sessions")
        self.damaged: list[UnreadableFile] = []
        self.locked_by: str | None = None
        self._lock = WriterLock(self.root)
        if not read_only and not self._lock.acquire():
            self.locked_by = self._lock.holder()
            read_only = True
        self.read_only = read_only
        self._files: dict[str, TinyDB] = {}
        self._catalogue = self._open_catalogue()

    # -- opening ----------------------------------------------------------------

    def _open_catalogue(self) -> dict[str, SessionSummary]:
        """Summaries from the session files; the catalogue file is only a fast path."""
        path = self.root / "catalogue.json"
        try:
            if self.read_only and not path.exists():
                raise FileNotFoundError(path)
            db = self._tinydb(path, "catalogue")
            entries = {doc["id"]: SessionSummary.from_dict(doc) for doc in db.table("sessions")}
            self._catalogue_db: TinyDB | None = db
        except FileNotFoundError:
            self._catalogue_db = None
            entries = {}
        except UnreadableFile as error:
            self.damaged.append(error)
            self._catalogue_db = None
            entries = {}
        except (KeyError, TypeError, ValueError):
            self.damaged.append(UnreadableFile(path, "has entries of the wrong shape"))
            self._catalogue_db = None
            entries = {}
        on_disk = {p.stem for p in self.sessions_dir.glob("*.json")}
        for missing in sorted(on_disk - entries.keys()):
            stored = self._try_load(missing)
            if stored is not None:
                entries[missing] = summarize(stored.session, stored.state)
        for gone in set(entries) - on_disk:
            del entries[gone]
        return entries

    def _tinydb(self, path: Path, kind: str) -> TinyDB:
        """Open one file of ours, checking its kind and schema version."""
        db = TinyDB(path, storage=AtomicJSONStorage, create=not self.read_only or path.exists())
        meta = db.table("_meta")
        if len(meta) == 0:
            if not self.read_only:
                meta.insert({"kind": kind, "schema": SCHEMA_VERSION})
            return db
        info = meta.all()[0]
        if info.get("kind") != kind:
            raise UnreadableFile(path, f"is not a {kind} file")
        schema = info.get("schema")
        if not isinstance(schema, int) or schema > SCHEMA_VERSION:
            raise UnreadableFile(
                path,
                f"was written by a newer Sparring (schema {schema}); update Sparring to read it",
            )
        return db

    def _session_db(self, session_id: str) -> TinyDB:
        db = self._files.get(session_id)
        if db is None:
            db = self._tinydb(self.sessions_dir / f"{session_id}.json", "session")
            self._files[session_id] = db
        return db

    def _try_load(self, session_id: str) -> StoredSession | None:
        try:
            return self.load(session_id)
        except UnreadableFile as error:
            self.damaged.append(error)
            return None

    # -- writing ----------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            if self.locked_by:
                raise ReadOnlyStore(
                    f"Another Sparring (process {self.locked_by}) is running a "
                    f"session on {self.root}; this one can read, not write."
                )
            raise ReadOnlyStore(f"{self.root} is open for reading only.")

    def _put_summary(self, summary: SessionSummary) -> None:
        self._catalogue[summary.id] = summary
        if self._catalogue_db is None:
            return  # a damaged catalogue is left alone; summaries come from session files
        table = self._catalogue_db.table("sessions")
        table.upsert(summary.to_dict(), Query().id == summary.id)

    def save_session(self, session: Session) -> None:
        """Save the session record (who, whose case, timekeeper); creates it if new."""
        self._writable()
        db = self._session_db(session.id)
        record = session.to_dict()
        events = record.pop("events")
        table = db.table("session")
        if len(table):
            table.update(record)
        else:
            table.insert(record)
        if len(db.table("events")) == 0 and events:
            db.table("events").insert_multiple(events)
        self._put_summary(summarize(session, state_of(session)))

    def record_event(self, session: Session, event: Event) -> None:
        """Save one protocol event durably (the protocol's recorder)."""
        self._writable()
        self._session_db(session.id).table("events").insert(event.to_dict())
        if event.trigger in STATES:
            summary = self._catalogue.get(session.id) or summarize(session, "setup")
            changes: dict[str, Any] = {"state": STATES[event.trigger]}
            if event.trigger == "start":
                changes["started_at"] = event.wall
            elif event.trigger == "finish":
                changes["finished_at"] = event.wall
            self._put_summary(replace(summary, **changes))
        elif event.trigger == "back" and self._catalogue.get(session.id, None) is not None:
            summary = self._catalogue[session.id]
            if summary.state == "checkout":
                self._put_summary(replace(summary, state="running"))

    def recorder(self, session: Session) -> Callable[[Event], None]:
        """A recorder for `Protocol` that saves each event of `session` before it applies."""
        return lambda event: self.record_event(session, event)

    def _upsert(self, session_id: str, table: str, doc: dict[str, Any]) -> None:
        self._writable()
        if session_id not in self._catalogue:
            raise StoreError(f"There is no session {session_id} in {self.root}.")
        self._session_db(session_id).table(table).upsert(doc, Query().id == doc["id"])

    def _remove(self, session_id: str, table: str, doc_id: str) -> None:
        self._writable()
        self._session_db(session_id).table(table).remove(Query().id == doc_id)

    def save_note(self, note: Note) -> None:
        """Save a note, new or edited; when this returns, it is on disk."""
        self._upsert(note.session_id, "notes", note.to_dict())

    def delete_note(self, session_id: str, note_id: str) -> None:
        """Remove a note."""
        self._remove(session_id, "notes", note_id)

    def save_next_step(self, step: NextStep) -> None:
        """Save a next step, new or edited."""
        self._upsert(step.session_id, "next_steps", step.to_dict())

    def delete_next_step(self, session_id: str, step_id: str) -> None:
        """Remove a next step."""
        self._remove(session_id, "next_steps", step_id)

    def save_follow_up(self, follow_up: FollowUp) -> None:
        """Save where an earlier next step stands, with the session it was followed up in."""
        self._upsert(follow_up.session_id, "follow_ups", follow_up.to_dict())

    def save_evaluation(self, evaluation: Evaluation) -> None:
        """Save the session's meeting evaluation (replacing an earlier one)."""
        self._upsert(
            evaluation.session_id, "evaluation", {"id": "evaluation", **evaluation.to_dict()}
        )

    def save_draft(self, session_id: str, text: str) -> None:
        """Keep a half-typed note; an empty text clears it."""
        self._upsert(session_id, "draft", {"id": "draft", "text": text})

    # -- reading ----------------------------------------------------------------

    def load(self, session_id: str) -> StoredSession:
        """Everything stored of one session; UnreadableFile if its file is damaged."""
        path = self.sessions_dir / f"{session_id}.json"
        if not path.exists():
            raise StoreError(f"There is no session {session_id} in {self.root}.")
        db = self._session_db(session_id)
        try:
            records = db.table("session").all()
            if len(records) != 1:
                raise UnreadableFile(path, "has no session record")
            data = dict(records[0])
            data["events"] = list(db.table("events"))
            session = Session.from_dict(data)
            notes = [Note.from_dict(d) for d in db.table("notes")]
            steps = [NextStep.from_dict(d) for d in db.table("next_steps")]
            follow_ups = [FollowUp.from_dict(d) for d in db.table("follow_ups")]
            evaluations = db.table("evaluation").all()
            evaluation = Evaluation.from_dict(evaluations[0]) if evaluations else None
            drafts = db.table("draft").all()
        except UnreadableFile:
            self._files.pop(session_id, None)
            raise
        except (KeyError, TypeError, ValueError, AttributeError):
            self._files.pop(session_id, None)
            raise UnreadableFile(path, "has records of the wrong shape") from None
        return StoredSession(
            session=session,
            state=state_of(session),
            notes=notes,
            next_steps=steps,
            follow_ups=follow_ups,
            evaluation=evaluation,
            draft=str(drafts[0].get("text", "")) if drafts else "",
        )

    def sessions(self) -> list[SessionSummary]:
        """Every readable session, newest first."""
        return sorted(self._catalogue.values(), key=lambda s: s.created_at, reverse=True)

    def unfinished(self) -> list[SessionSummary]:
        """Sessions that can be resumed, newest first."""
        return [s for s in self.sessions() if s.unfinished]

    def __iter__(self) -> Iterator[StoredSession]:
        """Every readable session, newest first (damaged ones are added to `damaged`)."""
        for summary in self.sessions():
            stored = self._try_load(summary.id)
            if stored is not None:
                yield stored

    # -- closing ----------------------------------------------------------------

    def close(self) -> None:
        """Let go of the files and the writer lock."""
        self._files.clear()
        self._lock.release()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
