"""Check-in: what have we learned since last time? Where each open next step stands now.

Shown before the ground rules when a group starts a new session and has next steps
still open from earlier ones, or members who stated a learning point (seed 002: "Hvad har
vi lært siden sidst?"). Each step can be marked done, in progress, dropped, or left open,
with a line of comment. Each member's learning point is shown beside their open steps,
and on its own for a member who has none open (seed 001: everyone has a learning point
to work on through the year, so the round starts from it even when no step is open).
The screen dismisses with the follow-ups; the app saves them with the new session when
it starts.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from sparring.domain.followup import OpenStep
from sparring.domain.names import folded_name
from sparring.domain.records import FollowUp
from sparring.formats import day_of
from sparring.i18n import N_, _
from sparring.ui.localized import LocalizedScreen
from sparring.ui.widgets.footer import KeyFooter

STATUSES = ((N_("Still open"), "open"), (N_("In progress"), "in_progress"),
            (N_("Done"), "done"), (N_("Dropped"), "dropped"))
"""The choices for a step, in the order they are offered."""


class StepRow(VerticalGroup):
    """One open next step: who, what, since when; its status now and a comment."""

    DEFAULT_CSS = """
    StepRow { height: auto; margin-bottom: 1; }
    StepRow > .step-what { width: 100%; }
    StepRow > .step-learning { width: 100%; color: $text-muted; padding-left: 2; }
    StepRow > HorizontalGroup { height: 1; }
    StepRow Select { width: 18; margin-right: 1; }
    StepRow Input { width: 1fr; }
    """

    def __init__(self, open_step: OpenStep, learning_point: str | None = None):
        super().__init__()
        self.open_step = open_step
        self.learning_point = learning_point
        self.status = Select(((Text(str(label)), value) for label, value in STATUSES),
                             value=open_step.status if open_step.status != "open" else "open",
                             allow_blank=False, compact=True)
        self.comment = Input(open_step.comment, placeholder=_("A line of comment (optional)"),
                             compact=True)

    def compose(self) -> ComposeResult:
        step = self.open_step.step
        what = Text()
        what.append(step.who, style="bold")
        what.append(f" ({day_of(self.open_step.session_date)}): ")
        what.append(step.text)
        yield Static(what, classes="step-what")
        if self.learning_point:
            point = Text(_("Learning point: "), style="italic")
            point.append(self.learning_point)
            yield Static(point, classes="step-learning")
        with HorizontalGroup():
            yield self.status
            yield self.comment

    def follow_up(self, session_id: str) -> FollowUp:
        """Where the step stands, as a follow-up given in session `session_id`."""
        step = self.open_step.step
        value = self.status.value
        return FollowUp(session_id=session_id, next_step_id=step.id,
                        from_session_id=step.session_id, who=step.who, text=step.text,
                        status=value if isinstance(value, str) else "open",
                        comment=self.comment.value.strip())


class LearningRow(Static):
    """A member with no open next step, and their learning point."""

    DEFAULT_CSS = """
    LearningRow { width: 100%; height: auto; margin-bottom: 1; }
    """

    def __init__(self, member: str, learning_point: str):
        line = Text()
        line.append(member, style="bold")
        line.append(": ")
        line.append(_("Learning point: "), style="italic")
        line.append(learning_point)
        super().__init__(line)
        self.member = member
        self.learning_point = learning_point


class FollowUpScreen(LocalizedScreen[list[FollowUp] | None]):
    """The group's open next steps and its members' learning points; dismisses with the
    steps' follow-ups (none if no step is open), or None on Escape.

    Args:
        group: the group's name, for the title.
        steps: the open steps, oldest first.
        session_id: the new session the follow-ups are given in.
        learning_points: each member's learning point now, by name as typed (seed 001),
            in the order the members are listed: shown beside their steps, and on its own
            for a member with no open step.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "continue", N_("Continue"), id="followup.continue",
                tooltip=N_("Go on to the ground rules; the follow-ups are saved when the clock "
                           "starts")),
        Binding("escape", "back", N_("Back to setup"), id="followup.back",
                tooltip=N_("Back to the setup; nothing is saved")),
    ]

    DEFAULT_CSS = """
    FollowUpScreen #followup-form { padding: 0 1; }
    FollowUpScreen .title { text-style: bold; color: $accent; }
    FollowUpScreen .hint { color: $text-muted; margin-bottom: 1; }
    FollowUpScreen #followup-continue { margin: 1 0; }
    """

    def __init__(self, group: str, steps: list[OpenStep], session_id: str,
                 learning_points: dict[str, str] | None = None):
        super().__init__()
        self.group = group
        self.steps = steps
        self.session_id = session_id
        self.learning_points = dict(learning_points or {})

    def _point_of(self, who: str) -> str | None:
        wanted = folded_name(who)
        return next((point for name, point in self.learning_points.items()
                     if folded_name(name) == wanted), None)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="followup-form"):
            yield Label(_("What have we learned since last time?"), classes="title")
            if self.steps:
                hint = _("{group}: the next steps still open. Where does each stand? Tab "
                         "moves on; Continue when the round is done.")
            else:
                hint = _("{group}: no next step is open. Each member's learning point, to "
                         "start the round from; Continue when it is done.")
            yield Static(Text(hint.format(group=self.group)), classes="hint")
            for step in self.steps:
                yield StepRow(step, self._point_of(step.step.who))
            with_steps = {folded_name(step.step.who) for step in self.steps}
            for member, point in self.learning_points.items():
                if folded_name(member) not in with_steps:
                    yield LearningRow(member, point)
            yield Button(_("Continue"), id="followup-continue", variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        rows = list(self.query(StepRow))
        if rows:
            rows[0].status.focus()
        else:
            self.query_one("#followup-continue").focus()

    def follow_ups(self) -> list[FollowUp]:
        """The follow-ups as the form stands."""
        return [row.follow_up(self.session_id) for row in self.query(StepRow)]

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#followup-continue")
    def _continue_pressed(self) -> None:
        self.action_continue()

    def action_continue(self) -> None:
        self.dismiss(self.follow_ups())

    def action_back(self) -> None:
        self.dismiss(None)
