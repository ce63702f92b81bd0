"""Every key of the screen underneath, as the keys are now (after a remap in the settings).

The list is read from the screen's active bindings when F1 is pressed, so it shows the
keys of the focused widget, the screen and the app, with the keys the keymap gave them;
it never drifts from what the keys do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from sparring.i18n import N_, _, resolve
from sparring.ui.localized import LocalizedModalScreen

HELP_BINDING = Binding(
    "f1", "help", N_("Help"), id="help", priority=True, tooltip=N_("Every key of this screen")
)
"""The app's F1: works on every screen, even while a note is typed."""


@dataclass(frozen=True)
class KeyRow:
    """One line of the help: the keys, what they do, the binding's id, and if it works now."""

    keys: str
    text: str
    binding_id: str
    enabled: bool


def key_rows(screen: Screen[object]) -> list[KeyRow]:
    """The keys that work on `screen` now, one row per binding.

    A binding the screen hides now (resume while running) is left out; one that cannot be
    used now (back in the first phase) is listed as such. Textual's own editing keys of a
    text field (they have no id and no footer entry) are left out.
    """
    rows: dict[tuple[str, str], KeyRow] = {}
    keys_of: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.id and not binding.show:
            continue
        text = resolve(binding.tooltip) or resolve(binding.description)
        which = (binding.id or binding.action, text)
        keys_of.setdefault(which, []).append(key)
        rows[which] = KeyRow(
            keys=" / ".join(keys_of[which]),
            text=text,
            binding_id=binding.id or "",
            enabled=active.enabled or rows.get(which, KeyRow("", "", "", False)).enabled,
        )
    return list(rows.values())


def show_help(app: App[Any]) -> None:
    """Open the help on the keys of the screen shown now (F1 again closes it)."""
    if isinstance(app.screen, HelpScreen):
        app.screen.dismiss(None)
        return
    app.push_screen(HelpScreen(key_rows(app.screen)))


def key_lines(rows: list[KeyRow]) -> Content:
    """The rows as aligned lines: keys, what they do, and the id to remap them by."""
    width = max((len(row.keys) for row in rows), default=0)
    lines = []
    for row in rows:
        text = Content(row.text)
        if not row.enabled:
            text = Content.assemble((row.text, "dim"), (_(" (not now)"), "dim"))
        line = Content.assemble((row.keys.ljust(width), "bold"), "  ", text)
        if row.binding_id:
            line = Content.assemble(line, (f"  [{row.binding_id}]", "dim"))
        lines.append(line)
    return Content("\n").join(lines)


class HelpScreen(LocalizedModalScreen[None]):
    """A list of the keys of the screen underneath; Escape, F1 or q closes it.

    Args:
        rows: the keys to show (`key_rows` of the screen underneath).
    """

    BINDINGS = [
        Binding("escape,f1,q", "close", N_("Close"), id="close_help", tooltip=N_("Close the help"))
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: auto; max-width: 90%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    HelpScreen #keys { width: auto; }
    HelpScreen #keys-hint { width: auto; color: $text-muted; margin-top: 1; }
    """

    def __init__(self, rows: list[KeyRow]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = _("Keys")
            yield Static(key_lines(self.rows), id="keys")
            yield Static(
                _('Remap a key in the settings file: under [keys], id = "key".'),
                id="keys-hint",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
