"""A member's cases across sessions: each challenge they brought, with every note on it,
and the learning point they work on (seed 001).

A case follows its member from session to session by its case id. The notes on a case
are the notes whose `about` is the member (a round note is about its speaker: it is on
the speaker's own case), and, in the sessions that worked on the member's case, the notes
written without an `about`. Only the sessions the member took part in are read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Select, Static

from sparring.domain.forgetting import PLACEHOLDER
from sparring.domain.learning import LearningPoint
from sparring.domain.moments import day_text
from sparring.domain.names import fold, group_key
from sparring.formats import number_text
from sparring.i18n import N_, _, ngettext
from sparring.store import Archive, NoteHit, SessionSummary, StoreError
from sparring.ui.widgets.fitted_table import Column, FittedTable
from sparring.ui.widgets.learning_line import LearningLine
from sparring.ui.widgets.note_table import Vocabulary, note_detail
from sparring.ui.widgets.store_reader import StoreReader

CASE_COLUMNS = (
    Column("last", N_("Last"), 10),
    Column("sessions", N_("Sessions"), 9, right=True),  # "Sessioner" in Danish
    Column("notes", N_("Notes"), 5, right=True),
    Column("challenge", N_("Challenge")),
)
"""The table of a member's cases."""

CASE_NOTE_COLUMNS = (
    Column("date", N_("Date"), 10),
    Column("phase", N_("Phase"), 10),
    Column("author", N_("Said by"), 9),
    Column("tags", N_("Lens · kind"), 14, min_table_width=100),
    Column("text", N_("Note")),
)
"""The table of the notes on one case."""


@dataclass
class MemberCase:
    """One challenge a member brought, and what was said about it.

    Attributes:
        case_id: the case's id (`Participant.case_id`), the same in every session.
        challenge: the challenge as typed, in the latest session that had it.
        sessions: the sessions the member brought it to, newest first.
        notes: the notes on it, newest first.
    """

    case_id: str
    challenge: str
    sessions: list[SessionSummary] = field(default_factory=list)
    notes: list[NoteHit] = field(default_factory=list)

    @property
    def last(self) -> str:
        """When the case was last worked on or talked about (ISO 8601)."""
        times = [s.date for s in self.sessions] + [hit.note.at for hit in self.notes]
        return max(times, default="")

    @property
    def worked_on(self) -> int:
        """In how many sessions the group chose this case."""
        return sum(1 for s in self.sessions if s.case_id == self.case_id)


def members(summaries: Iterable[SessionSummary]) -> list[str]:
    """Every member's name found in the sessions, once each (in any case), by name."""
    found: dict[str, str] = {}
    for summary in summaries:
        for name in summary.participants:
            if name.strip() and name != PLACEHOLDER:
                found.setdefault(fold(name.strip()), name)
    return sorted(found.values(), key=lambda name: fold(name))


class Member(NamedTuple):
    """A member of a group: two members of one name in two groups are two people."""

    name: str
    group: str

    @property
    def label(self) -> str:
        """How the member picker shows them."""
        return f"{self.name} · {self.group.strip() or _('(no group name)')}"


def group_members(summaries: Iterable[SessionSummary]) -> list[Member]:
    """Every member of every group, once each (names and groups in any case), by name."""
    found: dict[tuple[str, str], Member] = {}
    for summary in summaries:
        for name in summary.participants:
            if name.strip() and name != PLACEHOLDER:
                key = (fold(name.strip()), group_key(summary.group))
                found.setdefault(key, Member(name, summary.group))
    return [found[key] for key in sorted(found)]


def groups(summaries: Iterable[SessionSummary]) -> list[str]:
    """Every group's name found in the sessions, once each (in any case), by name."""
    found: dict[str, str] = {}
    for summary in summaries:
        if summary.group.strip():
            found.setdefault(fold(summary.group.strip()), summary.group)
    return sorted(found.values(), key=lambda name: fold(name))


def _spelling(summary: SessionSummary, member: str) -> str | None:
    """How the session spells `member`'s name, if they took part."""
    wanted = fold(member.strip())
    return next((n for n in summary.participants if fold(n.strip()) == wanted), None)


def member_cases(store: Archive, who: Member) -> list[MemberCase]:
    """Every case a member of a group brought, with its notes; the case worked on last first.

    Reads the group's sessions the member took part in (their challenge is in the
    session's file, unless they were the case owner) and the notes on their case.
    """
    member = who.name
    cases: dict[str, MemberCase] = {}
    for summary in store.sessions(member=member, group=who.group):
        name = _spelling(summary, member)
        case_id = summary.case_of(name) if name is not None else None
        if name is None or case_id is None:
            continue
        case = cases.get(case_id)
        if case is None:
            case = cases[case_id] = MemberCase(case_id, _challenge(store, summary, name))
        case.sessions.append(summary)
    for hit in store.search(about=member, group=who.group):
        name = _spelling(hit.session, member)
        case_id = hit.session.case_of(name) if name is not None else None
        key = case_id or f"{hit.session.id}:{member}"
        case = cases.get(key)
        if case is None:  # named in a note, but not a member of that session
            case = cases[key] = MemberCase(key, "", [hit.session])
        case.notes.append(hit)
    for case in cases.values():
        case.notes.sort(key=lambda hit: (hit.note.at, hit.note.clock), reverse=True)
    return sorted(cases.values(), key=lambda case: case.last, reverse=True)


def _challenge(store: Archive, summary: SessionSummary, name: str) -> str:
    if name == summary.case_owner:
        return summary.case
    try:
        return store.load(summary.id).session.participant(name).challenge
    except (StoreError, KeyError):
        return ""


def case_row(case: MemberCase) -> list[str]:
    """A case as a row of `CASE_COLUMNS`."""
    return [
        day_text(case.last),
        str(len(case.sessions)),
        str(len(case.notes)),
        case.challenge or _("(no challenge written down)"),
    ]


def case_note_row(hit: NoteHit, words: Vocabulary) -> list[str]:
    """A note on a case as a row of `CASE_NOTE_COLUMNS`."""
    note, session = hit.note, hit.session
    return [
        day_text(note.at),
        words.phase(session.scenario_id, note.phase, session.language),
        note.author or "",
        words.tags(hit),
        note.text,
    ]


def case_detail(case: MemberCase) -> Text:
    """A case in full: its challenge, and the sessions it was brought to."""
    detail = Text(_("Challenge: "), style="bold", end="")
    detail.append(case.challenge or _("(no challenge written down)"))
    detail.append("\n")
    sessions, notes = len(case.sessions), len(case.notes)
    brought = ngettext("Brought to {count} session", "Brought to {count} sessions", sessions)
    on_it = ngettext("{count} note on it", "{count} notes on it", notes)
    detail.append(
        _("{brought}, the group's case in {worked_on}; {notes}").format(
            brought=brought.format(count=sessions), worked_on=case.worked_on,
            notes=on_it.format(count=number_text(notes))),
        style="bold",
    )
    if case.sessions:
        detail.append(": ")
        detail.append(", ".join(f"{day_text(s.date)} {s.group}".strip() for s in case.sessions))
    return detail


class CasesPane(Vertical):
    """Pick a member; see their learning point, their cases, the notes on the highlighted
    one, and either in full. Its buttons ask the screen to change the learning point and
    to export the member's own case notes.

    Args:
        reader: reads the store in a thread.
        words: the scenarios' names for phases, lenses and insight kinds.
    """

    DEFAULT_CSS = """
    CasesPane {
        height: 1fr;
    }
    CasesPane #cases-top {
        height: auto;
    }
    CasesPane #cases-member {
        width: 40;
    }
    CasesPane #cases-top Button {
        margin-left: 2;
        min-width: 0;
        padding: 0 1;
    }
    CasesPane #cases-table {
        height: auto;
        max-height: 7;
    }
    """

    PROMPT = N_("Pick a member to see every challenge they brought.")

    def __init__(self, reader: StoreReader, words: Vocabulary, *, id: str | None = None):
        super().__init__(id=id)
        self.reader = reader
        self.words = words
        self.member: Member | None = None
        self.cases: list[MemberCase] = []
        self._names: list[Member] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="cases-top"):
            yield Select[Member](
                [], prompt=_("Whose cases? Pick a member"), id="cases-member", compact=True
            )
            yield Button(_("Learning point"), id="cases-learning-point", compact=True,
                         disabled=True)
            yield Button(_("Export"), id="cases-export", compact=True, disabled=True)
        yield Static(str(self.PROMPT), classes="status", markup=False)
        yield LearningLine(self.reader, id="cases-learning")
        yield FittedTable(CASE_COLUMNS, id="cases-table")
        yield FittedTable(CASE_NOTE_COLUMNS, id="case-notes-table")
        yield Static("", classes="detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(".detail").display = False

    def table(self, name: str) -> FittedTable:
        """The cases table ("cases-table") or the table of a case's notes ("case-notes-table")."""
        return self.query_one(f"#{name}", FittedTable)

    @property
    def offered(self) -> list[Member]:
        """The members the picker offers."""
        return list(self._names)

    def set_names(self, names: list[Member]) -> None:
        """Offer these members; the member chosen stays chosen if still offered."""
        if names == self._names:
            return
        self._names = names
        select = self.query_one("#cases-member", Select)
        with self.prevent(Select.Changed):
            select.set_options((Text(member.label, end=""), member) for member in names)
            if self.member in names:
                select.value = self.member

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.member = event.value if isinstance(event.value, Member) else None
        # Stating a learning point writes: not while another Sparring holds the folder.
        self.query_one("#cases-learning-point", Button).disabled = (
            self.member is None or self.reader.store.read_only)
        self.query_one("#cases-export", Button).disabled = self.member is None
        self.load()
        if self.member is not None:
            self.table("cases-table").focus()

    def load(self) -> None:
        """Read the chosen member's cases (again) and show them."""
        member = self.member
        status = self.query_one(".status", Static)
        if member is None:
            self.cases = []
            self.table("cases-table").show([])
            self.table("case-notes-table").show([])
            self.query_one(".detail").display = False
            self.query_one(LearningLine).clear()
            status.update(str(self.PROMPT))
            return
        status.update(_("Reading {name}'s cases…").format(name=member.name))

        def work(store: Archive) -> tuple[Member, list[MemberCase]]:
            return member, member_cases(store, member)

        self.reader.ask("cases", work, self._show, self._failed)
        self.load_learning()

    def load_learning(self) -> None:
        """Read the chosen member's learning point (again) and show it."""
        if self.member is not None:
            self.query_one(LearningLine).load(self.member.name, self.member.group)

    @property
    def learning(self) -> list[LearningPoint]:
        """Every version of the chosen member's learning point, oldest first."""
        return self.query_one(LearningLine).versions

    def _failed(self, message: str) -> None:
        self.query_one(".status", Static).update(_("Could not read the cases."))
        self.notify(message, title=_("Could not read the cases"), severity="error", markup=False)

    def _show(self, found: tuple[Member, list[MemberCase]]) -> None:
        member, cases = found
        self.cases = cases
        notes = sum(len(case.notes) for case in cases)
        group = member.group.strip() or _("no group name")
        brought = ngettext("{name} ({group}) brought {count} challenge",
                           "{name} ({group}) brought {count} challenges", len(cases))
        on_them = ngettext("{count} note on them", "{count} notes on them", notes)
        self.query_one(".status", Static).update(
            _("{brought}; {notes}, the latest first.").format(
                brought=brought.format(name=member.name, group=group,
                                       count=number_text(len(cases))),
                notes=on_them.format(count=number_text(notes)))
        )
        self.table("cases-table").show([case_row(case) for case in cases])
        self._show_notes(0)
        self.query_one(".detail").display = bool(cases)

    def _show_notes(self, index: int | None) -> None:
        case = self.cases[index] if index is not None and index < len(self.cases) else None
        notes = case.notes if case else []
        self.table("case-notes-table").show([case_note_row(hit, self.words) for hit in notes])
        self._show_detail()

    def _show_detail(self) -> None:
        """In full: the highlighted note while its table has the focus, else the case."""
        notes = self.table("case-notes-table")
        index = self.table("cases-table").current
        detail = self.query_one(".detail", Static)
        hit = self.chosen(notes.cursor_row) if notes.has_focus else None
        if hit is not None:
            detail.update(note_detail(hit, self.words))
        elif index is not None and index < len(self.cases):
            detail.update(case_detail(self.cases[index]))

    @property
    def case_notes(self) -> list[NoteHit]:
        """The notes on the highlighted case."""
        index = self.table("cases-table").current
        return self.cases[index].notes if index is not None and index < len(self.cases) else []

    def chosen(self, row: int) -> NoteHit | None:
        """The note on row `row` of the highlighted case's notes."""
        notes = self.case_notes
        return notes[row] if 0 <= row < len(notes) else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.data_table.id == "cases-table":
            self._show_notes(event.cursor_row)
        else:
            self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def focus_first(self) -> None:
        """Focus the member picker until a member is chosen, then their cases."""
        if self.member is None:
            self.query_one("#cases-member").focus()
        else:
            self.table("cases-table").focus()
