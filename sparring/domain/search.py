"""What a search over the notes asks and finds; which sessions to list, newest first; the
groups; and the overview the start screen lists.

The store's note table answers every search over the notes; it compares text and names
case-folded and NFC-composed, days as local calendar days, times as the store writes
them (UTC, so they compare as strings: see `domain.moments`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sparring.domain.moments import Window
from sparring.domain.names import folded_name, group_key
from sparring.domain.records import Note
from sparring.domain.states import STARTED
from sparring.domain.summaries import SessionSummary


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


@dataclass(frozen=True)
class SessionQuery:
    """Which sessions to list; every criterion given must hold.

    Attributes:
        group: of this group (case-insensitive).
        member: with a member of this name (case-insensitive).
        since, until: held on these local days, both included.
        state: in this state (see `domain.states`).
        scenario_id: of this scenario.
        rehearsals: with the rehearsals (else only the real sessions).
    """

    group: str | None = None
    member: str | None = None
    since: date | None = None
    until: date | None = None
    state: str | None = None
    scenario_id: str | None = None
    rehearsals: bool = True

    def select(self, summaries: Sequence[SessionSummary]) -> list[SessionSummary]:
        """The summaries that match, in the order given."""
        if self == SessionQuery():
            return list(summaries)
        window = Window(self.since, self.until)
        group = group_key(self.group) if self.group is not None else None
        member = folded_name(self.member) if self.member is not None else None
        return [
            s for s in summaries
            if (group is None or group_key(s.group) == group)
            and (self.state is None or s.state == self.state)
            and (self.scenario_id is None or s.scenario_id == self.scenario_id)
            and (self.rehearsals or not s.rehearsal)
            and (window.open or s.date in window)
            and (member is None or any(folded_name(n) == member for n in s.participants))
        ]


@dataclass(frozen=True)
class Group:
    """A group, as its sessions show it.

    Attributes:
        name: as typed in its newest session.
        last: its newest session that reached the first phase (else its newest).
        sessions: how many sessions it has.
        rehearsals: how many of them are rehearsals.
    """

    name: str
    last: SessionSummary
    sessions: int
    rehearsals: int


def groups_of(summaries: Iterable[SessionSummary]) -> list[Group]:
    """Every group with a name among `summaries` (newest first), the one that met most
    recently first."""
    by_key: dict[str, list[SessionSummary]] = {}
    for summary in summaries:
        if summary.group.strip():
            by_key.setdefault(group_key(summary.group), []).append(summary)
    groups = []
    for listed in by_key.values():
        started = [s for s in listed if s.state in STARTED] or listed
        rehearsals = sum(s.rehearsal for s in listed)
        groups.append(Group(listed[0].group, started[0], len(listed), rehearsals))
    return sorted(groups, key=lambda g: (g.last.date, g.last.id), reverse=True)


def newest_first(summaries: Iterable[SessionSummary]) -> list[SessionSummary]:
    """`summaries` by when the sessions took place, the newest first."""
    return sorted(summaries, key=lambda s: (s.date, s.id), reverse=True)


@dataclass(frozen=True)
class Overview:
    """What the start screen lists: the sessions that can be resumed and the groups (both
    newest first), and how many sessions there are.

    Attributes:
        held: of the unfinished sessions, those another process writes now, by id: its
            process id (looked at when the overview is asked for, never kept).
    """

    unfinished: tuple[SessionSummary, ...]
    groups: tuple[Group, ...]
    sessions: int
    held: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, newest: Sequence[SessionSummary],
           groups: Iterable[Group] | None = None) -> Overview:
        """The overview of every session, `newest` first (its groups, if worked out)."""
        return cls(tuple(s for s in newest if s.unfinished),
                   tuple(groups_of(newest) if groups is None else groups), len(newest))
