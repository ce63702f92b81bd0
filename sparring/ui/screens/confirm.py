"""A yes-or-no question before something that cannot be undone in one key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from sparring.i18n import N_, _
from sparring.ui.localized import LocalizedModalScreen


class ConfirmScreen(LocalizedModalScreen[bool]):
    """Asks `question`; dismisses True on y or Enter, False on n or Escape."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", N_("Yes"), id="confirm_yes",
                tooltip=N_("Yes, go ahead")),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm_no",
                tooltip=N_("No, go back")),
    ]

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: auto; max-width: 70; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen #confirm-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, markup=False)
            yield Label(_("y / Enter: yes    n / Escape: no"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
