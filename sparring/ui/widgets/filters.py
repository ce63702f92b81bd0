"""The filters over every note in the history: words, member, group, phase, lens, kind, days.

Two compact rows, so the notes table keeps most of an 80x24 terminal. A change of a
choice applies at once; typing applies once the user pauses (`DEBOUNCE`) or presses
Enter, so a query does not run for every key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Select

from sparring.i18n import N_, _
from sparring.store import NoteQuery
from sparring.ui.widgets.note_table import Vocabulary

DEBOUNCE = 0.2
"""Seconds of quiet after a key before the typed words and days apply."""

SELECTS = ("member", "group", "phase", "lens", "kind")
"""The filters chosen from a list, by the `NoteQuery` field each sets."""


def parse_day(value: str) -> date | None:
    """A day typed as YYYY-MM-DD; ValueError if it is not one; None if nothing is typed."""
    value = value.strip()
    return date.fromisoformat(value) if value else None


class NoteFilters(Widget):
    """Every filter of the notes tab; posts `Changed` with the query they make.

    Args:
        words: the scenarios' names for phases, lenses and insight kinds.
        id: the widget's id.
    """

    debounce: float = DEBOUNCE
    """Seconds of quiet after a key before typing applies (a test may set its own)."""

    DEFAULT_CSS = """
    NoteFilters {
        height: 2;
    }
    NoteFilters Horizontal {
        height: 1;
    }
    NoteFilters Input, NoteFilters Select {
        width: 1fr;
        margin-right: 1;
    }
    NoteFilters #filter-text {
        width: 2fr;
    }
    NoteFilters Input.bad {
        color: $text-error;
        background: $error 20%;
    }
    """

    class Changed(Message):
        """The filters now make `query`; `problem` says which typed day was not a day."""

        def __init__(self, query: NoteQuery, problem: str | None):
            super().__init__()
            self.query = query
            self.problem = problem

    def __init__(self, words: Vocabulary, *, id: str | None = None):
        super().__init__(id=id)
        self.words = words
        self._timer: Timer | None = None
        self._posted: tuple[NoteQuery, str | None] | None = None
        self._names: dict[str, tuple[str, ...]] = {"member": (), "group": ()}
        self._quiet = False

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(placeholder=_("Words to find"), id="filter-text", compact=True)
            yield Input(placeholder=_("From YYYY-MM-DD"), id="filter-since", compact=True)
            yield Input(placeholder=_("To YYYY-MM-DD"), id="filter-until", compact=True)
        with Horizontal():
            yield Select[str]([], prompt=_("Member"), id="filter-member", compact=True)
            yield Select[str]([], prompt=_("Group"), id="filter-group", compact=True)
            for what, prompt in (("phase", _("Phase")), ("lens", _("Lens")), ("kind", _("Kind"))):
                yield Select[str](self.words.choices(what), prompt=prompt, id=f"filter-{what}",
                                  compact=True)

    def on_mount(self) -> None:
        # A choice is watched rather than waited for as a message: the search starts
        # before the screen redraws the choice, not after.
        for what in SELECTS:
            self.watch(self.select(what), "value", self._chose, init=False)

    def _chose(self) -> None:
        if not self._quiet:
            self.apply()

    def select(self, what: str) -> Select[str]:
        """The list filter that sets `what` (one of `SELECTS`)."""
        return self.query_one(f"#filter-{what}", Select)

    def set_names(self, members: Sequence[str], groups: Sequence[str]) -> None:
        """Offer these members and groups (as typed); a choice still offered is kept."""
        for what, names in (("member", tuple(members)), ("group", tuple(groups))):
            if names == self._names[what]:
                continue
            self._names[what] = names
            select = self.select(what)
            chosen = select.value
            self._quiet = True
            try:
                select.set_options((Text(name, end=""), name) for name in names)
                if isinstance(chosen, str) and chosen in names:
                    select.value = chosen
            finally:
                self._quiet = False
            if isinstance(chosen, str) and chosen not in names:
                self.apply()  # a choice no longer offered is gone from the query

    def clear(self) -> None:
        """Unset every filter, then search once."""
        self._quiet = True
        try:
            for field in self.query(Input):
                with field.prevent(Input.Changed):
                    field.value = ""
            for what in SELECTS:
                self.select(what).clear()
        finally:
            self._quiet = False
        self.apply()

    def current(self) -> tuple[NoteQuery, str | None]:
        """The query the filters make now, and what is wrong with a typed day, if anything."""
        values: dict[str, str | None] = {}
        for what in SELECTS:
            value = self.select(what).value
            values[what] = value if isinstance(value, str) else None
        text = self.query_one("#filter-text", Input).value.strip() or None
        days: dict[str, date | None] = {}
        problems = []
        needs = {"since": N_("From needs a day as YYYY-MM-DD"),
                 "until": N_("To needs a day as YYYY-MM-DD")}
        for what, problem in needs.items():
            field = self.query_one(f"#filter-{what}", Input)
            try:
                days[what] = parse_day(field.value)
                field.remove_class("bad")
            except ValueError:
                days[what] = None
                field.add_class("bad")
                problems.append(str(problem))
        query = NoteQuery(text=text, since=days["since"], until=days["until"], **values)
        return query, ("; ".join(problems) + ".") if problems else None

    def apply(self) -> None:
        """Post the query now, unless it is the one posted last."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        made = self.current()
        if made != self._posted:
            self._posted = made
            self.post_message(self.Changed(*made))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.debounce, self.apply)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Not stopped: the screen moves on to the results.
        self.apply()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()  # already applied: see `on_mount`
