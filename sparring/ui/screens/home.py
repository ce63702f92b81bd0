"""The first screen: resume an unfinished session (offered first), start one, or look back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sparring.domain.catalogue import Catalogue
from sparring.domain.states import state_text
from sparring.formats import minutes_text, number_text
from sparring.i18n import N_, _, current_language, ngettext
from sparring.ui.localized import LocalizedScreen
from sparring.ui.time_scale import following_scale, time_scale_text
from sparring.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sparring.store import Archive, Overview, SessionSummary

def describe(summary: SessionSummary) -> str:
    """A session in one line: date, group, case owner, state."""
    day = (summary.started_at or summary.created_at)[:16].replace("T", " ")
    group = summary.group or _("(no group name)")
    owner = summary.case_owner or "?"
    state = state_text(summary.state)
    text = _("{day}  {group}: {owner}'s case, {state}").format(
        day=day, group=group, owner=owner, state=state)
    return text + _(" (rehearsal)") if summary.rehearsal else text


def _shown(option: Option) -> tuple[str | None, str, bool]:
    """What an option of the menu shows, and whether it can be chosen."""
    return option.id, str(option.prompt), option.disabled


INTRO = N_("Timed, case-based peer sparring for a group of about four. "
           "Present, reflect, interview, round: 35 minutes, every insight saved.")
"""What Sparring is, in two lines at the top of the start screen."""

RECENT_GROUPS = 3
"""Groups offered on the start screen itself; the others are a choice away."""

RECHECK_SECONDS = 2.0
"""How often the start screen looks whether another Sparring let go of a session."""


class HomeScreen(LocalizedScreen[None]):
    """What to do: resume, new session, history, scenarios, quit."""

    BINDINGS = [
        Binding("n", "choose('new')", N_("New session"), id="new_session",
                tooltip=N_("Set up a new sparring session")),
        Binding("h", "choose('history')", N_("History"), id="history",
                tooltip=N_("Sessions and notes from earlier meetings")),
        Binding("s", "choose('scenarios')", N_("Scenarios"), id="scenarios",
                tooltip=N_("The protocols there are")),
        Binding("l", "language", N_("Dansk/English"), id="language",
                tooltip=N_("Speak Danish or English, here and in a new session")),
        Binding("t", "time_scale", N_("Clock"), id="time_scale",
                tooltip=N_("Real time, or faster to rehearse (a rehearsal is kept apart)")),
    ]

    CSS = """
    HomeScreen { align: center middle; }
    #home { width: 76; height: auto; max-height: 100%; }
    #home-intro { margin-bottom: 1; }
    #home-banner { color: $warning; margin-bottom: 1; }
    #home-settings { color: $warning; margin-bottom: 1; }
    #home-clock { color: $text-muted; margin-bottom: 1; }
    #home-menu { height: auto; max-height: 14; }
    """

    class Chosen(Message):
        """The user picked `choice`: new, history, scenarios, quit, resume:<id>, group:<name>,
        groups, time_scale:<seconds per second>, or language:<da|en>."""

        def __init__(self, choice: str):
            super().__init__()
            self.choice = choice

    def __init__(
        self,
        catalogue: Catalogue,
        store: Archive | None = None,
        *,
        problems: list[str] | None = None,
        time_scale: float = 1.0,
    ):
        super().__init__()
        self.store = store
        self.catalogue = catalogue
        self.problems = list(problems or [])
        self.time_scale = time_scale
        self._held: dict[str, str] = {}
        """The unfinished sessions another Sparring writes, as listed: id -> group."""
        self._first: tuple[Overview, bool] | None = None
        """Until the data folder is open: a first view of what it holds (see
        `show_overview`), and whether it may be written."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(str(INTRO), id="home-intro")
            yield Static("", id="home-banner", markup=False)
            yield Static("", id="home-settings", markup=False)
            yield Static("", id="home-clock", markup=False)
            yield OptionList(id="home-menu", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_problems(self.problems)
        self.set_interval(RECHECK_SECONDS, self.recheck)

    def recheck(self) -> None:
        """Another Sparring may have quit since: offer what it let go of, and say so."""
        if self.store is not None and self.is_current and (
                self.store.overview().held.keys() != self._held.keys()):
            self.fill()

    def show_problems(self, problems: list[str]) -> None:
        """Show what is wrong in the settings file (the app runs with defaults for it)."""
        self.problems = list(problems)
        line = self.query_one("#home-settings", Static)
        line.update("\n".join(self.problems))
        line.display = bool(self.problems)

    def _show_time_scale(self) -> None:
        key = next(
            (key for key, active in self.active_bindings.items()
             if active.binding.id == "time_scale"),
            "t",
        )
        text = _("Clock: {speed} ({key} changes it)").format(
            speed=time_scale_text(self.time_scale), key=key
        )
        self.query_one("#home-clock", Static).update(text)

    def action_time_scale(self) -> None:
        """Real time, or a faster clock to rehearse: the next speed."""
        self.time_scale = following_scale(self.time_scale)
        self._show_time_scale()
        self.post_message(self.Chosen(f"time_scale:{self.time_scale:g}"))

    def action_language(self) -> None:
        """Speak the other language: Dansk or English."""
        self.post_message(self.Chosen("language:" + ("en" if current_language() == "da" else "da")))

    def on_screen_resume(self) -> None:
        """Shown (the first time too): list the choices as they are now."""
        self.fill()

    def show_overview(self, overview: Overview, writable: bool) -> None:
        """A first view of what the data folder holds, while the rest of it is read (a
        choice made meanwhile is carried out once it is open)."""
        self._first = overview, writable
        if self.is_mounted:
            self.fill()

    def show_store(self, store: Archive) -> None:
        """The data folder is open: list what it offers."""
        self.store = store
        if self.is_mounted:
            self.fill()

    def fill(self) -> None:
        """List the choices, an unfinished session first (in the language spoken now).
        A list that would come out as it is shown is left as it is."""
        self.query_one("#home-intro", Static).update(str(INTRO))
        self._show_time_scale()
        self.refresh_bindings()
        banner = self.store.read_only_reason if self.store is not None else None
        self.query_one("#home-banner", Static).update(banner or "")
        self.query_one("#home-banner").display = bool(banner)
        options = self._choices() + self._common()
        menu = self.query_one("#home-menu", OptionList)
        if [_shown(option) for option in menu.options] != list(map(_shown, options)):
            menu.set_options(options)
            menu.highlighted = next(index for index, option in enumerate(options)
                                    if not option.disabled)
        menu.focus()

    def _choices(self) -> list[Option]:
        """The choices the data folder offers: resume, new session (for a group), history."""
        if self.store is not None:
            overview = self.store.overview()
        elif self._first is not None:
            overview = self._first[0]
        else:
            return [Option(_("Opening your data folder…"), id="opening", disabled=True)]
        writable = self._writable()
        choices = []
        # Whichever way the list is made again, a session another Sparring let go of since
        # is told of once (a look on a timer, or a return to this screen).
        was_held, self._held = self._held, {}
        for summary in overview.unfinished:
            label = Text(_("Resume") + "  ", style="bold")
            label.append(describe(summary))
            holder = overview.held.get(summary.id)
            if holder is not None:
                self._held[summary.id] = summary.group
                label.append("  " + _("(open in another Sparring, process {process})").format(
                    process=holder))
            choices.append(Option(label, id=f"resume:{summary.id}",
                                  disabled=not writable or holder is not None))
        for session_id, held_group in was_held.items():
            if session_id not in self._held:
                what = (_("The session of {group}").format(group=held_group) if held_group
                        else _("A session"))
                self.notify(_("{what} is no longer open in another Sparring: it can be "
                              "resumed here now.").format(what=what),
                            title=_("Free to resume"), markup=False)
        for group in overview.groups[:RECENT_GROUPS]:
            label = Text(_("New session for {group}").format(group=group.name),
                         style="bold")
            label.append(f": {', '.join(group.last.participants)}")
            choices.append(Option(label, id=f"group:{group.name}", disabled=not writable))
        if len(overview.groups) > RECENT_GROUPS:
            choices.append(Option(Text(_("All groups ({count})").format(
                count=number_text(len(overview.groups))), style="bold"),
                id="groups", disabled=not writable))
        choices.append(Option(Text(_("New session"), style="bold"), id="new",
                              disabled=not writable))
        sessions = ngettext("{count} session", "{count} sessions", overview.sessions).format(
            count=number_text(overview.sessions))
        choices.append(Option(_("History ({sessions})").format(sessions=sessions),
                              id="history"))
        return choices

    def _common(self) -> list[Option]:
        """The choices that need no data folder: the scenarios, and quit."""
        minutes = ", ".join(_("{scenario} {minutes} min").format(
            scenario=s.id, minutes=minutes_text(s.total_minutes * 60))
            for s in self.catalogue.scenarios.values())
        return [Option(_("Scenarios ({minutes})").format(minutes=minutes), id="scenarios"),
                Option(_("Quit"), id="quit")]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim "new" while the data folder is only read (what needs the folder before it is
        open is carried out once it is)."""
        if action == "choose" and parameters == ("new",) and not self._writable():
            return None
        return True

    def _writable(self) -> bool:
        """Whether sessions may be started here (as far as is known yet)."""
        if self.store is not None:
            return not self.store.read_only
        return self._first is None or self._first[1]

    def action_choose(self, choice: str) -> None:
        self.post_message(self.Chosen(choice))
