"""Check-out, after the last phase: each member's next step, then the meeting evaluation.

The next steps are the input to the group's next meeting (PROTOCOL.md section 4), so
each is saved the moment Enter is pressed and shown in the list only once the store
has it. When the store refuses, the text stays in its field and the user is told why.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from sparring.domain.records import NextStep, StoredSession
from sparring.domain.scenario import Scenario
from sparring.i18n import N_, _, set_language
from sparring.store import Archive, StoreError, UnreadableFile
from sparring.ui.localized import LocalizedScreen
from sparring.ui.widgets.evaluation import EvaluationForm
from sparring.ui.widgets.footer import KeyFooter
from sparring.ui.widgets.next_steps import NextStepList

STEP_QUESTION = N_("What will I try before we meet again?")
"""The question each member answers with a next step, the case owner first."""

STORE_ERRORS = (StoreError, UnreadableFile, OSError)
"""What a save can fail with; the user is told, and nothing typed is lost."""


class CheckoutScreen(LocalizedScreen[None]):
    """Next steps and the meeting evaluation; dismisses with None when done.

    Args:
        scenario: the protocol that ran.
        stored: the session as stored (next steps and evaluation saved earlier are shown).
        store: where next steps and the evaluation are saved.
    """

    DEFAULT_CSS = """
    CheckoutScreen #checkout {
        padding: 0 1;
    }
    CheckoutScreen .title {
        text-style: bold;
        color: $accent;
    }
    CheckoutScreen .heading {
        text-style: bold;
        margin-top: 1;
    }
    CheckoutScreen .hint {
        color: $text-muted;
    }
    CheckoutScreen #step-prompt {
        margin-top: 1;
    }
    CheckoutScreen #step-entry {
        height: 1;
    }
    CheckoutScreen #step-who {
        width: 18;
        margin-right: 1;
    }
    CheckoutScreen #step-text {
        width: 1fr;
    }
    CheckoutScreen Input:focus, CheckoutScreen Select:focus > SelectCurrent {
        background-tint: $foreground 15%;
    }
    CheckoutScreen #step-editing {
        color: $text-warning;
        display: none;
    }
    CheckoutScreen.-editing #step-editing {
        display: block;
    }
    CheckoutScreen #no-steps {
        color: $text-muted;
        text-style: italic;
    }
    CheckoutScreen #buttons {
        height: auto;
        margin: 1 0;
    }
    CheckoutScreen #buttons Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n",
            "done",
            N_("Done"),
            id="checkout.done",
            tooltip=N_("Finish the check-out; an unsaved evaluation is saved first."),
        ),
        Binding(
            "ctrl+s",
            "save_evaluation",
            N_("Save evaluation"),
            id="checkout.save_evaluation",
            tooltip=N_("Save the meeting evaluation as it stands."),
        ),
        Binding(
            "escape",
            "cancel_edit",
            N_("Cancel edit"),
            id="checkout.cancel_edit",
            tooltip=N_("Stop changing the step; it stays as it was saved."),
        ),
    ]

    def __init__(self, scenario: Scenario, stored: StoredSession, store: Archive):
        super().__init__()
        self.scenario = scenario
        self.stored = stored
        self.store = store
        self.session = stored.session
        # The screens of a session speak its language, whatever the app spoke before.
        set_language(self.session.language)
        self._steps: list[NextStep] = list(stored.next_steps)
        self._editing: NextStep | None = None
        self._evaluation_changed = False
        # Done with an unsaved step in the field warns once; a second Done leaves anyway.
        self._warned_unsaved = False

    # -- building ----------------------------------------------------------------

    @property
    def _members(self) -> list[str]:
        """The members, the case owner first: the order next steps are asked in."""
        owner = self.session.case_owner
        first = [owner] if owner in self.session.member_names else []
        return [*first, *(name for name in self.session.member_names if name != owner)]

    def compose(self) -> ComposeResult:
        language = self.session.language
        with VerticalScroll(id="checkout"):
            yield Static(
                Content(_("Check-out · {group}").format(
                    group=self.session.group or self.scenario.title.get(language))),
                classes="title",
            )
            yield Static(_("1. Next steps"), classes="heading")
            yield Static(
                _("Each member says what they will try; the case owner first. Enter saves."),
                classes="hint",
            )
            yield Static(id="step-prompt")
            with HorizontalGroup(id="step-entry"):
                yield Select[str](
                    [(Content(name), name) for name in self._members],
                    allow_blank=False,
                    value=self._next_member(),
                    compact=True,
                    id="step-who",
                )
                # Editing a saved step goes on where it ends; selecting it all on focus
                # would let the first key wipe it.
                yield Input(
                    placeholder=_("One step, in a line"),
                    compact=True,
                    select_on_focus=False,
                    id="step-text",
                )
            yield Static(
                _("Changing a saved step: Enter saves it, Escape leaves it as it was."),
                id="step-editing",
            )
            yield Static(_("No next steps yet."), id="no-steps")
            yield NextStepList(id="steps")
            yield Static(_("2. Meeting evaluation"), classes="heading")
            yield Static(_("Score each question 1 (low) to 5 (high); 0 skips it."),
                         classes="hint")
            yield EvaluationForm(language, self.stored.evaluation, id="evaluation")
            with HorizontalGroup(id="buttons"):
                yield Button(_("Save evaluation"), id="save-evaluation", compact=True)
                yield Button(_("Done"), id="done", variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_steps()
        self._show_prompt()
        self.query_one("#step-text", Input).focus()

    def _next_member(self) -> str:
        """The first member, case owner first, who has no next step yet."""
        done = {step.who for step in self._steps}
        members = self._members
        return next((name for name in members if name not in done), members[0] if members else "")

    def _ordered_steps(self) -> list[NextStep]:
        """The steps in the order of the members, the case owner's first."""
        order = {name: index for index, name in enumerate(self._members)}
        return sorted(self._steps, key=lambda step: order.get(step.who, len(order)))

    def _show_steps(self) -> None:
        steps = self._ordered_steps()
        self.query_one("#steps", NextStepList).show(steps)
        self.query_one("#steps", NextStepList).display = bool(steps)
        self.query_one("#no-steps", Static).display = not steps

    def _show_prompt(self) -> None:
        who = self.query_one("#step-who", Select).selection
        self.query_one("#step-prompt", Static).update(
            Content.assemble((str(who or ""), "bold"), f": {STEP_QUESTION}")
        )

    # -- next steps ----------------------------------------------------------------

    @on(Select.Changed, "#step-who")
    def _who_changed(self) -> None:
        self._show_prompt()

    @on(Input.Changed, "#step-text")
    def _step_typed(self) -> None:
        self._warned_unsaved = False

    @on(Input.Submitted, "#step-text")
    def _step_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_step()

    def save_step(self) -> bool:
        """Save the step in the field (new, or the one being changed); True when saved."""
        field = self.query_one("#step-text", Input)
        text = field.value.strip()
        who = self.query_one("#step-who", Select).selection
        if not text or not isinstance(who, str):
            self.notify(_("Write the step first."), severity="warning", markup=False)
            return False
        if self._editing is not None:
            step = self._editing
            step = NextStep(
                session_id=step.session_id,
                who=who,
                text=text,
                status=step.status,
                comment=step.comment,
                id=step.id,
                at=step.at,
            )
        else:
            step = NextStep(session_id=self.session.id, who=who, text=text)
        try:
            self.store.save_next_step(step)
        except STORE_ERRORS as error:
            self.notify(
                _("The next step was not saved: {error}\nIt is still in the field.").format(
                    error=error),
                title=_("Not saved"),
                severity="error",
                markup=False,
            )
            return False
        self._steps = [s for s in self._steps if s.id != step.id] + [step]
        self._stop_editing()
        field.value = ""
        self._show_steps()
        self.query_one("#steps", NextStepList).highlighted = self._ordered_steps().index(step)
        self.query_one("#step-who", Select).value = self._next_member()
        self.notify(_("Saved {name}'s next step.").format(name=who), timeout=3, markup=False)
        return True

    def _stop_editing(self) -> None:
        self._editing = None
        self.remove_class("-editing")
        self.refresh_bindings()

    @on(NextStepList.OptionSelected, "#steps")
    def _edit_step(self, event: NextStepList.OptionSelected) -> None:
        event.stop()
        step = next((s for s in self._steps if s.id == event.option_id), None)
        if step is None:
            return
        self._editing = step
        self.add_class("-editing")
        who = self.query_one("#step-who", Select)
        if step.who in self._members:
            who.value = step.who
        field = self.query_one("#step-text", Input)
        field.value = step.text
        field.cursor_position = len(step.text)
        field.focus()
        self.refresh_bindings()

    @on(NextStepList.DeleteRequested)
    def _delete_step(self, event: NextStepList.DeleteRequested) -> None:
        event.stop()
        step = next((s for s in self._steps if s.id == event.step_id), None)
        if step is None:
            return
        try:
            self.store.delete_next_step(self.session.id, step.id)
        except STORE_ERRORS as error:
            self.notify(
                _("The next step was not deleted: {error}").format(error=error),
                title=_("Not deleted"),
                severity="error",
                markup=False,
            )
            return
        self._steps.remove(step)
        if self._editing is not None and self._editing.id == step.id:
            self.action_cancel_edit()
        self._show_steps()
        if not self._steps:
            self.query_one("#step-text", Input).focus()
        self.notify(_("Deleted {name}'s next step.").format(name=step.who), timeout=3,
                    markup=False)

    def action_cancel_edit(self) -> None:
        """Stop changing a saved step; it stays as it was."""
        if self._editing is None:
            return
        self._stop_editing()
        self.query_one("#step-text", Input).value = ""
        self.query_one("#step-who", Select).value = self._next_member()

    # -- the evaluation ------------------------------------------------------------

    @on(EvaluationForm.Changed)
    def _evaluation_edited(self) -> None:
        self._evaluation_changed = True
        self.refresh_bindings()

    def action_save_evaluation(self) -> bool:
        """Save the evaluation as it stands; True when saved."""
        form = self.query_one("#evaluation", EvaluationForm)
        try:
            self.store.save_evaluation(form.evaluation(self.session.id))
        except STORE_ERRORS as error:
            self.notify(
                _("The evaluation was not saved: {error}").format(error=error),
                title=_("Not saved"),
                severity="error",
                markup=False,
            )
            return False
        self._evaluation_changed = False
        self.refresh_bindings()
        self.notify(_("Saved the meeting evaluation."), timeout=3, markup=False)
        return True

    @on(Button.Pressed, "#save-evaluation")
    def _save_pressed(self) -> None:
        self.action_save_evaluation()

    # -- leaving -------------------------------------------------------------------

    @on(Button.Pressed, "#done")
    def _done_pressed(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        """Leave the check-out, saving a changed evaluation first."""
        field = self.query_one("#step-text", Input)
        if field.value.strip() and not self._warned_unsaved:
            self._warned_unsaved = True
            field.focus()
            self.notify(
                _("The step in the field is not saved: Enter saves it. "
                  "Press Done again to leave without it."),
                title=_("Unsaved step"),
                severity="warning",
                markup=False,
            )
            return
        if self._evaluation_changed and not self.action_save_evaluation():
            return
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what does nothing now: saving an unchanged evaluation, cancelling no edit."""
        if action == "save_evaluation":
            return True if self._evaluation_changed else None
        if action == "cancel_edit":
            return self._editing is not None
        return True
