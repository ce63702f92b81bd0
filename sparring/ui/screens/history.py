"""The history: every session, every note, and each member's cases, across sessions.

Three tabs, one screen: the group reviews its history by moving between them, and each
keeps its place (the page, the filters, the member) while the others are looked at.

- Sessions: newest first; Enter opens a session's summary.
- Notes: every note, filtered by words, member, group, phase, lens, kind and days, a
  page at a time (a long history has tens of thousands); Enter opens the note's session.
- My cases: pick a member, see each challenge they brought and every note on it.

The store is read in a thread, one question at a time (it is not thread-safe), so the
screen keeps drawing while the notes index loads. Each question has a generation: an
answer to a question that has since been replaced is dropped, never shown. The screen
never writes; with another Sparring running a session, the store is read-only and the
screen shows what that one saves (`r`, and every few seconds by itself).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Input,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from sparring.domain.catalogue import Catalogue, load_catalogue
from sparring.paths import user_scenario_dir
from sparring.store import NoteHit, NoteQuery, SessionStore, SessionSummary, StoreError
from sparring.ui.widgets.cases import (
    CASE_COLUMNS,
    CASE_NOTE_COLUMNS,
    MemberCase,
    case_detail,
    case_note_row,
    case_row,
    groups,
    member_cases,
    members,
)
from sparring.ui.widgets.filters import NoteFilters
from sparring.ui.widgets.fitted_table import FittedTable
from sparring.ui.widgets.note_table import NOTE_COLUMNS, Vocabulary, note_detail, note_row
from sparring.ui.widgets.session_table import SESSION_COLUMNS, session_detail, session_row

T = TypeVar("T")

PAGE = 100
"""Rows per page of sessions and of notes."""

EN_DASH = "\u2013"
"""Between the first and last number of a range."""

RELOAD_SECONDS = 5.0
"""How often a read-only history looks for what the other Sparring saved."""


def page_line(offset: int, shown: int, total: int, noun: str) -> str:
    """Where a page is in the whole: "101-200 of 27,585 notes", with an en dash."""
    if total == 0:
        return f"No {noun}."
    if shown == total:
        return f"{total:,} {noun}" if total != 1 else f"1 {noun.removesuffix('s')}"
    return f"{offset + 1:,}{EN_DASH}{offset + shown:,} of {total:,} {noun}"


class HistoryScreen(Screen[None]):
    """Sessions, notes and each member's cases, from every meeting of every group.

    Args:
        store: the data folder (read-only while another Sparring writes to it).
        catalogue: the scenarios, for the names of phases, lenses and insight kinds
            (by default the shipped ones and the user's own).
        reload_seconds: how often a read-only store is looked at again.
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="history.close",
                tooltip="Back to the start screen"),
        Binding("ctrl+n", "next_page", "Next page", id="history.next_page",
                tooltip="The next page of sessions or notes"),
        Binding("ctrl+p", "previous_page", "Previous page", id="history.previous_page",
                tooltip="The previous page of sessions or notes"),
        Binding("slash", "search", "Search", id="history.search",
                tooltip="Search and filter every note"),
        Binding("c", "charts", "Charts", id="history.charts",
                tooltip="Charts of the notes across sessions"),
        Binding("r", "reload", "Reload", id="history.reload",
                tooltip="Read the data folder again, with what was saved since"),
        Binding("1", "tab('sessions')", "Sessions", id="history.sessions", show=False,
                tooltip="Every session, newest first"),
        Binding("2", "tab('notes')", "Notes", id="history.notes", show=False,
                tooltip="Every note, with filters"),
        Binding("3", "tab('cases')", "My cases", id="history.cases", show=False,
                tooltip="A member's challenges and every note on them"),
    ]

    DEFAULT_CSS = """
    HistoryScreen #history-banner {
        color: $warning;
        padding: 0 1;
    }
    HistoryScreen #history-tabs, HistoryScreen #history-tabs ContentSwitcher {
        height: 1fr;
    }
    HistoryScreen TabPane {
        height: 1fr;
        padding: 0;
    }
    HistoryScreen .status {
        color: $text-muted;
        padding: 0 1;
    }
    HistoryScreen .detail {
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $boost;
    }
    HistoryScreen #cases-member {
        width: 40;
    }
    HistoryScreen #cases-table {
        height: 7;
    }
    """

    class Open(Message):
        """The user asked to read session `session_id`."""

        def __init__(self, session_id: str):
            super().__init__()
            self.session_id = session_id

    class Charts(Message):
        """The user asked for the charts of the history."""

    def __init__(self, store: SessionStore, *, catalogue: Catalogue | None = None,
                 reload_seconds: float = RELOAD_SECONDS):
        super().__init__()
        self.store = store
        self.catalogue = catalogue or load_catalogue(user_scenario_dir())
        self.words = Vocabulary(self.catalogue)
        self.reload_seconds = reload_seconds
        self._lock = threading.Lock()
        self._generations = {"sessions": 0, "notes": 0, "cases": 0}
        self.sessions: list[SessionSummary] = []
        self.sessions_offset = 0
        self.notes: list[NoteHit] = []
        self.notes_offset = 0
        self.notes_total = 0
        self.notes_query = NoteQuery()
        self.notes_loaded = False
        self.cases: list[MemberCase] = []
        self.member: str | None = None
        self._members: list[str] = []
        self._notes_asked = False

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="history-banner", markup=False)
        with TabbedContent(id="history-tabs"):
            with TabPane("Sessions", id="sessions"):
                yield Static("Reading the sessions…", id="sessions-status", classes="status",
                             markup=False)
                yield FittedTable(SESSION_COLUMNS, id="sessions-table")
                yield Static("", id="sessions-detail", classes="detail", markup=False)
            with TabPane("Notes", id="notes"):
                yield NoteFilters(self.words, id="note-filters")
                yield Static("Loading notes…", id="notes-status", classes="status",
                             markup=False)
                yield FittedTable(NOTE_COLUMNS, id="notes-table")
                yield Static("", id="notes-detail", classes="detail", markup=False)
            with TabPane("My cases", id="cases"):
                yield Select[str]([], prompt="Whose cases? Pick a member", id="cases-member",
                                  compact=True)
                yield Static("Pick a member to see every challenge they brought.",
                             id="cases-status", classes="status", markup=False)
                yield FittedTable(CASE_COLUMNS, id="cases-table")
                yield FittedTable(CASE_NOTE_COLUMNS, id="case-notes-table")
                yield Static("", id="cases-detail", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        banner = self.query_one("#history-banner", Static)
        if self.store.locked_by:
            banner.update(f"Another Sparring (process {self.store.locked_by}) is running a "
                          "session on this data folder: this history only reads, and shows "
                          "what it saves.")
        banner.display = bool(self.store.locked_by)
        for detail in self.query(".detail"):
            detail.display = False
        self.table("sessions-table").focus()
        self.load_sessions()
        if self.store.read_only and self.reload_seconds > 0:
            self.set_interval(self.reload_seconds, self._look_again)

    def table(self, name: str) -> FittedTable:
        """The table with id `name`."""
        return self.query_one(f"#{name}", FittedTable)

    def status(self, name: str, text: str) -> None:
        """Say `text` in the status line of tab `name`."""
        self.query_one(f"#{name}-status", Static).update(text)

    @property
    def tab(self) -> str:
        """The id of the tab shown."""
        return self.query_one("#history-tabs", TabbedContent).active

    # -- reading the store in a thread --------------------------------------------------

    def ask(self, topic: str, work: Callable[[], T], answer: Callable[[T], None]) -> None:
        """Run `work` on the store in a thread, then `answer` with its result, unless a
        newer question on `topic` was asked meanwhile."""
        self._generations[topic] += 1
        generation = self._generations[topic]

        def current() -> bool:
            return self._generations[topic] == generation

        def run() -> None:
            with self._lock:  # one question at a time: the store is not thread-safe
                if not current():
                    return
                try:
                    result: Any = work()
                except (StoreError, OSError) as error:
                    self._from_thread(self._failed, topic, str(error))
                    return
            self._from_thread(self._answer, current, answer, result)

        self.run_worker(run, thread=True, exclusive=True, group=f"history-{topic}",
                        name=f"history: {topic}")

    def _from_thread(self, callback: Callable[..., None], *args: Any) -> None:
        # RuntimeError: the app has closed meanwhile, and nobody waits for the answer.
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(callback, *args)

    def _answer(self, current: Callable[[], bool], answer: Callable[[T], None],
                result: T) -> None:
        if current() and self.is_attached:
            answer(result)

    def _failed(self, topic: str, message: str) -> None:
        if self.is_attached:
            self.status(topic, "Could not read the history.")
            self.notify(message, title="Could not read the history", severity="error",
                        markup=False)

    # -- sessions -----------------------------------------------------------------------

    def load_sessions(self, *, everything: bool = False) -> None:
        """Read the sessions again and show the current page; then the notes and the
        member's cases too, if the sessions changed or `everything` is asked for."""
        self.ask("sessions", self.store.search_sessions,
                 lambda summaries: self._show_sessions(summaries, everything))

    def _show_sessions(self, summaries: list[SessionSummary], everything: bool) -> None:
        changed = summaries != self.sessions or not self._notes_asked
        self.sessions = summaries
        names = members(summaries)
        self.query_one(NoteFilters).set_names(names, groups(summaries))
        self._set_members(names)
        if changed:
            self.sessions_offset = min(self.sessions_offset, self._last_offset(len(summaries)))
            self._fill_sessions()
        if not self._notes_asked:
            # After the list is drawn: the notes index loads while the user reads it.
            self._notes_asked = True
            self.call_after_refresh(self.load_notes)
        elif changed or everything:
            self.load_notes()
            if self.member is not None:
                self.load_cases()

    def _fill_sessions(self, keep: int | None = None) -> None:
        table = self.table("sessions-table")
        shown = self.sessions[self.sessions_offset:self.sessions_offset + PAGE]
        table.show([session_row(s, self.catalogue) for s in shown],
                   keep=keep if keep is not None else table.current)
        self.status("sessions", page_line(self.sessions_offset, len(shown), len(self.sessions),
                                          "sessions") + (", newest first" if shown else ""))
        self.query_one("#sessions-detail").display = bool(shown)
        self.refresh_bindings()

    # -- notes --------------------------------------------------------------------------

    def load_notes(self, query: NoteQuery | None = None, offset: int | None = None) -> None:
        """Ask for a page of notes (by default the page and query shown)."""
        query = self.notes_query if query is None else query
        offset = self.notes_offset if offset is None else offset
        if not self.notes_loaded:
            self.status("notes", "Loading notes…")

        def work() -> tuple[NoteQuery, int, list[NoteHit], int]:
            hits, total = self.store.page(query, offset=offset, limit=PAGE)
            return query, offset, hits, total

        self.ask("notes", work, self._show_notes)

    def _show_notes(self, found: tuple[NoteQuery, int, list[NoteHit], int]) -> None:
        query, offset, hits, total = found
        if total and offset >= total:  # fewer notes than before: show the last page
            self.load_notes(query, self._last_offset(total))
            return
        same_page = (query, offset) == (self.notes_query, self.notes_offset)
        self.notes_query, self.notes_offset, self.notes, self.notes_total = (
            query, offset, hits, total)
        self.notes_loaded = True
        table = self.table("notes-table")
        table.show([note_row(hit, self.words) for hit in hits],
                   keep=table.current if same_page else 0)
        self.status("notes", page_line(offset, len(hits), total, "notes")
                    + (", newest first" if hits else ""))
        self.query_one("#notes-detail").display = bool(hits)
        self.refresh_bindings()

    def on_note_filters_changed(self, event: NoteFilters.Changed) -> None:
        event.stop()
        if event.problem:
            self.notify(event.problem, title="Not a day", severity="warning", timeout=4)
        self.load_notes(event.query, 0)

    # -- my cases -------------------------------------------------------------------------

    def _set_members(self, names: list[str]) -> None:
        if names == self._members:
            return
        self._members = names
        select = self.query_one("#cases-member", Select)
        with self.prevent(Select.Changed):
            select.set_options((Text(name, end=""), name) for name in names)
            if self.member in names:
                select.value = self.member

    @on(Select.Changed, "#cases-member")
    def _member_chosen(self, event: Select.Changed) -> None:
        event.stop()
        self.member = event.value if isinstance(event.value, str) else None
        self.load_cases()

    def load_cases(self) -> None:
        """Read the chosen member's cases and show them."""
        member = self.member
        if member is None:
            self.cases = []
            self.table("cases-table").show([])
            self.table("case-notes-table").show([])
            self.status("cases", "Pick a member to see every challenge they brought.")
            return
        self.status("cases", f"Reading {member}'s cases…")

        def work() -> tuple[str, list[MemberCase]]:
            return member, member_cases(self.store, member)

        self.ask("cases", work, self._show_cases)

    def _show_cases(self, found: tuple[str, list[MemberCase]]) -> None:
        member, cases = found
        self.cases = cases
        notes = sum(len(case.notes) for case in cases)
        self.status("cases", f"{member} brought {len(cases):,} challenge"
                    f"{'s' if len(cases) != 1 else ''}; {notes:,} note"
                    f"{'s' if notes != 1 else ''} on them, the latest first.")
        self.table("cases-table").show([case_row(case) for case in cases])
        self._show_case_notes(0)
        self.query_one("#cases-detail").display = bool(cases)

    def _show_case_notes(self, index: int | None) -> None:
        case = self.cases[index] if index is not None and index < len(self.cases) else None
        notes = case.notes if case else []
        self.table("case-notes-table").show([case_note_row(hit, self.words) for hit in notes])
        if case is not None:
            self.query_one("#cases-detail", Static).update(case_detail(case))

    # -- rows: highlighted and chosen -------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        index = event.cursor_row
        name = event.data_table.id
        if name == "sessions-table":
            position = self.sessions_offset + index
            if position < len(self.sessions):
                summary = self.sessions[position]
                self.query_one("#sessions-detail", Static).update(
                    session_detail(summary, self.catalogue))
        elif name == "notes-table" and index < len(self.notes):
            self.query_one("#notes-detail", Static).update(note_detail(self.notes[index],
                                                                       self.words))
        elif name == "cases-table":
            self._show_case_notes(index)
        elif name == "case-notes-table":
            notes = self._case_notes()
            if index < len(notes):
                self.query_one("#cases-detail", Static).update(note_detail(notes[index],
                                                                           self.words))

    def _case_notes(self) -> list[NoteHit]:
        index = self.table("cases-table").current
        return self.cases[index].notes if index is not None and index < len(self.cases) else []

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        name = event.data_table.id
        session_id = None
        if name == "sessions-table":
            position = self.sessions_offset + index
            if position < len(self.sessions):
                session_id = self.sessions[position].id
        elif name == "notes-table" and index < len(self.notes):
            session_id = self.notes[index].session.id
        elif name == "cases-table":
            self.table("case-notes-table").focus()
        elif name == "case-notes-table":
            notes = self._case_notes()
            if index < len(notes):
                session_id = notes[index].session.id
        if session_id is not None:
            self.post_message(self.Open(session_id))

    def on_input_submitted(self) -> None:
        """Enter in a filter: on to the notes it found."""
        self.table("notes-table").focus()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        pane = event.pane.id
        if pane == "sessions":
            self.table("sessions-table").focus()
        elif pane == "notes":
            self.table("notes-table").focus()
        elif pane == "cases":
            if self.member is None:
                self.query_one("#cases-member").focus()
            else:
                self.table("cases-table").focus()
        self.refresh_bindings()

    # -- paging and keys ----------------------------------------------------------------

    @staticmethod
    def _last_offset(total: int) -> int:
        return max(0, (total - 1) // PAGE * PAGE)

    def _paging(self) -> tuple[int, int] | None:
        """The offset and total of the tab shown, if it pages."""
        if self.tab == "sessions":
            return self.sessions_offset, len(self.sessions)
        if self.tab == "notes" and self.notes_loaded:
            return self.notes_offset, self.notes_total
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the page keys where there is no page to go to."""
        if action in ("next_page", "previous_page"):
            paging = self._paging()
            if paging is None:
                return None
            offset, total = paging
            can = offset + PAGE < total if action == "next_page" else offset > 0
            return True if can else None
        return True

    def _turn_page(self, step: int) -> None:
        paging = self._paging()
        if paging is None:
            return
        offset, total = paging
        offset = min(max(0, offset + step * PAGE), self._last_offset(total))
        if self.tab == "sessions":
            self.sessions_offset = offset
            self._fill_sessions(keep=0)
        else:
            self.load_notes(offset=offset)

    def action_next_page(self) -> None:
        """Show the next page of sessions or notes."""
        self._turn_page(1)

    def action_previous_page(self) -> None:
        """Show the previous page of sessions or notes."""
        self._turn_page(-1)

    def action_tab(self, pane: str) -> None:
        """Show the tab `pane`."""
        self.query_one("#history-tabs", TabbedContent).active = pane

    def action_search(self) -> None:
        """Go to the notes and their search field."""
        self.action_tab("notes")
        self.query_one("#filter-text").focus()

    def action_charts(self) -> None:
        """Ask the app for the charts."""
        self.post_message(self.Charts())

    def action_reload(self) -> None:
        """Read the sessions, the notes and the member's cases again."""
        self.load_sessions(everything=True)

    def _look_again(self) -> None:
        if self.app.screen is self:
            self.load_sessions()

    def action_close(self) -> None:
        """Back to the start screen; from a filter being typed, to the notes first."""
        focused = self.focused
        if focused is not None and focused in self.query_one(NoteFilters).query(Input):
            self.table("notes-table").focus()
            return
        self.dismiss(None)
