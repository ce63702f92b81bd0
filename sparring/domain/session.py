"""The session record: who took part, whose case, and the log of every trigger.

The event log is append-only. The protocol's state, its remaining time and the planned
against actual minutes of each phase are rebuilt from it alone (see `Protocol`), which
is what resuming after a crash and the summary rely on.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sparring.domain.scenario import Scenario
from sparring.i18n import _

REHEARSAL_SCENARIO = "rehearsal"
"""A session of this scenario is a rehearsal, whatever its time scale."""


def new_id() -> str:
    """A fresh id for a session, a note, a case or a next step."""
    return uuid.uuid4().hex


def wall_now() -> str:
    """The wall-clock time now, as ISO 8601 in UTC."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Participant:
    """A member of the group and the challenge (their case) they brought."""

    name: str
    challenge: str
    case_id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class Event:
    """One trigger of the protocol, as it was fired.

    Attributes:
        trigger: the trigger's name (start, advance, pause, ...).
        args: its arguments (extend carries `minutes`).
        at: session clock time in seconds.
        wall: wall-clock time, ISO 8601.
        to: the state it led to (a phase id, checkout, finished, aborted; the same state
            for a pause or a turn); None in logs saved before it was kept.
    """

    trigger: str
    at: float
    wall: str
    args: dict[str, Any] = field(default_factory=dict)
    to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            trigger=str(data["trigger"]),
            at=float(data["at"]),
            wall=str(data["wall"]),
            args=dict(data.get("args") or {}),
            to=str(data["to"]) if data.get("to") is not None else None,
        )


@dataclass
class Session:
    """One sparring session of a group, from setup to check-out."""

    scenario_id: str
    group: str = ""
    participants: list[Participant] = field(default_factory=list)
    case_owner: str | None = None
    timekeeper: str | None = None
    language: str = "en"
    rehearsal: bool = False
    """Run to try the tool out (a time scale other than 1, or the rehearsal scenario): kept
    apart from the real sessions in the charts and in who presents next."""
    time_scale: float = 1.0
    """Session seconds per real second of its clock: 1 in real time, faster in a rehearsal
    (60: a minute a second). A resume runs it at the same speed, and a wall counts down at it."""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=wall_now)
    events: list[Event] = field(default_factory=list)

    @property
    def member_names(self) -> list[str]:
        """The members' names in the order they were entered."""
        return [p.name for p in self.participants]

    def participant(self, name: str) -> Participant:
        """The member called `name`."""
        for participant in self.participants:
            if participant.name == name:
                return participant
        raise KeyError(name)

    @property
    def case(self) -> Participant | None:
        """The case owner's entry: the challenge the group works on."""
        if self.case_owner is None:
            return None
        try:
            return self.participant(self.case_owner)
        except KeyError:
            return None

    @property
    def reflecting_team(self) -> list[str]:
        """Every member but the case owner, in order: they speak in turn in a round."""
        return [name for name in self.member_names if name != self.case_owner]

    @property
    def last_clock_time(self) -> float:
        """The session clock time of the last event (0 before any)."""
        return self.events[-1].at if self.events else 0.0

    @property
    def started_at(self) -> str | None:
        """Wall-clock time of the start trigger, if the session has started."""
        return next((e.wall for e in self.events if e.trigger == "start"), None)

    @property
    def finished_at(self) -> str | None:
        """Wall-clock time of the finish trigger, if the session has finished."""
        return next((e.wall for e in self.events if e.trigger == "finish"), None)

    def problems(self, scenario: Scenario) -> list[str]:
        """What stands between this setup and starting the clock; empty when ready."""
        found = []
        names = [name.strip() for name in self.member_names]
        count = len(names)
        if not scenario.min_members <= count <= scenario.max_members:
            found.append(
                _("The group needs {least} to {most} members; it has {count}.").format(
                    least=scenario.min_members, most=scenario.max_members, count=count)
            )
        if any(not name for name in names):
            found.append(_("Every member needs a name."))
        if len({name.casefold() for name in names}) != count:
            found.append(_("Two members have the same name."))
        if self.case_owner is None or self.case_owner not in self.member_names:
            found.append(_("Choose the case the group works on."))
        elif not self.participant(self.case_owner).challenge.strip():
            found.append(_("The chosen case has no challenge written down."))
        if not (self.timekeeper or "").strip():
            found.append(_("Choose a timekeeper."))
        return found

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data (events included)."""
        return {
            "id": self.id,
            "scenario": self.scenario_id,
            "group": self.group,
            "language": self.language,
            "rehearsal": self.rehearsal,
            "time_scale": self.time_scale,
            "created_at": self.created_at,
            "participants": [asdict(p) for p in self.participants],
            "case_owner": self.case_owner,
            "timekeeper": self.timekeeper,
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """The record from plain data made by `to_dict`."""
        return cls(
            id=str(data["id"]),
            scenario_id=str(data["scenario"]),
            group=str(data.get("group", "")),
            language=str(data.get("language", "en")),
            rehearsal=bool(data.get("rehearsal", False)),
            time_scale=float(data.get("time_scale", 1.0)),
            created_at=str(data.get("created_at") or wall_now()),
            participants=[
                Participant(
                    name=str(p["name"]),
                    challenge=str(p.get("challenge", "")),
                    case_id=str(p.get("case_id") or new_id()),
                )
                for p in data.get("participants", [])
            ],
            case_owner=data.get("case_owner"),
            timekeeper=data.get("timekeeper"),
            events=[Event.from_dict(e) for e in data.get("events", [])],
        )
