"""Carrying a group's sessions into the next: its members, whose turn it is, open steps.

A learning community meets for a year or more (seed 001). When it starts a new session,
Sparring offers the members of its last session (their challenges keep their case ids,
so the notes on a case follow it), suggests who presents (`rotation`) and lists the next
steps still open ("What have we learned since last time?", seed 002).
"""

from __future__ import annotations

from dataclasses import dataclass

from sparring.domain.followup import OpenStep, open_steps
from sparring.domain.records import StoredSession
from sparring.domain.rotation import Suggestion, suggest_case_owner
from sparring.domain.session import Participant
from sparring.domain.states import STARTED
from sparring.store import Archive, StoreError, UnreadableFile


@dataclass(frozen=True)
class GroupStart:
    """What a group's new session starts from.

    Attributes:
        group: the group's name as it was last written.
        members: the members of its last session, with their challenges and case ids.
        scenario_id: the scenario it last ran.
        suggestion: who might present this time, and why.
        open_steps: next steps from earlier sessions that no follow-up has closed.
        unreadable: how many of its session files could not be read.
        language: the language its last session was held in.
    """

    group: str
    members: list[Participant]
    scenario_id: str
    suggestion: Suggestion | None
    open_steps: list[OpenStep]
    unreadable: int = 0
    language: str = "en"


def group_start(store: Archive, group: str, *, rehearsals: bool = False) -> GroupStart | None:
    """Where `group` left off, or None if it has no earlier session.

    Rehearsals are left out (unless `rehearsals`): trying the tool out takes no one's turn
    and sets no next step the group must follow up.
    """
    summaries = [
        s for s in store.sessions(group=group, rehearsals=rehearsals) if s.state in STARTED
    ]
    if not summaries:
        return None
    loaded: list[StoredSession] = []
    unreadable = 0
    for summary in summaries:
        try:
            loaded.append(store.load(summary.id))
        except (UnreadableFile, StoreError):
            unreadable += 1
    if not loaded:
        return GroupStart(summaries[0].group, [], summaries[0].scenario_id, None, [], unreadable)
    last = loaded[0].session
    members = [Participant(p.name, p.challenge, p.case_id) for p in last.participants]
    past = [(s.date, s.case_owner) for s in summaries]
    suggestion = suggest_case_owner([m.name for m in members], past)
    steps = open_steps(
        (s.session.started_at or s.session.created_at, s.next_steps, s.follow_ups) for s in loaded
    )
    return GroupStart(last.group, members, last.scenario_id, suggestion, steps, unreadable,
                      last.language)
