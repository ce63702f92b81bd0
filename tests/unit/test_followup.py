"""Which next steps a group still has open at its next check-in."""

from sparring.domain.followup import open_steps
from sparring.domain.records import FollowUp, NextStep


def step(session: str, who: str, text: str, status: str = "open") -> NextStep:
    return NextStep(session_id=session, who=who, text=text, status=status, id=f"{session}-{who}")


def follow(session: str, of: NextStep, status: str, at: str, comment: str = "") -> FollowUp:
    return FollowUp(session_id=session, next_step_id=of.id, from_session_id=of.session_id,
                    who=of.who, text=of.text, status=status, comment=comment, at=at)


def test_steps_stay_open_until_a_follow_up_closes_them():
    a1 = step("s1", "Anne", "Talk to the ward manager")
    b1 = step("s1", "Bo", "Map the hand-offs")
    c2 = step("s2", "Carla", "Ask the night shift")
    sessions = [
        ("2026-10-01", [a1, b1], []),
        ("2026-11-01", [c2], [follow("s2", a1, "done", "2026-11-01T10"),
                              follow("s2", b1, "in_progress", "2026-11-01T10", "halfway")]),
    ]
    result = open_steps(sessions)
    assert [(o.step.who, o.status, o.comment) for o in result] == [
        ("Bo", "in_progress", "halfway"), ("Carla", "open", "")]


def test_the_latest_follow_up_wins():
    a1 = step("s1", "Anne", "Try a joint stand-up")
    sessions = [
        ("2026-09-01", [a1], []),
        ("2026-10-01", [], [follow("s2", a1, "in_progress", "2026-10-01T10")]),
        ("2026-11-01", [], [follow("s3", a1, "dropped", "2026-11-01T10", "no longer needed")]),
    ]
    assert open_steps(sessions) == []
