"""State or change a member's learning point (seed 001): a small dialog, opened from My cases.

It shows the learning point that holds now in a field to edit, and the earlier versions
with their dates. Enter or Save gives back the new text (outer spaces left off; an empty
one withdraws the learning point, and the dialog says so beforehand); Escape or Cancel
gives None. Saving nothing new gives None too, and says so: an unchanged point is no new
version. The dialog never writes: whoever opened it keeps the new version in the store.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from sparring.domain.learning import LONGEST, LearningPoint, current
from sparring.formats import day_of
from sparring.i18n import N_, _
from sparring.ui.localized import LocalizedModalScreen

EARLIER_SHOWN = 3
"""How many earlier versions the dialog lists, the newest first (all are kept)."""


class LearningPointDialog(LocalizedModalScreen[str | None]):
    """Ask for a member's learning point, prefilled with the one that holds now.

    Args:
        member: the member's name, as typed.
        group: the member's group, as typed.
        versions: every version of the member's learning point so far, oldest first.
    """

    DEFAULT_CSS = """
    LearningPointDialog { align: center middle; }
    LearningPointDialog #dialog { width: 76; height: auto; border: thick $accent;
                                  padding: 1 2; background: $surface; }
    LearningPointDialog .title { text-style: bold; }
    LearningPointDialog .hint { color: $text-muted; margin-bottom: 1; }
    LearningPointDialog #earlier { color: $text-muted; margin-bottom: 1; }
    LearningPointDialog Input { margin-bottom: 1; }
    LearningPointDialog #buttons { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="learning_point.cancel",
            tooltip=N_("Leave the learning point as it is"),
        ),
    ]

    def __init__(self, member: str, group: str, versions: list[LearningPoint]):
        super().__init__()
        self.member = member
        self.group = group
        self.versions = versions
        self.now = current(versions, group, member)

    def compose(self) -> ComposeResult:
        group = self.group.strip() or _("no group name")
        with Vertical(id="dialog"):
            yield Label(
                _("Learning point of {name} ({group})").format(name=self.member, group=group),
                classes="title",
                markup=False,
            )
            yield Static(Text(self._since()), classes="hint")
            yield Input(
                self.now.text if self.now else "",
                id="learning-text",
                max_length=LONGEST,
                placeholder=_("A specific learning point or area to work on through the year"),
            )
            earlier = self._earlier()
            if earlier.plain:
                yield Static(earlier, id="earlier")
            yield Static(
                Text(
                    _(
                        "Enter saves it as a new version, dated today; the earlier ones "
                        "are kept. Saved empty, the learning point is withdrawn."
                    )
                ),
                classes="hint",
            )
            with Horizontal(id="buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def _since(self) -> str:
        if self.now is not None:
            return _("Stated {day}.").format(day=day_of(self.now.at))
        if self.versions:
            return _("Withdrawn {day}.").format(day=day_of(self.versions[-1].at))
        return _("No learning point stated yet.")

    def _earlier(self) -> Text:
        """The versions before the one now, newest first (a withdrawal is no version)."""
        before = [p for p in self.versions if p is not self.now and p.text.strip()]
        lines = Text(end="")
        shown = before[::-1][:EARLIER_SHOWN]
        if shown:
            lines.append(_("Earlier:"))
        for point in shown:
            lines.append(f"\n{day_of(point.at)}: ")
            lines.append(point.text)
        return lines

    def on_mount(self) -> None:
        self.query_one("#learning-text", Input).focus()

    def _save(self) -> None:
        text = self.query_one("#learning-text", Input).value.strip()
        if text == (self.now.text.strip() if self.now else ""):
            if self.now is None:
                self.notify(
                    _("Write a learning point to state one, or Cancel."), severity="warning"
                )
                return
            self.notify(_("The learning point is unchanged; nothing was saved."))
            self.dismiss(None)
            return
        self.dismiss(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Leave the learning point as it is."""
        self.dismiss(None)
