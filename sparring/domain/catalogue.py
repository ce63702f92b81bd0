"""Finding scenarios: the ones shipped with Sparring and the user's own files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sparring.domain.scenario import Scenario
from sparring.domain.scenario_file import ScenarioError, load_scenario
from sparring.i18n import _


def builtin_scenario_dir() -> Path:
    """The scenarios shipped with the package (from a source tree: the top-level folder)."""
    packaged = Path(__file__).resolve().parent.parent / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "scenarios"


@dataclass
class Catalogue:
    """Every scenario that loaded, and an error for every file that did not."""

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    errors: list[ScenarioError] = field(default_factory=list)
    builtin: set[str] = field(default_factory=set)

    def get(self, scenario_id: str) -> Scenario:
        """The scenario with this id; KeyError names the ones there are."""
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            known = ", ".join(sorted(self.scenarios)) or _("none")
            raise KeyError(_("no scenario '{scenario}' (known: {known})").format(
                scenario=scenario_id, known=known)) from None


def load_catalogue(user_dir: Path | None = None) -> Catalogue:
    """Load the shipped scenarios, then the user's; a user file may replace a shipped one."""
    catalogue = Catalogue()
    folders = [(builtin_scenario_dir(), True)]
    if user_dir is not None and user_dir.is_dir():
        folders.append((user_dir, False))
    for folder, builtin in folders:
        for path in sorted(folder.glob("*.toml")):
            try:
                scenario = load_scenario(path)
            except ScenarioError as error:
                catalogue.errors.append(error)
                continue
            catalogue.scenarios[scenario.id] = scenario
            if builtin:
                catalogue.builtin.add(scenario.id)
            else:
                catalogue.builtin.discard(scenario.id)
    return catalogue
