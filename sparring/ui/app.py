"""The timekeeper's app: from setup through the phases and check-out to the summary.

The app holds the store and the catalogue, builds the protocol for a session (new or
resumed) and moves between the screens. Quitting by ctrl+q, SIGTERM or SIGHUP saves a
half-typed note as a draft and pauses the countdown, so a resume finds it as it was.

Given a way to open the data folder rather than an open store, the app shows its first
frame at once and opens the folder in a thread: a long history does not delay the start.
The screens past the start screen are imported when first used, for the same reason.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import constants
from textual.app import App
from textual.binding import Binding
from textual.command import SimpleCommand
from textual.driver import Driver
from textual.filter import LineFilter

from sparring.domain.catalogue import Catalogue
from sparring.domain.clock import Clock, MonotonicClock
from sparring.domain.session import REHEARSAL_SCENARIO, Session
from sparring.i18n import N_, _, current_language, set_language
from sparring.paths import suggested_folder
from sparring.settings import Settings
from sparring.ui.commands import PALETTE_BINDING, PALETTE_KEY, PALETTE_TITLE, SparringCommands
from sparring.ui.preferences import Preferences
from sparring.ui.screens.help import HELP_BINDING, show_help
from sparring.ui.screens.home import HomeScreen
from sparring.ui.terminal import ControlCharacters

if TYPE_CHECKING:
    from textual.timer import Timer

    from sparring.domain.protocol import Protocol
    from sparring.domain.records import FollowUp, Note
    from sparring.domain.scenario import Scenario
    from sparring.store import Archive, Overview, UnreadableFile
    from sparring.ui.screens.history import HistoryScreen

ClockFactory = Callable[[float], Clock]
"""Makes the live clock of a session, reading the given session time when made."""


DEFAULT_SCENARIO = "cross-functional-sparring"


class SparringApp(App[None]):
    """The Sparring terminal app.

    Args:
        store: the data folder, open for writing (or read-only if another process writes),
            or a function that opens it (called in a thread after the first frame).
        catalogue: the scenarios there are.
        clock_factory: makes a session's clock; by default the real monotonic clock at
            the session's own time scale.
        time_scale: session seconds per real second for a new session (60 for a rehearsal
            at a minute a second); a resumed one runs at the speed it was started at.
        prefill: a session to open setup with (from `sparring run`).
        ready: with `prefill`, go straight to the ground rules (everything is given).
        export_dir: where summaries are exported to.
        language: the language of the app's screens outside a session (a session's own
            screens speak the session's language); by default the one spoken now.
        settings: the user's settings file, read (theme, keys, bell, warning).
        settings_problems: what was wrong in it, shown on the start screen.
    """

    TITLE = "Sparring"
    COMMANDS = {SparringCommands}
    COMMAND_PALETTE_BINDING = PALETTE_KEY
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            N_("Quit"),
            id="quit",
            priority=True,
            tooltip=N_("Quit: everything is saved, the countdown paused"),
        ),
        HELP_BINDING,
        PALETTE_BINDING,
    ]

    def __init__(
        self,
        store: Archive | Callable[[], Archive],
        catalogue: Catalogue,
        *,
        clock_factory: ClockFactory | None = None,
        time_scale: float = 1.0,
        prefill: Session | None = None,
        ready: bool = False,
        export_dir: Path | None = None,
        scenario_id: str = DEFAULT_SCENARIO,
        language: str | None = None,
        settings: Settings | None = None,
        settings_problems: Sequence[str] = (),
    ):
        super().__init__()
        self.language = language or current_language()
        set_language(self.language)
        self.preferences = Preferences(self, settings or Settings(), settings_problems)
        self.settings = self.preferences.settings
        self.preferences.apply()
        self._opener = store if callable(store) else None
        self._store: Archive | None = None if callable(store) else store
        self.catalogue = catalogue
        self._clock_factory = clock_factory
        self.prefill = prefill
        self.ready = ready
        self.time_scale = time_scale
        self.export_dir = export_dir or suggested_folder()
        self.scenario_id = scenario_id
        self.protocol: Protocol | None = None
        self._follow_ups: list[FollowUp] = []
        self._crash: Exception | None = None
        self._told_unsaved = False
        self._retrying: Timer | None = None
        self._chosen: str | None = None
        """A choice made on the start screen before the data folder was open."""
        self._control_characters = ControlCharacters()

    # -- starting -------------------------------------------------------------------

    @property
    def store(self) -> Archive:
        """The open data folder (only once `store_ready`)."""
        if self._store is None:
            raise RuntimeError("the data folder is not open yet")
        return self._store

    @property
    def store_ready(self) -> bool:
        """Whether the data folder is open."""
        return self._store is not None

    def close_store(self) -> Archive | None:
        """Let go of the data folder; returns the store that was open, if any."""
        store, self._store = self._store, None
        if store is not None:
            store.close()
        return store

    def session_clock(self, start: float, time_scale: float) -> Clock:
        """The live clock of a session, reading `start` now and running at `time_scale`
        (or the clock factory's, when one was given)."""
        if self._clock_factory is not None:
            return self._clock_factory(start)
        return MonotonicClock(time_scale=time_scale, start=start)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, made to survive a closed terminal (see `sparring.ui.driver`)."""
        if os.name == "posix" and constants.DRIVER is None:
            from sparring.ui.driver import SparringDriver

            return SparringDriver
        return super().get_driver_class()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, and one that draws control characters as a stand-in: no
        text a user typed or imported can drive the terminal, on any screen."""
        return [*super().get_line_filters(), self._control_characters]

    def _handle_exception(self, error: Exception) -> None:
        self._crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual's exit after a crash, with a report that holds no note text, name or
        challenge (Textual's shows every frame's local variables): see `crash_report`."""
        from rich.segment import Segments

        from sparring.ui.crash import crash_report

        self.bell()
        report = crash_report(self._crash)
        self._exit_renderables.append(Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()

    def get_default_screen(self) -> HomeScreen:
        """The start screen is the app's first screen: nothing else is drawn before it."""
        return HomeScreen(
            self.catalogue, problems=self.preferences.problems, time_scale=self.time_scale
        )

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self.preferences.announce()
        for error in self.catalogue.errors:
            self.notify(
                _("{error}. The other scenarios are here; fix the file, or move it out of the "
                  "scenario folder.").format(error=error),
                title=_("A scenario file was skipped"),
                severity="warning",
                timeout=20,
                markup=False,
            )
        if self._opener is not None:
            # After the first frame, so the thread does not slow the frame down.
            self.call_after_refresh(
                self.run_worker,
                self._open_store,
                thread=True,
                name="open the data folder",
                exit_on_error=False,
            )
        else:
            self._store_opened(self.store)

    def _open_store(self) -> None:
        """In a thread: open the data folder, then hand it to the app. A first view of it
        (see `Archive.first_overview`) is shown before the rest of it is read."""
        from sparring.store import StoreError

        assert self._opener is not None
        try:
            store = self._opener()
            first = store.first_overview()
            if first is not None:
                # Drawn before the rest is read: this thread would slow the drawing down.
                drawn = threading.Event()
                self.call_from_thread(self._first_view, first, not store.read_only, drawn)
                drawn.wait(1.0)
            store.refresh()  # here, not on the loop: the first look reads the catalogue
        except (StoreError, OSError) as error:
            message = _("Cannot open the data folder: {error}").format(error=error)
            self.call_from_thread(self.exit, return_code=1, message=message)
            return
        self.call_from_thread(self._store_opened, store)

    def _first_view(self, overview: Overview, writable: bool, drawn: threading.Event) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_overview(overview, writable)
        self.call_after_refresh(drawn.set)

    def _store_opened(self, store: Archive) -> None:
        self._store = store
        for damaged in store.damaged:
            self._tell_damaged(damaged)
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_store(store)
        if self.prefill is not None and not store.read_only:
            self.new_session(self.prefill, ready=self.ready)
        elif self._chosen is not None and isinstance(self.screen, HomeScreen):
            # Chosen on the start screen while the folder opened, and still there.
            self.on_home_screen_chosen(HomeScreen.Chosen(self._chosen))
        if store.read_only_reason and self._opener is not None and self._retrying is None:
            self._retrying = self.set_interval(2.0, self._retry_writing)

    def _retry_writing(self) -> None:
        """While an older Sparring holds the folder: try to open it for writing again."""
        if len(self.screen_stack) == 1:  # on the start screen: nothing else holds the store
            self.run_worker(self._open_writable, thread=True, exclusive=True,
                            group="retry", exit_on_error=False)

    def _open_writable(self) -> None:
        from sparring.store import StoreError

        assert self._opener is not None
        try:
            store = self._opener()
        except (StoreError, OSError):
            return
        if store.read_only:
            store.close()
        else:
            self.call_from_thread(self._writable_again, store)

    def _writable_again(self, store: Archive) -> None:
        home = self.screen_stack[0]
        if len(self.screen_stack) > 1 or self._store is None or not isinstance(home, HomeScreen):
            store.close()  # tried again on the start screen
            return
        if self._retrying is not None:
            self._retrying.stop()
        self._store.close()
        self._store = store
        home.show_store(store)
        self.notify(_("The other Sparring has quit: sessions can be started and resumed here "
                      "now."), title=_("Free to write"), markup=False, timeout=20)

    def _tell_damaged(self, damaged: UnreadableFile) -> None:
        if damaged.rebuilt:  # a cache: the message says what became of it
            self.notify(
                f"{damaged}.", title=_("A cache was damaged"), severity="information",
                timeout=20, markup=False,
            )
            return
        self.notify(
            _("{file}. It was left untouched; the rest of the history is here. "
              "Move it out of the data folder, or restore it from a backup.").format(
                file=damaged),
            title=_("A file could not be read"),
            severity="warning",
            timeout=20,
            markup=False,
        )

    # -- keys, themes and the palette ---------------------------------------------------

    def action_help(self) -> None:
        """F1: every key of the screen shown now."""
        show_help(self)

    def action_command_palette(self) -> None:
        """F2: the palette, with what can be done on this screen."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=str(PALETTE_TITLE)))

    def palette_commands(self) -> list[SimpleCommand]:
        """The app's own commands: the other themes, the keys of the screen, quitting."""
        return [
            *self.preferences.theme_commands(),
            SimpleCommand(_("Keys of this screen (f1)"), self.action_help),
            SimpleCommand(_("Quit Sparring (ctrl+q)"), self.save_and_exit),
        ]

    def bell(self) -> None:
        """Ring the terminal's bell, unless the settings turned it off."""
        if self.settings.bell:
            super().bell()

    def _install_signal_handlers(self) -> None:
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, self.save_and_exit)

    def on_home_screen_chosen(self, message: HomeScreen.Chosen) -> None:
        from sparring.ui.screens.history import HistoryScreen
        from sparring.ui.screens.scenarios import ScenariosScreen

        choice = message.choice
        if choice == "quit":
            self.save_and_exit(asked=True)
            return
        if choice.startswith("time_scale:"):
            self.time_scale = float(choice.removeprefix("time_scale:"))
            return
        if choice.startswith("language:"):
            # The screens outside a session, and a new session's setup, speak it from now.
            self.language = choice.removeprefix("language:")
            set_language(self.language)
            if isinstance(self.screen, HomeScreen):
                self.screen.fill()
            return
        if choice == "scenarios":
            self.push_screen(ScenariosScreen(self.catalogue))
            return
        if not self.store_ready:
            self._chosen = choice  # carried out once the data folder is open
            return
        self._chosen = None
        if choice == "new":
            if not self.store.read_only:
                self.new_session()
        elif choice == "history":
            self.push_screen(
                HistoryScreen(self.store, catalogue=self.catalogue, export_dir=self.export_dir)
            )
        elif choice.startswith("resume:"):
            self.resume(choice.removeprefix("resume:"))
        elif choice.startswith("group:") and not self.store.read_only:
            self.new_group_session(choice.removeprefix("group:"))
        elif choice == "groups" and not self.store.read_only:
            from sparring.ui.screens.groups import GroupsScreen

            def chosen(group: str | None) -> None:
                if group is not None:
                    self.new_group_session(group)

            self.push_screen(GroupsScreen(self.store.groups()), chosen)

    def on_history_screen_charts(self, message: HistoryScreen.Charts) -> None:
        from sparring.ui.screens.charts import ChartsScreen

        self.push_screen(ChartsScreen(self.store, self.catalogue))

    def on_history_screen_open(self, message: HistoryScreen.Open) -> None:
        from sparring.store import StoreError, UnreadableFile
        from sparring.ui.screens.summary import SummaryScreen

        try:
            stored = self.store.load(message.session_id)
        except (StoreError, UnreadableFile) as error:
            self.notify(
                str(error), title=_("Cannot open that session"), severity="error", markup=False
            )
            return
        scenario = self.catalogue.scenarios.get(stored.session.scenario_id)
        self.push_screen(SummaryScreen(scenario, stored, self.store, export_dir=self.export_dir))

    # -- a session, from setup to summary ---------------------------------------------

    def new_session(
        self, prefill: Session | None = None, *, ready: bool = False, note: str | None = None
    ) -> None:
        """Open setup (prefilled), or go on from it at once when `ready`."""
        from sparring.ui.screens.setup import SetupScreen

        if ready and prefill is not None:
            self._check_in(prefill)
            return
        scenario_id = prefill.scenario_id if prefill is not None else self.scenario_id
        setup = SetupScreen(
            self.catalogue, prefill, scenario_id=scenario_id, note=note, time_scale=self.time_scale
        )

        def set_up(session: Session | None) -> None:
            self.time_scale = setup.time_scale
            self._check_in(session)

        self.push_screen(setup, set_up)

    def new_group_session(self, group: str) -> None:
        """Set up the next session of `group`: its last members, and who might present."""
        from sparring.review import group_start

        start = group_start(self.store, group)
        if start is None:
            self.new_session()
            return
        scenario_id = (
            start.scenario_id if start.scenario_id in self.catalogue.scenarios else self.scenario_id
        )
        suggestion = start.suggestion
        prefill = Session(
            scenario_id=scenario_id,
            group=start.group,
            participants=start.members,
            case_owner=suggestion.name if suggestion else None,
            language=start.language,
        )
        # The group goes on in the language it last met in.
        set_language(start.language)
        note = (
            _("Suggested case owner: {name}. {reason}").format(
                name=suggestion.name, reason=suggestion.reason)
            if suggestion else None
        )
        self.new_session(prefill, note=note)

    def _check_in(self, session: Session | None) -> None:
        """Before the ground rules: where the group's open next steps stand now, beside
        each member's learning point; skipped when the group has neither."""
        from sparring.review import group_start
        from sparring.review.member import learning_points_of
        from sparring.ui.screens.followup import FollowUpScreen

        if session is None:
            set_language(self.language)
            return
        self._follow_ups = []
        if not session.group.strip():
            self._ground_rules(session)
            return
        start = group_start(self.store, session.group)
        steps = start.open_steps if start is not None else []
        points = learning_points_of(self.store, session.group, session.member_names)
        if not steps and not points:
            self._ground_rules(session)
            return

        def after(follow_ups: list[FollowUp] | None) -> None:
            if follow_ups is None:
                self.new_session(session)
                return
            self._follow_ups = follow_ups
            self._ground_rules(session)

        group = start.group if start is not None else session.group
        self.push_screen(FollowUpScreen(group, steps, session.id, points), after)

    def _ground_rules(self, session: Session) -> None:
        from sparring.ui.screens.ground_rules import GroundRulesScreen

        scenario = self.catalogue.get(session.scenario_id)
        # From here on the screens speak the session's language.
        set_language(session.language)

        def after(go: bool | None) -> None:
            if go:
                self.start(scenario, session)
            else:
                self.new_session(session)

        self.push_screen(GroundRulesScreen(scenario, session), after)

    def start(self, scenario: Scenario, session: Session) -> None:
        """Save the session and start the clock on its first phase."""
        from sparring.domain.protocol import Protocol
        from sparring.store import StoreError

        # Trying the tool out is kept apart from the group's real sessions; its speed is
        # kept with it, for a resume and for the wall.
        session.time_scale = self.time_scale
        session.rehearsal = self.time_scale != 1 or scenario.id == REHEARSAL_SCENARIO
        try:
            self.store.save_session(session)
            for follow_up in self._follow_ups:
                self.store.save_follow_up(follow_up)
            protocol = Protocol(
                scenario,
                session,
                self.session_clock(0.0, session.time_scale),
                recorder=self.store.recorder(session),
            )
            protocol.fire("start")
        except (StoreError, OSError) as error:
            self.notify(
                _("The session could not be saved, so it did not start: {error}").format(
                    error=error),
                title=_("Not started"),
                severity="error",
                timeout=20,
                markup=False,
            )
            return
        self._run(scenario, protocol, draft="")

    def resume(self, session_id: str) -> None:
        """Put an unfinished session back where it was, paused until the timekeeper resumes."""
        from sparring.domain.protocol import CHECKOUT, Protocol
        from sparring.store import StoreError, UnreadableFile

        try:
            self.store.claim(session_id)
            stored = self.store.load(session_id)
            scenario = self.catalogue.get(stored.session.scenario_id)
        except (StoreError, UnreadableFile, KeyError) as error:
            self.notify(
                str(error).strip("'\""), title=_("Cannot resume"), severity="error",
                markup=False,
            )
            return
        set_language(stored.session.language)
        protocol = Protocol(
            scenario,
            stored.session,
            self.session_clock(stored.last_clock_time, stored.session.time_scale),
            recorder=self.store.recorder(stored.session),
        )
        if protocol.is_running and not protocol.paused:
            try:
                protocol.fire("pause")
            except (StoreError, OSError) as error:
                self.notify(str(error), title=_("Cannot resume"), severity="error",
                            markup=False)
                return
        if protocol.state == CHECKOUT:
            self.protocol = protocol
            self._checkout(scenario, protocol)
        else:
            self._run(scenario, protocol, notes=stored.notes, draft=stored.draft)

    def _run(
        self, scenario: Scenario, protocol: Protocol, *, notes: list[Note] | None = None, draft: str
    ) -> None:
        from sparring.ui.screens.session import SessionScreen

        self.protocol = protocol
        self.push_screen(
            SessionScreen(scenario, protocol, self.store, notes or [], draft,
                          warning_seconds=self.settings.warning_seconds),
            lambda _: self._checkout(scenario, protocol),
        )

    def _checkout(self, scenario: Scenario, protocol: Protocol) -> None:
        from sparring.ui.screens.checkout import CheckoutScreen

        stored = self.store.load(protocol.session.id)
        self.push_screen(
            CheckoutScreen(scenario, stored, self.store), lambda _: self._finish(scenario, protocol)
        )

    def _finish(self, scenario: Scenario, protocol: Protocol) -> None:
        from sparring.store import StoreError
        from sparring.ui.screens.summary import SummaryScreen

        try:
            protocol.fire("finish")
        except (StoreError, OSError) as error:
            self.notify(_("The session could not be closed: {error}").format(error=error),
                        severity="error", markup=False)
            return
        self.protocol = None
        stored = self.store.load(protocol.session.id)
        def done(_: object) -> None:
            # Another Sparring (or a command) may write it from now on.
            self.store.release(protocol.session.id)
            self._home()

        self.push_screen(
            SummaryScreen(scenario, stored, self.store, export_dir=self.export_dir), done
        )

    def _home(self) -> None:
        # Back to the app's own language; the start screen redraws in it when shown.
        set_language(self.language)
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # -- quitting -------------------------------------------------------------------

    def forget_stale_notifications(self) -> None:
        """After the process was stopped (ctrl+z, SIGSTOP): a notification whose time ran
        out meanwhile goes before the screen is drawn again, so it does not flash up."""
        live = [n for n in self._notifications if not n.has_expired]
        if len(live) == len(self._notifications):
            return
        for toast in self.screen.query("Toast"):
            toast.display = False  # at once: their removal would come a frame too late
        self.clear_notifications()
        for n in live:
            self.notify(n.message, title=n.title, severity=n.severity, timeout=n.time_left,
                        markup=n.markup)

    def terminal_hung_up(self) -> None:
        """The terminal is gone (its window was closed): save and leave."""
        self.save_and_exit()

    def save_and_exit(self, *, asked: bool = False) -> None:
        """Keep a half-typed note, pause a running countdown, then leave.

        When the user `asked` to quit (ctrl+q) and that cannot be saved (a full disk),
        the app says so and stays, the note still in its field; asked again, it tries
        again and leaves either way. Told to end (SIGTERM, SIGHUP, a closed terminal), it
        always leaves, with a deadline: once all is saved, a shutdown that hangs (on a
        terminal that went away) does not keep the process, and its session's lock, alive.
        """
        from sparring.store import StoreError
        from sparring.ui.screens.session import SessionScreen

        screen = self.screen
        try:
            if isinstance(screen, SessionScreen):
                screen.save_draft()
            protocol = self.protocol
            if protocol is not None and protocol.is_running and not protocol.paused:
                protocol.fire("pause")
        except (StoreError, OSError) as error:
            self.log.error(f"could not save on quitting: {type(error).__name__}")
            if asked and not self._told_unsaved:
                self._told_unsaved = True
                reason = error.strerror if isinstance(error, OSError) else str(error)
                self.notify(
                    _("Not quitting: the half-typed note and the pause could not be saved. "
                      "{reason} The note is still in its field. Press ctrl+q again to try "
                      "again and quit, with or without it.").format(reason=reason),
                    title=_("Not saved"),
                    severity="error",
                    timeout=30,
                    markup=False,
                )
                return
        if not asked and not self.is_headless:
            # Told to end (a signal, a closed terminal): the terminal may be gone, and a
            # shutdown that writes to it may hang. Asked by the user, it is there.
            from sparring.ui.terminal import exit_deadline

            exit_deadline(1)
        self.exit()

    async def action_quit(self) -> None:
        self.save_and_exit(asked=True)
