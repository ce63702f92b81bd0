"""What have we learned since last time: the next steps a group still has open.

A next step is set at a session's check-out. At each later session's check-in the group
says where it stands (done, in progress, dropped) in a `FollowUp` saved with that later
session. A step is still open until a follow-up says done or dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sparring.domain.records import FollowUp, NextStep

CLOSED = ("done", "dropped")


@dataclass(frozen=True)
class OpenStep:
    """A next step still open, with where it stood last and the comment given then."""

    step: NextStep
    status: str
    comment: str
    session_date: str


def open_steps(sessions: Iterable[tuple[str, list[NextStep], list[FollowUp]]]) -> list[OpenStep]:
    """The group's next steps that no follow-up has closed, oldest session first.

    Args:
        sessions: for each earlier session of the group: its date (ISO 8601), the next
            steps set at its check-out, and the follow-ups given at its check-in.
    """
    ordered = sorted(sessions, key=lambda item: item[0])
    steps: dict[str, tuple[NextStep, str]] = {}
    latest: dict[str, FollowUp] = {}
    for date, next_steps, follow_ups in ordered:
        for step in next_steps:
            steps[step.id] = (step, date)
        for follow_up in follow_ups:
            seen = latest.get(follow_up.next_step_id)
            if seen is None or follow_up.at >= seen.at:
                latest[follow_up.next_step_id] = follow_up
    result = []
    for step_id, (step, date) in steps.items():
        last = latest.get(step_id)
        status = last.status if last else step.status
        if status in CLOSED:
            continue
        result.append(OpenStep(step, status, last.comment if last else "", date))
    return result
