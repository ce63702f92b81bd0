"""The timekeeper's app: from setup through the phases and check-out to the summary.

The app holds the store and the catalogue, builds the protocol for a session (new or
resumed) and moves between the screens. Quitting by ctrl+q, SIGTERM or SIGHUP saves a
half-typed note as a draft and pauses the countdown, so a resume finds it as it was.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from sparring.domain.catalogue import Catalogue
from sparring.domain.clock import Clock, MonotonicClock
from sparring.domain.protocol import CHECKOUT, Protocol
from sparring.domain.records import Note
from sparring.domain.scenario import Scenario
from sparring.domain.session import Session
from sparring.store import SessionStore, StoreError, UnreadableFile
from sparring.ui.screens.checkout import CheckoutScreen
from sparring.ui.screens.ground_rules import GroundRulesScreen
from sparring.ui.screens.history import HistoryScreen
from sparring.ui.screens.home import HomeScreen
from sparring.ui.screens.scenarios import ScenariosScreen
from sparring.ui.screens.session import SessionScreen
from sparring.ui.screens.setup import SetupScreen
from sparring.ui.screens.summary import SummaryScreen

ClockFactory = Callable[[float], Clock]
"""Makes the live clock of a session, reading the given session time when made."""

DEFAULT_SCENARIO = "cross-functional-sparring"


class SparringApp(App[None]):
    """The Sparring terminal app.

    Args:
        store: the data folder, open for writing (or read-only if another process writes).
        catalogue: the scenarios there are.
        clock_factory: makes a session's clock; by default the real monotonic clock
            at `time_scale`.
        time_scale: session seconds per real second (60 for a rehearsal at a minute a second).
        prefill: a session to open setup with (from `sparring run`).
        ready: with `prefill`, go straight to the ground rules (everything is given).
        export_dir: where summaries are exported to.
    """

    TITLE = "Sparring"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", priority=True,
                        tooltip="Quit: everything is saved, the countdown paused")]

    def __init__(self, store: SessionStore, catalogue: Catalogue, *,
                 clock_factory: ClockFactory | None = None, time_scale: float = 1.0,
                 prefill: Session | None = None, ready: bool = False,
                 export_dir: Path | None = None, scenario_id: str = DEFAULT_SCENARIO):
        super().__init__()
        self.store = store
        self.catalogue = catalogue
        self.clock_factory: ClockFactory = clock_factory or (
            lambda start: MonotonicClock(time_scale=time_scale, start=start))
        self.prefill = prefill
        self.ready = ready
        self.export_dir = export_dir or Path.cwd()
        self.scenario_id = scenario_id
        self.protocol: Protocol | None = None

    # -- starting -------------------------------------------------------------------

    def on_mount(self) -> None:
        self._install_signal_handlers()
        for damaged in self.store.damaged:
            self._tell_damaged(damaged)
        self.push_screen(HomeScreen(self.store, self.catalogue))
        if self.prefill is not None and not self.store.read_only:
            self.new_session(self.prefill, ready=self.ready)

    def _tell_damaged(self, damaged: UnreadableFile) -> None:
        self.notify(f"{damaged}. It was left untouched; the rest of the history is here. "
                    "Move it out of the data folder, or restore it from a backup.",
                    title="A file could not be read", severity="warning", timeout=20)

    def _install_signal_handlers(self) -> None:
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, self.save_and_exit)

    def on_home_screen_chosen(self, message: HomeScreen.Chosen) -> None:
        choice = message.choice
        if choice == "new":
            if not self.store.read_only:
                self.new_session()
        elif choice == "history":
            self.push_screen(HistoryScreen(self.store))
        elif choice == "scenarios":
            self.push_screen(ScenariosScreen(self.catalogue))
        elif choice == "quit":
            self.save_and_exit()
        elif choice.startswith("resume:"):
            self.resume(choice.removeprefix("resume:"))

    def on_history_screen_open(self, message: HistoryScreen.Open) -> None:
        try:
            stored = self.store.load(message.session_id)
        except (StoreError, UnreadableFile) as error:
            self.notify(str(error), title="Cannot open that session", severity="error")
            return
        scenario = self.catalogue.scenarios.get(stored.session.scenario_id)
        self.push_screen(SummaryScreen(scenario, stored, self.store,
                                       export_dir=self.export_dir))

    # -- a session, from setup to summary ---------------------------------------------

    def new_session(self, prefill: Session | None = None, *, ready: bool = False) -> None:
        """Open setup (prefilled), or the ground rules when `ready`."""
        if ready and prefill is not None:
            self._ground_rules(prefill)
            return
        scenario_id = prefill.scenario_id if prefill is not None else self.scenario_id
        self.push_screen(SetupScreen(self.catalogue, prefill, scenario_id=scenario_id),
                         self._ground_rules)

    def _ground_rules(self, session: Session | None) -> None:
        if session is None:
            return
        scenario = self.catalogue.get(session.scenario_id)

        def after(go: bool | None) -> None:
            if go:
                self.start(scenario, session)
            else:
                self.new_session(session)

        self.push_screen(GroundRulesScreen(scenario, session), after)

    def start(self, scenario: Scenario, session: Session) -> None:
        """Save the session and start the clock on its first phase."""
        try:
            self.store.save_session(session)
            protocol = Protocol(scenario, session, self.clock_factory(0.0),
                                recorder=self.store.recorder(session))
            protocol.fire("start")
        except (StoreError, OSError) as error:
            self.notify(f"The session could not be saved, so it did not start: {error}",
                        title="Not started", severity="error", timeout=20)
            return
        self._run(scenario, protocol, draft="")

    def resume(self, session_id: str) -> None:
        """Put an unfinished session back where it was, paused until the timekeeper resumes."""
        try:
            stored = self.store.load(session_id)
            scenario = self.catalogue.get(stored.session.scenario_id)
        except (StoreError, UnreadableFile, KeyError) as error:
            self.notify(str(error).strip("'\""), title="Cannot resume", severity="error")
            return
        protocol = Protocol(scenario, stored.session, self.clock_factory(stored.last_clock_time),
                            recorder=self.store.recorder(stored.session))
        if protocol.is_running and not protocol.paused:
            try:
                protocol.fire("pause")
            except (StoreError, OSError) as error:
                self.notify(str(error), title="Cannot resume", severity="error")
                return
        if protocol.state == CHECKOUT:
            self.protocol = protocol
            self._checkout(scenario, protocol)
        else:
            self._run(scenario, protocol, notes=stored.notes, draft=stored.draft)

    def _run(self, scenario: Scenario, protocol: Protocol, *, notes: list[Note] | None = None,
             draft: str) -> None:
        self.protocol = protocol
        self.push_screen(SessionScreen(scenario, protocol, self.store, notes or [], draft),
                         lambda _: self._checkout(scenario, protocol))

    def _checkout(self, scenario: Scenario, protocol: Protocol) -> None:
        stored = self.store.load(protocol.session.id)
        self.push_screen(CheckoutScreen(scenario, stored, self.store),
                         lambda _: self._finish(scenario, protocol))

    def _finish(self, scenario: Scenario, protocol: Protocol) -> None:
        try:
            protocol.fire("finish")
        except (StoreError, OSError) as error:
            self.notify(f"The session could not be closed: {error}", severity="error")
            return
        self.protocol = None
        stored = self.store.load(protocol.session.id)
        self.push_screen(SummaryScreen(scenario, stored, self.store,
                                       export_dir=self.export_dir),
                         lambda _: self._home())

    def _home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    # -- quitting -------------------------------------------------------------------

    def save_and_exit(self) -> None:
        """Keep a half-typed note, pause a running countdown, then leave."""
        screen = self.screen
        try:
            if isinstance(screen, SessionScreen):
                screen.save_draft()
            protocol = self.protocol
            if protocol is not None and protocol.is_running and not protocol.paused:
                protocol.fire("pause")
        except (StoreError, OSError) as error:
            self.log.error(f"could not save on quitting: {type(error).__name__}")
        self.exit()

    async def action_quit(self) -> None:
        self.save_and_exit()
