"""A session in brief: what lists, resume, the groups and a search show of it (the
catalogue keeps one for each session, see `store`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sparring.domain.records import StoredSession
from sparring.domain.session import REHEARSAL_SCENARIO, Session
from sparring.domain.states import UNFINISHED


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
