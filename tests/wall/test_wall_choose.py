"""Which session goes on the wall: the one running, a choice of several, or a wait."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList, Static

from sparring.ui.wall.app import ChooseScreen
from sparring.ui.wall.screen import WallScreen
from tests.wall.helpers import Writer, shows, wall_app


def message(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#choose-message", Static).content)


async def test_with_none_running_it_waits_then_follows_the_one_that_starts(
    writer: Writer, data: Path
):
    app = wall_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await shows(pilot, lambda: isinstance(app.screen, ChooseScreen)
                    and "No session is running" in message(app))
        writer.setup()
        await shows(pilot, lambda: isinstance(app.screen, WallScreen), within=2.5)
        phase = app.screen.query_one("#wall-phase", Static)
        await shows(pilot, lambda: "clock has not started" in str(phase.content))
        writer.fire("start")
        await shows(pilot, lambda: "1/4 Present" in str(phase.content))


async def test_with_several_running_it_asks_which_one(
    writers: Callable[[], Writer], data: Path
):
    first, second = writers(), writers()
    first.setup()
    second.setup()
    second.fire("start")
    app = wall_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await shows(pilot, lambda: isinstance(app.screen, ChooseScreen)
                    and app.screen.query_one(OptionList).option_count == 2)
        assert "Several sessions are running" in message(app)
        options = app.screen.query_one(OptionList)
        options.highlighted = next(
            i for i in range(2) if options.get_option_at_index(i).id == second.session_id
        )
        await pilot.press("enter")
        await shows(pilot, lambda: isinstance(app.screen, WallScreen))
        assert app.screen.follower.session_id == second.session_id
        phase = app.screen.query_one("#wall-phase", Static)
        await shows(pilot, lambda: "1/4 Present" in str(phase.content))


async def test_a_session_no_one_runs_is_not_offered(writer: Writer, data: Path):
    writer.setup()
    writer.stop()
    app = wall_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await shows(pilot, lambda: isinstance(app.screen, ChooseScreen)
                    and "No session is running" in message(app))
