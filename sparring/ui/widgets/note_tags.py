"""The tags the next note is saved with: a lens, an insight kind, whose case it is on, and
(in the reflection) who of the team said it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text
from textual.widgets import Static

from sparring.domain.scenario import Scenario
from sparring.i18n import _


class NoteTags(Static):
    """One line under the notes: the tags the next note gets, and the keys that change them.

    Attributes:
        lens: a lens id of the scenario, or None.
        kind: an insight kind id of the scenario, or None.
        about: the member whose case the note is on.
        author: who said it, when the timekeeper picks it (the reflection), else None.
        pick_author: whether who said it is picked in this phase (and so shown).
        editing: whether a saved note is being edited (its tags are shown).
        keys: the key of each tag ("lens", "kind", "about", "author"), as bound now.
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
        self.author: str | None = None
        self.pick_author = False
        self.editing = False
        self.keys: Mapping[str, str] = {}

    def set(
        self,
        *,
        lens: str | None,
        kind: str | None,
        about: str | None,
        author: str | None = None,
        editing: bool = False,
    ) -> None:
        """Tag the next note (or the note being edited) with these, and show them."""
        self.lens, self.kind, self.about, self.editing = lens, kind, about, editing
        self.author = author
        self.show()

    def pick(self, tag: str, value: str | None) -> None:
        """Set `tag` ("lens", "kind", "about" or "author") to `value`."""
        setattr(self, tag, value)
        self.show()

    def choose(
        self, tag: str, choices: list[tuple[str | None, str]], *, then: Callable[[], object]
    ) -> None:
        """Let the timekeeper pick `tag` from `choices` in a small list, then call `then`."""
        from sparring.ui.screens.pick import Picked, PickScreen

        if not choices:
            return

        def picked(choice: Picked | None) -> None:
            if choice is not None:
                self.pick(tag, choice.value)
            then()

        title = {"lens": _("Lens"), "kind": _("Insight kind"), "about": _("About whose case"),
                 "author": _("Who said it")}[tag]
        self.app.push_screen(PickScreen(title, choices, getattr(self, tag)), picked)

    def show(self) -> None:
        """Redraw the line."""
        tags = Text()
        if self.editing:
            tags.append(_("EDITING") + " ", style="reverse bold")
        none = _("none")
        lens = self.scenario.lens(self.lens).name.get(self.language) if self.lens else none
        kind = self.scenario.insight_kind(self.kind).name.get(self.language) if self.kind else none
        parts = [("lens", _("Lens"), lens), ("kind", _("Kind"), kind)]
        parts.append(("about", _("About"), self.about or _("nobody")))
        if self.pick_author:
            parts.append(("author", _("Said by"), self.author or _("not said")))
        for index, (tag, name, value) in enumerate(parts):
            key = self.keys.get(tag)
            label = f"{name} {key}: " if key else f"{name}: "
            tags.append(("   " if index else "") + label, style="dim")
            tags.append(value, style="bold")
        self.update(tags)
