"""Every group on this laptop, to start the next session of any of them.

The start screen offers the groups that met most recently; a course leader whose laptop
serves many groups finds the others here, the newest first, narrowed by typing.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from sparring.domain.moments import day_text
from sparring.domain.names import fold
from sparring.formats import number_text
from sparring.i18n import N_, _, ngettext
from sparring.store import Group
from sparring.ui.localized import LocalizedModalScreen


class GroupsScreen(LocalizedModalScreen[str | None]):
    """Pick a group; dismisses with its name, or None on Escape.

    Args:
        groups: every group, the one that met most recently first.
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Back"), id="groups.back",
                tooltip=N_("Back to the start")),
    ]

    DEFAULT_CSS = """
    GroupsScreen { align: center middle; }
    GroupsScreen > Vertical {
        width: 80; max-width: 100%; height: 80%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    GroupsScreen OptionList { height: 1fr; }
    GroupsScreen #groups-keys { color: $text-muted; }
    """

    def __init__(self, groups: list[Group]):
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("New session for which group?"), markup=False)
            yield Input(placeholder=_("Type to narrow the list"), id="groups-filter")
            yield OptionList(id="groups-list")
            yield Label(_("Enter: start its next session    Escape: back"), id="groups-keys")

    def on_mount(self) -> None:
        self._show("")

    def _show(self, typed: str) -> None:
        words = fold(typed).split()
        options = self.query_one("#groups-list", OptionList)
        options.clear_options()
        for group in self.groups:
            if all(word in fold(group.name) for word in words):
                label = Text(group.name, style="bold")
                sessions = ngettext("{count} session", "{count} sessions",
                                    group.sessions).format(count=number_text(group.sessions))
                label.append(f"  {day_text(group.last.date)}, {sessions}: ")
                label.append(", ".join(group.last.participants))
                options.add_option(Option(label, id=group.name))
        if options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#groups-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def key_down(self) -> None:
        self.query_one("#groups-list", OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one("#groups-list", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
