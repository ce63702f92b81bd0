"""Forgetting a member or a case: what goes, worked out on one stored session at a time.

The functions here change nothing on disk; each returns the session as it is to be
written (or None when it holds no trace) and counts what it removed in a report. `plan`
works out a forget across every session; the store writes the sessions it changes and
rebuilds its caches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sparring.domain.names import fold, group_key
from sparring.domain.records import StoredSession
from sparring.domain.session import Participant, Session, new_id

PLACEHOLDER = "(forgotten)"
"""What a forgotten member's name is replaced by, in lists of members and in text."""


@dataclass
class ForgetReport:
    """What a forget removed (or, in a dry run, would remove); counts, never content.

    Attributes:
        sessions: ids of the sessions changed.
        notes: notes removed.
        next_steps: next steps removed.
        follow_ups: follow-ups removed.
        names: member entries turned into a placeholder.
        challenges: challenges cleared.
        mentions: texts the name was blanked out of.
        unreadable: files that could not be read, so not searched: they may hold traces.
    """

    sessions: list[str] = field(default_factory=list)
    notes: int = 0
    next_steps: int = 0
    follow_ups: int = 0
    names: int = 0
    challenges: int = 0
    mentions: int = 0
    unreadable: list[Path] = field(default_factory=list)
    removed_steps: set[str] = field(default_factory=set)

    @property
    def found(self) -> bool:
        """Whether there was anything to forget."""
        return bool(self.sessions)


class _Mentions:
    """Finds a name typed inside a text, as a whole word, whatever its case."""

    def __init__(self, name: str, report: ForgetReport):
        normal = unicodedata.normalize("NFC", name.strip())
        # The name as a whole word, with a possessive if it has one ("Anne's", Danish "Annes").
        self.pattern = re.compile(
            rf"(?<!\w){re.escape(normal)}(?:['\u2019]?s)?(?!\w)", re.IGNORECASE
        )
        self.report = report

    def blank(self, text: str) -> str:
        """`text` with every mention replaced by the placeholder (counted)."""
        normal = unicodedata.normalize("NFC", text)
        if not self.pattern.search(normal):
            return text
        self.report.mentions += 1
        return self.pattern.sub(PLACEHOLDER, normal)


def _cleared(challenge: str) -> str:
    """What a forgotten challenge becomes: not empty if it was not, as a session whose case
    has no challenge would not replay (the protocol refuses to start it)."""
    return PLACEHOLDER if challenge.strip() else ""


def _placeholder(taken: set[str]) -> str:
    name = PLACEHOLDER
    number = 2
    while name in taken:
        name = f"(forgotten {number})"
        number += 1
    return name


def _counts(report: ForgetReport) -> tuple[int, ...]:
    return (
        report.notes,
        report.next_steps,
        report.follow_ups,
        report.names,
        report.challenges,
        report.mentions,
    )


def _same(a: str | None, b: str) -> bool:
    return a is not None and fold(a.strip()) == b


def forget_participant(
    stored: StoredSession, name: str, report: ForgetReport
) -> StoredSession | None:
    """`stored` without member `name`; None if it holds no trace of them."""
    target = fold(name.strip())
    mentions = _Mentions(name, report)
    session = stored.session
    before = _counts(report)
    renamed: dict[str, str] = {}
    taken = set(session.member_names)
    participants = []
    for participant in session.participants:
        if _same(participant.name, target):
            placeholder = _placeholder(taken)
            taken.add(placeholder)
            renamed[participant.name] = placeholder
            report.names += 1
            if participant.challenge:
                report.challenges += 1
            participants.append(Participant(placeholder, _cleared(participant.challenge), new_id()))
        else:
            challenge = mentions.blank(participant.challenge)
            participants.append(replace(participant, challenge=challenge))
    owner = session.case_owner

    def is_them(value: str | None) -> bool:
        return _same(value, target)

    notes = []
    for note in stored.notes:
        if is_them(note.about or owner) or is_them(note.author):
            report.notes += 1
            continue
        notes.append(replace(note, text=mentions.blank(note.text)))
    steps = []
    for step in stored.next_steps:
        if is_them(step.who):
            report.next_steps += 1
            report.removed_steps.add(step.id)
            continue
        steps.append(
            replace(step, text=mentions.blank(step.text), comment=mentions.blank(step.comment))
        )
    follow_ups = []
    for follow_up in stored.follow_ups:
        if is_them(follow_up.who):
            report.follow_ups += 1
            continue
        follow_ups.append(
            replace(
                follow_up,
                text=mentions.blank(follow_up.text),
                comment=mentions.blank(follow_up.comment),
            )
        )
    evaluation = stored.evaluation
    if evaluation is not None:
        evaluation = replace(evaluation, other=mentions.blank(evaluation.other))

    def renamed_or_kept(value: str | None) -> str | None:
        if value is None:
            return None
        return renamed.get(value, PLACEHOLDER if is_them(value) else value)

    new_session = Session(
        scenario_id=session.scenario_id,
        group=mentions.blank(session.group),
        participants=participants,
        case_owner=renamed_or_kept(session.case_owner),
        timekeeper=renamed_or_kept(session.timekeeper),
        language=session.language,
        id=session.id,
        created_at=session.created_at,
        events=list(session.events),
    )
    if is_them(session.timekeeper) and not renamed.get(session.timekeeper or ""):
        report.names += 1
    # A half-typed note is on the case owner's case, as every note written without a member.
    draft = "" if is_them(owner) else mentions.blank(stored.draft)
    if _counts(report) == before and new_session == session:
        return None
    return replace(
        stored,
        session=new_session,
        notes=notes,
        next_steps=steps,
        follow_ups=follow_ups,
        evaluation=evaluation,
        draft=draft,
    )


def forget_case(stored: StoredSession, case_id: str, report: ForgetReport) -> StoredSession | None:
    """`stored` without case `case_id`; None if it holds no trace of it."""
    session = stored.session
    members = {p.name for p in session.participants if p.case_id == case_id}
    if not members:
        return None
    participants = []
    for participant in session.participants:
        if participant.case_id == case_id:
            if participant.challenge:
                report.challenges += 1
            participant = Participant(participant.name, _cleared(participant.challenge), new_id())
        participants.append(participant)
    owner = session.case_owner
    notes = []
    for note in stored.notes:
        if (note.about or owner) in members:
            report.notes += 1
            continue
        notes.append(note)
    steps = stored.next_steps
    draft = stored.draft
    if owner in members:
        # The session was spent on this case: the owner's next steps and the half-typed
        # note came out of it.
        steps = []
        for step in stored.next_steps:
            if step.who == owner:
                report.next_steps += 1
                report.removed_steps.add(step.id)
            else:
                steps.append(step)
        draft = ""
    return replace(
        stored,
        session=replace(session, participants=participants, events=list(session.events)),
        notes=notes,
        next_steps=steps,
        draft=draft,
    )


def without_follow_ups(stored: StoredSession, report: ForgetReport) -> StoredSession | None:
    """`stored` without follow-ups of next steps a forget removed; None if it has none."""
    kept = [f for f in stored.follow_ups if f.next_step_id not in report.removed_steps]
    if len(kept) == len(stored.follow_ups):
        return None
    report.follow_ups += len(stored.follow_ups) - len(kept)
    return replace(stored, follow_ups=kept)


Change = Callable[[StoredSession, ForgetReport], StoredSession | None]
"""What a forget makes of one session (None: it holds no trace), counted in the report."""


def participant_change(name: str, group: str | None) -> Change:
    """Forgetting member `name` of `group` (of every group when None)."""
    key = group_key(group) if group is not None else None

    def change(stored: StoredSession, report: ForgetReport) -> StoredSession | None:
        if key is not None and group_key(stored.session.group) != key:
            return None
        return forget_participant(stored, name, report)

    return change


def case_change(case_id: str) -> Change:
    """Forgetting case `case_id`."""
    return lambda stored, report: forget_case(stored, case_id, report)


def plan(
    sessions: Iterable[StoredSession], change: Change
) -> tuple[ForgetReport, dict[str, StoredSession]]:
    """What `change` does to `sessions`: the report, and each changed session as it is
    to be written (follow-ups of next steps that go, go too)."""
    report = ForgetReport()
    changed: dict[str, StoredSession] = {}
    everything = list(sessions)
    for stored in everything:
        result = change(stored, report)
        if result is not None:
            changed[stored.session.id] = result
    for stored in everything:
        current = changed.get(stored.session.id, stored)
        result = without_follow_ups(current, report)
        if result is not None:
            changed[stored.session.id] = result
    report.sessions = sorted(changed)
    return report, changed
