"""How the running session looks at 80x24: each phase, the round, overtime and pause.

Fixed size, fake clock, synthetic data. Update with `pytest --snapshot-update` after a
deliberate change of the screen, and look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from sparring.domain.clock import FakeClock
from sparring.domain.records import Note
from tests.conftest import make_session
from tests.ui.session_host import SessionHost, open_store

SIZE = (80, 24)


@pytest.fixture
def host(sparring_scenario, tmp_path):
    session = make_session()
    session.participants[0].challenge = "Hand-offs between the ward and the [therapy] team"
    return SessionHost(sparring_scenario, session, open_store(tmp_path), FakeClock())


def steady(host: SessionHost) -> None:
    """No blinking cursor: a snapshot must not depend on when it is taken."""
    for field in host.screen.query(Input):
        field.cursor_blink = False


def add_notes(host: SessionHost, phase: str, texts: list[tuple[str | None, str | None, str]]):
    screen = host.screen
    for lens, kind, text in texts:
        note = Note(session_id=host.protocol.session.id, phase=phase, text=text,
                    about="Anne", lens=lens, kind=kind, id=f"n{len(screen.notes)}",
                    at="2026-11-23T09:00:00.000+00:00")
        host.store.save_note(note)
        screen.notes.append(note)
    screen._show_notes()


def test_present_phase(snap_compare, host):
    async def run_before(pilot):
        steady(host)
        host.clock.advance(4 * 60 + 12)
        add_notes(host, "present", [
            ("purpose", None, "Nobody can say what the shared goal is"),
            ("team", None, "Mandate unclear: who decides on discharge? 🤷"),
        ])
        host.screen.tick()

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_reflect_phase_paused(snap_compare, host):
    async def run_before(pilot):
        steady(host)
        await pilot.press("ctrl+n")
        host.clock.advance(125)
        await pilot.press("ctrl+p")
        host.clock.advance(600)
        host.screen.tick()

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_interview_phase(snap_compare, host):
    async def run_before(pilot):
        steady(host)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+y", "1")
        host.clock.advance(30)
        add_notes(host, "interview", [(None, "pitfall", "I carry the conflict alone")])
        host.screen.tick()

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_round_second_turn(snap_compare, host):
    async def run_before(pilot):
        steady(host)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")
        host.clock.advance(80)
        host.screen.tick()

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_overtime(snap_compare, host):
    async def run_before(pilot):
        steady(host)
        host.clock.advance(10 * 60 + 75)
        host.screen.tick()
        await pilot.pause()

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)
