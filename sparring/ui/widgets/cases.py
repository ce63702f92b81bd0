"""A member's cases across sessions: each challenge they brought, with every note on it.

A case follows its member from session to session by its case id. The notes on a case
are the notes whose `about` is the member (a round note is about its speaker: it is on
the speaker's own case), and, in the sessions that worked on the member's case, the notes
written without an `about`. Only the sessions the member took part in are read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.text import Text

from sparring.store import NoteHit, SessionStore, SessionSummary, StoreError
from sparring.store.forget import PLACEHOLDER
from sparring.store.index import fold
from sparring.ui.widgets.fitted_table import Column
from sparring.ui.widgets.note_table import Vocabulary, day_text

CASE_COLUMNS = (
    Column("last", "Last", 10),
    Column("sessions", "Sessions", 8, right=True),
    Column("notes", "Notes", 5, right=True),
    Column("challenge", "Challenge"),
)
"""The table of a member's cases."""

CASE_NOTE_COLUMNS = (
    Column("date", "Date", 10),
    Column("phase", "Phase", 10),
    Column("author", "Said by", 9),
    Column("tags", "Lens · kind", 14, min_table_width=100),
    Column("text", "Note"),
)
"""The table of the notes on one case."""


@dataclass
class MemberCase:
    """One challenge a member brought, and what was said about it.

    Attributes:
        case_id: the case's id (`Participant.case_id`), the same in every session.
        challenge: the challenge as typed, in the latest session that had it.
        sessions: the sessions the member brought it to, newest first.
        notes: the notes on it, newest first.
    """

    case_id: str
    challenge: str
    sessions: list[SessionSummary] = field(default_factory=list)
    notes: list[NoteHit] = field(default_factory=list)

    @property
    def last(self) -> str:
        """When the case was last worked on or talked about (ISO 8601)."""
        times = [s.date for s in self.sessions] + [hit.note.at for hit in self.notes]
        return max(times, default="")

    @property
    def worked_on(self) -> int:
        """In how many sessions the group chose this case."""
        return sum(1 for s in self.sessions if s.case_id == self.case_id)


def members(summaries: Iterable[SessionSummary]) -> list[str]:
    """Every member's name found in the sessions, once each (in any case), by name."""
    found: dict[str, str] = {}
    for summary in summaries:
        for name in summary.participants:
            if name.strip() and name != PLACEHOLDER:
                found.setdefault(fold(name.strip()), name)
    return sorted(found.values(), key=lambda name: fold(name))


def groups(summaries: Iterable[SessionSummary]) -> list[str]:
    """Every group's name found in the sessions, once each (in any case), by name."""
    found: dict[str, str] = {}
    for summary in summaries:
        if summary.group.strip():
            found.setdefault(fold(summary.group.strip()), summary.group)
    return sorted(found.values(), key=lambda name: fold(name))


def _spelling(summary: SessionSummary, member: str) -> str | None:
    """How the session spells `member`'s name, if they took part."""
    wanted = fold(member.strip())
    return next((n for n in summary.participants if fold(n.strip()) == wanted), None)


def member_cases(store: SessionStore, member: str) -> list[MemberCase]:
    """Every case `member` brought, with its notes; the case worked on last first.

    Reads the sessions the member took part in (their challenge is in the session's
    file, unless they were the case owner) and searches the notes on their case.
    """
    cases: dict[str, MemberCase] = {}
    for summary in store.search_sessions(member=member):
        name = _spelling(summary, member)
        case_id = summary.case_of(name) if name is not None else None
        if name is None or case_id is None:
            continue
        case = cases.get(case_id)
        if case is None:
            case = cases[case_id] = MemberCase(case_id, _challenge(store, summary, name))
        case.sessions.append(summary)
    for hit in store.search(about=member):
        name = _spelling(hit.session, member)
        case_id = hit.session.case_of(name) if name is not None else None
        key = case_id or f"{hit.session.id}:{member}"
        case = cases.get(key)
        if case is None:  # named in a note, but not a member of that session
            case = cases[key] = MemberCase(key, "", [hit.session])
        case.notes.append(hit)
    for case in cases.values():
        case.notes.sort(key=lambda hit: (hit.note.at, hit.note.clock), reverse=True)
    return sorted(cases.values(), key=lambda case: case.last, reverse=True)


def _challenge(store: SessionStore, summary: SessionSummary, name: str) -> str:
    if name == summary.case_owner:
        return summary.case
    try:
        return store.load(summary.id).session.participant(name).challenge
    except (StoreError, KeyError):
        return ""


def case_row(case: MemberCase) -> list[str]:
    """A case as a row of `CASE_COLUMNS`."""
    return [day_text(case.last), str(len(case.sessions)), str(len(case.notes)),
            case.challenge or "(no challenge written down)"]


def case_note_row(hit: NoteHit, words: Vocabulary) -> list[str]:
    """A note on a case as a row of `CASE_NOTE_COLUMNS`."""
    note, session = hit.note, hit.session
    return [day_text(note.at), words.phase(session.scenario_id, note.phase, session.language),
            note.author or "", words.tags(hit), note.text]


def case_detail(case: MemberCase) -> Text:
    """A case in full: its challenge, and the sessions it was brought to."""
    detail = Text("Challenge: ", style="bold", end="")
    detail.append(case.challenge or "(no challenge written down)")
    detail.append("\n")
    sessions, notes = len(case.sessions), len(case.notes)
    detail.append(
        f"Brought to {sessions} session{'s' if sessions != 1 else ''}, the group's case in "
        f"{case.worked_on}; {notes} note{'s' if notes != 1 else ''} on it",
        style="bold",
    )
    if case.sessions:
        detail.append(": ")
        detail.append(", ".join(f"{day_text(s.date)} {s.group}".strip() for s in case.sessions))
    return detail
