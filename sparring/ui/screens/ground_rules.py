"""Before the clock starts: the ground rules, then the plan of the session.

Psychological safety starts with setting the stage (Edmondson, PROTOCOL.md section 4),
so the timekeeper reads the ground rules aloud and walks the group through who speaks
when, before anyone's case is on the table.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from sparring.domain.scenario import Phase, Scenario
from sparring.domain.session import Session
from sparring.formats import minutes_text
from sparring.i18n import N_, _, set_language
from sparring.ui.localized import LocalizedScreen
from sparring.ui.text import case_owner_line, clock_text
from sparring.ui.widgets.footer import KeyFooter

GROUND_RULES: tuple[str, ...] = (
    N_("What is said here stays in the group."),
    # Seed 003, "SPARRING I GRUPPERNE": "Reflekterende team taler sammen ..."; the case
    # owner listens while the others talk about the case.
    N_("The reflecting team talks about the case among themselves; the case owner listens."),
    # Seed 001: "Vi er vidner til hinandens læring – og ikke hinandens coaches."  # noqa: RUF003
    N_("We are witnesses to each other's learning, not each other's coaches."),
    N_("Anyone can ask for a pause."),
)
"""The rules read aloud before the clock starts, in the session's language."""


def speakers(phase: Phase, session: Session) -> str:
    """Who speaks in `phase`, by name; a round says the length of each turn."""
    team = session.reflecting_team
    if phase.speakers == "case_owner":
        return session.case_owner or ""
    if phase.speakers == "everyone":
        return ", ".join(session.member_names)
    if phase.has_turns and team:
        return _("{names}, in turn ({time} each)").format(
            names=", ".join(team), time=clock_text(phase.seconds / len(team)))
    return ", ".join(team)


def listeners(phase: Phase, session: Session) -> str:
    """Who listens in `phase`, by name ("" when nobody is set to only listen)."""
    if phase.listeners == "case_owner":
        return session.case_owner or ""
    if phase.listeners in ("reflecting_team", "each_other_member"):
        return ", ".join(session.reflecting_team)
    if phase.listeners == "everyone":
        return ", ".join(session.member_names)
    return ""


class GroundRulesScreen(LocalizedScreen[bool]):
    """The ground rules and the plan: Enter starts the clock (True), Escape goes back (False).

    Args:
        scenario: the protocol about to run.
        session: the session set up for it.
    """

    DEFAULT_CSS = """
    GroundRulesScreen #ground-rules {
        padding: 0 1;
    }
    GroundRulesScreen .title {
        text-style: bold;
        color: $accent;
    }
    GroundRulesScreen .heading {
        text-style: bold;
        margin-top: 1;
    }
    GroundRulesScreen .rule {
        padding-left: 2;
    }
    GroundRulesScreen .phase {
        padding-left: 2;
        margin-top: 1;
    }
    GroundRulesScreen .phase-detail {
        padding-left: 5;
        color: $text-muted;
    }
    GroundRulesScreen .role {
        padding-left: 2;
    }
    GroundRulesScreen #start {
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "start",
            N_("Start the clock"),
            id="ground_rules.start",
            tooltip=N_("The rules are said: start the first phase's countdown."),
        ),
        Binding(
            "escape",
            "back",
            N_("Back to setup"),
            id="ground_rules.back",
            tooltip=N_("Go back and change the group, the case or the timekeeper."),
        ),
    ]

    def __init__(self, scenario: Scenario, session: Session):
        super().__init__()
        self.scenario = scenario
        self.session = session
        # The screens of a session speak its language, whatever the app spoke before.
        set_language(session.language)

    def compose(self) -> ComposeResult:
        language = self.session.language
        session = self.session
        with VerticalScroll(id="ground-rules"):
            yield Static(
                Content(_("Before the clock starts · {scenario}").format(
                    scenario=self.scenario.title.get(language))),
                classes="title",
            )
            yield Static(_("Ground rules"), classes="heading")
            for rule in GROUND_RULES:
                yield Static(Content(f"• {rule}"), classes="rule")
            total = minutes_text(self.scenario.total_minutes * 60)
            yield Static(Content(_("The plan · {minutes} min in all").format(minutes=total)),
                         classes="heading")
            for number, phase in enumerate(self.scenario.phases, start=1):
                yield Static(
                    Content.assemble(
                        (f"{number}. {phase.title.get(language)}", "bold"),
                        " · " + _("{minutes} min").format(minutes=minutes_text(phase.seconds)),
                    ),
                    classes="phase",
                )
                yield Static(Content(phase.who.get(language)), classes="phase-detail")
                who = Content.assemble(_("Speaks: "), speakers(phase, session))
                listening = listeners(phase, session)
                if listening:
                    who = Content.assemble(who, " · ", _("Listens: "), listening)
                yield Static(who, classes="phase-detail")
            yield Static(_("Roles"), classes="heading")
            yield Static(case_owner_line(session), id="case", classes="role")
            yield Static(
                Content.assemble((_("Timekeeper: "), "bold"), session.timekeeper or ""),
                id="timekeeper",
                classes="role",
            )
            yield Static(
                Content.assemble((_("Reflecting team: "), "bold"),
                                 ", ".join(session.reflecting_team)),
                id="team",
                classes="role",
            )
            yield Button(_("Start the clock"), id="start", variant="success", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        # The scroll area takes the keys first: arrows read on, Enter starts.
        self.query_one("#ground-rules", VerticalScroll).focus()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Start the clock."""
        self.dismiss(True)

    def action_back(self) -> None:
        """Back to the setup."""
        self.dismiss(False)
