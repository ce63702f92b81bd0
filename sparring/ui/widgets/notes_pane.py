"""The history's notes tab: every note of every session, filtered, a page at a time.

A long history holds tens of thousands of notes, so the table shows one page (`PAGE`
rows) of the notes that match, newest first, and says where the page is in the whole.
The first question loads the notes index (a second or so at 100,000 notes): the tab says
"Loading notes…" until the first page is there.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from sparring.i18n import _
from sparring.store import Archive, NoteHit, NoteQuery
from sparring.ui.widgets.filters import NoteFilters
from sparring.ui.widgets.fitted_table import PAGE, FittedTable, Widths, last_offset, page_line
from sparring.ui.widgets.note_table import NOTE_COLUMNS, Vocabulary, note_detail, note_row
from sparring.ui.widgets.store_reader import StoreReader

Page = tuple[NoteQuery, int, list[NoteHit], int, list[list[str]], tuple[Widths, list[list[Text]]]]
"""A query, the offset of a page, its notes, how many notes match in all, and the
notes as rows and as table cells."""


class NotesPane(Vertical):
    """The filters, one page of the notes they find, and the highlighted note in full.

    Args:
        reader: reads the store in a thread.
        words: the scenarios' names for phases, lenses and insight kinds.
    """

    DEFAULT_CSS = """
    NotesPane {
        height: 1fr;
    }
    NotesPane .detail {
        height: 5;
    }
    """

    def __init__(self, reader: StoreReader, words: Vocabulary, *, id: str | None = None):
        super().__init__(id=id)
        self.reader = reader
        self.words = words
        self.notes: list[NoteHit] = []
        self.page_offset = 0
        self._pages: tuple[bool, bool] | None = None
        self.total = 0
        self.query_shown = NoteQuery()
        self.loaded = False
        self._wanted: tuple[NoteQuery, int] = (NoteQuery(), 0)

    def compose(self) -> ComposeResult:
        yield NoteFilters(self.words, id="note-filters")
        yield Static(_("Loading notes…"), classes="status", markup=False)
        yield FittedTable(NOTE_COLUMNS, id="notes-table")
        yield Static("", classes="detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(".detail").display = False

    @property
    def table(self) -> FittedTable:
        """The notes table."""
        return self.query_one(FittedTable)

    @property
    def filters(self) -> NoteFilters:
        """The filters."""
        return self.query_one(NoteFilters)

    @property
    def started(self) -> bool:
        """Whether any notes were asked for yet (the first question loads the index)."""
        return self.reader.asked("notes") > 0

    def load(self, query: NoteQuery | None = None, offset: int | None = None) -> None:
        """Ask for a page of notes: by default the query and page asked for last."""
        query = self._wanted[0] if query is None else query
        offset = self._wanted[1] if offset is None else offset
        self._wanted = (query, offset)

        table = self.table
        widths = table.widths

        def work(store: Archive) -> Page:
            hits, total = store.page(query, offset=offset, limit=PAGE)
            # The rows are made here too, so that the app's thread only shows them.
            rows = [note_row(hit, self.words) for hit in hits]
            return query, offset, hits, total, rows, (widths, table.lines(widths, rows))

        self.reader.ask("notes", work, self._show, self._failed)

    def _failed(self, message: str) -> None:
        self.query_one(".status", Static).update(_("Could not read the notes."))
        self.notify(message, title=_("Could not read the notes"), severity="error", markup=False)

    def _show(self, page: Page) -> None:
        query, offset, hits, total, rows, made = page
        if total and offset >= total:  # fewer notes than before: show the last page
            self.load(query, last_offset(total))
            return
        same_page = self.loaded and (query, offset) == (self.query_shown, self.page_offset)
        self.query_shown, self.page_offset, self.notes, self.total = query, offset, hits, total
        self.loaded = True
        self.table.show(rows, keep=self.table.current if same_page else 0, made=made)
        line = page_line(offset, len(hits), total, "notes")
        # One line, always: no layout needed for a new one.
        if hits:
            line = _("{page}, newest first").format(page=line)
        self.query_one(".status", Static).update(line, layout=False)
        self.query_one(".detail").display = bool(hits)
        pages = (self.page_offset > 0, self.page_offset + PAGE < self.total)
        if pages != self._pages:  # the footer is redrawn only when its keys change
            self._pages = pages
            self.screen.refresh_bindings()

    def on_note_filters_changed(self, event: NoteFilters.Changed) -> None:
        event.stop()
        if event.problem:
            self.notify(event.problem, title=_("Not a day"), severity="warning", timeout=4)
        self.load(event.query, 0)

    def paging(self) -> tuple[int, int] | None:
        """The first row of the page shown and how many notes match; None before any."""
        return (self.page_offset, self.total) if self.loaded else None

    def turn(self, step: int) -> None:
        """Ask for the page `step` pages on (back, if negative)."""
        if not self.loaded:
            return
        asked = self._wanted[1]
        offset = min(max(0, asked + step * PAGE), last_offset(self.total))
        if offset != asked:
            self.load(offset=offset)

    def chosen(self, row: int) -> NoteHit | None:
        """The note on row `row` of the page shown."""
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        hit = self.chosen(event.cursor_row)
        if hit is not None:
            # Always as high: moving the cursor redraws the detail, never the layout.
            found = (self.query_shown.text or "").split()
            self.query_one(".detail", Static).update(note_detail(hit, self.words, found),
                                                     layout=False)

    def on_input_submitted(self) -> None:
        """Enter in a filter: on to the notes it found."""
        self.table.focus()
