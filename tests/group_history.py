"""Synthetic histories of groups: finished sessions with fixed ids, days, timings and scores.

Shared by the tests of the trends and of the charts screen, so both look at the same
numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from sparring.domain.records import Evaluation, StoredSession
from sparring.domain.scenario import Scenario
from sparring.domain.session import Event, Participant, Session
from sparring.domain.states import state_of
from sparring.store import Archive

NAMES = ("Anne", "Bo", "Carla", "Dorte", "Emil", "Frida")


def finished(
    scenario: Scenario,
    session_id: str,
    day: str,
    minutes: Sequence[float] | None = None,
    scores: dict[str, int | None] | None = None,
    *,
    group: str = "Group 1",
    members: int = 4,
    finish: bool = True,
) -> StoredSession:
    """A session of `scenario` that ran each phase for `minutes` (the plan if None).

    Args:
        scenario: the protocol it ran.
        session_id: a fixed id.
        day: the day it ran, YYYY-MM-DD; it starts at noon UTC.
        minutes: the minutes each phase ran, in the scenario's order.
        scores: its evaluation, if it has one.
        group: the group's name.
        members: how many took part (a round has one turn per member but the owner).
        finish: False leaves it at check-out, not finished.
    """
    names = list(NAMES[:members])
    moment = f"{day}T12:00:00.000+00:00"
    session = Session(
        scenario_id=scenario.id,
        group=group,
        participants=[
            Participant(name, f"{name}'s challenge", case_id=f"case-{name.lower()}")
            for name in names
        ],
        case_owner=names[0],
        timekeeper=names[1],
        id=session_id,
        created_at=moment,
    )
    ran = list(minutes) if minutes is not None else [p.minutes for p in scenario.phases]
    clock = 0.0
    session.events.append(Event("start", clock, moment))
    for phase, phase_minutes in zip(scenario.phases, ran, strict=True):
        turns = members - 1 if phase.has_turns else 1
        for _ in range(turns):
            clock += phase_minutes * 60 / turns
            session.events.append(Event("advance", clock, moment))
    if finish:
        session.events.append(Event("finish", clock, moment))
    evaluation = (
        Evaluation(session_id, scores=dict(scores), at=moment) if scores is not None else None
    )
    return StoredSession(session=session, state=state_of(session.events), evaluation=evaluation)


def scores(mean: int, **changed: int | None) -> dict[str, int | None]:
    """An evaluation where every question scored `mean`, but those `changed`."""
    every: dict[str, int | None] = {
        question: mean
        for question in (
            "clear_agenda",
            "on_time",
            "time_kept",
            "prepared",
            "made_sense",
            "next_clear",
            "energy",
            "other",
            "overall",
        )
    }
    every.update(changed)
    return every


def save_all(store: Archive, sessions: Sequence[StoredSession]) -> None:
    """Put `sessions` in `store` as an import would."""
    for stored in sessions:
        store.import_session(stored)


def two_groups(sparring: Scenario, feedback: Scenario) -> list[StoredSession]:
    """Group 1: five sessions over half a year, one of them a feedback round and one not
    evaluated; Group 2: one session."""
    return [
        finished(sparring, "g1-jan", "2025-01-14", [12, 9, 6, 13], scores(3, time_kept=2)),
        finished(sparring, "g1-feb", "2025-02-11", [11, 10, 5, 12], scores(3, energy=4)),
        finished(feedback, "g1-mar", "2025-03-11", [6, 11], scores(4, other=None)),
        finished(sparring, "g1-apr", "2025-04-08", [10.5, 10, 5.5, 11], None),
        finished(sparring, "g1-may", "2025-05-13", [10, 10, 5, 10], scores(5, time_kept=4)),
        finished(
            sparring, "g2-may", "2025-05-20", [14, 8, 4, 9], scores(4, energy=5), group="Group 2"
        ),
    ]
