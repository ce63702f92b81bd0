"""What the tests of exports and moving share: a small group history on disk."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from sparring.cli import cli
from sparring.domain.records import FollowUp, NextStep
from sparring.domain.session import Event, Participant, Session
from sparring.store import Archive
from tests.store.helpers import add_note

TRICKY = "<script>alert('x')</script> [bold]fed[/bold] & Co \x07\x1b[31m æøå"


def session_of(
    store: Archive,
    group: str,
    owner: str,
    day: int,
    members: tuple[str, ...] = ("Anne", "Bo", "Carla"),
) -> Session:
    """A finished session of `group` on day `day` of March 2026, `owner`'s case."""
    session = Session(
        "cross-functional-sparring",
        group=group,
        participants=[Participant(name, f"{name}'s challenge {day}") for name in members],
        case_owner=owner,
        timekeeper=members[1],
        created_at=f"2026-03-{day:02d}T09:00:00+00:00",
    )
    session.events = [
        Event("start", 0.0, f"2026-03-{day:02d}T09:00:00+00:00", to="present"),
        Event("finish", 2100.0, f"2026-03-{day:02d}T09:35:00+00:00", to="finished"),
    ]
    store.save_session(session)
    return session


def group_history(root: Path) -> dict[str, str]:
    """Two sessions of "Gruppe Ø" (Anne's case, then Bo's) and one of "Other" with another
    Anne; their ids by name ("first", "second", "other")."""
    with Archive(root) as store:
        first = session_of(store, "Gruppe Ø", "Anne", 3)
        add_note(store, first, TRICKY, author="Bo", lens="team", kind="pitfall")
        add_note(store, first, "=SUM(A1) er ikke en formel", author="Carla", phase="reflect")
        step = NextStep(first.id, "Anne", "Tal med direktionen", at="2026-03-03T09:40:00+00:00")
        store.save_next_step(step)
        second = session_of(store, "Gruppe Ø", "Bo", 10)
        for before, now in zip(first.participants, second.participants, strict=True):
            now.case_id = before.case_id  # as a new session of the group starts
        store.save_session(second)
        add_note(store, second, "Bo's own thing", author="Anne")
        add_note(store, second, "Anne ser sin egen sag", about="Anne", author="Anne", phase="round")
        store.save_follow_up(
            FollowUp(second.id, step.id, first.id, "Anne", step.text, "done", "gik godt")
        )
        other = session_of(store, "Other", "Anne", 4)
        add_note(store, other, "the other Anne's secret", author="Bo")
    return {"first": first.id, "second": second.id, "other": other.id}


def run(*args: str, input: str | None = None) -> Result:
    """Run `sparring ARGS`; never a traceback."""
    result = CliRunner().invoke(cli, list(args), input=input)
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), result.exception
    return result
