"""The protocols there are: phases, minutes, who speaks, where each comes from."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sparring.domain.catalogue import Catalogue
from sparring.paths import user_scenario_dir


def scenario_table(catalogue: Catalogue) -> Table:
    """One row per phase of every scenario."""
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("Scenario")
    table.add_column("Phase")
    table.add_column("Min", justify="right")
    table.add_column("Who")
    for scenario in sorted(catalogue.scenarios.values(), key=lambda s: s.id):
        for index, phase in enumerate(scenario.phases):
            name = f"{scenario.id} ({scenario.total_minutes:g} min)" if index == 0 else ""
            table.add_row(name, phase.title.en, f"{phase.minutes:g}", phase.who.en)
        table.add_row("", "", "", "")
    return table


class ScenariosScreen(ModalScreen[None]):
    """The catalogue of scenarios, and where the user's own go."""

    BINDINGS = [Binding("escape,q", "close", "Close", id="close_scenarios",
                        tooltip="Back to the start screen")]

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
            scroll.border_title = "Scenarios"
            yield Static(scenario_table(self.catalogue))
            yield Static(f"Your own scenario files go in {user_scenario_dir()}", markup=False)
            for error in self.catalogue.errors:
                yield Static(f"Skipped: {error}", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
