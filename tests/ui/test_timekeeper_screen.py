"""The timekeeper's screen: who said a note, the warning before time is up, the total
with the extra minutes, and toasts that leave the countdown and the note field free."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Input, Static

from sparring.domain.clock import FakeClock
from sparring.ui.widgets.countdown import Countdown
from sparring.ui.widgets.progress import SessionProgress
from tests.conftest import make_session
from tests.ui.host import drawn_text
from tests.ui.session_host import SessionHost, open_store
from tests.ui.test_session_screen import type_note


def tags_line(host: SessionHost) -> str:
    return str(host.screen.query_one("#tags", Static).render())


async def test_in_the_reflection_a_note_says_who_of_the_team_said_it(sparring_scenario, tmp_path):
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())
    async with host.run_test() as pilot:
        assert "Said by" not in tags_line(host)  # the case owner presents: it is hers
        await pilot.press("ctrl+n")
        assert host.protocol.state == "reflect"
        assert "Said by ^s: not said" in tags_line(host)
        await pilot.press("ctrl+s", "2")  # not said, Bo, Carla, Dorte
        assert "Said by ^s: Carla" in tags_line(host)
        await type_note(pilot, "what if the night shift decided")
        await type_note(pilot, "and then")
        notes = host.store.load(host.protocol.session.id).notes
        assert [(n.author, n.about) for n in notes] == [("Carla", "Anne"), (None, "Anne")]
        assert "Said by ^s: not said" in tags_line(host)  # not carried to the next note


async def test_escape_in_the_picker_keeps_the_tag_and_the_typed_text(sparring_scenario, tmp_path):
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())
    async with host.run_test() as pilot:
        host.screen.query_one(Input).value = "half a thought"
        await pilot.press("ctrl+l", "1")
        await pilot.press("ctrl+l", "escape")
        assert "Lens ^l: Purpose" in tags_line(host)
        assert host.focused is host.screen.query_one(Input)
        assert host.focused.value == "half a thought"


async def test_the_warning_comes_only_on_a_countdown_long_enough_for_it(
    sparring_scenario, tmp_path
):
    # A two-minute warning: the 10-minute phase gets it, a 3:20 turn of the round does not.
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock(),
                       warning_seconds=120)
    async with host.run_test(notifications=True) as pilot:
        screen = host.screen
        host.clock.advance(8 * 60 + 30)
        screen.tick()
        await pilot.pause()
        assert [n.message for n in host._notifications] == ["2:00 left: Present."]
        assert screen.query_one(Countdown).has_class("-warning")
        host.clear_notifications()
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        assert host.protocol.state == "round"
        for _ in range(8):
            host.clock.advance(20)
            screen.tick()
        await pilot.pause()
        assert not any(n.title == "Nearly time" for n in host._notifications)


async def test_a_minute_more_is_part_of_the_total(sparring_scenario, tmp_path):
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())
    async with host.run_test() as pilot:
        await pilot.press("ctrl+t")
        progress = str(host.screen.query_one(SessionProgress).render())
        assert "36:00 left of 36:00" in progress
        await pilot.press("ctrl+g", "ctrl+g")
        progress = str(host.screen.query_one(SessionProgress).render())
        assert "34:00 left of 34:00" in progress


def cells(drawn: str, region: Region) -> list[str]:
    """The characters drawn in `region` of the terminal, row by row."""
    lines = drawn.splitlines()
    return [
        lines[y][region.x : region.right].ljust(region.width) if y < len(lines) else ""
        for y in range(region.y, region.bottom)
    ]


async def test_toasts_leave_the_countdown_and_the_note_field_free(sparring_scenario, tmp_path):
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())
    async with host.run_test(size=(100, 30), notifications=True) as pilot:
        screen = host.screen
        free = [screen.query_one(Input).region, screen.query_one(Countdown).region]
        before = drawn_text(host)
        for number in range(4):
            host.notify(f"A long message number {number} " * 4, title="Time's up", timeout=60)
        await pilot.pause()
        after = drawn_text(host)
        assert "Time's up" in after
        for region in free:
            assert cells(after, region) == cells(before, region)
