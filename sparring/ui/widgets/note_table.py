"""Notes found in the history, as table rows and as the full line under the table.

A note is shown with the names its session's scenario gives its phase, lens and insight
kind (the ids where the scenario is gone), and with the member whose case it is on: the
note's `about`, else the session's case owner.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from sparring.domain.catalogue import Catalogue
from sparring.domain.moments import day_text, time_text
from sparring.domain.scenario import Scenario
from sparring.i18n import N_, _, current_language
from sparring.store import NoteHit
from sparring.ui.widgets.fitted_table import Column

NOTE_COLUMNS = (
    Column("date", N_("Date"), 10),
    Column("case", N_("Case of"), 9),
    Column("phase", N_("Phase"), 10, min_table_width=100),
    Column("tags", N_("Lens · kind"), 14),
    Column("group", N_("Group"), 12, min_table_width=130),
    Column("text", N_("Note")),
)
"""The notes table's columns: the phase and the group only where the table is wide."""


class Vocabulary:
    """The names the scenarios give phases, lenses and insight kinds, by id.

    Args:
        catalogue: the scenarios there are.
    """

    def __init__(self, catalogue: Catalogue):
        self.scenarios = catalogue.scenarios

    def _scenario(self, scenario_id: str) -> Scenario | None:
        return self.scenarios.get(scenario_id)

    def phase(self, scenario_id: str, phase_id: str, language: str = "en") -> str:
        """A phase's title in the session's scenario, else in any scenario, else its id."""
        for scenario in self._search_order(scenario_id):
            for phase in scenario.phases:
                if phase.id == phase_id:
                    return phase.title.get(language)
        return phase_id

    def lens(self, scenario_id: str, lens_id: str, language: str = "en") -> str:
        """A lens's name (see `phase`)."""
        for scenario in self._search_order(scenario_id):
            for lens in scenario.lenses:
                if lens.id == lens_id:
                    return lens.name.get(language)
        return lens_id

    def kind(self, scenario_id: str, kind_id: str, language: str = "en") -> str:
        """An insight kind's name (see `phase`)."""
        for scenario in self._search_order(scenario_id):
            for kind in scenario.insight_kinds:
                if kind.id == kind_id:
                    return kind.name.get(language)
        return kind_id

    def _search_order(self, scenario_id: str) -> Iterable[Scenario]:
        first = self._scenario(scenario_id)
        if first is not None:
            yield first
        yield from (s for s in self.scenarios.values() if s is not first)

    def choices(self, what: str) -> list[tuple[str, str]]:
        """Every phase, lens or insight kind (`what`) of every scenario: (name, id), in
        the scenarios' order, each id once; named in the language spoken."""
        seen: dict[str, str] = {}
        language = current_language()
        for scenario in self.scenarios.values():
            if what == "phase":
                items = [(p.id, p.title.get(language)) for p in scenario.phases]
            elif what == "lens":
                items = [(x.id, x.name.get(language)) for x in scenario.lenses]
            else:
                items = [(x.id, x.name.get(language)) for x in scenario.insight_kinds]
            for item_id, name in items:
                seen.setdefault(item_id, name)
        return [(name, item_id) for item_id, name in seen.items()]

    def tags(self, hit: NoteHit) -> str:
        """A note's lens and insight kind, as names."""
        note, session = hit.note, hit.session
        parts = []
        if note.lens:
            parts.append(self.lens(session.scenario_id, note.lens, session.language))
        if note.kind:
            parts.append(self.kind(session.scenario_id, note.kind, session.language))
        return " · ".join(parts)


def case_of(hit: NoteHit) -> str:
    """Whose case the note is on: its `about`, else the session's case owner."""
    return hit.note.about or hit.session.case_owner or ""


def note_row(hit: NoteHit, words: Vocabulary) -> list[str]:
    """A note as a row of `NOTE_COLUMNS`."""
    note, session = hit.note, hit.session
    return [
        day_text(note.at),
        case_of(hit),
        words.phase(session.scenario_id, note.phase, session.language),
        words.tags(hit),
        session.group,
        note.text,
    ]


FOUND_STYLE = "underline bold"
"""How the words searched for are marked in a note's text."""


def note_detail(hit: NoteHit, words: Vocabulary, found: Sequence[str] = ()) -> Text:
    """The whole of a note: when, which group, phase and tags, whose case, who said it,
    then its text exactly as typed, the words searched for (`found`) marked in it."""
    note, session = hit.note, hit.session
    head = [time_text(note.at), session.group or _("(no group name)"),
            words.phase(session.scenario_id, note.phase, session.language)]
    tags = words.tags(hit)
    if tags:
        head.append(tags)
    owner = case_of(hit)
    if owner:
        head.append(_("on {owner}'s case").format(owner=owner))
    if note.author:
        head.append(_("said by {name}").format(name=note.author))
    detail = Text(" · ".join(head), style="bold", end="")
    detail.append("\n")
    text = Text(note.text, style="not bold")
    text.highlight_words(found, FOUND_STYLE, case_sensitive=False)
    return detail.append_text(text)
