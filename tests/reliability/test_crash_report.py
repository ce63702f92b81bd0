"""A crash report holds no note text, name or challenge: only what failed, and where.

The crash is forced in the real app, driven by Pilot on a real data folder: saving a
note fails with an error no screen expects, whose message quotes the note (the worst
case: a library's error quoting its input). Textual's report would print it, and every
frame's local variables, which hold the note, the names and the challenges.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.records import Note
from sparring.domain.session import Participant, Session
from sparring.store import Archive
from sparring.ui.app import SparringApp
from sparring.ui.screens.ground_rules import GroundRulesScreen
from sparring.ui.screens.session import SessionScreen

NOTE = "NOTE-TEXT-4711 the ward manager shouts"
NAMES = ["Zelda-Name-Secret", "Bo"]
CHALLENGE = "CHALLENGE-TEXT-0815 the night shift"


class AnUnexpectedBug(Exception):
    """An error no screen handles."""


async def wait_for(pilot, kind: type) -> None:
    for _ in range(100):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause()
    pytest.fail(f"the app shows {type(pilot.app.screen).__name__}, not {kind.__name__}")


async def test_a_crash_report_shows_the_error_and_none_of_what_was_typed(
    tmp_path, monkeypatch, capsys
):
    def save_note(self: Archive, note: Note, *, clear_draft: bool = False) -> None:
        raise AnUnexpectedBug(f"cannot keep {note.text!r}")

    monkeypatch.setattr(Archive, "save_note", save_note)
    session = Session(
        scenario_id="cross-functional-sparring", group="Group-Secret",
        participants=[Participant(NAMES[0], CHALLENGE), Participant(NAMES[1], "Budget"),
                      Participant("Carla", "Nights")],
        case_owner=NAMES[0], timekeeper="Bo")
    app = SparringApp(Archive(tmp_path / "data"), load_catalogue(),
                      clock_factory=lambda start: FakeClock(start), prefill=session, ready=True)
    with pytest.raises(AnUnexpectedBug):
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, GroundRulesScreen)
            await pilot.press("enter")
            await wait_for(pilot, SessionScreen)
            app.screen.query_one("#note", Input).value = NOTE
            await pilot.press("enter")
            await pilot.pause()
    report = capsys.readouterr().err
    assert "AnUnexpectedBug" in report  # the report is there, and says what failed
    assert "save_note" in report  # and where
    for private in (NOTE, "NOTE-TEXT", NAMES[0], CHALLENGE, "CHALLENGE-TEXT", "Group-Secret"):
        assert private not in report
