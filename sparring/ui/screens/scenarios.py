"""The protocols there are: phases, minutes, who speaks, where each comes from."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from sparring.domain.catalogue import Catalogue
from sparring.formats import decimal_text
from sparring.i18n import N_, _, current_language
from sparring.paths import user_scenario_dir
from sparring.ui.localized import LocalizedModalScreen


def scenario_table(catalogue: Catalogue) -> Table:
    """One row per phase of every scenario."""
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column(_("Scenario"))
    table.add_column(_("Phase"))
    table.add_column(_("Min"), justify="right")
    table.add_column(_("Who"))
    language = current_language()
    for scenario in sorted(catalogue.scenarios.values(), key=lambda s: s.id):
        for index, phase in enumerate(scenario.phases):
            minutes = _("{minutes} min").format(minutes=decimal_text(scenario.total_minutes))
            name = f"{scenario.id} ({minutes})" if index == 0 else ""
            table.add_row(name, phase.title.get(language), decimal_text(phase.minutes),
                          phase.who.get(language))
        table.add_row("", "", "", "")
    return table


class ScenariosScreen(LocalizedModalScreen[None]):
    """The catalogue of scenarios, and where the user's own go."""

    BINDINGS = [Binding("escape,q", "close", N_("Close"), id="close_scenarios",
                        tooltip=N_("Back to the start screen"))]

    DEFAULT_CSS = """
    ScenariosScreen { align: center middle; }
    ScenariosScreen > VerticalScroll {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, catalogue: Catalogue):
        super().__init__()
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = _("Scenarios")
            yield Static(scenario_table(self.catalogue))
            own = _("Your own scenario files go in {folder}").format(folder=user_scenario_dir())
            yield Static(own, markup=False)
            for error in self.catalogue.errors:
                yield Static(_("Skipped: {error}").format(error=error), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
