"""How a session is laid out in its TinyDB file (its summary is `domain.summaries`).

A session file has these tables: `_meta` (kind and schema), `session` (one record:
who, whose case, the timekeeper), `events` (the protocol's log, in order), `notes`,
`next_steps`, `follow_ups`, `evaluation` (at most one record) and `draft` (at most one:
the half-typed note, and the session clock time when it was last kept).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from sparring.domain import checks
from sparring.domain.records import StoredSession
from sparring.domain.session import Session
from sparring.domain.states import state_of
from sparring.i18n import _
from sparring.store.files import Tables, UnreadableFile
from sparring.store.schema import SESSION, new_document


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
