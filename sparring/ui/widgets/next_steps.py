"""The next steps the members will try before the group meets again, as a list to pick from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sparring.domain.records import NextStep
from sparring.i18n import N_, _


def step_label(step: NextStep) -> Content:
    """One step as a line: who, then the text exactly as typed."""
    return Content.assemble((step.who, "bold"), ": ", step.text)


class NextStepList(OptionList):
    """The saved next steps; Enter edits the highlighted one, Delete removes it.

    The list only shows steps the store has saved: the screen adds a step after
    `save_next_step` returns, and takes one away only after `delete_next_step` does
    (the list asks for that with `DeleteRequested`).
    """

    DEFAULT_CSS = """
    NextStepList {
        height: auto;
        max-height: 8;
        border: round $primary-background;
    }
    NextStepList:focus {
        border: round $primary;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            N_("Edit step"),
            id="next_steps.edit",
            tooltip=N_("Put the highlighted step back in the field to change it."),
        ),
        Binding(
            "delete,backspace",
            "delete_step",
            N_("Delete step"),
            id="next_steps.delete",
            tooltip=N_("Delete the highlighted step."),
        ),
    ]

    class DeleteRequested(Message):
        """The user asked to delete the step with `step_id`."""

        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id, markup=False)
        self.border_title = _("Next steps")

    def show(self, steps: Sequence[NextStep]) -> None:
        """Replace the list with `steps`, keeping the highlight on the same step if it stays."""
        highlighted = self.highlighted_step_id
        self.clear_options()
        self.add_options(Option(step_label(step), id=step.id) for step in steps)
        ids = [step.id for step in steps]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)
        elif steps:
            self.highlighted = len(steps) - 1
        self.border_subtitle = _("{count} saved").format(count=len(steps))

    @property
    def highlighted_step_id(self) -> str | None:
        """The id of the highlighted step, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and delete need a highlighted step."""
        if action in ("select", "delete_step"):
            return True if self.highlighted_step_id is not None else None
        return True

    def action_delete_step(self) -> None:
        """Ask the screen to delete the highlighted step."""
        step_id = self.highlighted_step_id
        if step_id is not None:
            self.post_message(self.DeleteRequested(step_id))
