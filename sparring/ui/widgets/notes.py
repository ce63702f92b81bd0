"""The running phase's notes, each shown only once the store has saved it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sparring.domain.records import Note
from sparring.domain.scenario import Scenario
from sparring.i18n import _


def note_label(note: Note, scenario: Scenario, language: str) -> Text:
    """One note as a line: saved mark, tags, whose case, then the text exactly as typed."""
    tags = []
    if note.lens:
        try:
            tags.append(scenario.lens(note.lens).name.get(language))
        except KeyError:
            tags.append(note.lens)
    if note.kind:
        try:
            tags.append(scenario.insight_kind(note.kind).name.get(language))
        except KeyError:
            tags.append(note.kind)
    label = Text()
    label.append("✓ ", style="green")
    if tags:
        label.append(" · ".join(tags), style="bold")
        label.append(" ")
    if note.about:
        label.append(f"({note.about}) ", style="dim")
    label.append(note.text)
    return label


class NoteList(OptionList):
    """The notes of the running phase, newest last; the highlighted one can be edited."""

    DEFAULT_CSS = """
    NoteList {
        height: 1fr;
        min-height: 3;
        border: round $primary-background;
    }
    NoteList:focus {
        border: round $primary;
    }
    """

    def __init__(self, scenario: Scenario, language: str, *, id: str | None = None):
        super().__init__(id=id, markup=False)
        self.scenario = scenario
        self.language = language
        self.border_title = _("Notes")

    def show(self, notes: list[Note]) -> None:
        """Replace the list with `notes`, keeping the newest in view."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        self.add_options(
            Option(note_label(note, self.scenario, self.language), id=note.id) for note in notes
        )
        self.border_subtitle = _("{count} saved").format(count=len(notes))
        ids = [note.id for note in notes]
        if highlighted in ids and self.has_focus:
            # The timekeeper is choosing a note to edit: keep their place.
            self.highlighted = ids.index(highlighted)
        elif notes:
            self.highlighted = len(notes) - 1
        self.scroll_end(animate=False)

    @property
    def highlighted_note_id(self) -> str | None:
        """The id of the highlighted note, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None
