"""How the keys' help, the lens picker and the themes look at 80x24 on the running
session. Update with `pytest --snapshot-update` after a deliberate change, and look."""

from __future__ import annotations

from sparring.ui.themes import HIGH_CONTRAST
from tests.ui.test_snapshots_session import SIZE, add_notes, host, steady

__all__ = ["host"]  # the fixture, shared with the session's snapshots


def test_help_while_a_phase_runs(snap_compare, host):
    async def run_before(pilot):
        steady(host)
        await pilot.pause()  # the footer drawn with the note field focused, then the help
        await pilot.press("f1")

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_lens_picker_in_the_light_theme(snap_compare, host):
    async def run_before(pilot):
        host.theme = "textual-light"
        steady(host)
        await pilot.press("ctrl+l", "down")

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_reflection_in_high_contrast(snap_compare, host):
    async def run_before(pilot):
        host.register_theme(HIGH_CONTRAST)
        host.theme = HIGH_CONTRAST.name
        steady(host)
        await pilot.press("ctrl+n")
        add_notes(host, "reflect", [("purpose", None, "Nobody owns the hand-off")])
        host.screen.tick()
        await pilot.press("ctrl+s", "1")

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)
