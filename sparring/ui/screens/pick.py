"""A small list to pick one thing from: a note's lens, its insight kind, whose it is.

Enter takes the highlighted choice, a digit takes that choice at once, Escape keeps
what was chosen before.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sparring.i18n import N_, _


@dataclass(frozen=True)
class Picked:
    """What was picked: `value` (None for "none")."""

    value: str | None


class PickScreen(ModalScreen[Picked | None]):
    """Dismisses with the `Picked` choice, or None when Escape keeps the one before.

    Args:
        title: what is picked, e.g. "Lens".
        choices: (value, label) pairs; a value of None means "none".
        current: the value chosen now, highlighted at first.
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Keep"), id="pick.cancel",
                tooltip=N_("Keep what was chosen"))
    ]

    DEFAULT_CSS = """
    PickScreen { align: center middle; }
    PickScreen > Vertical {
        width: 48; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PickScreen OptionList { height: auto; max-height: 16; border: none; }
    PickScreen #pick-hint { color: $text-muted; }
    """

    def __init__(self, title: str, choices: list[tuple[str | None, str]], current: str | None):
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            options = [
                Option(f"{number} {label}" if number < 10 else f"  {label}")
                for number, (_value, label) in enumerate(self.choices)
            ]
            yield OptionList(*options, id="pick-list", markup=False)
            yield Static(
                _("Enter or a digit picks; Escape keeps it as it was"),
                id="pick-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        values = [value for value, _label in self.choices]
        options = self.query_one(OptionList)
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Picked(self.choices[event.option_index][0]))

    def on_key(self, event: Key) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character)
            if index < len(self.choices):
                event.stop()
                self.dismiss(Picked(self.choices[index][0]))

    def action_cancel(self) -> None:
        self.dismiss(None)
