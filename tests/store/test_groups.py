"""A group's next session starts from its last: members, who presents, open steps."""

from __future__ import annotations

from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.records import FollowUp, NextStep
from sparring.domain.scenario import Scenario
from sparring.domain.session import Participant, Session
from sparring.review import group_start
from sparring.store import Archive


def run_session(store: Archive, scenario: Scenario, group: str, owner: str,
                day: int, members: list[Participant]) -> Session:
    session = Session(scenario_id=scenario.id, group=group,
                      participants=[Participant(p.name, p.challenge, p.case_id)
                                    for p in members],
                      case_owner=owner, timekeeper=members[-1].name,
                      created_at=f"2026-{day:02d}-01T09:00:00.000+00:00")
    store.save_session(session)
    protocol = Protocol(scenario, session, FakeClock(), recorder=store.recorder(session))
    protocol.fire("start")
    protocol.fire("check_out")
    protocol.fire("finish")
    return session


def test_a_group_starts_from_its_last_session(tmp_path, sparring_scenario):
    store = Archive(tmp_path / "data")
    members = [Participant("Anne", "Hand-offs"), Participant("Bo", "Budget"),
               Participant("Carla", "Nights"), Participant("Dorte", "IT")]
    first = run_session(store, sparring_scenario, "Group 1", "Anne", 9, members)
    store.save_next_step(NextStep(session_id=first.id, who="Anne", text="Call the ward",
                                  id="s1"))
    store.save_next_step(NextStep(session_id=first.id, who="Bo", text="Map hand-offs",
                                  id="s2"))
    second = run_session(store, sparring_scenario, "group 1", "Bo", 10, members)
    store.save_follow_up(FollowUp(session_id=second.id, next_step_id="s1",
                                  from_session_id=first.id, who="Anne", text="Call the ward",
                                  status="done"))
    run_session(store, sparring_scenario, "Group 2", "Emil",  11,
                [Participant("Emil", "x"), Participant("Frida", "y"), Participant("Ida", "z")])

    start = group_start(store, "GROUP 1")
    assert start is not None
    assert start.group == "group 1"
    assert [(m.name, m.case_id) for m in start.members] == [
        (m.name, m.case_id) for m in members]
    assert start.suggestion is not None and start.suggestion.name == "Carla"
    assert [o.step.text for o in start.open_steps] == ["Map hand-offs"]
    assert [(g.name, g.sessions) for g in store.groups()] == [("Group 2", 1), ("group 1", 2)]
    assert group_start(store, "Group 9") is None
    store.close()


def test_the_groups_and_sessions_listed_follow_every_save_here_and_elsewhere(
        tmp_path, sparring_scenario):
    """The newest-first list and the groups are kept between looks: a session saved since,
    by this archive or by another on the same folder, is in the next answer."""
    members = [Participant("Anne", "Hand-offs"), Participant("Bo", "Budget")]
    store = Archive(tmp_path / "data")
    first = run_session(store, sparring_scenario, "Blue", "Anne", 3, members)
    assert [g.name for g in store.groups()] == ["Blue"]
    assert [s.id for s in store.sessions()] == [first.id]

    second = run_session(store, sparring_scenario, "Green", "Bo", 4, members)
    assert [g.name for g in store.groups()] == ["Green", "Blue"]
    assert [s.id for s in store.sessions()] == [second.id, first.id]

    other = Archive(tmp_path / "data")
    third = run_session(other, sparring_scenario, "Red", "Anne", 5, members)
    other.close()
    assert [g.name for g in store.groups()] == ["Red", "Green", "Blue"]
    assert [s.id for s in store.sessions()] == [third.id, second.id, first.id]
    store.close()
