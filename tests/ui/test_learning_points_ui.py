"""A member's learning point (seed 001) shown at check-in beside their open next steps."""

from __future__ import annotations

from sparring.domain.learning import LearningPoint
from sparring.ui.screens.followup import FollowUpScreen, StepRow
from sparring.ui.screens.setup import SetupScreen
from tests.ui.host import shown_text
from tests.ui.test_app import Clocks, a_short_session, make_app, prefill, wait_for_screen


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
