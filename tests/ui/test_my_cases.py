"""My cases with Pilot: a member's learning point stated and changed in a small dialog, and
the member's own case notes exported. A real store in `tmp_path`, the history's synthetic
sessions (tests/ui/test_history_screen.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

from sparring.domain.learning import LearningPoint
from sparring.formats import day_of
from sparring.store import Archive
from sparring.ui.screens.help import HelpScreen
from sparring.ui.screens.history import HistoryScreen
from sparring.ui.screens.learning_point import LearningPointDialog
from tests.ui.host import drawn_text, type_into
from tests.ui.test_history_screen import build_history, history_app, pick_member, settled

SIZE = (80, 24)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    build_history(tmp_path / "data")
    return tmp_path / "data"


def today() -> str:
    return day_of(datetime.now(UTC).isoformat())


async def my_cases(pilot: Pilot[Any], name: str | None = None) -> HistoryScreen:
    """Show the My cases tab, with the member called `name` chosen."""
    await settled(pilot)
    await pilot.press("3")
    screen = await settled(pilot)
    if name is not None:
        pick_member(screen, name)
        screen = await settled(pilot)
    return screen


async def dialog(pilot: Pilot[Any], key: str = "l") -> LearningPointDialog:
    """Open the learning point's dialog with `key` (the toasts said before are let go)."""
    pilot.app.clear_notifications()
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LearningPointDialog)
    return screen


def told(pilot: Pilot[Any]) -> list[str]:
    """What the app's notifications said, oldest first (a toast wraps where it is drawn)."""
    return [n.message for n in pilot.app._notifications]


def versions(store: Archive, name: str = "Anne") -> list[tuple[str, str]]:
    """(text, day) of every version of the member's learning point in Group 1, as stored."""
    return [(p.text, p.at[:10]) for p in store.learning_points()
            if p.member == name and p.group == "Group 1"]


# -- the learning point -----------------------------------------------------------------------


async def test_l_states_and_changes_a_learning_point_each_kept_with_its_date(root: Path):
    store = Archive(root)
    async with history_app(store).run_test(size=SIZE, notifications=True) as pilot:
        screen = await my_cases(pilot, "Anne")
        assert "No learning point stated yet." in drawn_text(pilot.app)
        box = await dialog(pilot)
        field = box.query_one("#learning-text", Input)
        assert field.value == "" and field.has_focus
        assert "Learning point of Anne (Group 1)" in drawn_text(pilot.app)
        type_into(field, "  Lytte [bold]før[/bold] jeg svarer ")
        await pilot.press("enter")
        screen = await settled(pilot)
        assert pilot.app.screen is screen
        stated = datetime.now(UTC).isoformat()[:10]
        assert versions(store) == [("Lytte [bold]før[/bold] jeg svarer", stated)]
        shown = drawn_text(pilot.app)
        assert f"Learning point, since {today()}: Lytte [bold]før[/bold] jeg svarer" in shown
        assert told(pilot)[-1] == "Learning point of Anne (Group 1) kept."

        box = await dialog(pilot)  # changed: the one now is there to edit
        field = box.query_one("#learning-text", Input)
        assert field.value == "Lytte [bold]før[/bold] jeg svarer"
        assert f"Stated {today()}." in drawn_text(pilot.app)
        type_into(field, "Spørge før jeg foreslår")
        await pilot.click("#save")
        screen = await settled(pilot)
        assert [text for text, _day in versions(store)] == [
            "Lytte [bold]før[/bold] jeg svarer", "Spørge før jeg foreslår"]
        assert f"Learning point, since {today()}: Spørge før jeg foreslår" in drawn_text(pilot.app)

        box = await dialog(pilot)  # the earlier version is listed with its date
        assert f"{today()}: Lytte [bold]før[/bold] jeg svarer" in drawn_text(pilot.app)
        assert "Saved empty, the learning point is withdrawn." in drawn_text(pilot.app)
        type_into(box.query_one("#learning-text", Input), "   ")
        await pilot.press("enter")  # empty: withdrawn, the earlier versions kept
        screen = await settled(pilot)
        assert [text for text, _day in versions(store)] == [
            "Lytte [bold]før[/bold] jeg svarer", "Spørge før jeg foreslår", ""]
        assert f"No learning point now; withdrawn {today()}." in drawn_text(pilot.app)
        assert told(pilot)[-1] == (
            "Learning point of Anne (Group 1) withdrawn; the earlier versions are kept.")
    store.close()


async def test_the_button_opens_the_dialog_and_escape_or_no_change_saves_nothing(root: Path):
    store = Archive(root)
    store.add_learning_points([LearningPoint("Group 1", "Bo", "Sige nej i tide",
                                             at="2025-03-04T12:00:00.000+00:00")])
    async with history_app(store).run_test(size=SIZE, notifications=True) as pilot:
        screen = await my_cases(pilot, "Bo")
        await pilot.click("#cases-learning-point")
        await pilot.pause()
        box = pilot.app.screen
        assert isinstance(box, LearningPointDialog)
        type_into(box.query_one("#learning-text", Input), "Something else")
        await pilot.press("escape")
        screen = await settled(pilot)
        assert pilot.app.screen is screen
        box = await dialog(pilot)
        await pilot.press("enter")  # unchanged: no new version
        screen = await settled(pilot)
        assert told(pilot)[-1] == "The learning point is unchanged; nothing was saved."
        assert versions(store, "Bo") == [("Sige nej i tide", "2025-03-04")]

        pick_member(screen, "Carla")
        screen = await settled(pilot)
        box = await dialog(pilot)
        await pilot.press("enter")  # nothing to state and nothing to withdraw
        await pilot.pause()
        assert pilot.app.screen is box  # the dialog stays, and says why
        assert told(pilot)[-1] == "Write a learning point to state one, or Cancel."
        await pilot.click("#cancel")
        await settled(pilot)
        assert versions(store, "Carla") == []
    store.close()


async def test_the_learning_point_key_shows_on_my_cases_only_and_waits_for_a_member(root: Path):
    store = Archive(root)
    async with history_app(store).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert "l Learning point" not in drawn_text(pilot.app)  # the sessions tab
        await pilot.press("l")
        await pilot.pause()
        assert pilot.app.screen is screen
        screen = await my_cases(pilot)
        assert screen.check_action("learning_point", ()) is None  # dimmed: no member yet
        assert screen.query_one("#cases-learning-point", Button).disabled
        pick_member(screen, "Anne")
        screen = await settled(pilot)
        assert screen.check_action("learning_point", ()) is True
        assert not screen.query_one("#cases-learning-point", Button).disabled
        assert "l Learning point" in drawn_text(pilot.app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        assert "State or change the chosen member's learning point" in drawn_text(pilot.app)
        await pilot.press("f1")
        await pilot.pause()
        pick_member(screen, "Åse [HR]")  # names and groups are shown as typed
        screen = await settled(pilot)
        await dialog(pilot)
        assert "Learning point of Åse [HR] (Group [2])" in drawn_text(pilot.app)
    store.close()


async def test_no_learning_point_is_stated_while_the_folder_is_only_read(root: Path):
    store = Archive(root, read_only=True)
    before = (root / "learning-points.json").exists()
    async with history_app(store).run_test(size=SIZE) as pilot:
        screen = await my_cases(pilot, "Anne")
        assert screen.check_action("learning_point", ()) is None
        assert screen.query_one("#cases-learning-point", Button).disabled
        await pilot.press("l")
        await pilot.pause()
        assert pilot.app.screen is screen
    assert (root / "learning-points.json").exists() == before
    store.close()
