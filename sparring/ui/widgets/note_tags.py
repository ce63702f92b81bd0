"""The tags the next note is saved with: a lens, an insight kind, and whose case it is on."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from sparring.domain.scenario import Scenario
from sparring.i18n import _


def following(choices: list[str | None], current: str | None) -> str | None:
    """The choice after `current`, round to the first."""
    index = choices.index(current) if current in choices else 0
    return choices[(index + 1) % len(choices)]


class NoteTags(Static):
    """One line under the notes: the tags the next note gets, and the keys that change them.

    Attributes:
        lens: a lens id of the scenario, or None.
        kind: an insight kind id of the scenario, or None.
        about: the member whose case the note is on.
        editing: whether a saved note is being edited (its tags are shown).
    """

    DEFAULT_CSS = """
    NoteTags { height: 1; padding: 0 1; }
    """

    def __init__(self, scenario: Scenario, language: str, *, id: str | None = None):
        super().__init__("", id=id, markup=False)
        self.scenario = scenario
        self.language = language
        self.lens: str | None = None
        self.kind: str | None = None
        self.about: str | None = None
        self.editing = False

    def set(
        self, *, lens: str | None, kind: str | None, about: str | None, editing: bool = False
    ) -> None:
        """Tag the next note (or the note being edited) with these, and show them."""
        self.lens, self.kind, self.about, self.editing = lens, kind, about, editing
        self.show()

    def cycle(self, tag: str, choices: list[str | None]) -> None:
        """Move `tag` ("lens", "kind" or "about") to its next choice."""
        setattr(self, tag, following(choices, getattr(self, tag)))
        self.show()

    def show(self) -> None:
        """Redraw the line."""
        tags = Text()
        if self.editing:
            tags.append(_("EDITING") + " ", style="reverse bold")
        lens = self.scenario.lens(self.lens).name.get(self.language) if self.lens else _("none")
        kind = (
            self.scenario.insight_kind(self.kind).name.get(self.language)
            if self.kind else _("none")
        )
        tags.append(_("Lens ^L: "), style="dim")
        tags.append(lens, style="bold")
        tags.append("   " + _("Kind ^Y: "), style="dim")
        tags.append(kind, style="bold")
        tags.append("   " + _("About ^F: "), style="dim")
        tags.append(self.about or _("nobody"), style="bold")
        self.update(tags)
