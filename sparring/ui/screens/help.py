"""Every key of a screen, from its own bindings, so the help never drifts from the keys."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from sparring.i18n import N_, _, resolve
from sparring.ui.localized import LocalizedModalScreen


def key_table(bindings: list[BindingType]) -> Table:
    """A two-column table of keys and what they do (each key shown once)."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    seen: set[tuple[str, str]] = set()
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        keys = " / ".join(key.strip() for key in binding.key.split(","))
        text = resolve(binding.tooltip) or resolve(binding.description)
        if (keys, text) in seen:
            continue
        seen.add((keys, text))
        table.add_row(keys, text)
    table.add_row("ctrl+q", _("Quit: everything is saved, a half-typed note kept as a draft"))
    return table


class HelpScreen(LocalizedModalScreen[None]):
    """A list of the keys of the screen underneath; any of Escape, F1 or q closes it."""

    BINDINGS = [Binding("escape,f1,q", "close", N_("Close"), id="close_help",
                        tooltip=N_("Close the help"))]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: auto; max-width: 90%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    """

    def __init__(self, bindings: list[BindingType]):
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = _("Keys")
            yield Static(key_table(self.bindings))

    def action_close(self) -> None:
        self.dismiss(None)
