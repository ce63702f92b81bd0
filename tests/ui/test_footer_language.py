"""The footer speaks the language spoken now: it follows a change of language at once."""

from __future__ import annotations

from textual.widgets import Select
from textual.widgets._footer import FooterKey

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.i18n import set_language
from sparring.ui.screens.setup import SetupScreen
from tests.conftest import make_session
from tests.ui.host import ScreenHost
from tests.ui.session_host import SessionHost, open_store

SIZE = (100, 30)


def footer(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The key descriptions the footer draws now."""
    return [key.description for key in app.screen.query(FooterKey)]


async def test_a_running_phase_footer_follows_a_change_of_language(sparring_scenario, tmp_path):
    host = SessionHost(sparring_scenario, make_session(), open_store(tmp_path), FakeClock())
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer(host) == ["Pause", "Next", "Back", "+1 min", "-1 min", "Check-out", "Help"]

        set_language("da")
        host.screen.refresh_bindings()
        await pilot.pause()

        assert footer(host) == [
            "Pause", "Næste", "Tilbage", "+1 min", "-1 min", "Tjek-ud", "Hjælp"
        ]


async def test_choosing_danish_on_setup_turns_its_footer_danish():
    host = ScreenHost(lambda: SetupScreen(load_catalogue()))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer(host) == ["Continue", "Add member", "Remove member", "Cancel", "Help"]
        host.screen.query_one("#language", Select).value = "da"
        for _ in range(20):  # the form is redrawn in Danish a few messages later
            await pilot.pause()
            if footer(host)[0] != "Continue":
                break
        assert footer(host) == ["Fortsæt", "Tilføj medlem", "Fjern medlem", "Annullér", "Hjælp"]
