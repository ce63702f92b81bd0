"""The interchange format: one session as one JSON document, to move history between machines.

`export_session` makes the document, `session_from_document` reads it back into the
same data, and `read_documents` accepts a file holding one document, a list of them, or
JSON lines. The format is described for users in docs/data.md.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sparring.domain import checks
from sparring.domain.checks import ShapeError
from sparring.domain.protocol import TRIGGERS
from sparring.domain.records import StoredSession
from sparring.domain.scenario import Scenario
from sparring.domain.session import Session, wall_now
from sparring.domain.states import state_of
from sparring.domain.timings import phase_timings
from sparring.i18n import _
from sparring.review.handmade import filled
from sparring.store import StoreError

FORMAT = "sparring-session"
"""The value of a document's "format" field."""

VERSION = 1
"""The version of the format this code writes; it reads this one and older."""

__all__ = [
    "FORMAT",
    "VERSION",
    "Document",
    "InterchangeError",
    "export_session",
    "phases_of",
    "read_documents",
    "session_from_document",
]


class InterchangeError(StoreError):
    """A document that cannot be imported: where it is and what is wrong, never content."""


def phases_of(stored: StoredSession, scenario: Scenario | None) -> list[dict[str, Any]]:
    """Planned against actual seconds per phase, as the document keeps them.

    Without the scenario (or a log it no longer fits) the plan is unknown: the phases the
    notes were taken in are listed with null seconds.
    """
    timings = phase_timings(scenario, stored.session, stored.last_clock_time) if scenario else None
    if timings is not None:
        return [
            {
                "id": timing.phase_id,
                "planned_seconds": round(timing.planned_seconds),
                "actual_seconds": round(timing.actual_seconds),
            }
            for timing in timings
        ]
    seen = dict.fromkeys(note.phase for note in stored.notes)
    return [{"id": phase, "planned_seconds": None, "actual_seconds": None} for phase in seen]


def export_session(stored: StoredSession, scenario: Scenario | None) -> dict[str, Any]:
    """The interchange document of a stored session (see docs/data.md).

    Args:
        stored: the session as the store has it.
        scenario: its scenario, for the planned against actual minutes; None if its
            file is gone.
    """
    session = stored.session
    evaluation = stored.evaluation
    return {
        "format": FORMAT,
        "version": VERSION,
        "id": session.id,
        "scenario": session.scenario_id,
        "group": session.group,
        "language": session.language,
        "rehearsal": session.rehearsal,
        "time_scale": session.time_scale,
        "created_at": session.created_at,
        "started_at": session.started_at,
        "finished_at": session.finished_at,
        "state": stored.state,
        "participants": [
            {"name": p.name, "challenge": p.challenge, "case_id": p.case_id}
            for p in session.participants
        ],
        "case_owner": session.case_owner,
        "timekeeper": session.timekeeper,
        "phases": phases_of(stored, scenario),
        "notes": [
            {
                "id": note.id,
                "phase": note.phase,
                "author": note.author,
                "about": note.about,
                "lens": note.lens,
                "kind": note.kind,
                "text": note.text,
                "at": note.at,
                "clock": note.clock,
                "turn": note.turn,
            }
            for note in stored.notes
        ],
        "next_steps": [
            {
                "id": step.id,
                "who": step.who,
                "text": step.text,
                "status": step.status,
                "comment": step.comment,
                "at": step.at,
            }
            for step in stored.next_steps
        ],
        "follow_ups": [
            {
                "id": f.id,
                "next_step_id": f.next_step_id,
                "from_session_id": f.from_session_id,
                "who": f.who,
                "text": f.text,
                "status": f.status,
                "comment": f.comment,
                "at": f.at,
            }
            for f in stored.follow_ups
        ],
        "evaluation": (
            None
            if evaluation is None
            else {"scores": dict(evaluation.scores), "other": evaluation.other, "at": evaluation.at}
        ),
        "draft": stored.draft,
        "events": [event.to_dict() for event in session.events],
    }


def _session(data: dict[str, Any]) -> Session:
    record = dict(data)
    if record.get("created_at") is None:
        # The minimal document has no creation time: the start, else now, stands in.
        record["created_at"] = record.get("started_at") or wall_now()
    session = checks.session_record(record, "")
    names = [p.name.strip().casefold() for p in session.participants]
    for index, name in enumerate(names):
        if name in names[:index]:
            raise ShapeError(f"participants[{index}].name", _("repeats an earlier member's name"))
    if session.case_owner is not None and session.case_owner not in session.member_names:
        raise ShapeError("case_owner", _("must be the name of one of the participants"))
    return session


def session_from_document(document: Any) -> StoredSession:
    """The session an interchange document holds, checked field by field.

    Raises:
        ShapeError: where the document is wrong (a field path) and what is wrong.
    """
    data = checks.record(filled(document), "")
    if data.get("format") != FORMAT:
        raise ShapeError("format", _('must be "{format}"').format(format=FORMAT))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ShapeError("version", _("must be a whole number from 1"))
    if version > VERSION:
        raise ShapeError(
            "version",
            _("is {version}: written by a newer Sparring (this one reads up to {readable})").format(
                version=version, readable=VERSION),
        )
    session = _session(data)
    sid = session.id
    events = []
    for index, item in enumerate(checks.records(data.get("events", []), "events")):
        event = checks.event(item, f"events[{index}]")
        if event.trigger not in TRIGGERS:
            raise ShapeError(f"events[{index}].trigger", _("is not a trigger of the protocol"))
        events.append(event)
    session.events = events

    def items(key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for index, item in enumerate(checks.records(data.get(key, []), key)):
            yield f"{key}[{index}]", item

    notes = [checks.note(item, where, sid) for where, item in items("notes")]
    steps = [checks.next_step(item, where, sid) for where, item in items("next_steps")]
    follow_ups = [checks.follow_up(item, where, sid) for where, item in items("follow_ups")]
    checks.unique_ids(notes, "notes")
    checks.unique_ids(steps, "next_steps")
    checks.unique_ids(follow_ups, "follow_ups")
    raw_evaluation = data.get("evaluation")
    evaluation = (
        None
        if raw_evaluation is None
        else checks.evaluation(checks.record(raw_evaluation, "evaluation"), "evaluation", sid)
    )
    phases = data.get("phases", [])
    if not isinstance(phases, list):
        raise ShapeError("phases", _("must be a list"))
    return StoredSession(
        session=session,
        state=state_of(session.events),
        notes=notes,
        next_steps=steps,
        follow_ups=follow_ups,
        evaluation=evaluation,
        draft=checks.text(data, "draft", "", ""),
    )


@dataclass(frozen=True)
class Document:
    """One document found in an import file: where it is, and the session or what is wrong."""

    where: str
    stored: StoredSession | None = None
    error: InterchangeError | None = None


def _split(path: Path, raw: bytes) -> list[tuple[str, Any]]:
    """The documents of a file, each with where it is; InterchangeError if none can be."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InterchangeError(_("{file}: is not UTF-8 text").format(file=path)) from None
    if not text.strip():
        raise InterchangeError(_("{file}: is empty").format(file=path))
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as error:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        if len(lines) < 2 or not _is_object(lines[0][1]):
            raise InterchangeError(_("{file}: is not valid JSON (line {line})").format(
                file=path, line=error.lineno)) from None
        # JSON lines: one document a line, each accepted or refused on its own.
        found: list[tuple[str, Any]] = []
        for number, line in lines:
            where = _("{file}, line {line}").format(file=path, line=number)
            try:
                found.append((where, json.loads(line)))
            except json.JSONDecodeError:
                refusal = _("{where}: is not valid JSON").format(where=where)
                found.append((where, InterchangeError(refusal)))
            except (RecursionError, ValueError) as refused:
                found.append((where, _refusal(where, None, refused)))
        return found
    except (RecursionError, ValueError) as error:
        raise _refusal(str(path), text, error) from None
    if isinstance(whole, list):
        return [(_("{file}, document {number}").format(file=path, number=n), doc)
                for n, doc in enumerate(whole, start=1)]
    return [(str(path), whole)]


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (RecursionError, ValueError):  # JSONDecodeError is a ValueError
        return False


_LONG_NUMBER = re.compile(rf"\d{{{sys.get_int_max_str_digits() or 4300},}}")


def _refusal(where: str, text: str | None, error: RecursionError | ValueError) -> InterchangeError:
    """Why JSON that Python's parser gives up on is refused: nested too deeply, or a
    whole number of thousands of digits (the line named; the number never quoted)."""
    if isinstance(error, RecursionError):
        return InterchangeError(
            _("{where}: is nested too deeply to be a session").format(where=where))
    line = ""
    found = _LONG_NUMBER.search(text) if text is not None else None
    if text is not None and found is not None:
        line = _(" (line {line})").format(line=text.count(chr(10), 0, found.start()) + 1)
    return InterchangeError(_("{where}: holds a number too long to be read{line}").format(
        where=where, line=line))


def read_documents(path: Path) -> list[Document]:
    """Every document in an import file: one document, a list of them, or JSON lines.

    A document that is wrong comes back with its error and no session; the others are
    unaffected.

    Raises:
        InterchangeError: the file cannot be read, or is not JSON at all.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InterchangeError(_("{file}: cannot be read ({reason})").format(
            file=path, reason=error.strerror)) from None
    documents = []
    for where, data in _split(path, raw):
        if isinstance(data, InterchangeError):
            documents.append(Document(where, error=data))
            continue
        try:
            documents.append(Document(where, stored=session_from_document(data)))
        except ShapeError as error:
            documents.append(Document(where, error=InterchangeError(f"{where}: {error}")))
    return documents
