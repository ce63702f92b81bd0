"""What the store keeps of a session, and how it is laid out in the session's TinyDB file.

A session file has these tables: `_meta` (kind and schema), `session` (one record:
who, whose case, the timekeeper), `events` (the protocol's log, in order), `notes`,
`next_steps`, `follow_ups`, `evaluation` (at most one record) and `draft` (at most one:
the half-typed note, and the session clock time when it was last kept).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sparring.domain import checks
from sparring.domain.records import StoredSession
from sparring.domain.session import REHEARSAL_SCENARIO, Session
from sparring.domain.states import UNFINISHED, state_of
from sparring.i18n import _
from sparring.store.files import Tables, UnreadableFile
from sparring.store.schema import SESSION, new_document


@dataclass(frozen=True)
class SessionSummary:
    """What the catalogue keeps of a session: enough to list it, offer resume and search.

    Attributes:
        case: the case owner's challenge, as typed.
        participants: the members' names, in order.
        case_ids: each member's case id, in the same order.
        note_count: how many notes the session has.
        rehearsal: whether it was run to try the tool out (see `Session.rehearsal`).
    """

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
    case_ids: tuple[str, ...] = ()
    language: str = "en"
    note_count: int = 0
    rehearsal: bool = False

    @property
    def unfinished(self) -> bool:
        """Whether the session can still be resumed."""
        return self.state in UNFINISHED

    @property
    def date(self) -> str:
        """When the session took place: its start, else when it was set up (ISO 8601)."""
        return self.started_at or self.created_at

    @property
    def case_id(self) -> str | None:
        """The case id of the case the group worked on."""
        return self.case_of(self.case_owner) if self.case_owner is not None else None

    def case_of(self, member: str) -> str | None:
        """The case id of the member called `member`, if they took part."""
        for name, case_id in zip(self.participants, self.case_ids, strict=False):
            if name == member:
                return case_id
        return None

    @classmethod
    def of(cls, stored: StoredSession) -> SessionSummary:
        """The catalogue entry of a stored session."""
        return summarize(stored.session, stored.state, len(stored.notes))

    def to_dict(self) -> dict[str, Any]:
        """As the catalogue file keeps it (its tuples written as JSON lists)."""
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionSummary:
        """From the catalogue file; ValueError if it is not a summary."""
        get = data.get  # (field by field: a catalogue holds thousands)
        for key in ("id", "scenario_id", "created_at", "state"):
            if not isinstance(get(key), str):
                raise ValueError(key)
        count = get("note_count") or 0
        rehearsal = get("rehearsal", data["scenario_id"] == REHEARSAL_SCENARIO)
        return cls(
            data["id"], data["scenario_id"], str(get("group") or ""), data["created_at"],
            data["state"], get("case_owner"), str(get("case") or ""),
            tuple(map(str, get("participants") or ())), get("timekeeper"), get("started_at"),
            get("finished_at"), tuple(map(str, get("case_ids") or ())),
            str(get("language") or "en"), count if isinstance(count, int) else 0,
            rehearsal if isinstance(rehearsal, bool) else False)


def summarize(session: Session, state: str, note_count: int = 0) -> SessionSummary:
    """The catalogue entry of a session in `state`."""
    case = session.case
    return SessionSummary(
        id=session.id, scenario_id=session.scenario_id, group=session.group,
        created_at=session.created_at, state=state, case_owner=session.case_owner,
        case=case.challenge if case else "", participants=tuple(session.member_names),
        timekeeper=session.timekeeper, started_at=session.started_at,
        finished_at=session.finished_at, case_ids=tuple(p.case_id for p in session.participants),
        language=session.language, note_count=note_count, rehearsal=session.rehearsal)


def in_order(tables: Tables, name: str) -> list[dict[str, Any]]:
    """The documents of table `name` in the order they were inserted (by doc id)."""
    table = tables.get(name) or {}
    return [table[key] for key in sorted(table, key=int)]


def stored_from_tables(tables: Tables, path: Path) -> StoredSession:
    """Rebuild a session from its checked file; UnreadableFile if a record is wrong."""
    try:
        records = in_order(tables, "session")
        if len(records) != 1:
            raise UnreadableFile(path, _("has no session record"))
        session = checks.session_record(records[0], "session")
        if session.id != path.stem:
            raise UnreadableFile(path, _("holds a session whose id is not its file name"))
        sid = session.id
        session.events = [checks.event(d, "events") for d in in_order(tables, "events")]
        notes = [checks.note(d, "notes", sid) for d in in_order(tables, "notes")]
        steps = [checks.next_step(d, "next_steps", sid) for d in in_order(tables, "next_steps")]
        follow_ups = [checks.follow_up(d, "follow_ups", sid)
                      for d in in_order(tables, "follow_ups")]
        evaluations = in_order(tables, "evaluation")
        evaluation = checks.evaluation(evaluations[-1], "evaluation", sid) if evaluations else None
        drafts = in_order(tables, "draft")
        draft = checks.text(drafts[-1], "text", "draft", "") if drafts else ""
        draft_clock = checks.number(drafts[-1], "clock", "draft", 0.0) if drafts else 0.0
        if not math.isfinite(draft_clock):
            draft_clock = 0.0
    except checks.ShapeError as error:
        raise UnreadableFile(path, _("has a record of the wrong shape ({where})").format(
            where=error)) from None
    return StoredSession(
        session=session, state=state_of(session.events), notes=notes, next_steps=steps,
        follow_ups=follow_ups, evaluation=evaluation, draft=draft, draft_clock=draft_clock)


def numbered(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A TinyDB table of `documents`, doc ids from 1 in order."""
    return {str(index): doc for index, doc in enumerate(documents, start=1)}


def session_document(session: Session) -> dict[str, Any]:
    """The session table's one record: the session without its events."""
    record = session.to_dict()
    del record["events"]
    return record


def tables_of(stored: StoredSession) -> Tables:
    """The whole session file of `stored`, to be written in one go."""
    tables = new_document(SESSION)
    tables["session"] = numbered([session_document(stored.session)])
    tables["events"] = numbered([e.to_dict() for e in stored.session.events])
    tables["notes"] = numbered([n.to_dict() for n in stored.notes])
    tables["next_steps"] = numbered([s.to_dict() for s in stored.next_steps])
    tables["follow_ups"] = numbered([f.to_dict() for f in stored.follow_ups])
    if stored.evaluation is not None:
        tables["evaluation"] = numbered([{"id": "evaluation", **stored.evaluation.to_dict()}])
    if stored.draft or stored.draft_clock:
        tables["draft"] = numbered([{"id": "draft", "text": stored.draft,
                                     "clock": stored.draft_clock}])
    return tables
