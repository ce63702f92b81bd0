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
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from sparring.domain.scenario import Phase, Scenario, Text
from sparring.domain.session import Session
from sparring.ui.text import case_owner_line, clock_text, minutes_text

GROUND_RULES: tuple[Text, ...] = (
    Text(
        en="What is said here stays in the group.",
        da="Det, der bliver sagt her, bliver i gruppen.",
    ),
    # Seed 003, "SPARRING I GRUPPERNE": "Reflekterende team taler sammen ..."; the case
    # owner listens while the others talk about the case.
    Text(
        en="The reflecting team talks about the case among themselves; the case owner listens.",
        da="Det reflekterende team taler sammen om casen; case-ejeren lytter.",
    ),
    # Seed 001: "Vi er vidner til hinandens læring – og ikke hinandens coaches."  # noqa: RUF003
    Text(
        en="We are witnesses to each other's learning, not each other's coaches.",
        da="Vi er vidner til hinandens læring – og ikke hinandens coaches.",  # noqa: RUF001
    ),
    Text(
        en="Anyone can ask for a pause.",
        da="Alle kan bede om en pause.",
    ),
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
        return f"{', '.join(team)}, in turn ({clock_text(phase.seconds / len(team))} each)"
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


class GroundRulesScreen(Screen[bool]):
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
            "Start the clock",
            id="ground_rules.start",
            tooltip="The rules are said: start the first phase's countdown.",
        ),
        Binding(
            "escape",
            "back",
            "Back to setup",
            id="ground_rules.back",
            tooltip="Go back and change the group, the case or the timekeeper.",
        ),
    ]

    def __init__(self, scenario: Scenario, session: Session):
        super().__init__()
        self.scenario = scenario
        self.session = session

    def compose(self) -> ComposeResult:
        language = self.session.language
        session = self.session
        with VerticalScroll(id="ground-rules"):
            yield Static(
                Content(f"Before the clock starts · {self.scenario.title.get(language)}"),
                classes="title",
            )
            yield Static("Ground rules", classes="heading")
            for rule in GROUND_RULES:
                yield Static(Content(f"• {rule.get(language)}"), classes="rule")
            total = minutes_text(self.scenario.total_minutes * 60)
            yield Static(Content(f"The plan · {total} min in all"), classes="heading")
            for number, phase in enumerate(self.scenario.phases, start=1):
                yield Static(
                    Content.assemble(
                        (f"{number}. {phase.title.get(language)}", "bold"),
                        f" · {minutes_text(phase.seconds)} min",
                    ),
                    classes="phase",
                )
                yield Static(Content(phase.who.get(language)), classes="phase-detail")
                who = Content.assemble("Speaks: ", speakers(phase, session))
                listening = listeners(phase, session)
                if listening:
                    who = Content.assemble(who, " · Listens: ", listening)
                yield Static(who, classes="phase-detail")
            yield Static("Roles", classes="heading")
            yield Static(case_owner_line(session), id="case", classes="role")
            yield Static(
                Content.assemble(("Timekeeper: ", "bold"), session.timekeeper or ""),
                id="timekeeper",
                classes="role",
            )
            yield Static(
                Content.assemble(("Reflecting team: ", "bold"), ", ".join(session.reflecting_team)),
                id="team",
                classes="role",
            )
            yield Button("Start the clock", id="start", variant="success", compact=True)
        yield Footer()

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
