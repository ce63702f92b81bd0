"""Sessions from earlier meetings, newest first; Enter opens one's summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from sparring.store import SessionStore
from sparring.ui.screens.home import describe


class HistoryScreen(Screen[None]):
    """Every stored session, newest first."""

    BINDINGS = [Binding("escape", "close", "Back", id="close_history",
                        tooltip="Back to the start screen")]

    CSS = """
    #history-empty { padding: 1 2; color: $text-muted; }
    #history-list { height: 1fr; }
    """

    class Open(Message):
        """The user asked to read session `session_id`."""

        def __init__(self, session_id: str):
            super().__init__()
            self.session_id = session_id

    def __init__(self, store: SessionStore):
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("No sessions yet.", id="history-empty")
        yield OptionList(id="history-list", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        sessions = self.store.sessions()
        self.query_one("#history-empty").display = not sessions
        listing = self.query_one("#history-list", OptionList)
        listing.add_options(Option(describe(s), id=s.id) for s in sessions)
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Open(event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)
