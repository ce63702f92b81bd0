"""The history's sessions tab: every session, newest first, and the highlighted one in full."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from sparring.domain.catalogue import Catalogue
from sparring.domain.moments import day_text, local_moment, time_text
from sparring.formats import number_text
from sparring.i18n import N_, _, ngettext
from sparring.store import SessionSummary
from sparring.ui.widgets.fitted_table import PAGE, Column, FittedTable, last_offset, page_line
from sparring.ui.widgets.store_reader import StoreReader

SESSION_COLUMNS = (
    Column("date", N_("Date"), 10),
    Column("group", N_("Group"), 11),
    Column("owner", N_("Owner"), 9),
    Column("case", N_("Case")),
    Column("length", N_("Length"), 10),
    Column("notes", N_("Notes"), 5, min_table_width=100, right=True),
    Column("scenario", N_("Scenario"), 16, min_table_width=120),
)
"""The sessions table's columns: notes and scenario only where the table is wide."""

UNFINISHED = N_("unfinished")
EN_DASH = "\u2013"


def minutes(summary: SessionSummary) -> int | None:
    """Whole minutes from the session's start to its finish; None if it did not finish."""
    if summary.started_at is None or summary.finished_at is None:
        return None
    start, finish = local_moment(summary.started_at), local_moment(summary.finished_at)
    if start is None or finish is None:
        return None
    return round((finish - start).total_seconds() / 60)


def length_text(summary: SessionSummary) -> str:
    """Minutes from the session's start to its finish ("36 min"), or "unfinished"."""
    length = minutes(summary)
    return str(UNFINISHED) if length is None else _("{minutes} min").format(minutes=length)


def scenario_title(summary: SessionSummary, catalogue: Catalogue) -> str:
    """The session's scenario by its title, or its id where the scenario is gone."""
    scenario = catalogue.scenarios.get(summary.scenario_id)
    return scenario.title.get(summary.language) if scenario else summary.scenario_id


def session_row(summary: SessionSummary, catalogue: Catalogue) -> list[str]:
    """A session as a row of `SESSION_COLUMNS`."""
    return [
        day_text(summary.date),
        summary.group,
        summary.case_owner or "",
        summary.case,
        length_text(summary),
        str(summary.note_count),
        scenario_title(summary, catalogue),
    ]


def session_detail(summary: SessionSummary, catalogue: Catalogue) -> Text:
    """The whole of a session's row: group, scenario, times, the case and the members."""
    when = time_text(summary.date)
    if summary.finished_at:
        when += f"{EN_DASH}{time_text(summary.finished_at)[11:]}"
    length = minutes(summary)
    head = [summary.group or _("(no group name)"), scenario_title(summary, catalogue), when,
            str(UNFINISHED) if length is None
            else ngettext("{count} minute", "{count} minutes", length).format(count=length),
            ngettext("{count} note", "{count} notes", summary.note_count).format(
                count=number_text(summary.note_count))]
    detail = Text(" · ".join(head), style="bold", end="")
    detail.append("\n")
    if summary.case_owner:
        detail.append(_("{owner}'s case: ").format(owner=summary.case_owner), style="bold")
    detail.append(summary.case)
    detail.append("\n")
    detail.append(_("Members: "), style="bold")
    detail.append(", ".join(summary.participants))
    if summary.timekeeper:
        detail.append(_("; timekeeper {name}").format(name=summary.timekeeper))
    return detail


class SessionsPane(Vertical):
    """Every session, newest first, a page at a time, with the highlighted one in full.

    Args:
        reader: reads the store in a thread.
        catalogue: the scenarios, for their titles.
    """

    DEFAULT_CSS = """
    SessionsPane {
        height: 1fr;
    }
    """

    class Read(Message):
        """The sessions were read (again): `summaries`, newest first; `changed` says
        whether they differ from what was shown before."""

        def __init__(self, summaries: list[SessionSummary], changed: bool):
            super().__init__()
            self.summaries = summaries
            self.changed = changed

    def __init__(self, reader: StoreReader, catalogue: Catalogue, *, id: str | None = None):
        super().__init__(id=id)
        self.reader = reader
        self.catalogue = catalogue
        self.sessions: list[SessionSummary] = []
        self.page_offset = 0
        self._pages: tuple[bool, bool] | None = None
        self._read = False

    def compose(self) -> ComposeResult:
        yield Static(_("Reading the sessions…"), classes="status", markup=False)
        yield FittedTable(SESSION_COLUMNS, id="sessions-table")
        yield Static("", classes="detail", markup=False)

    @property
    def table(self) -> FittedTable:
        """The sessions table."""
        return self.query_one(FittedTable)

    def load(self) -> None:
        """Read the sessions (again) and show the page shown."""
        self.reader.ask("sessions", lambda store: store.sessions(), self._show,
                        self._failed)

    def _failed(self, message: str) -> None:
        self.query_one(".status", Static).update(_("Could not read the sessions."))
        self.notify(message, title=_("Could not read the history"), severity="error",
                    markup=False)

    def _show(self, summaries: list[SessionSummary]) -> None:
        changed = summaries != self.sessions or not self._read
        self._read = True
        self.sessions = summaries
        if changed:
            self.page_offset = min(self.page_offset, last_offset(len(summaries)))
            self._fill(keep=self.table.current)
        self.post_message(self.Read(summaries, changed))

    def _fill(self, keep: int | None) -> None:
        shown = self.sessions[self.page_offset:self.page_offset + PAGE]
        self.table.show([session_row(s, self.catalogue) for s in shown], keep=keep)
        line = page_line(self.page_offset, len(shown), len(self.sessions), "sessions")
        if shown:
            line = _("{page}, newest first").format(page=line)
        self.query_one(".status", Static).update(line)
        self.query_one(".detail").display = bool(shown)
        pages = (self.page_offset > 0, self.page_offset + PAGE < len(self.sessions))
        if pages != self._pages:  # the footer is redrawn only when its keys change
            self._pages = pages
            self.screen.refresh_bindings()

    def paging(self) -> tuple[int, int]:
        """The first row of the page shown, and how many sessions there are."""
        return self.page_offset, len(self.sessions)

    def turn(self, step: int) -> None:
        """Show the page `step` pages on (back, if negative)."""
        offset = min(max(0, self.page_offset + step * PAGE), last_offset(len(self.sessions)))
        if offset != self.page_offset:
            self.page_offset = offset
            self._fill(keep=0)

    def chosen(self, row: int) -> SessionSummary | None:
        """The session on row `row` of the page shown."""
        position = self.page_offset + row
        return self.sessions[position] if 0 <= position < len(self.sessions) else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        summary = self.chosen(event.cursor_row)
        if summary is not None:
            self.query_one(".detail", Static).update(session_detail(summary, self.catalogue))
