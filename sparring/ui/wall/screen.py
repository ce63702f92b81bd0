"""The wall's screen: one running session, large, for the room; it never writes.

It looks at the session file a few times a second (see `follow`) and redraws what
changed; between changes the countdown runs on by itself from the replayed deadline.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from sparring.domain.protocol import ABORTED, CHECKOUT, FINISHED, SETUP, Protocol
from sparring.i18n import N_, _
from sparring.ui.localized import LocalizedScreen
from sparring.ui.text import clock_text
from sparring.ui.wall.big_clock import BigClock
from sparring.ui.wall.follow import Follower, Sighting
from sparring.ui.widgets.countdown import WARNING_SECONDS
from sparring.ui.widgets.phase_info import phase_header, phase_prompts

POLL_SECONDS = 0.25
"""How often the wall looks at the session file (a stat) and reads its clock."""

WRITER_SECONDS = 2.0
"""How often the wall checks that the timekeeper's Sparring still holds the session."""

NOTES_SHOWN = 6
"""With --show-notes: how many of the running phase's latest notes show."""


class WallScreen(LocalizedScreen[None]):
    """Shows one session as it runs in another process: phase, speakers, time, prompts."""

    BINDINGS = [
        Binding("q", "app.quit", N_("Quit"), id="quit", tooltip=N_("Close the wall")),
    ]

    CSS = """
    WallScreen { layout: vertical; }
    #wall-title { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    #wall-phase { height: auto; padding: 0 1; }
    #wall-clock { color: $success; }
    #wall-state { height: 1; content-align: center middle; text-style: bold; }
    #wall-prompts { height: auto; max-height: 6; padding: 0 1; }
    #wall-notes { height: auto; max-height: 7; padding: 0 1; border-top: solid $panel; }
    WallScreen.-warning #wall-clock { color: $warning; }
    WallScreen.-overtime #wall-clock { color: $error; }
    WallScreen.-overtime #wall-state { background: $error; color: $text; }
    WallScreen.-paused #wall-clock { color: $text-muted; }
    WallScreen.-paused #wall-state { background: $warning 40%; }
    WallScreen.-idle #wall-clock { display: none; }
    """

    def __init__(self, follower: Follower, *, show_notes: bool = False,
                 poll_seconds: float = POLL_SECONDS):
        super().__init__()
        self.follower = follower
        self.show_notes = show_notes
        self.poll_seconds = poll_seconds
        self.writer_present = True
        self.redraws = 0
        """How many times the session was read again and redrawn (for tests and the
        benchmark)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="wall-title", markup=False)
        yield Static("", id="wall-phase", markup=False)
        yield BigClock(id="wall-clock")
        yield Static("", id="wall-state", markup=False)
        yield Static("", id="wall-prompts", markup=False)
        if self.show_notes:
            yield Static("", id="wall-notes", markup=False)

    def on_mount(self) -> None:
        self.follower.poll()
        self.redraw()
        self.set_interval(self.poll_seconds, self.tick)
        self.set_interval(WRITER_SECONDS, self.check_writer)

    # -- following ------------------------------------------------------------------

    def tick(self) -> None:
        """Look at the file (a stat); redraw all when it changed, else only the time."""
        if self.follower.poll():
            self.redraw()
        else:
            self.show_time()

    def check_writer(self) -> None:
        """Say so when the timekeeper's Sparring let the session go (closed, crashed)."""
        present = self.follower.writer_present()
        if present != self.writer_present:
            self.writer_present = present
            self.redraw()

    # -- drawing --------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw everything from the session as last read."""
        self.redraws += 1
        sighting = self.follower.sighting
        title = self.query_one("#wall-title", Static)
        if sighting is None:
            title.update(_("Sparring · wall"))
            self._idle(self.follower.problem or _("The session cannot be read."))
            return
        session = sighting.stored.session
        scenario_title = sighting.scenario.title.get(sighting.language)
        title.update(f"Sparring · {session.group} · {scenario_title}")
        protocol = sighting.protocol
        ended = self._ended_text(protocol)
        if ended is not None:
            self._idle(ended)
            return
        self.remove_class("-idle")
        self.query_one("#wall-phase", Static).update(
            phase_header(sighting.scenario, protocol, sighting.language)
        )
        assert protocol.phase is not None
        self.query_one("#wall-prompts", Static).update(
            phase_prompts(sighting.scenario, protocol.phase, sighting.language)
        )
        if self.show_notes:
            self.query_one("#wall-notes", Static).update(self._notes(sighting))
        self.show_time()

    def _ended_text(self, protocol: Protocol) -> str | None:
        state = protocol.state
        if state == SETUP:
            return _("The session is set up; the clock has not started yet.")
        if state == CHECKOUT:
            return _("Check-out: the phases are over. Each member's next step now.")
        if state == FINISHED:
            return _("The session has ended. Thank you.")
        if state == ABORTED:
            return _("The session was stopped.")
        return None

    def _idle(self, message: str) -> None:
        self.set_class(True, "-idle")
        self.set_class(False, "-overtime", "-warning", "-paused")
        self.query_one("#wall-phase", Static).update(Text(message, style="bold"))
        self.query_one("#wall-prompts", Static).update("")
        self.query_one("#wall-state", Static).update("")
        if self.show_notes:
            self.query_one("#wall-notes", Static).update("")

    def show_time(self) -> None:
        """The countdown and its state line, from the replayed deadline and the clock now."""
        sighting = self.follower.sighting
        if sighting is None or not sighting.protocol.is_running:
            return
        protocol = sighting.protocol
        remaining = protocol.remaining
        overtime = remaining < 0
        self.set_class(overtime, "-overtime")
        self.set_class(not overtime and remaining <= WARNING_SECONDS, "-warning")
        self.set_class(protocol.paused, "-paused")
        self.query_one(BigClock).text = clock_text(remaining)
        self.query_one("#wall-state", Static).update(self._state_text(protocol))

    def _state_text(self, protocol: Protocol) -> str:
        parts = []
        if not self.writer_present:
            parts.append(_("The timekeeper's Sparring is closed"))
        if protocol.paused:
            parts.append(_("PAUSED"))
        elif protocol.overtime > 0:
            parts.append(_("OVERTIME"))
        else:
            parts.append(_("left"))
        if protocol.turn_count > 1:
            parts.append(
                _("turn {turn} of {turns}, phase {left}").format(
                    turn=protocol.turn + 1,
                    turns=protocol.turn_count,
                    left=clock_text(max(0.0, protocol.phase_remaining)),
                )
            )
        return " · ".join(parts)

    def _notes(self, sighting: Sighting) -> Text:
        """The running phase's latest notes, as typed (never markup)."""
        phase = sighting.protocol.state
        notes = [n for n in sighting.stored.notes if n.phase == phase][-NOTES_SHOWN:]
        text = Text()
        for note in notes:
            text.append("• ")
            text.append(note.text)
            text.append("\n")
        text.rstrip()
        return text
