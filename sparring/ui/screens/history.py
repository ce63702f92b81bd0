"""The history: every session, every note, and each member's cases, across sessions.

Three tabs on one screen: the group reviews its history by moving between them, and each
tab keeps its place (its page, its filters, its member) while another is looked at.

- Sessions: newest first; Enter opens a session's summary.
- Notes: every note, filtered by words, member, group, phase, lens, kind and days, a
  page at a time (a long history has tens of thousands); Enter opens the note's session.
- My cases: pick a member, see their learning point and each challenge they brought
  with every note on it; `l` states or changes the learning point, `x` saves everything
  on their own cases as HTML or Markdown (what a participant takes home).

The store is read in a thread (see `StoreReader`), so the screen keeps drawing while the
notes index loads. The data folder is written only when asked to: a member's learning
point, a session deleted. While another Sparring runs a session on the same data folder
the store is read-only (and neither can be done), and the screen shows what that one
saves: on `r`, and by itself every few seconds.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Button, DataTable, Input, TabbedContent, TabPane

from sparring.domain.catalogue import Catalogue, load_catalogue
from sparring.formats import day_of
from sparring.i18n import N_, _, ngettext
from sparring.paths import suggested_folder, user_scenario_dir
from sparring.store import Archive, StoreError
from sparring.ui.localized import LocalizedScreen
from sparring.ui.screens.member_export import MemberExport
from sparring.ui.widgets.cases import CasesPane, group_members, groups, members
from sparring.ui.widgets.filters import NoteFilters
from sparring.ui.widgets.fitted_table import PAGE
from sparring.ui.widgets.footer import KeyFooter
from sparring.ui.widgets.note_table import Vocabulary
from sparring.ui.widgets.notes_pane import NotesPane
from sparring.ui.widgets.session_table import SessionsPane
from sparring.ui.widgets.store_reader import StoreReader

RELOAD_SECONDS = 5.0
"""How often a read-only history looks for what the other Sparring saved."""

PRELOAD_SECONDS = 0.3
"""How long after the sessions are drawn the notes index starts loading, unless the user
asks for the notes first: loading holds the interpreter, so the list is drawn first."""


class HistoryScreen(LocalizedScreen[None]):
    """Sessions, notes and each member's cases, from every meeting of every group.

    Args:
        store: the data folder (other Sparrings may be running sessions on it meanwhile).
        catalogue: the scenarios, for the names of phases, lenses and insight kinds
            (by default the shipped ones and the user's own).
        export_dir: the folder suggested for a member's export (by default Documents).
        reload_seconds: how often the folder is looked at again for what others saved (0: never).
        preload_seconds: how long after the sessions are shown the notes start loading
            (None: only when the notes are asked for).
    """

    BINDINGS = [
        Binding("escape", "close", N_("Back"), id="history.close",
                tooltip=N_("Back to the start screen (from a filter: to the notes)")),
        Binding("ctrl+n", "next_page", N_("Next page"), id="history.next_page",
                tooltip=N_("The next page of sessions or notes")),
        Binding("ctrl+p", "previous_page", N_("Prev page"), id="history.previous_page",
                tooltip=N_("The previous page of sessions or notes")),
        Binding("slash", "search", N_("Search"), id="history.search",
                tooltip=N_("Search and filter every note")),
        Binding("ctrl+l", "clear_filters", N_("Clear"), id="history.clear_filters",
                tooltip=N_("Unset every filter of the notes")),
        Binding("c", "charts", N_("Charts"), id="history.charts",
                tooltip=N_("Charts of the sessions: evaluations and minutes over time")),
        Binding("delete", "delete_session", N_("Delete"), id="history.delete",
                tooltip=N_("Delete the highlighted session and every trace of it (asks first)")),
        Binding("r", "reload", N_("Reload"), id="history.reload",
                tooltip=N_("Read the data folder again, with what was saved since")),
        Binding("l", "learning_point", N_("Learning point"), id="history.learning_point",
                tooltip=N_("State or change the member's learning point (My cases)")),
        Binding("x", "export_cases", N_("Export"), id="history.export_cases",
                tooltip=N_("Save the member's own case notes: HTML or Markdown")),
        Binding("1", "tab('sessions')", N_("Sessions"), id="history.sessions", show=False,
                tooltip=N_("Every session, newest first")),
        Binding("2", "tab('notes')", N_("Notes"), id="history.notes", show=False,
                tooltip=N_("Every note, with filters")),
        Binding("3", "tab('cases')", N_("My cases"), id="history.cases", show=False,
                tooltip=N_("A member's challenges and every note on them")),
    ]

    DEFAULT_CSS = """
    HistoryScreen #history-tabs, HistoryScreen #history-tabs ContentSwitcher {
        height: 1fr;
    }
    HistoryScreen TabPane {
        height: 1fr;
        padding: 0;
    }
    HistoryScreen .status {
        color: $text-muted;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    HistoryScreen .detail {
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $boost;
    }
    """

    class Open(Message):
        """The user asked to read session `session_id`."""

        def __init__(self, session_id: str):
            super().__init__()
            self.session_id = session_id

    class Charts(Message):
        """The user asked for the charts of the history."""

    def __init__(self, store: Archive, *, catalogue: Catalogue | None = None,
                 export_dir: Path | None = None,
                 reload_seconds: float = RELOAD_SECONDS,
                 preload_seconds: float | None = PRELOAD_SECONDS):
        super().__init__()
        self.store = store
        self.catalogue = catalogue or load_catalogue(user_scenario_dir())
        self.words = Vocabulary(self.catalogue)
        self.reader = StoreReader(self, store)
        self.member_export = MemberExport(self, self.reader, self.catalogue.scenarios,
                                          export_dir or suggested_folder())
        self.reload_seconds = reload_seconds
        self.preload_seconds = preload_seconds
        self._reload_all = False

    def compose(self) -> ComposeResult:
        with TabbedContent(id="history-tabs"):
            with TabPane(_("Sessions"), id="sessions"):
                yield SessionsPane(self.reader, self.catalogue, id="sessions-pane")
            with TabPane(_("Notes"), id="notes"):
                yield NotesPane(self.reader, self.words, id="notes-pane")
            with TabPane(_("My cases"), id="cases"):
                yield CasesPane(self.reader, self.words, id="cases-pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sessions_pane.table.focus()
        self.sessions_pane.load()
        # Another Sparring may be running a session on this folder: look again now and then.
        if self.reload_seconds > 0:
            self.set_interval(self.reload_seconds, self._look_again)

    @property
    def sessions_pane(self) -> SessionsPane:
        """The sessions tab."""
        return self.query_one(SessionsPane)

    @property
    def notes_pane(self) -> NotesPane:
        """The notes tab."""
        return self.query_one(NotesPane)

    @property
    def cases_pane(self) -> CasesPane:
        """The "my cases" tab."""
        return self.query_one(CasesPane)

    @property
    def tab(self) -> str:
        """The id of the tab shown: sessions, notes or cases."""
        return self.query_one("#history-tabs", TabbedContent).active

    # -- what was read ----------------------------------------------------------------

    def on_sessions_pane_read(self, event: SessionsPane.Read) -> None:
        event.stop()
        names = members(event.summaries)
        self.notes_pane.filters.set_names(names, groups(event.summaries))
        self.cases_pane.set_names(group_members(event.summaries))
        if not self.notes_pane.started:
            if self.preload_seconds is not None:
                self.set_timer(self.preload_seconds, self._start_notes)
        elif event.changed or self._reload_all:
            self.notes_pane.load()
            if self.cases_pane.member is not None:
                self.cases_pane.load()
        self._reload_all = False

    def _start_notes(self) -> None:
        if not self.notes_pane.started:
            self.notes_pane.load()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row, table = event.cursor_row, event.data_table.id
        session_id = None
        if table == "sessions-table":
            summary = self.sessions_pane.chosen(row)
            session_id = summary.id if summary else None
        elif table == "notes-table":
            hit = self.notes_pane.chosen(row)
            session_id = hit.session.id if hit else None
        elif table == "cases-table":
            self.cases_pane.table("case-notes-table").focus()
        elif table == "case-notes-table":
            hit = self.cases_pane.chosen(row)
            session_id = hit.session.id if hit else None
        if session_id is not None:
            self.post_message(self.Open(session_id))

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        pane = event.pane.id
        if pane == "sessions":
            self.sessions_pane.table.focus()
        elif pane == "notes":
            self._start_notes()
            self.notes_pane.table.focus()
        elif pane == "cases":
            self.cases_pane.focus_first()
        self.refresh_bindings()

    # -- keys ---------------------------------------------------------------------------

    def _paging(self) -> tuple[int, int] | None:
        """The first row of the page shown and the number of rows, where the tab pages."""
        if self.tab == "sessions":
            return self.sessions_pane.paging()
        if self.tab == "notes":
            return self.notes_pane.paging()
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show each tab's keys on it only; dim the keys that cannot be used now (the page
        keys where there is no page to go to, the member's keys until one is chosen)."""
        if action == "delete_session":
            return self.tab == "sessions" and not self.store.read_only
        if action == "clear_filters":
            # Not dimmed while no filter is set: the footer would be redrawn each time a
            # first filter is set or the last one unset, and clearing nothing is harmless.
            return self.tab == "notes"
        if action in ("learning_point", "export_cases"):
            if self.tab != "cases":
                return False
            writes = action == "learning_point"  # the data folder; an export does not
            can = self.cases_pane.member is not None and not (writes and self.store.read_only)
            return True if can else None
        if action in ("next_page", "previous_page"):
            paging = self._paging()
            if paging is None:
                return False  # My cases has no pages
            offset, total = paging
            can = offset + PAGE < total if action == "next_page" else offset > 0
            return True if can else None
        return True

    def _turn(self, step: int) -> None:
        if self.tab == "sessions":
            self.sessions_pane.turn(step)
        elif self.tab == "notes":
            self.notes_pane.turn(step)

    def action_next_page(self) -> None:
        """Show the next page of sessions or notes."""
        self._turn(1)

    def action_previous_page(self) -> None:
        """Show the previous page of sessions or notes."""
        self._turn(-1)

    def action_tab(self, pane: str) -> None:
        """Show the tab `pane`: sessions, notes or cases."""
        self.query_one("#history-tabs", TabbedContent).active = pane

    def action_search(self) -> None:
        """Go to the notes and their search field."""
        self.action_tab("notes")
        self.query_one("#filter-text").focus()

    def action_clear_filters(self) -> None:
        """Unset every filter of the notes."""
        self.notes_pane.filters.clear()

    def action_charts(self) -> None:
        """Ask the app for the charts."""
        self.post_message(self.Charts())

    def action_delete_session(self) -> None:
        """Delete the highlighted session, once the user says yes."""
        from sparring.ui.screens.confirm import ConfirmScreen

        table = self.sessions_pane.table
        summary = self.sessions_pane.chosen(table.cursor_row)
        if summary is None:
            return
        notes = ngettext("{count} note", "{count} notes", summary.note_count).format(
            count=summary.note_count)
        what = _("the session of {group} on {day} ({owner}'s case, {notes})").format(
            group=summary.group or _("no group"), day=day_of(summary.date),
            owner=summary.case_owner or "?", notes=notes)

        def delete(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.delete_session(summary.id)
            except StoreError as error:
                self.notify(str(error), title=_("Not deleted"), severity="error", markup=False)
                return
            self.notify(_("Deleted {what}.").format(what=what), title=_("Deleted"), markup=False)
            self.action_reload()

        self.app.push_screen(
            ConfirmScreen(_("Delete {what}, with every note? It cannot be undone.").format(
                what=what)), delete
        )

    @on(Button.Pressed, "#cases-learning-point")
    def _learning_point_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_learning_point()

    def action_learning_point(self) -> None:
        """Ask for the chosen member's learning point; keep it as a new, dated version."""
        from sparring.domain.learning import LearningPoint
        from sparring.ui.screens.learning_point import LearningPointDialog

        member = self.cases_pane.member
        if member is None:
            return
        if self.store.read_only:
            self.notify(self.store.read_only_reason or "", title=_("Not saved"),
                        severity="warning", markup=False)
            return
        group = member.group.strip() or _("no group name")

        def keep(text: str | None) -> None:
            if text is None:
                return
            try:
                self.store.add_learning_points([LearningPoint(member.group, member.name, text)])
            except StoreError as error:
                self.notify(str(error), title=_("Not saved"), severity="error", markup=False)
                return
            said = (_("Learning point of {name} ({group}) kept.") if text else
                    _("Learning point of {name} ({group}) withdrawn; the earlier versions are "
                      "kept."))
            self.notify(said.format(name=member.name, group=group), markup=False)
            self.cases_pane.load_learning()

        self.app.push_screen(
            LearningPointDialog(member.name, member.group, self.cases_pane.learning), keep)

    @on(Button.Pressed, "#cases-export")
    def _export_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_export_cases()

    def action_export_cases(self) -> None:
        """Ask where to save the chosen member's own case notes and as what; then save them
        (only the user can read the file) and say where."""
        member = self.cases_pane.member
        if member is not None:
            self.member_export.ask(member)

    def action_reload(self) -> None:
        """Read the sessions, the notes and the member's cases again."""
        self._reload_all = True
        self.sessions_pane.load()

    def _look_again(self) -> None:
        if self.app.screen is self:
            self.sessions_pane.load()

    def action_close(self) -> None:
        """Back to the start screen; from a filter being typed, to the notes first."""
        focused = self.focused
        if isinstance(focused, Input) and self.query_one(NoteFilters) in focused.ancestors:
            self.notes_pane.table.focus()
            return
        self.dismiss(None)
