"""The running session, driven by keys with Pilot, on a fake clock and a real store."""

from __future__ import annotations

import errno

import pytest
from textual.widgets import Digits, Input, Static

from sparring.domain.clock import FakeClock
from sparring.ui.screens.help import HelpScreen
from sparring.ui.screens.session import SessionScreen
from sparring.ui.widgets.notes import NoteList
from tests.conftest import make_session
from tests.ui.host import drawn_text
from tests.ui.session_host import SessionHost, open_store


def digits(app: SessionHost) -> str:
    return str(app.screen.query_one(Digits).value)


def note_lines(app: SessionHost) -> list[str]:
    notes = app.screen.query_one(NoteList)
    return [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]


async def type_note(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")
    await pilot.press("enter")


@pytest.fixture
def host(sparring_scenario, tmp_path):
    return SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())


async def test_typing_writes_a_note_that_shows_once_saved(host):
    async with host.run_test() as pilot:
        screen = host.screen
        assert isinstance(screen, SessionScreen)
        assert isinstance(host.focused, Input)
        await type_note(pilot, "no shared goal")
        stored = host.store.load(host.protocol.session.id)
        assert [n.text for n in stored.notes] == ["no shared goal"]
        note = stored.notes[0]
        assert (note.phase, note.about, note.author) == ("present", "Anne", "Anne")
        assert note_lines(host) == ["✓ (Anne) no shared goal"]
        assert host.focused.value == ""


async def test_notes_are_tagged_with_lens_and_kind_from_the_keyboard(host):
    async with host.run_test() as pilot:
        await pilot.press("ctrl+l", "2")  # none, purpose, processes: the third
        await pilot.press("ctrl+y", "down", "enter")  # none, then the first kind
        await type_note(pilot, "handoffs")
        note = host.store.load(host.protocol.session.id).notes[0]
        assert (note.lens, note.kind) == ("processes", "consideration")
        assert note_lines(host)[0].startswith("✓ Processes")
        tags = str(host.screen.query_one("#tags", Static).render())
        assert "Lens ^l: none" in tags and "Kind ^y: none" in tags  # the next note: untagged
        await type_note(pilot, "next")
        second = host.store.load(host.protocol.session.id).notes[1]
        assert (second.lens, second.kind) == (None, None)


async def test_user_text_is_shown_exactly_as_typed(sparring_scenario, tmp_path):
    session = make_session()
    session.participants[1].name = "[red]Bø[/red] 🎉"
    session.timekeeper = session.participants[1].name
    host = SessionHost(sparring_scenario, session, open_store(tmp_path), FakeClock())
    async with host.run_test() as pilot:
        host.screen.query_one(Input).value = "[bold]æøå[/bold] 🎉 [link]"
        await pilot.press("enter")
        assert note_lines(host) == ["✓ (Anne) [bold]æøå[/bold] 🎉 [link]"]
        header = str(host.screen.query_one("#phase-header", Static).render())
        assert "[red]Bø[/red] 🎉" in header


async def test_the_timekeepers_keys_work_while_typing(host):
    async with host.run_test() as pilot:
        await pilot.press("h", "i")
        assert digits(host) == "10:00"
        host.clock.advance(61)
        await pilot.press("ctrl+p")
        assert host.protocol.paused
        host.clock.advance(300)
        host.screen.tick()
        assert digits(host) == "8:59"
        await pilot.press("ctrl+p")
        assert not host.protocol.paused
        await pilot.press("ctrl+t")
        assert digits(host) == "9:59"
        await pilot.press("ctrl+g", "ctrl+g")
        assert digits(host) == "7:59"
        await pilot.press("ctrl+n")
        assert host.protocol.state == "reflect"
        assert digits(host) == "10:00"
        await pilot.press("ctrl+r")
        assert host.protocol.state == "present"
        assert host.screen.query_one(Input).value == "hi"  # the half-typed note is kept
        triggers = [e.trigger for e in host.store.load(host.protocol.session.id).session.events]
        assert triggers == ["start", "pause", "resume", "extend", "extend", "extend", "advance",
                            "back"]


async def test_keys_that_do_not_apply_are_dimmed_or_hidden(host):
    async with host.run_test():
        screen = host.screen
        assert screen.check_action("back", ()) is None  # nothing before the first phase
        assert screen.check_action("pause", ()) is True
        assert screen.check_action("resume", ()) is False
        host.clock.advance(9.5 * 60)
        assert screen.check_action("less_time", ()) is None  # would go below zero
        assert screen.check_action("next", ()) is True


async def test_time_up_rings_warns_and_counts_overtime(host):
    async with host.run_test(notifications=True) as pilot:
        screen = host.screen
        host.clock.advance(9 * 60 + 5)
        screen.tick()
        await pilot.pause()
        assert host.bells == 0
        assert any(n.title == "Nearly time" for n in host._notifications)
        assert any(n.message == "1:00 left: Present." for n in host._notifications)
        host.clock.advance(60)
        screen.tick()
        await pilot.pause()
        assert host.bells == 1
        assert screen.has_class("-overtime")
        assert digits(host) == "+0:05"
        assert any(n.title == "Time's up" for n in host._notifications)
        assert all(n.markup is False for n in host._notifications)  # names are not markup
        assert host.protocol.state == "present"  # overtime, not an automatic advance
        host.clock.advance(60)
        screen.tick()
        assert digits(host) == "+1:05"
        assert host.bells == 1
        await pilot.press("ctrl+n")
        assert not screen.has_class("-overtime")


async def test_the_round_goes_turn_by_turn_with_each_turns_countdown(host):
    async with host.run_test() as pilot:
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        assert host.protocol.state == "round"
        header = str(host.screen.query_one("#phase-header", Static).render())
        assert "Turn 1 of 3: Bo on their own challenge: Bo's challenge" in header
        assert digits(host) == "3:20"
        await type_note(pilot, "me too")
        note = host.store.load(host.protocol.session.id).notes[0]
        assert (note.about, note.author, note.turn) == ("Bo", "Bo", 0)
        await pilot.press("ctrl+n")
        header = str(host.screen.query_one("#phase-header", Static).render())
        assert "Turn 2 of 3: Carla" in header
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        assert host.result == "checkout"


async def test_a_note_can_be_edited_and_deleted(host):
    async with host.run_test() as pilot:
        await type_note(pilot, "first")
        await pilot.press("shift+tab")  # to the note list
        assert isinstance(host.focused, NoteList)
        await pilot.press("enter")  # edit the highlighted note
        assert host.screen.query_one(Input).value == "first"
        host.screen.query_one(Input).value = "first, edited"
        await pilot.press("enter")
        stored = host.store.load(host.protocol.session.id)
        assert [n.text for n in stored.notes] == ["first, edited"]
        await pilot.press("shift+tab", "delete")
        await pilot.press("y")
        assert host.store.load(host.protocol.session.id).notes == []
        assert note_lines(host) == []


async def test_a_note_that_cannot_be_saved_stays_in_the_field(host, monkeypatch):
    def full_disk(note, **_):
        raise OSError(errno.ENOSPC, "No space left on device")

    async with host.run_test(notifications=True) as pilot:
        monkeypatch.setattr(host.store, "save_note", full_disk)
        await type_note(pilot, "private words")
        await pilot.pause()
        assert host.screen.query_one(Input).value == "private words"
        assert note_lines(host) == []
        messages = [n.message for n in host._notifications]
        assert any("NOT saved" in m and "No space left" in m for m in messages)
        assert not any("private words" in m for m in messages)


async def test_help_draws_every_key_of_the_running_phase(host):
    async with host.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(host.screen, HelpScreen)
        drawn = drawn_text(host)
        for key, words in (("ctrl+p", "Pause the countdown"), ("ctrl+n", "Next phase"),
                           ("ctrl+r", "Back to the previous"), ("ctrl+t", "One minute more"),
                           ("ctrl+g", "One minute less"), ("ctrl+o", "check-out"),
                           ("ctrl+l", "lens"), ("ctrl+y", "insight kind"),
                           ("ctrl+f", "whose case"), ("f1", "Every key")):
            line = next((line for line in drawn.splitlines() if f" {key} " in f" {line} "), "")
            assert words in line, (key, drawn)
        assert "Resume the countdown" not in drawn  # hidden while running
        await pilot.press("f1")
        assert isinstance(host.screen, SessionScreen)


async def test_help_shows_a_remapped_key(host):
    host.set_keymap({"pause": "f5", "pick_lens": "ctrl+e"})  # as the settings file does
    async with host.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        lines = drawn_text(host).splitlines()
        assert any("f5" in line and "Pause the countdown" in line for line in lines)
        assert not any("ctrl+p" in line and "Pause" in line for line in lines)
        assert any("ctrl+e" in line and "lens" in line for line in lines)
        await pilot.press("escape")
        await pilot.press("f5")
        assert host.protocol.paused
        assert "Lens ^e" in str(host.screen.query_one("#tags", Static).render())


async def test_the_screen_survives_a_resize(host):
    async with host.run_test(size=(80, 24)) as pilot:
        await type_note(pilot, "before")
        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        host.screen.tick()
        await type_note(pilot, "after")
        assert [n.text for n in host.store.load(host.protocol.session.id).notes] == [
            "before", "after"]
        assert digits(host) == "10:00"
