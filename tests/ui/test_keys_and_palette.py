"""F1 on every screen of the real app, the palette (F2), the themes and the settings file,
looked at as they are drawn."""

from __future__ import annotations

import os
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Select, Static

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import MonotonicClock
from sparring.settings import Settings, load_settings
from sparring.store import Archive
from sparring.ui.app import SparringApp
from sparring.ui.screens.charts import ChartsScreen
from sparring.ui.screens.checkout import CheckoutScreen
from sparring.ui.screens.ground_rules import GroundRulesScreen
from sparring.ui.screens.help import HelpScreen
from sparring.ui.screens.history import HistoryScreen
from sparring.ui.screens.home import HomeScreen
from sparring.ui.screens.session import SessionScreen
from sparring.ui.screens.setup import SetupScreen
from sparring.ui.screens.summary import SummaryScreen
from tests.ui.host import drawn_text
from tests.ui.test_app import Clocks, prefill, started, wait_for_screen

SIZE = (110, 40)


def make_app(tmp_path: Path, **kwargs) -> SparringApp:
    return SparringApp(Archive(tmp_path / "data"), load_catalogue(), clock_factory=Clocks(),
                       export_dir=tmp_path, **kwargs)


async def help_lines(pilot) -> list[str]:
    """Open the help with F1, read what it draws, close it with F1."""
    under = pilot.app.screen
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    lines = drawn_text(pilot.app).splitlines()
    await pilot.press("f1")
    await pilot.pause()
    assert pilot.app.screen is under
    return lines


def shows(lines: list[str], key: str, words: str) -> bool:
    """Whether a drawn line has `key` followed by `words`."""
    return any(f" {key} " in line and words in line.split(f" {key} ", 1)[1] for line in lines)


async def test_f1_shows_every_screens_keys_as_they_are_drawn(tmp_path):
    app = make_app(tmp_path, prefill=prefill(), ready=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SetupScreen)
        lines = await help_lines(pilot)
        assert shows(lines, "ctrl+n", "Go on to the ground rules")
        assert shows(lines, "escape", "Leave the setup")
        assert shows(lines, "ctrl+q", "Quit")
        assert shows(lines, "f2", "Find what to do")
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, GroundRulesScreen)
        lines = await help_lines(pilot)
        assert shows(lines, "enter", "The rules are said")
        assert shows(lines, "escape", "Go back and change")
        await started(pilot)
        lines = await help_lines(pilot)
        assert shows(lines, "ctrl+p", "Pause the countdown")
        assert shows(lines, "ctrl+l", "Pick the note's lens")
        await pilot.press("ctrl+o", "y")
        await wait_for_screen(pilot, CheckoutScreen)
        lines = await help_lines(pilot)
        assert shows(lines, "ctrl+n", "Finish the check-out")
        assert shows(lines, "ctrl+s", "Save the meeting evaluation")
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, SummaryScreen)
        lines = await help_lines(pilot)
        assert shows(lines, "x", "Write this summary")
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        lines = await help_lines(pilot)
        assert shows(lines, "n", "Set up a new sparring session")
        assert shows(lines, "t", "Real time, or faster")
        await pilot.press("h")
        await wait_for_screen(pilot, HistoryScreen)
        lines = await help_lines(pilot)
        assert shows(lines, "c", "Charts")
        assert shows(lines, "slash", "Search")
        await pilot.press("c")
        await wait_for_screen(pilot, ChartsScreen)
        lines = await help_lines(pilot)
        assert shows(lines, "g", "Choose the group")


async def test_f1_shows_keys_as_the_settings_remapped_them(tmp_path):
    settings = Settings(keys={"new_session": "f6", "pause": "f5"})
    app = make_app(tmp_path, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        lines = await help_lines(pilot)
        assert shows(lines, "f6", "Set up a new sparring session")
        assert not shows(lines, "n", "Set up a new sparring session")
        await pilot.press("f6")
        await wait_for_screen(pilot, SetupScreen)


async def test_a_wrong_setting_is_shown_on_the_start_screen(tmp_path):
    problem = "settings.toml, line 2: theme must be one of ..."
    app = make_app(tmp_path, settings=Settings(keys={"pause": "f5", "paws": "f6"}),
                   settings_problems=[problem])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        for _ in range(5):
            await pilot.pause()
        assert problem in drawn_text(app)
        line = str(app.screen.query_one("#home-settings", Static).render())
        assert problem in line
        assert "keys.paws is not a key id of Sparring" in line
        assert "keys.pause" not in line
        assert any(n.message == problem for n in app._notifications)


async def palette(pilot, text: str) -> list[str]:
    """Open the palette with F2, type `text`, and read the commands it draws."""
    await pilot.press("f2")
    await wait_for_screen(pilot, CommandPalette)
    for char in text:
        await pilot.press(char if char != " " else "space")
    for _ in range(10):
        await pilot.pause(0.05)
    return drawn_text(pilot.app).splitlines()


async def test_the_palette_tags_a_note_with_a_lens_by_name(tmp_path):
    app = make_app(tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        lines = await palette(pilot, "lens: proc")
        assert any("Lens: Processes" in line for line in lines)
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionScreen)
        await pilot.pause()
        assert "Lens ^l: Processes" in drawn_text(app)


async def test_the_palette_offers_pause_and_a_theme_that_is_remembered(tmp_path):
    app = make_app(tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        lines = await palette(pilot, "pause")
        assert any("Pause the countdown (ctrl+p)" in line for line in lines)
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionScreen)
        await pilot.pause()
        assert app.protocol is not None and app.protocol.paused
        await palette(pilot, "theme light")
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionScreen)
        assert app.theme == "textual-light"
    path = Path(os.environ["SPARRING_CONFIG_DIR"]) / "settings.toml"
    assert load_settings(path)[0].theme == "light"


async def test_the_theme_of_the_settings_is_used(tmp_path):
    app = make_app(tmp_path, settings=Settings(theme="high-contrast"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert app.theme == "sparring-high-contrast"
        assert app.current_theme.background == "#000000"


async def test_the_start_screen_sets_the_clocks_speed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert "Clock: real time (t changes it)" in drawn_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert "Clock: rehearsal, 10 times as fast (saved as a rehearsal)" in drawn_text(app)
        assert app.time_scale == 10
        await pilot.press("n")
        await wait_for_screen(pilot, SetupScreen)
        assert app.screen.query_one("#time-scale", Select).value == 10


async def test_a_faster_clock_chosen_at_setup_makes_a_rehearsal(tmp_path):
    app = make_app(tmp_path, prefill=prefill(), ready=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SetupScreen)
        app.screen.query_one("#time-scale", Select).value = 60.0
        await pilot.pause()
        await pilot.press("ctrl+n")
        await started(pilot)
        assert app.time_scale == 60
        assert app.protocol is not None and app.protocol.session.rehearsal
        session_id = app.protocol.session.id
    # The speed is kept with the session: a wall, and a resume, run its clock at it.
    assert Archive(tmp_path / "data", read_only=True).load(session_id).session.time_scale == 60


async def test_a_rehearsal_resumes_at_the_speed_it_was_started_at(tmp_path):
    app = make_app(tmp_path, prefill=prefill(), ready=True, time_scale=10)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("ctrl+q")
    app.close_store()  # as `sparring` does when its app has quit
    # Resumed in a Sparring whose clock is set to real time, with the real clock.
    again = SparringApp(Archive(tmp_path / "data"), load_catalogue(), export_dir=tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        assert again.time_scale == 1
        await pilot.press("enter")  # "Resume" is offered first
        await wait_for_screen(pilot, SessionScreen)
        assert again.protocol is not None
        clock = again.protocol.clock
        assert isinstance(clock, MonotonicClock) and clock.time_scale == 10


async def test_the_start_screen_names_the_clocks_key_as_remapped(tmp_path):
    app = make_app(tmp_path, settings=Settings(keys={"time_scale": "f7"}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("f7")
        await pilot.pause()
        assert "Clock: rehearsal, 10 times as fast (saved as a rehearsal) (f7 changes it)" in (
            drawn_text(app)
        )


def test_the_bell_rings_only_when_the_settings_let_it(tmp_path, monkeypatch):
    rung: list[bool] = []
    monkeypatch.setattr("textual.app.App.bell", lambda self: rung.append(True))
    make_app(tmp_path, settings=Settings(bell=False)).bell()
    assert rung == []
    make_app(tmp_path).bell()
    assert rung == [True]
