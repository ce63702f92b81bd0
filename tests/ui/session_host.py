"""A tiny app that runs one SessionScreen, for tests of the running phases."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.scenario import Scenario
from sparring.domain.session import Session
from sparring.store import Archive
from sparring.ui.screens.help import HELP_BINDING, show_help
from sparring.ui.screens.session import SessionScreen


class SessionHost(App[None]):
    """Starts `session` on a fake clock and shows its SessionScreen."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [HELP_BINDING]  # as in the real app: F1 on every screen

    def __init__(self, scenario: Scenario, session: Session, store: Archive,
                 clock: FakeClock, *, warning_seconds: float = 60):
        super().__init__()
        self.scenario = scenario
        self.store = store
        self.clock = clock
        store.save_session(session)
        self.protocol = Protocol(scenario, session, clock, recorder=store.recorder(session))
        self.protocol.fire("start")
        self.result: str | None = None
        self.bells = 0
        self.warning_seconds = warning_seconds

    def action_help(self) -> None:
        show_help(self)

    def on_mount(self) -> None:
        self.push_screen(SessionScreen(self.scenario, self.protocol, self.store,
                                       warning_seconds=self.warning_seconds), self._done)

    def _done(self, result: str | None) -> None:
        self.result = result

    def bell(self) -> None:
        self.bells += 1


def open_store(tmp_path: Path) -> Archive:
    """A real store in a temp folder."""
    return Archive(tmp_path / "data")
