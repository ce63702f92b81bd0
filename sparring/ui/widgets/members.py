"""The group's members as rows of a name and a challenge, edited on the setup screen."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from sparring.domain.scenario import Scenario
from sparring.domain.session import Participant, new_id
from sparring.i18n import _
from sparring.ui.text import clock_text


def size_note(scenario: Scenario, members: int) -> str:
    """A gentle word when the group is not the size the protocol is made for, else ""."""
    recommended = scenario.recommended_members
    if members == recommended or not scenario.min_members <= members <= scenario.max_members:
        # Outside the limits the problems list says what is wrong; no need to say it twice.
        return ""
    round_phase = next((phase for phase in scenario.phases if phase.has_turns), None)
    if round_phase is None:
        return _("The protocol is made for groups of {recommended}; this group has "
                 "{members}.").format(recommended=recommended, members=members)
    turns = members - 1
    return _("The protocol is made for groups of {recommended}; with {members} the round "
             "has {turns} turns of {time}.").format(
        recommended=recommended, members=members, turns=turns,
        time=clock_text(round_phase.seconds / turns))


def member_label(participant: Participant) -> Content:
    """How a member is offered in a choice: name and challenge, as typed (never markup)."""
    name = participant.name or _("(no name yet)")
    if participant.challenge:
        return Content.assemble((name, "bold"), ": ", participant.challenge)
    return Content(name)


class MemberRow(HorizontalGroup):
    """One member: their number, their name and their challenge in a line.

    The row keeps the member's `case_id`, so a challenge brought back to a later
    session keeps the notes of the earlier ones.
    """

    DEFAULT_CSS = """
    MemberRow {
        height: 1;
    }
    MemberRow > .member-number {
        width: 3;
        color: $text-muted;
    }
    MemberRow > .member-name {
        width: 18;
        margin-right: 1;
    }
    MemberRow > .member-challenge {
        width: 1fr;
    }
    """

    def __init__(self, participant: Participant | None = None, *, number: int = 1):
        super().__init__()
        self.case_id = participant.case_id if participant else new_id()
        self._number = number
        # Made here rather than found by query, so the row reads the same while it is
        # still being mounted or already being removed.
        self.name_input = Input(
            participant.name if participant else "",
            placeholder=_("Name"),
            compact=True,
            classes="member-name",
        )
        """The field for the member's name."""
        self.challenge_input = Input(
            participant.challenge if participant else "",
            placeholder=_("Their challenge, in a line"),
            compact=True,
            classes="member-challenge",
        )
        """The field for the member's challenge."""

    def compose(self) -> ComposeResult:
        yield Label(f"{self._number}.", classes="member-number")
        yield self.name_input
        yield self.challenge_input

    def set_number(self, number: int) -> None:
        """Show the row's place in the group."""
        self._number = number
        self.query_one(".member-number", Label).update(f"{number}.")

    def participant(self) -> Participant:
        """The member as typed, with surrounding spaces trimmed."""
        return Participant(
            self.name_input.value.strip(), self.challenge_input.value.strip(), self.case_id
        )

    @property
    def is_blank(self) -> bool:
        """Whether nothing has been typed in the row: such a row is not a member."""
        return not (self.name_input.value.strip() or self.challenge_input.value.strip())


class MembersEditor(VerticalGroup):
    """Rows of members; rows can be added and removed, blank rows do not count.

    Args:
        participants: members to start with (their `case_id`s are kept).
        rows: how many rows to show at least, blank ones filling up.
    """

    DEFAULT_CSS = """
    MembersEditor {
        height: auto;
    }
    """

    class Changed(Message):
        """A member was typed, added or removed."""

        def __init__(self, editor: MembersEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> MembersEditor:
            """The editor that changed."""
            return self.editor

    def __init__(
        self, participants: Sequence[Participant] = (), *, rows: int = 4, id: str | None = None
    ):
        super().__init__(id=id)
        self._initial = list(participants)
        self._initial_rows = max(rows, len(self._initial))

    def compose(self) -> ComposeResult:
        for index in range(self._initial_rows):
            participant = self._initial[index] if index < len(self._initial) else None
            yield MemberRow(participant, number=index + 1)

    @property
    def rows(self) -> list[MemberRow]:
        """The rows in order, blank ones included."""
        return list(self.query_children(MemberRow))

    def participants(self) -> list[Participant]:
        """The members: every row with a name or a challenge, in order."""
        return [row.participant() for row in self.rows if not row.is_blank]

    async def add_row(self) -> MemberRow:
        """Add an empty row at the end and put the cursor in its name field."""
        row = MemberRow(number=len(self.rows) + 1)
        await self.mount(row)
        row.name_input.focus()
        self.post_message(self.Changed(self))
        return row

    async def remove_row(self, row: MemberRow) -> None:
        """Remove `row`; the cursor goes to the row that takes its place, or the one above."""
        rows = self.rows
        index = rows.index(row)
        had_focus = row.has_focus_within
        await row.remove()
        rest = self.rows
        for number, other in enumerate(rest, start=1):
            other.set_number(number)
        if had_focus and rest:
            rest[min(index, len(rest) - 1)].name_input.focus()
        self.post_message(self.Changed(self))

    def row_with_focus(self) -> MemberRow | None:
        """The row the cursor is in, if any."""
        return next((row for row in self.rows if row.has_focus_within), None)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))
