"""`sparring wall`: the app that finds the running session and shows it on the wall.

With `--session` it follows that one. Otherwise it looks for sessions a timekeeper's
Sparring is running: one is followed at once, several are offered to choose from, and
with none it says so and waits. It opens the data folder read-only and writes nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sparring.domain.catalogue import Catalogue
from sparring.i18n import N_, _
from sparring.store import Archive, SessionSummary
from sparring.ui.localized import LocalizedScreen
from sparring.ui.wall.follow import Follower, WallTime, running_sessions
from sparring.ui.wall.screen import POLL_SECONDS, WallScreen

LOOK_SECONDS = 1.0
"""How often the chooser looks for running sessions."""


def _label(summary: SessionSummary) -> Text:
    """A running session in a line: group, case owner, when it started (never markup)."""
    started = (summary.started_at or summary.created_at)[11:16]
    return Text.assemble(
        (summary.group or _("(no group name)"), "bold"),
        " · ",
        summary.case_owner or "",
        "  ",
        (_("started {time} UTC").format(time=started), "dim"),
    )


class ChooseScreen(LocalizedScreen[str]):
    """Waits for a running session; with several, asks which one to show."""

    BINDINGS = [Binding("q", "app.quit", N_("Quit"), id="quit", tooltip=N_("Close the wall"))]

    CSS = """
    ChooseScreen { align: center middle; }
    #choose-message { width: 80%; height: auto; content-align: center middle; padding: 1; }
    #choose-list { width: 80%; height: auto; max-height: 20; }
    """

    def __init__(self, archive: Archive):
        super().__init__()
        self.archive = archive
        self._shown: list[str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="choose-message", markup=False)
        yield OptionList(id="choose-list")

    def on_mount(self) -> None:
        self.look()
        self.set_interval(LOOK_SECONDS, self.look)

    def look(self) -> None:
        """Find the running sessions: follow the only one, list several, or wait."""
        found = running_sessions(self.archive)
        if len(found) == 1 and not self._shown:  # not when it was one of several offered
            self.dismiss(found[0].id)
            return
        ids = [s.id for s in found]
        if ids == self._shown:
            return
        self._shown = ids
        message = self.query_one("#choose-message", Static)
        options = self.query_one(OptionList)
        options.clear_options()
        options.display = bool(found)
        if not found:
            message.update(_("No session is running in this data folder. Waiting for one…"))
            return
        message.update(_("Several sessions are running. Which one goes on the wall?"))
        options.add_options([Option(_label(s), id=s.id) for s in found])
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)


class WallApp(App[None]):
    """The wall view of a data folder's running session.

    Args:
        archive: the data folder, opened read-only.
        catalogue: the scenarios.
        session_id: the session to show; None to find the running one.
        show_notes: show the running phase's notes too.
        theme: a Textual theme name; None keeps the default.
        wall_time: the wall clock (a fake one in tests).
        poll_seconds: how often the session file is looked at.
    """

    ENABLE_COMMAND_PALETTE = False
    TITLE = "Sparring"

    def __init__(
        self,
        archive: Archive,
        catalogue: Catalogue,
        *,
        session_id: str | None = None,
        show_notes: bool = False,
        theme: str | None = None,
        wall_time: WallTime | None = None,
        poll_seconds: float = POLL_SECONDS,
    ):
        super().__init__()
        self.archive = archive
        self.catalogue = catalogue
        self.session_id = session_id
        self.show_notes = show_notes
        self.wall_time = wall_time
        self.poll_seconds = poll_seconds
        if theme is not None:
            self.theme = theme

    def on_mount(self) -> None:
        if self.session_id is not None:
            self.follow(self.session_id)
        else:
            self.push_screen(ChooseScreen(self.archive), self._chosen)

    def on_unmount(self) -> None:
        self.archive.close()

    def _chosen(self, session_id: str | None) -> None:
        if session_id is not None:
            self.follow(session_id)

    def follow(self, session_id: str) -> None:
        """Show `session_id` on the wall."""
        kwargs: dict[str, WallTime] = {}
        if self.wall_time is not None:
            kwargs["wall_time"] = self.wall_time
        follower = Follower(self.archive, session_id, self.catalogue, **kwargs)
        self.push_screen(
            WallScreen(follower, show_notes=self.show_notes, poll_seconds=self.poll_seconds)
        )


