"""Forgetting a member or a case across the archive: what changes in which session (the
rules for one session are the domain's, in `domain.forgetting`); the archive writes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sparring.domain.forgetting import (
    ForgetReport,
    forget_case,
    forget_participant,
    without_follow_ups,
)
from sparring.domain.names import group_key
from sparring.domain.records import StoredSession
from sparring.i18n import _
from sparring.store.files import StoreError

Change = Callable[[StoredSession, ForgetReport], StoredSession | None]
"""What a forget makes of one session (None: it holds no trace), counted in the report."""


def participant_change(name: str, group: str | None) -> Change:
    """Forgetting member `name` of `group` (of every group when None)."""
    if not name.strip():
        raise StoreError(_("Give the name of the member to forget."))
    key = group_key(group) if group is not None else None

    def change(stored: StoredSession, report: ForgetReport) -> StoredSession | None:
        if key is not None and group_key(stored.session.group) != key:
            return None
        return forget_participant(stored, name, report)

    return change


def case_change(case_id: str) -> Change:
    """Forgetting case `case_id`."""
    if not case_id.strip():
        raise StoreError(_("Give the id of the case to forget."))
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
