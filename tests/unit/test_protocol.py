"""The protocol's state machine on a fake clock: states, time, guards and replay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sparring.domain.clock import FakeClock
from sparring.domain.protocol import TRIGGERS, Protocol
from sparring.domain.scenario import Scenario
from sparring.domain.session import Event, Session
from tests.conftest import make_session

MIN = 60.0


def started(scenario: Scenario, session: Session, clock: FakeClock) -> Protocol:
    protocol = Protocol(scenario, session, clock)
    assert protocol.fire("start")
    return protocol


def test_a_full_walk_of_the_35_minute_protocol(sparring_scenario, session, clock):
    protocol = Protocol(sparring_scenario, session, clock)
    assert protocol.state == "setup"
    assert protocol.total_remaining == 35 * MIN
    assert protocol.fire("start")

    assert protocol.state == "present"
    assert protocol.remaining == 10 * MIN
    assert protocol.total_remaining == 35 * MIN
    clock.advance(10 * MIN)
    assert protocol.remaining == 0
    assert protocol.total_remaining == 25 * MIN
    assert protocol.fire("advance")

    assert protocol.state == "reflect"
    assert protocol.remaining == 10 * MIN
    clock.advance(10 * MIN)
    assert protocol.fire("advance")

    assert protocol.state == "interview"
    assert protocol.remaining == 5 * MIN
    assert protocol.total_remaining == 15 * MIN
    clock.advance(5 * MIN)
    assert protocol.fire("advance")

    assert protocol.state == "round"
    assert protocol.turn_count == 3
    for turn, speaker in enumerate(["Bo", "Carla", "Dorte"]):
        assert protocol.turn == turn
        assert protocol.speaker == speaker
        assert protocol.remaining == pytest.approx(200)  # 10 minutes over 3: 3:20 each
        assert protocol.phase_remaining == pytest.approx(200 * (3 - turn))
        clock.advance(200)
        assert protocol.fire("advance")

    assert protocol.state == "checkout"
    assert protocol.total_remaining == 0
    assert protocol.elapsed == pytest.approx(35 * MIN)
    assert [round(t.actual_seconds) for t in protocol.timings()] == [600, 600, 300, 600]
    assert protocol.fire("finish")
    assert protocol.state == "finished"
    assert not protocol.allowed("advance")
    assert not protocol.fire("advance")


def test_pause_moves_the_deadline_and_is_left_out_of_elapsed(sparring_scenario, session, clock):
    protocol = started(sparring_scenario, session, clock)
    clock.advance(3 * MIN)
    assert protocol.fire("pause")
    assert protocol.paused
    clock.advance(7 * MIN)
    assert protocol.remaining == 7 * MIN  # frozen while paused
    assert not protocol.allowed("pause")
    assert protocol.fire("resume")
    assert protocol.remaining == 7 * MIN
    clock.advance(1 * MIN)
    assert protocol.remaining == 6 * MIN
    assert protocol.elapsed == 4 * MIN
    assert not protocol.allowed("resume")


def test_extend_adds_and_removes_minutes_but_never_below_zero(sparring_scenario, session, clock):
    protocol = started(sparring_scenario, session, clock)
    assert protocol.fire("extend", minutes=1)
    assert protocol.remaining == 11 * MIN
    assert protocol.fire("extend", minutes=-1)
    assert protocol.remaining == 10 * MIN
    clock.advance(9.5 * MIN)
    assert not protocol.allowed("extend", minutes=-1)  # 30 s left: a minute less is below zero
    assert not protocol.fire("extend", minutes=-1)
    assert not protocol.allowed("extend", minutes=0)
    assert protocol.remaining == 0.5 * MIN


def test_overtime_counts_up_and_time_up_fires_once(sparring_scenario, session, clock):
    protocol = started(sparring_scenario, session, clock)
    clock.advance(9 * MIN)
    assert not protocol.allowed("time_up")
    clock.advance(1 * MIN + 75)
    assert protocol.fire("time_up")
    assert protocol.state == "present"  # overtime, not an automatic advance
    assert protocol.overtime == 75
    assert protocol.remaining == -75
    assert not protocol.allowed("time_up")
    assert protocol.fire("extend", minutes=2)  # a bit more time ends the overtime
    assert protocol.remaining == 45
    clock.advance(45)
    assert protocol.fire("time_up")
    clock.advance(30)
    assert protocol.fire("advance")
    assert protocol.timings()[0].actual_seconds == 10 * MIN + 150
    assert protocol.timings()[0].over_seconds == 150


def test_back_returns_to_where_the_phase_was_left(sparring_scenario, session, clock):
    protocol = started(sparring_scenario, session, clock)
    assert not protocol.allowed("back")  # nothing before the first phase
    clock.advance(4 * MIN)
    protocol.fire("advance")
    clock.advance(1 * MIN)
    assert protocol.fire("back")
    assert protocol.state == "present"
    assert protocol.remaining == 6 * MIN
    assert protocol.fire("advance")
    assert protocol.state == "reflect"
    assert protocol.remaining == 9 * MIN


def test_back_and_advance_move_turn_by_turn_in_the_round(sparring_scenario, session, clock):
    protocol = started(sparring_scenario, session, clock)
    for _ in range(3):
        protocol.fire("advance")
    assert protocol.state == "round" and protocol.speaker == "Bo"
    clock.advance(100)
    protocol.fire("advance")
    assert protocol.speaker == "Carla"
    assert protocol.fire("back")
    assert protocol.speaker == "Bo"
    assert protocol.remaining == pytest.approx(100)
    protocol.fire("back")
    assert protocol.state == "interview"
    for _ in range(3):
        protocol.fire("advance")
    protocol.fire("advance")
    assert protocol.state == "checkout"
    assert protocol.fire("back")
    assert protocol.state == "round" and protocol.speaker == "Dorte"


@pytest.mark.parametrize("members", [3, 4, 5, 6])
def test_the_round_has_one_turn_per_other_member(sparring_scenario, clock, members):
    session = make_session(members)
    protocol = started(sparring_scenario, session, clock)
    for _ in range(3):
        protocol.fire("advance")
    assert protocol.turn_count == members - 1
    speakers = []
    while protocol.state == "round":
        speakers.append(protocol.speaker)
        assert protocol.remaining == pytest.approx(600 / (members - 1))
        protocol.fire("advance")
    assert speakers == session.member_names[1:]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda s: setattr(s, "participants", s.participants[:2]), "3 to 6 members"),
        (lambda s: setattr(s, "participants", s.participants * 2), "3 to 6 members"),
        (lambda s: setattr(s, "case_owner", None), "Choose the case"),
        (lambda s: setattr(s, "case_owner", "Nobody"), "Choose the case"),
        (lambda s: setattr(s, "timekeeper", ""), "timekeeper"),
        (lambda s: s.participants[2].__setattr__("name", "anne"), "same name"),
    ],
)
def test_start_is_refused_until_setup_is_complete(sparring_scenario, clock, change, problem):
    session = make_session(4)
    change(session)
    protocol = Protocol(sparring_scenario, session, clock)
    assert not protocol.allowed("start")
    assert not protocol.fire("start")
    assert protocol.state == "setup"
    assert session.events == []
    assert any(problem in text for text in session.problems(sparring_scenario))


def test_triggers_outside_their_states_are_refused(sparring_scenario, session, clock):
    protocol = Protocol(sparring_scenario, session, clock)
    for trigger in ("advance", "back", "pause", "resume", "extend", "time_up", "finish"):
        assert (
            not protocol.allowed(trigger, minutes=1)
            if trigger == "extend"
            else not protocol.allowed(trigger)
        )
    assert not protocol.allowed("no_such_trigger")
    assert protocol.fire("abort")
    assert protocol.state == "aborted"
    assert not any(protocol.allowed(t) for t in TRIGGERS)


def test_check_out_ends_the_phases_early(sparring_scenario, session, clock):
    protocol = started(sparring_scenario, session, clock)
    clock.advance(2 * MIN)
    assert protocol.fire("check_out")
    assert protocol.state == "checkout"
    assert protocol.timings()[0].actual_seconds == 2 * MIN


def test_a_phase_may_advance_by_itself_when_the_scenario_says_so(sparring_scenario, clock):
    from dataclasses import replace

    phases = (
        replace(sparring_scenario.phases[0], on_time_up="advance"),
        *sparring_scenario.phases[1:],
    )
    scenario = replace(sparring_scenario, phases=phases)
    protocol = started(scenario, make_session(), clock)
    clock.advance(10 * MIN)
    assert protocol.fire("time_up")
    assert protocol.state == "reflect"
    assert [e.trigger for e in protocol.session.events] == ["start", "time_up", "advance"]


def test_every_event_is_recorded_before_it_is_applied(sparring_scenario, session, clock):
    seen: list[tuple[str, str]] = []
    holder: dict[str, Protocol] = {}

    def recorder(event: Event) -> None:
        seen.append((event.trigger, holder["p"].state))

    protocol = Protocol(sparring_scenario, session, clock, recorder=recorder)
    holder["p"] = protocol
    protocol.fire("start")
    clock.advance(5)
    protocol.fire("advance")
    assert seen == [("start", "setup"), ("advance", "present")]
    assert [e.at for e in session.events] == [0, 5]


def test_a_failing_recorder_leaves_the_state_unchanged(sparring_scenario, session, clock):
    def full_disk(event: Event) -> None:
        raise OSError(28, "No space left on device")

    protocol = Protocol(sparring_scenario, session, clock, recorder=full_disk)
    with pytest.raises(OSError):
        protocol.fire("start")
    assert protocol.state == "setup"
    assert session.events == []


def test_replaying_the_log_gives_the_live_state(sparring_scenario, session, clock):
    live = started(sparring_scenario, session, clock)
    script = [
        (90, "pause"),
        (30, "resume"),
        (200, "extend", 2),
        (400, "advance"),
        (700, "time_up"),
        (10, "advance"),
        (0, "advance"),
        (100, "advance"),
        (50, "pause"),
    ]
    for step in script:
        clock.advance(step[0])
        args = {"minutes": step[2]} if len(step) > 2 else {}
        assert live.fire(step[1], **args), step
    copy = Session.from_dict(session.to_dict())
    rebuilt = Protocol(sparring_scenario, copy, FakeClock(clock.now()))
    assert rebuilt.state == live.state == "round"
    assert rebuilt.turn == live.turn == 1
    assert rebuilt.paused and live.paused
    assert rebuilt.remaining == live.remaining
    assert rebuilt.total_remaining == live.total_remaining
    assert rebuilt.elapsed == live.elapsed
    assert rebuilt.timings() == live.timings()
    assert rebuilt.overtime_signalled == live.overtime_signalled


@settings(max_examples=150, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(TRIGGERS), st.integers(-3, 3),
                                st.sampled_from([0, 30, 250, 700])), max_size=25))
def test_each_event_names_the_state_it_leads_to(sparring_scenario, steps):
    # The catalogue keeps a session's state from `to` (check-out reached by advance is
    # check-out): it must be where the machine lands, whatever the walk.
    clock = FakeClock()
    protocol = Protocol(sparring_scenario, make_session(), clock)
    for trigger, minutes, seconds in steps:
        clock.advance(seconds)
        args = {"minutes": minutes} if trigger == "extend" else {}
        if protocol.fire(trigger, **args):
            assert protocol.session.events[-1].to == protocol.state
