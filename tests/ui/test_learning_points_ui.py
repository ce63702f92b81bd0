"""A member's learning point (seed 001) shown at check-in beside their open next steps,
and on its own for a member with none open."""

from __future__ import annotations

from sparring.domain.learning import LearningPoint
from sparring.ui.screens.followup import FollowUpScreen, LearningRow, StepRow
from sparring.ui.screens.setup import SetupScreen
from tests.ui.host import drawn_text, shown_text
from tests.ui.test_app import (
    Clocks,
    a_short_session,
    make_app,
    prefill,
    started,
    wait_for_screen,
)


async def test_check_in_shows_the_learning_point_as_typed_beside_the_step(tmp_path):
    data = tmp_path / "data"
    app = make_app(data, Clocks(), tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await a_short_session(pilot, step="Call the ward manager")
        who = app.store.load(app.store.sessions()[0].id).next_steps[0].who
        app.store.add_learning_points([
            LearningPoint("group 1", who, "Lytte før jeg [bold]svarer[/bold]",
                          at="2026-01-01T09:00:00+00:00"),
            LearningPoint("Group 1", who, "Lytte mere [bold]", at="2026-02-01T09:00:00+00:00"),
            LearningPoint("Another group", who, "Not this one"),
        ])
        menu = app.screen.query_one("#home-menu")
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        menu.highlighted = next(i for i, label in enumerate(labels) if "Group 1" in label)
        await pilot.press("enter")
        await wait_for_screen(pilot, SetupScreen)
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, FollowUpScreen)
        [row] = app.screen.query(StepRow)
        text = shown_text(app.screen)
    assert row.learning_point == "Lytte mere [bold]"
    assert "Learning point: Lytte mere [bold]" in text
    assert "Not this one" not in text and "svarer" not in text


async def test_check_in_shows_the_learning_points_when_no_next_step_is_open(tmp_path):
    data = tmp_path / "data"
    app = make_app(data, Clocks(), tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await a_short_session(pilot)  # no next step set
        app.store.add_learning_points([
            LearningPoint("Group 1", "Bo", "At sige [nej] i tide", at="2026-01-01T09:00:00+00:00"),
            LearningPoint("Group 1", "Dorte", "Spørge før jeg svarer",
                          at="2026-01-01T09:00:00+00:00"),
            LearningPoint("Group 1", "Dorte", "", at="2026-02-01T09:00:00+00:00"),  # withdrawn
            LearningPoint("Group 2", "Carla", "Not this group's"),
        ])
        await pilot.press("enter")  # "New session for Group 1" comes first
        await wait_for_screen(pilot, SetupScreen)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, FollowUpScreen)
        await pilot.pause()
        drawn = drawn_text(app)
        assert list(app.screen.query(StepRow)) == []
        assert "Group 1: no next step is open." in drawn
        assert "Bo: Learning point: At sige [nej] i tide" in drawn
        assert "Dorte" not in drawn and "Carla" not in drawn
        await pilot.press("ctrl+n")
        await started(pilot)  # Continue goes on to the ground rules
        assert app.protocol is not None
        assert app.store.load(app.protocol.session.id).follow_ups == []


async def test_no_check_in_without_open_steps_or_learning_points(tmp_path):
    data = tmp_path / "data"
    app = make_app(data, Clocks(), tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await a_short_session(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, SetupScreen)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await started(pilot)  # straight on to the ground rules


async def test_check_in_shows_a_member_without_steps_beside_those_with(tmp_path):
    data = tmp_path / "data"
    app = make_app(data, Clocks(), tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await a_short_session(pilot, step="Call the ward manager")  # Anne's step
        app.store.add_learning_points([
            LearningPoint("Group 1", "anne", "Lytte mere"),
            LearningPoint("Group 1", "Carla", "Holde fast i [formålet]"),
        ])
        await pilot.press("enter")
        await wait_for_screen(pilot, SetupScreen)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, FollowUpScreen)
        await pilot.pause()
        [row] = app.screen.query(StepRow)
        [alone] = app.screen.query(LearningRow)
        drawn = drawn_text(app)
    assert row.learning_point == "Lytte mere"
    assert (alone.member, alone.learning_point) == ("Carla", "Holde fast i [formålet]")
    assert "Learning point: Lytte mere" in drawn
    assert "Carla: Learning point: Holde fast i [formålet]" in drawn
    assert drawn.count("Lytte mere") == 1  # Anne's point beside her step, not again
