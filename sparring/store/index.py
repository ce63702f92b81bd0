"""The in-memory index every query runs on: each session's notes, in rows and folded text.

Rows are plain tuples, not `Note` objects, so 100,000 of them load in a fraction of a
second; a `Note` is made only for a hit. Each session's folded texts are also joined in
one string, so a text search skips a session that cannot match with one `in` test.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple

from sparring.domain.records import Note
from sparring.store.model import SessionSummary

SEPARATOR = "\x1e"
"""Joins a session's texts in the search string and in the cache file."""

COLUMNS = ("id", "phase", "text", "about", "author", "lens", "kind", "at", "clock", "turn")
"""A note's fields as the index and its cache file keep them, in row order."""


def fold(text: str) -> str:
    """Text as searches compare it: case-folded and NFC-composed (so 'Å' finds 'å' and 'å')."""
    return unicodedata.normalize("NFC", text.casefold())


class NoteRow(NamedTuple):
    """One note as the index keeps it (the note's fields but its session id)."""

    id: str
    phase: str
    text: str
    about: str | None
    author: str | None
    lens: str | None
    kind: str | None
    at: str
    clock: float
    turn: int | None

    @classmethod
    def of(cls, note: Note) -> NoteRow:
        """The row of a note."""
        return cls(
            note.id,
            note.phase,
            note.text,
            note.about,
            note.author,
            note.lens,
            note.kind,
            note.at,
            note.clock,
            note.turn,
        )

    def note(self, session_id: str) -> Note:
        """The note this row was made from."""
        return Note(
            session_id=session_id,
            id=self.id,
            phase=self.phase,
            text=self.text,
            about=self.about,
            author=self.author,
            lens=self.lens,
            kind=self.kind,
            at=self.at,
            clock=self.clock,
            turn=self.turn,
        )


class SessionNotes:
    """The notes of one session, as rows in stored order, with their folded texts."""

    def __init__(self, rows: list[NoteRow]):
        self.rows = rows
        self._refold()

    @classmethod
    def of(cls, notes: Iterable[Note]) -> SessionNotes:
        """The index of a session's notes."""
        return cls([NoteRow.of(note) for note in notes])

    def _refold(self) -> None:
        texts = [row.text for row in self.rows]
        self.blob = fold(SEPARATOR.join(texts))
        folded = self.blob.split(SEPARATOR)
        if len(folded) != len(texts):  # a text holds the separator itself
            folded = [fold(text) for text in texts]
        self.folded = folded

    def put(self, note: Note) -> None:
        """Add a note, or replace the one with its id."""
        row = NoteRow.of(note)
        for position, old in enumerate(self.rows):
            if old.id == note.id:
                self.rows[position] = row
                break
        else:
            self.rows.append(row)
        self._refold()

    def remove(self, note_id: str) -> None:
        """Drop the note with this id, if there is one."""
        self.rows = [row for row in self.rows if row.id != note_id]
        self._refold()

    def to_columns(self) -> dict[str, Any]:
        """As the cache file keeps it: one list per field; texts joined when they can be."""
        columns: dict[str, Any] = {
            name: [row[index] for row in self.rows] for index, name in enumerate(COLUMNS)
        }
        texts: list[str] = columns["text"]
        if not any(SEPARATOR in text for text in texts):
            columns["text"] = SEPARATOR.join(texts)
        columns["count"] = len(self.rows)
        return columns

    @classmethod
    def from_columns(cls, columns: dict[str, Any]) -> SessionNotes:
        """From the cache file; ValueError if the columns do not fit together."""
        count = columns["count"]
        texts = columns["text"]
        if isinstance(texts, str):
            texts = texts.split(SEPARATOR) if count else []
        lists = [texts if name == "text" else columns[name] for name in COLUMNS]
        if not isinstance(count, int) or any(
            not isinstance(values, list) or len(values) != count for values in lists
        ):
            raise ValueError("columns of different lengths")
        return cls(list(map(NoteRow._make, zip(*lists, strict=True))))


@dataclass(frozen=True)
class NoteHit:
    """A note a query found, with the summary of the session it was said in."""

    note: Note
    session: SessionSummary


@dataclass(frozen=True)
class NoteQuery:
    """What to look for among the notes; every criterion given must hold.

    Attributes:
        text: words that must all appear in the note's text (case-insensitive, parts of
            words count: "tillid" finds "tillidsfuld").
        member: a member the note is about or by (their name, case-insensitive).
        about: the member whose case the note is on.
        author: the member who said it.
        case_id: the case (a participant's `case_id`) the note is on.
        group: the session's group (case-insensitive).
        phase, lens, kind: ids, as in the scenario.
        since, until: the day the note was written, in local time, both included.
        session_id: one session only.

    A note with no `about` is on the case of its session's case owner.
    """

    text: str | None = None
    member: str | None = None
    about: str | None = None
    author: str | None = None
    case_id: str | None = None
    group: str | None = None
    phase: str | None = None
    lens: str | None = None
    kind: str | None = None
    since: date | None = None
    until: date | None = None
    session_id: str | None = None


def day_start(day: date) -> datetime:
    """The first moment of a local calendar day, as an aware time."""
    return datetime.combine(day, time.min).astimezone()


def canonical(moment: datetime) -> str:
    """A time as the store writes it (UTC, milliseconds): such strings sort by time."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


_CANONICAL_LENGTH = len("2026-01-01T00:00:00.000+00:00")


class Window:
    """A range of local days, to test ISO 8601 times against."""

    def __init__(self, since: date | None, until: date | None):
        self.low = canonical(day_start(since)) if since else None
        self.high = canonical(day_start(date.fromordinal(until.toordinal() + 1))) if until else None

    @property
    def open(self) -> bool:
        """Whether every time is in the window."""
        return self.low is None and self.high is None

    def __contains__(self, moment: str) -> bool:
        if not (len(moment) == _CANONICAL_LENGTH and moment.endswith("+00:00")):
            try:
                parsed = datetime.fromisoformat(moment)
            except ValueError:
                return False
            if parsed.tzinfo is None:
                parsed = parsed.astimezone()
            moment = canonical(parsed)
        if self.low is not None and moment < self.low:
            return False
        return self.high is None or moment < self.high


def _names(summary: SessionSummary, notes: SessionNotes) -> set[str]:
    """Every name a session's notes and members use."""
    found = set(summary.participants)
    for row in notes.rows:
        if row.about:
            found.add(row.about)
        if row.author:
            found.add(row.author)
    return found


def search_session(
    query: NoteQuery,
    words: list[str],
    window: Window,
    summary: SessionSummary,
    notes: SessionNotes,
) -> Iterator[NoteRow]:
    """The rows of one session that match `query` (`words`: its folded text words)."""
    if query.session_id is not None and summary.id != query.session_id:
        return
    if query.group is not None and fold(summary.group.strip()) != fold(query.group.strip()):
        return
    if any(word not in notes.blob for word in words):
        return
    owner = summary.case_owner
    wanted_about: set[str] | None = None
    wanted_author: set[str] | None = None
    wanted_member: set[str] | None = None
    if query.about is not None or query.author is not None or query.member is not None:
        names = _names(summary, notes)

        def matching(value: str) -> set[str]:
            target = fold(value.strip())
            return {name for name in names if fold(name.strip()) == target}

        wanted_about = matching(query.about) if query.about is not None else None
        wanted_author = matching(query.author) if query.author is not None else None
        wanted_member = matching(query.member) if query.member is not None else None
    case_members: set[str] | None = None
    if query.case_id is not None:
        case_members = {
            name
            for name, case_id in zip(summary.participants, summary.case_ids, strict=False)
            if case_id == query.case_id
        }
        if not case_members:
            return
    for row, folded in zip(notes.rows, notes.folded, strict=True):
        if query.phase is not None and row.phase != query.phase:
            continue
        if query.lens is not None and row.lens != query.lens:
            continue
        if query.kind is not None and row.kind != query.kind:
            continue
        if words and not all(word in folded for word in words):
            continue
        about = row.about or owner
        if wanted_about is not None and about not in wanted_about:
            continue
        if wanted_author is not None and row.author not in wanted_author:
            continue
        if wanted_member is not None and not (
            about in wanted_member or row.author in wanted_member
        ):
            continue
        if case_members is not None and about not in case_members:
            continue
        if not window.open and row.at not in window:
            continue
        yield row


def search_sessions(
    summaries: Iterable[SessionSummary],
    *,
    group: str | None = None,
    member: str | None = None,
    since: date | None = None,
    until: date | None = None,
    state: str | None = None,
    scenario_id: str | None = None,
) -> list[SessionSummary]:
    """The sessions that match every criterion given, newest first."""
    window = Window(since, until)
    target_group = fold(group.strip()) if group is not None else None
    target_member = fold(member.strip()) if member is not None else None
    found = []
    for summary in summaries:
        if target_group is not None and fold(summary.group.strip()) != target_group:
            continue
        if target_member is not None and not any(
            fold(name.strip()) == target_member for name in summary.participants
        ):
            continue
        if state is not None and summary.state != state:
            continue
        if scenario_id is not None and summary.scenario_id != scenario_id:
            continue
        if not window.open and summary.date not in window:
            continue
        found.append(summary)
    return sorted(found, key=lambda s: s.date, reverse=True)
