"""Setting up a session: the protocol, the group, its members, whose case and who keeps time.

The screen shows what still stands between the setup and starting the clock as the
timekeeper types (`Session.problems`), and dismisses with the new `Session` only when
nothing does.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from sparring.domain.catalogue import Catalogue
from sparring.domain.scenario import Scenario
from sparring.domain.session import Participant, Session
from sparring.formats import minutes_text
from sparring.i18n import LANGUAGES, N_, _, current_language, set_language
from sparring.ui.localized import LocalizedScreen
from sparring.ui.time_scale import ClockSpeed
from sparring.ui.widgets.footer import KeyFooter
from sparring.ui.widgets.members import MemberRow, MembersEditor, member_label, size_note

DEFAULT_SCENARIO = "cross-functional-sparring"
"""The protocol of the course (seed 003), chosen unless the caller asks for another."""


class SetupScreen(LocalizedScreen[Session | None]):
    """The form that makes a new session: dismisses with it, or with None on Escape.

    Args:
        catalogue: the scenarios to choose from.
        session: a session whose group to start from; its members keep their `case_id`s.
            A session that has not started yet is edited in place and keeps its id.
        scenario_id: the scenario chosen at first. When a `session` is given and this is
            left at the default, the session's own scenario is chosen.
        note: a line from the caller shown at the top, e.g. who might present next.
        time_scale: the clock's speed chosen at first (1: real time; else a rehearsal).
    """

    DEFAULT_CSS = """
    SetupScreen #setup-form {
        padding: 0 1;
    }
    SetupScreen .title {
        text-style: bold;
        color: $accent;
        margin-bottom: 1;
    }
    SetupScreen #setup-note {
        color: $text-success;
        margin-bottom: 1;
    }
    SetupScreen .field-label {
        color: $text-muted;
        margin-top: 1;
    }
    SetupScreen #challenge-hint {
        color: $text-muted;
        text-style: italic;
        margin-bottom: 1;
    }
    SetupScreen Input:focus, SetupScreen Select:focus > SelectCurrent {
        background-tint: $foreground 15%;
    }
    SetupScreen #advice {
        color: $text-warning;
        margin-top: 1;
    }
    SetupScreen #problems {
        color: $text-error;
        margin-top: 1;
    }
    SetupScreen #continue {
        margin: 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n",
            "continue",
            N_("Continue"),
            id="setup.continue",
            tooltip=N_("Go on to the ground rules with this group (only when nothing is "
                       "missing)."),
        ),
        Binding(
            "ctrl+o",
            "add_member",
            N_("Add member"),
            id="setup.add_member",
            tooltip=N_("Add a row for one more member."),
        ),
        Binding(
            "ctrl+r",
            "remove_member",
            N_("Remove member"),
            id="setup.remove_member",
            tooltip=N_("Remove the member row the cursor is in (or the last one)."),
        ),
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="setup.cancel",
            tooltip=N_("Leave the setup without starting a session."),
        ),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        session: Session | None = None,
        *,
        scenario_id: str = DEFAULT_SCENARIO,
        note: str | None = None,
        time_scale: float = 1.0,
    ):
        super().__init__()
        self._time_scale = time_scale
        self._catalogue = catalogue
        self._session = session
        self._note = note
        if session is not None and scenario_id == DEFAULT_SCENARIO:
            scenario_id = session.scenario_id
        if scenario_id not in catalogue.scenarios and catalogue.scenarios:
            scenario_id = next(iter(catalogue.scenarios))
        self._scenario_id = scenario_id
        # A session keeps its language; a new one starts in the language spoken now.
        self._language = session.language if session is not None else current_language()
        # The timekeeper follows the case (first member who is not the case owner) until
        # the user picks one; this is the case id the screen itself last chose.
        self._automatic_timekeeper: str | None = None
        self._timekeeper_chosen = bool(session is not None and session.timekeeper)
        # What the choices last offered, so they are rebuilt only when a member changes.
        self._offered: list[tuple[str, str, str]] | None = None
        self._binding_states: tuple[bool | None, ...] = ()
        self._refresh_pending = False

    # -- building ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self._session
        with VerticalScroll(id="setup-form"):
            yield Static(_("Set up a session"), classes="title")
            if self._note:
                yield Static(self._note, id="setup-note", markup=False)
            yield Label(_("Language"), classes="field-label")
            yield Select(
                [(name, code) for code, name in LANGUAGES.items()],
                value=self._language,
                allow_blank=False,
                compact=True,
                id="language",
            )
            yield Label(_("Protocol"), classes="field-label")
            yield Select(
                [
                    (
                        Content(
                            _("{scenario} ({minutes} min)").format(
                                scenario=scenario.title.get(self._language),
                                minutes=minutes_text(scenario.total_minutes * 60))
                        ),
                        scenario.id,
                    )
                    for scenario in self._catalogue.scenarios.values()
                ],
                value=self._scenario_id if self._catalogue.scenarios else Select.NULL,
                allow_blank=not self._catalogue.scenarios,
                prompt=_("No protocol found"),
                compact=True,
                id="scenario",
            )
            yield Label(_("Group"), classes="field-label")
            yield Input(
                session.group if session else "",
                placeholder=_("The group's name, e.g. Group 1"),
                compact=True,
                id="group",
            )
            yield Label(_("Members: a name, then their challenge in a line"),
                        classes="field-label")
            yield Static(id="challenge-hint")
            yield MembersEditor(session.participants if session else (), id="members")
            yield Label(_("The case the group works on today"), classes="field-label")
            yield Select[str]([], prompt=_("Choose whose challenge"), compact=True, id="case")
            yield Label(_("Timekeeper"), classes="field-label")
            yield Select[str]([], prompt=_("Choose who keeps time"), compact=True,
                              id="timekeeper")
            yield Label(_("Clock"), classes="field-label")
            yield ClockSpeed(self._time_scale, id="time-scale")
            yield Static(id="advice")
            yield Static(id="problems")
            yield Button(_("Continue"), id="continue", variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._refresh()
        session = self._session
        if session is not None:
            # Prefill the choices from the session, by case id so later renames keep them.
            self._select_member(self.query_one("#case", Select), session.case_owner)
            keeper: Select[str] = self.query_one("#timekeeper", Select)
            self._select_member(keeper, session.timekeeper)
            if keeper.selection is None:
                self._timekeeper_chosen = False
            self._refresh()
        self.query_one("#group", Input).focus()

    def _change_language(self, code: str) -> None:
        """Hold the session in `code`, and redraw the form in it with what is typed so far."""
        draft = self.draft()
        draft.language = self._language = code
        self._session = draft
        self._offered = None
        self._binding_states = ()
        set_language(code)
        self.call_later(self._redraw)

    async def _redraw(self) -> None:
        await self.recompose()
        self.on_mount()
        self.query_one("#language", Select).focus()

    def _select_member(self, select: Select[str], name: str | None) -> None:
        for participant in self._members.participants():
            if participant.name == name:
                select.value = participant.case_id

    # -- reading the form ----------------------------------------------------------

    @property
    def _members(self) -> MembersEditor:
        return self.query_one("#members", MembersEditor)

    @property
    def scenario(self) -> Scenario | None:
        """The chosen scenario, if the catalogue has any."""
        value = self.query_one("#scenario", Select).selection
        return self._catalogue.scenarios.get(value) if isinstance(value, str) else None

    @property
    def time_scale(self) -> float:
        """The clock's speed chosen: 1 is real time, any other makes a rehearsal."""
        return self._time_scale

    @on(Select.Changed, "#time-scale")
    def _time_scale_chosen(self) -> None:
        self._time_scale = self.query_one(ClockSpeed).time_scale

    def draft(self) -> Session:
        """The session as the form stands now (it may still have problems)."""
        participants = self._members.participants()
        by_case = {p.case_id: p for p in participants}
        case = by_case.get(self.query_one("#case", Select).selection or "")
        keeper = by_case.get(self.query_one("#timekeeper", Select).selection or "")
        scenario = self.scenario
        session = Session(
            scenario_id=scenario.id if scenario else self._scenario_id,
            group=self.query_one("#group", Input).value.strip(),
            participants=participants,
            case_owner=case.name if case else None,
            timekeeper=keeper.name if keeper else None,
            language=self._language,
        )
        base = self._session
        if base is not None and not base.events:
            # A session still in setup (e.g. back from the ground rules) stays the same
            # session, so the store does not keep a second, abandoned one.
            session.id = base.id
            session.created_at = base.created_at
        return session

    def problems(self) -> list[str]:
        """What stands between the form and starting the clock; empty when ready."""
        scenario = self.scenario
        if scenario is None:
            return [_("There is no protocol to run: no scenario file could be read.")]
        return self.draft().problems(scenario)

    # -- keeping the form up to date -------------------------------------------------

    def _refresh(self) -> None:
        """Update the choices, the notes and the problems after any change."""
        self._refresh_pending = False
        participants = self._members.participants()
        offered = [(p.case_id, p.name, p.challenge) for p in participants]
        case_select: Select[str] = self.query_one("#case", Select)
        keeper_select: Select[str] = self.query_one("#timekeeper", Select)
        if offered != self._offered:
            self._offered = offered
            ids = {p.case_id for p in participants}
            case, keeper = case_select.selection, keeper_select.selection
            case_select.set_options((member_label(p), p.case_id) for p in participants)
            keeper_select.set_options(
                (Content(p.name or _("(no name yet)")), p.case_id) for p in participants
            )
            if case in ids:
                case_select.value = case
            if keeper in ids:
                keeper_select.value = keeper
            elif keeper is not None:
                # The chosen timekeeper's row was removed: choose again, automatically.
                self._timekeeper_chosen = False
        if not self._timekeeper_chosen:
            self._choose_timekeeper(participants, case_select.selection)
        scenario = self.scenario
        hint = scenario.challenge.get(self._language) if scenario and scenario.challenge else ""
        self.query_one("#challenge-hint", Static).update(Content(hint))
        notes = [size_note(scenario, len(participants)) if scenario else ""]
        draft = self.draft()
        if draft.case_owner and draft.case_owner == draft.timekeeper:
            notes.append(
                _("{name} owns the case and keeps time; the timekeeper is often one of the "
                  "reflecting team.").format(name=draft.case_owner)
            )
        advice = "\n".join(note for note in notes if note)
        self._show("#advice", advice)
        problems = self.problems()
        self._show(
            "#problems",
            "\n".join([_("Before you can continue:"), *(f"• {p}" for p in problems)])
            if problems
            else "",
        )
        # The footer redraws its keys on every refresh: only ask when one changes.
        states = tuple(
            self.check_action(action, ()) for action in ("continue", "add_member", "remove_member")
        )
        if states != self._binding_states:
            self._binding_states = states
            self.refresh_bindings()

    def _show(self, selector: str, text: str) -> None:
        """Put `text` in a Static, taking it out of the layout while there is none."""
        static = self.query_one(selector, Static)
        static.update(Content(text))
        static.display = bool(text)

    def _choose_timekeeper(self, participants: list[Participant], case: str | None) -> None:
        """Default timekeeper: the first member who is not the case owner."""
        keeper = next((p for p in participants if p.case_id != case and p.name), None)
        select: Select[str] = self.query_one("#timekeeper", Select)
        self._automatic_timekeeper = keeper.case_id if keeper else None
        if keeper is None:
            select.clear()
        elif select.value != keeper.case_id:
            select.value = keeper.case_id

    def _refresh_soon(self) -> None:
        """Refresh once the messages waiting now are handled: a burst of changes (a paste,
        rebuilt choices) costs one refresh, not one each."""
        if not self._refresh_pending:
            self._refresh_pending = True
            self.call_later(self._refresh)

    @on(MembersEditor.Changed)
    def _members_changed(self) -> None:
        self._refresh_soon()

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        current = event.select.value
        if event.value != current:
            # A value that is no longer there (options were rebuilt since): nothing to do.
            return
        if event.select.id == "language":
            if isinstance(current, str) and current != self._language:
                self._change_language(current)
            return
        if event.select.id == "timekeeper" and current not in (
            Select.NULL,
            self._automatic_timekeeper,
        ):
            # A timekeeper the screen did not choose itself is the user's choice, and sticks.
            self._timekeeper_chosen = True
        self._refresh_soon()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        # Enter in a field moves on, so the form is filled without reaching for Tab.
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self) -> None:
        self.action_continue()

    # -- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the keys that do nothing now."""
        if not self.is_mounted:
            return True
        rows = len(self._members.rows)
        scenario = self.scenario
        if action == "continue":
            return None if self.problems() else True
        if action == "add_member":
            limit = scenario.max_members if scenario else 12
            return None if rows >= limit else True
        if action == "remove_member":
            return None if rows <= 1 else True
        return True

    def action_continue(self) -> None:
        """Dismiss with the new session, or say what is missing."""
        problems = self.problems()
        if problems:
            self.notify(
                "\n".join(problems), title=_("Not ready yet"), severity="warning", markup=False
            )
            return
        self.dismiss(self.draft())

    def action_cancel(self) -> None:
        """Leave without a session."""
        self.dismiss(None)

    async def action_add_member(self) -> None:
        """Add a row for one more member."""
        if self.check_action("add_member", ()):
            await self._members.add_row()

    async def action_remove_member(self) -> None:
        """Remove the row the cursor is in, or the last row."""
        if not self.check_action("remove_member", ()):
            return
        row: MemberRow | None = self._members.row_with_focus() or self._members.rows[-1]
        if row is not None:
            await self._members.remove_row(row)
