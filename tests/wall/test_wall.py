"""The wall follows a session that another real process runs, within a second of each
change, and writes nothing to the data folder."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from sparring.ui.wall.app import WallApp
from sparring.ui.wall.big_clock import BigClock
from sparring.ui.wall.screen import WallScreen
from tests.wall.helpers import (
    FakeWallTime,
    Writer,
    folder_state,
    shows,
    visible_text,
    wall_app,
)

SIZE = (100, 30)


def clock(app: WallApp) -> str:
    return app.screen.query_one(BigClock).text


def part(app: WallApp, name: str) -> str:
    return str(app.screen.query_one(f"#wall-{name}", Static).content)


def on_wall(app: WallApp) -> bool:
    return isinstance(app.screen, WallScreen)


async def test_the_wall_follows_every_change_within_a_second(writer: Writer, data: Path):
    writer.setup()
    writer.fire("start")
    app = wall_app(data, wall_time=FakeWallTime())
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, lambda: on_wall(app) and clock(app) == "10:00")
        assert "1/4 Present" in part(app, "phase")
        assert "Speaks: Anne" in part(app, "phase")
        assert "purpose" in part(app, "prompts").lower()

        writer.fire("clock 30")
        writer.fire("pause")
        await shows(pilot, lambda: clock(app) == "9:30" and "PAUSED" in part(app, "state"))
        assert app.screen.has_class("-paused")

        writer.fire("resume")
        writer.fire("extend 1")
        await shows(pilot, lambda: clock(app) == "10:30" and "left" in part(app, "state"))
        assert not app.screen.has_class("-paused")

        writer.fire("clock 700")
        writer.fire("time_up")
        await shows(pilot, lambda: clock(app) == "+1:10")
        assert "OVERTIME" in part(app, "state")
        assert app.screen.has_class("-overtime")

        writer.fire("advance")
        await shows(pilot, lambda: "2/4 Reflect" in part(app, "phase"))
        assert clock(app) == "10:00" and not app.screen.has_class("-overtime")
        assert "Listens: Anne" in part(app, "phase")

        writer.fire("back")
        await shows(pilot, lambda: "1/4 Present" in part(app, "phase"))
        writer.fire("advance")
        writer.fire("advance")
        await shows(pilot, lambda: "3/4 Interview" in part(app, "phase"))

        writer.fire("advance")
        await shows(pilot, lambda: "Turn 1 of 3: Bo" in part(app, "phase"))
        assert clock(app) == "3:20"
        assert "turn 1 of 3" in part(app, "state")
        writer.fire("advance")
        await shows(pilot, lambda: "Turn 2 of 3: Carla" in part(app, "phase"))
        assert "The night shift is never asked" in part(app, "phase")

        writer.fire("check_out")
        await shows(pilot, lambda: "Check-out" in part(app, "phase"))
        assert app.screen.has_class("-idle")
        writer.fire("finish")
        await shows(pilot, lambda: "The session has ended" in part(app, "phase"))


async def test_between_changes_the_wall_counts_down_by_itself(writer: Writer, data: Path):
    writer.setup()
    writer.fire("start")
    now = FakeWallTime()
    app = wall_app(data, wall_time=now)
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, lambda: on_wall(app) and clock(app) == "10:00")
        now.now = writer.last_event_wall() + 65
        await shows(pilot, lambda: clock(app) == "8:55")
        now.now += 600
        await shows(pilot, lambda: clock(app) == "+1:05" and app.screen.has_class("-overtime"))


async def test_a_rehearsal_counts_down_at_the_time_scale_it_runs_at(
    writer: Writer, data: Path
):
    # A rehearsal at 60 session seconds a second, its clock started and nothing saved
    # since: the wall counts down a minute each second, from the one event it has.
    writer.setup(time_scale=60)
    writer.fire("start")
    now = FakeWallTime()
    app = wall_app(data, wall_time=now)
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, lambda: on_wall(app) and clock(app) == "10:00")
        now.now = writer.last_event_wall() + 5
        await shows(pilot, lambda: clock(app) == "5:00")
        now.now += 6
        await shows(pilot, lambda: clock(app) == "+1:00" and app.screen.has_class("-overtime"))
        # Paused and resumed: counted on at the same speed from the resume.
        writer.fire("clock 660")
        writer.fire("pause")
        writer.fire("resume")
        now.now = writer.last_event_wall() + 0.5
        await shows(pilot, lambda: clock(app) == "+1:30")


async def test_the_wall_writes_nothing_to_the_data_folder(writer: Writer, data: Path):
    writer.setup()
    writer.fire("start")
    writer.fire("note Kept in the room")
    before = folder_state(data)
    app = wall_app(data, show_notes=True)
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, lambda: on_wall(app) and "Kept in the room" in part(app, "notes"))
        screen = app.screen
        assert isinstance(screen, WallScreen)
        polls = screen.redraws
        screen.check_writer()
        await shows(pilot, lambda: clock(app) != "10:00", within=2.5)  # it ran a while
        assert screen.redraws == polls  # nothing changed, nothing was read again
    assert folder_state(data) == before


async def test_notes_stay_off_the_wall_unless_asked_for(writer: Writer, data: Path):
    writer.setup()
    writer.fire("start")
    writer.fire("note Zanzibar [b]budget[/b] worries")
    hidden = wall_app(data, wall_time=FakeWallTime())
    async with hidden.run_test(size=SIZE) as pilot:
        await shows(pilot, lambda: on_wall(hidden) and "Present" in part(hidden, "phase"))
        assert "Zanzibar" not in visible_text(hidden)
        assert not hidden.screen.query("#wall-notes")
    shown = wall_app(data, wall_time=FakeWallTime(), show_notes=True)
    async with shown.run_test(size=SIZE) as pilot:
        await shows(pilot, lambda: on_wall(shown) and "Present" in part(shown, "phase"))
        # As typed: the brackets are text, not markup.
        assert "Zanzibar [b]budget[/b] worries" in visible_text(shown)


async def test_the_digits_fill_a_third_of_a_100x30_screen(writer: Writer, data: Path):
    writer.setup()
    writer.fire("start")
    app = wall_app(data, wall_time=FakeWallTime())
    async with app.run_test(size=SIZE) as pilot:
        await shows(pilot, lambda: on_wall(app) and clock(app) == "10:00")
        rows = [line for line in visible_text(app).splitlines() if "█" in line]
        assert len(rows) >= 10, len(rows)
        assert max(len(line.strip()) for line in rows) >= 50
