"""Quitting on a full disk: the half-typed note is not lost without a word.

The fault is injected where the store writes its bytes, so the error travels the real
way up (the store's message, the app's handling)."""

from __future__ import annotations

import errno

from textual.widgets import Input

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.session import Participant, Session
from sparring.store import Archive
from sparring.store import files as store_files
from sparring.ui.app import SparringApp
from sparring.ui.screens.ground_rules import GroundRulesScreen
from sparring.ui.screens.session import SessionScreen
from tests.reliability.test_crash_report import wait_for

TYPED = "half a thought about the ward"


async def test_ctrl_q_on_a_full_disk_says_so_and_keeps_the_note(tmp_path, monkeypatch):
    data = tmp_path / "data"
    session = Session(
        scenario_id="cross-functional-sparring", group="Group 1",
        participants=[Participant("Anne", "The ward"), Participant("Bo", "Budget"),
                      Participant("Carla", "Nights")],
        case_owner="Anne", timekeeper="Bo")
    app = SparringApp(Archive(data), load_catalogue(),
                      clock_factory=lambda start: FakeClock(start), prefill=session, ready=True)
    real_write = store_files._write_all

    def full_disk(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, GroundRulesScreen)
        await pilot.press("enter")
        await wait_for(pilot, SessionScreen)
        field = app.screen.query_one("#note", Input)
        field.value = TYPED
        monkeypatch.setattr(store_files, "_write_all", full_disk)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SessionScreen)  # it stayed
        assert field.value == TYPED
        messages = [n.message for n in app._notifications]
        assert any("Not quitting" in m and "disk" in m for m in messages), messages
        assert not any(TYPED in m for m in messages)
        monkeypatch.setattr(store_files, "_write_all", real_write)  # space freed
        await pilot.press("ctrl+q")
        await pilot.pause()
    stored = Archive(data, read_only=True).load(session.id)
    assert stored.draft == TYPED
    assert stored.session.events[-1].trigger == "pause"
