"""My cases with Pilot: a member's learning point stated and changed in a small dialog, and
the member's own case notes exported. A real store in `tmp_path`, the history's synthetic
sessions (tests/ui/test_history_screen.py)."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, RadioButton

from sparring.domain.learning import LearningPoint
from sparring.formats import day_of
from sparring.store import Archive
from sparring.ui.screens.export_dialog import ExportDialog
from sparring.ui.screens.help import HelpScreen
from sparring.ui.screens.history import HistoryScreen
from sparring.ui.screens.learning_point import LearningPointDialog
from tests.leave.helpers import group_history, run
from tests.ui.host import ScreenHost, drawn_text, type_into
from tests.ui.test_history_screen import (
    CATALOGUE,
    build_history,
    history_app,
    pick_member,
    settled,
)

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
    return [
        (p.text, p.at[:10])
        for p in store.learning_points()
        if p.member == name and p.group == "Group 1"
    ]


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
            "Lytte [bold]før[/bold] jeg svarer",
            "Spørge før jeg foreslår",
        ]
        assert f"Learning point, since {today()}: Spørge før jeg foreslår" in drawn_text(pilot.app)

        box = await dialog(pilot)  # the earlier version is listed with its date
        assert f"{today()}: Lytte [bold]før[/bold] jeg svarer" in drawn_text(pilot.app)
        assert "Saved empty, the learning point is withdrawn." in drawn_text(pilot.app)
        type_into(box.query_one("#learning-text", Input), "   ")
        await pilot.press("enter")  # empty: withdrawn, the earlier versions kept
        screen = await settled(pilot)
        assert [text for text, _day in versions(store)] == [
            "Lytte [bold]før[/bold] jeg svarer",
            "Spørge før jeg foreslår",
            "",
        ]
        assert f"No learning point now; withdrawn {today()}." in drawn_text(pilot.app)
        assert told(pilot)[-1] == (
            "Learning point of Anne (Group 1) withdrawn; the earlier versions are kept."
        )
    store.close()


async def test_the_button_opens_the_dialog_and_escape_or_no_change_saves_nothing(root: Path):
    store = Archive(root)
    store.add_learning_points(
        [LearningPoint("Group 1", "Bo", "Sige nej i tide", at="2025-03-04T12:00:00.000+00:00")]
    )
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
        assert "State or change the member's learning point (My cases)" in drawn_text(pilot.app)
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


# -- the member's own case notes ------------------------------------------------------------


def cases_app(store: Archive, out: Path) -> ScreenHost:
    """The history, exporting to `out` unless told otherwise."""
    return ScreenHost(
        lambda: HistoryScreen(
            store, catalogue=CATALOGUE, export_dir=out, reload_seconds=0, preload_seconds=None
        )
    )


def cli_export(root: Path, out: Path, form: str) -> str:
    """What `sparring export --member Anne --group "Gruppe Ø"` writes."""
    result = run(
        "export",
        "--member",
        "Anne",
        "--group",
        "Gruppe Ø",
        "--format",
        form,
        "-o",
        str(out),
        "--data-dir",
        str(root),
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


async def export_dialog(pilot: Pilot[Any], key: str = "x") -> ExportDialog:
    pilot.app.clear_notifications()
    if key.startswith("#"):
        await pilot.click(key)
    else:
        await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportDialog)
    return screen


async def test_x_saves_a_members_own_case_notes_as_the_command_does(tmp_path: Path):
    root = tmp_path / "data"
    group_history(root)  # two Annes in two groups; notes with markup and HTML in them
    assert (
        run(
            "learning-point",
            "--group",
            "Gruppe Ø",
            "--member",
            "Anne",
            "Lytte <mere>",
            "--data-dir",
            str(root),
        ).exit_code
        == 0
    )
    out = tmp_path / "out"
    stem = f"sparring-{date.today().isoformat()}-gruppe-ø-anne"
    store = Archive(root)
    async with cases_app(store, out).run_test(size=SIZE, notifications=True) as pilot:
        screen = await my_cases(pilot, None)
        pick_member(screen, "Anne", "Gruppe Ø")
        screen = await settled(pilot)
        box = await export_dialog(pilot)
        shown = drawn_text(pilot.app)
        assert "Save Anne's own case notes" in shown
        assert [str(b.label) for b in box.query(RadioButton)] == ["HTML", "Markdown"]
        assert box.query_one("#folder", Input).value == str(out)
        assert box.query_one("#name", Input).value == stem
        box.query(RadioButton)[1].value = True  # Markdown
        await pilot.press("enter")
        await settled(pilot)
        assert told(pilot) == [f"Saved Anne's own case notes to {out / (stem + '.md')}"]

        await export_dialog(pilot, "#cases-export")  # the button does the same, HTML first
        await pilot.click("#save")
        await settled(pilot)
        assert told(pilot) == [f"Saved Anne's own case notes to {out / (stem + '.html')}"]
    store.close()
    markdown, page = out / f"{stem}.md", out / f"{stem}.html"
    assert sorted(out.iterdir()) == [page, markdown]
    for path in (markdown, page):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert markdown.read_text(encoding="utf-8") == cli_export(root, tmp_path / "a.md", "md")
    assert page.read_text(encoding="utf-8") == cli_export(root, tmp_path / "a.html", "html")
    assert "Lytte &lt;mere&gt;" in page.read_text(encoding="utf-8")
    assert "the other Anne" not in page.read_text(encoding="utf-8")


async def test_the_export_key_shows_on_my_cases_only_and_waits_for_a_member(
    root: Path, tmp_path: Path
):
    store = Archive(root, read_only=True)  # an export writes nothing in the data folder
    out = tmp_path / "out"
    async with cases_app(store, out).run_test(size=SIZE, notifications=True) as pilot:
        screen = await settled(pilot)
        assert "x Export" not in drawn_text(pilot.app)  # the sessions tab
        screen = await my_cases(pilot)
        assert screen.check_action("export_cases", ()) is None  # dimmed: no member yet
        assert screen.query_one("#cases-export", Button).disabled
        await pilot.press("x")
        await pilot.pause()
        assert pilot.app.screen is screen
        pick_member(screen, "Anne")
        screen = await settled(pilot)
        assert screen.check_action("export_cases", ()) is True
        assert not screen.query_one("#cases-export", Button).disabled
        assert "x Export" in drawn_text(pilot.app)
        await pilot.press("f1")
        await pilot.pause()
        assert "Save the member's own case notes: HTML or Markdown" in drawn_text(pilot.app)
        await pilot.press("f1")
        await pilot.pause()
        await export_dialog(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert pilot.app.screen is screen and told(pilot) == []
    assert not out.exists()
    store.close()


async def test_an_export_that_cannot_be_written_says_so(root: Path, tmp_path: Path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    store = Archive(root)
    async with cases_app(store, blocked).run_test(size=SIZE, notifications=True) as pilot:
        await my_cases(pilot, "Anne")
        await export_dialog(pilot)
        await pilot.press("enter")
        await settled(pilot)
        [notice] = list(pilot.app._notifications)
    store.close()
    assert notice.title == "Not exported" and notice.severity == "error"
    assert notice.message.startswith("Anne's case notes were not written: ")
    assert blocked.read_text(encoding="utf-8") == ""


async def test_the_cases_leave_without_the_learning_point_when_it_cannot_be_read(
    root: Path, tmp_path: Path
):
    (root / "learning-points.json").write_text("{not json", encoding="utf-8")
    out = tmp_path / "out"
    store = Archive(root)
    async with cases_app(store, out).run_test(size=SIZE, notifications=True) as pilot:
        await my_cases(pilot, "Anne")
        box = await export_dialog(pilot)
        box.query(RadioButton)[1].value = True  # Markdown
        await pilot.press("enter")
        await settled(pilot)
        saved, warned = list(pilot.app._notifications)
    store.close()
    [path] = out.iterdir()
    assert saved.message == f"Saved Anne's own case notes to {path}"
    assert warned.title == "Exported without the learning point"
    assert warned.message.endswith("learning-points.json: is not valid JSON (line 1)")
    text = path.read_text(encoding="utf-8")
    assert "No learning point stated yet." in text and "My hand-offs have the same silence" in text


async def test_the_app_offers_both_in_the_palette_and_suggests_its_export_folder(tmp_path: Path):
    from textual.command import CommandPalette

    from sparring.ui.app import SparringApp
    from sparring.ui.screens.home import HomeScreen
    from tests.ui.test_app import Clocks, a_short_session, prefill, wait_for_screen

    out = tmp_path / "exports"
    app = SparringApp(
        Archive(tmp_path / "data"),
        CATALOGUE,
        clock_factory=Clocks(),
        export_dir=out,
        prefill=prefill(),
        ready=True,
    )
    async with app.run_test(size=(110, 40)) as pilot:
        await a_short_session(pilot)
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("h")
        await wait_for_screen(pilot, HistoryScreen)
        screen = await my_cases(pilot, "Bo")
        await pilot.press("f2")
        await wait_for_screen(pilot, CommandPalette)
        for char in "learning":
            await pilot.press(char)
        for _ in range(10):
            await pilot.pause(0.05)
        assert "State or change the member's learning point (My cases) (l)" in drawn_text(app)
        await pilot.press("escape")
        await wait_for_screen(pilot, HistoryScreen)
        box = await export_dialog(pilot, "x")
        assert box.query_one("#folder", Input).value == str(out)
        assert box.query_one("#name", Input).value.endswith("-group-1-bo")
        await pilot.press("escape")
        await wait_for_screen(pilot, HistoryScreen)
        assert pilot.app.screen is screen
