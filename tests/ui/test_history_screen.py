"""The history screen with Pilot: sessions, every note with filters and pages, each
member's cases, and reading while another Sparring writes. A real store in `tmp_path`,
synthetic sessions with fixed ids and times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from textual.widgets._footer import FooterKey

from sparring.domain.catalogue import load_catalogue
from sparring.domain.learning import LearningPoint
from sparring.domain.records import Note
from sparring.domain.session import Event, Participant, Session
from sparring.store import Archive, NoteQuery
from sparring.ui.screens.history import HistoryScreen
from sparring.ui.widgets.fitted_table import FittedTable
from tests.ui.host import ScreenHost, drawn_text

CATALOGUE = load_catalogue()
SIZE = (80, 24)


def moment(day: str, hhmm: str) -> str:
    """A time as the store writes it (UTC), on `day` at `hhmm`."""
    return f"{day}T{hhmm}:00.000+00:00"


def sparring(session_id: str, group: str, day: str, members: list[tuple[str, str, str]],
             owner: str, *, minutes: int | None = 36) -> Session:
    """A session of `members` (name, challenge, case id) on `day` from 09:00, finished
    after `minutes` (None: not finished)."""
    session = Session(
        scenario_id="cross-functional-sparring", group=group,
        participants=[Participant(name, challenge, case) for name, challenge, case in members],
        case_owner=owner, timekeeper=members[1][0], id=session_id,
        created_at=moment(day, "08:55"),
    )
    session.events.append(Event("start", 0.0, moment(day, "09:00")))
    if minutes is not None:
        finish = datetime.fromisoformat(moment(day, "09:00")) + timedelta(minutes=minutes)
        session.events.append(Event("finish", minutes * 60.0,
                                    finish.astimezone(UTC).isoformat(timespec="milliseconds")))
    return session


def note(session: Session, number: int, phase: str, text: str, hhmm: str, **fields: Any) -> Note:
    return Note(session_id=session.id, phase=phase, text=text, id=f"{session.id}-n{number}",
                at=moment(session.created_at[:10], hhmm), **fields)


ANNE = ("Anne", "Hand-offs between the ward and the [therapists]", "case-anne")
BO = ("Bo", "Two teams, one budget", "case-bo")
CARLA = ("Carla", "Nights are never asked 🌙", "case-carla")
DORTE = ("Dorte", "Ny leder, gamle vaner på tværs", "case-dorte")


def build_history(root: Path) -> None:
    """Two meetings of Group 1 (Anne's case, then Bo's; Anne brings hers again) and one
    unfinished meeting of Group 2."""
    with Archive(root) as store:
        first = sparring("s1", "Group 1", "2025-03-04", [ANNE, BO, CARLA, DORTE], "Anne")
        second = sparring("s2", "Group 1", "2025-04-01",
                          [("Anne", "Hand-offs, a month on", "case-anne"), BO, CARLA, DORTE],
                          "Bo", minutes=38)
        third = sparring("s3", "Group [2]", "2025-05-06",
                         [("Emil", "Silo thinking", "case-emil"),
                          ("Åse [HR]", "Onboarding", "case-aase"),
                          ("Søren", "Shift swaps", "case-soeren")], "Emil", minutes=None)
        for session in (first, second, third):
            store.save_session(session)
        notes = [
            note(first, 1, "present", "No shared [goal] between the ward and therapy", "09:03",
                 author="Anne", lens="purpose"),
            note(first, 2, "reflect", "Trust is [bold]missing[/bold] across æøå", "09:15",
                 author="Bo", lens="team", kind="awareness"),
            note(first, 3, "interview", "Anne might take over the therapists' meeting", "09:24",
                 author="Carla", kind="pitfall"),
            note(first, 4, "round", "Ask the budget holder together 🤝", "09:28",
                 about="Bo", author="Bo", kind="possibility", turn=0),
            note(first, 5, "round", "The night shift needs a voice", "09:31",
                 about="Carla", author="Carla", turn=1),
            note(second, 1, "present", "The budget holder never comes", "09:04",
                 author="Bo", lens="stakeholders"),
            note(second, 2, "round", "My hand-offs have the same silence", "09:29",
                 about="Anne", author="Anne", kind="awareness", turn=0),
            note(third, 1, "present", "Silo [in] silo", "09:05", author="Emil"),
        ]
        for item in notes:
            store.save_note(item)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    build_history(tmp_path / "data")
    return tmp_path / "data"


class Recorder:
    """Keeps the history's messages to the app."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        # A message is seen where it is posted and again where it bubbles to.
        if isinstance(message, HistoryScreen.Open | HistoryScreen.Charts) and not any(
                message is seen for seen in self.messages):
            self.messages.append(message)

    @property
    def opened(self) -> list[str]:
        return [m.session_id for m in self.messages if isinstance(m, HistoryScreen.Open)]


def history_app(store: Archive) -> ScreenHost:
    return ScreenHost(lambda: HistoryScreen(store, catalogue=CATALOGUE, reload_seconds=0,
                                            preload_seconds=None))


async def settled(pilot: Pilot[Any]) -> HistoryScreen:
    """Let every question to the store be answered and shown; the history screen."""
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not pilot.app.workers:
            break
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def plain(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(visual)


def status(screen: HistoryScreen, pane: str) -> str:
    return plain(screen.query_one(f"#{pane}-pane .status", Static))


def detail(screen: HistoryScreen, pane: str) -> str:
    return plain(screen.query_one(f"#{pane}-pane .detail", Static))


def dimmed(screen: HistoryScreen) -> set[str]:
    """The actions of the keys the footer shows dimmed."""
    return {key.action for key in screen.query(FooterKey) if key.has_class("-disabled")}


def marked(screen: HistoryScreen) -> list[str]:
    """The parts of the notes tab's detail marked as the words searched for."""
    visual = screen.query_one("#notes-pane .detail", Static).visual
    assert isinstance(visual, Content)
    return [visual.plain[span.start:span.end] for span in visual.spans
            if "underline" in str(span.style)]


def rows(screen: HistoryScreen, table: str) -> list[list[str]]:
    """The rows of a table, each whole, one string a column (shown or not)."""
    return screen.query_one(f"#{table}", FittedTable).values


def drawn(screen: HistoryScreen, table: str) -> list[str]:
    """The rows of a table as drawn, each on one line."""
    shown = screen.query_one(f"#{table}", FittedTable)
    return [shown.row_text(i) for i in range(shown.row_count)]


def shown_notes(screen: HistoryScreen) -> list[str]:
    return [hit.note.text for hit in screen.notes_pane.notes]


async def show_notes(pilot: Pilot[Any]) -> HistoryScreen:
    await settled(pilot)
    await pilot.press("2")
    return await settled(pilot)


async def choose(pilot: Pilot[Any], what: str, value: object) -> HistoryScreen:
    screen = await settled(pilot)
    screen.notes_pane.filters.select(what).value = value
    return await settled(pilot)


async def type_filter(pilot: Pilot[Any], what: str, text: str) -> HistoryScreen:
    screen = await settled(pilot)
    field = screen.query_one(f"#filter-{what}", Input)
    field.value = text
    await field.action_submit()
    return await settled(pilot)


# -- sessions ---------------------------------------------------------------------------


async def test_sessions_newest_first_and_enter_opens_one(root: Path):
    store = Archive(root)
    recorder = Recorder()
    async with history_app(store).run_test(size=SIZE, message_hook=recorder) as pilot:
        screen = await settled(pilot)
        assert [row[:5] for row in rows(screen, "sessions-table")] == [
            ["2025-05-06", "Group [2]", "Emil", "Silo thinking", "unfinished"],
            ["2025-04-01", "Group 1", "Bo", "Two teams, one budget", "38 min"],
            ["2025-03-04", "Group 1", "Anne", ANNE[1], "36 min"],
        ]
        assert "Hand-offs between the ward…   36 min" in drawn(screen, "sessions-table")[2]
        assert status(screen, "sessions") == "3 sessions, newest first"
        await pilot.press("down")
        assert "Bo's case: Two teams, one budget" in detail(screen, "sessions")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert recorder.opened == ["s1"]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(recorder.messages[-1], HistoryScreen.Charts)
        assert screen.check_action("next_page", ()) is None  # one page only
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.results == [None]
    store.close()


# -- notes: filters and pages -------------------------------------------------------------


async def test_every_note_newest_first_and_filters_narrow_them(root: Path):
    store = Archive(root)
    async with history_app(store).run_test(size=SIZE) as pilot:
        screen = await show_notes(pilot)
        assert status(screen, "notes") == "8 notes, newest first"
        assert shown_notes(screen)[:3] == ["Silo [in] silo", "My hand-offs have the same silence",
                                           "The budget holder never comes"]
        screen = await type_filter(pilot, "text", "HAND-OFFS")
        assert shown_notes(screen) == ["My hand-offs have the same silence"]
        assert marked(screen) == ["hand-offs"]  # the words found, marked in the note
        screen = await type_filter(pilot, "text", "")
        screen = await choose(pilot, "member", "Anne")
        # About Anne's case (the owner's, when a note is about no one) or said by her.
        assert shown_notes(screen) == [
            "My hand-offs have the same silence",
            "Anne might take over the therapists' meeting",
            "Trust is [bold]missing[/bold] across æøå",
            "No shared [goal] between the ward and therapy",
        ]
        screen = await choose(pilot, "lens", "team")
        assert shown_notes(screen) == ["Trust is [bold]missing[/bold] across æøå"]
        screen = await choose(pilot, "lens", Select.NULL)
        screen = await choose(pilot, "kind", "pitfall")
        assert shown_notes(screen) == ["Anne might take over the therapists' meeting"]
        screen = await choose(pilot, "kind", Select.NULL)
        screen = await choose(pilot, "member", Select.NULL)
        screen = await choose(pilot, "phase", "round")
        assert len(shown_notes(screen)) == 3
        screen = await choose(pilot, "group", "Group 1")
        screen = await type_filter(pilot, "since", "2025-04-01")
        assert shown_notes(screen) == ["My hand-offs have the same silence"]
        screen = await type_filter(pilot, "until", "2025-03-31")
        assert shown_notes(screen) == []
        assert status(screen, "notes") == "No notes."
        screen = await type_filter(pilot, "since", "4 March")  # not a day: left out, said so
        assert "-invalid" not in screen.query_one("#filter-since").classes
        assert "bad" in screen.query_one("#filter-since").classes
        assert shown_notes(screen) == ["The night shift needs a voice",
                                       "Ask the budget holder together 🤝"]
        screen.notes_pane.table.focus()
        await pilot.press("ctrl+l")
        screen = await settled(pilot)
        assert len(shown_notes(screen)) == 8
        assert screen.query_one("#filter-until", Input).value == ""
        assert screen.notes_pane.filters.select("phase").value == Select.NULL
    store.close()


async def test_typing_waits_for_a_pause_and_the_newest_answer_wins(root: Path):
    store = Archive(root)
    async with history_app(store).run_test(size=SIZE) as pilot:
        screen = await show_notes(pilot)
        asked = screen.reader.asked("notes")
        field = screen.query_one("#filter-text", Input)
        filters = screen.notes_pane.filters
        filters.debounce = 60.0  # a pause longer than any test: the user is still typing
        field.focus()
        for text in ("s", "si", "sil"):
            field.value = text
        await pilot.pause()
        assert screen.reader.asked("notes") == asked  # not yet: the user is typing
        filters.debounce = 0.01  # the last key, and then the user pauses
        field.value = "silo"
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.reader.asked("notes") > asked:
                break
        screen = await settled(pilot)
        assert screen.reader.asked("notes") == asked + 1
        assert shown_notes(screen) == ["Silo [in] silo"]
        # Two questions in a row: only the second one's answer is shown.
        pane = screen.notes_pane
        pane.load(NoteQuery(text="budget"), 0)
        pane.load(NoteQuery(text="trust"), 0)
        screen = await settled(pilot)
        assert shown_notes(screen) == ["Trust is [bold]missing[/bold] across æøå"]
    store.close()


async def test_pages_through_many_notes(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as writer:
        session = sparring("many", "Group 1", "2025-03-04", [ANNE, BO, CARLA], "Anne")
        writer.save_session(session)
        start = datetime(2025, 3, 4, 9, tzinfo=UTC)
        for number in range(250):
            writer.save_note(Note(session_id="many", phase="reflect", text=f"Note {number:03d}",
                                  id=f"n{number:03d}",
                                  at=(start + timedelta(seconds=number)).isoformat(
                                      timespec="milliseconds")))
    store = Archive(root)
    async with history_app(store).run_test(size=SIZE) as pilot:
        screen = await show_notes(pilot)
        table = screen.notes_pane.table
        assert status(screen, "notes") == "1\u2013100 of 250 notes, newest first"
        assert shown_notes(screen)[0] == "Note 249"
        assert screen.check_action("previous_page", ()) is None
        assert screen.check_action("next_page", ()) is True
        await pilot.press("ctrl+n")
        screen = await settled(pilot)
        assert status(screen, "notes") == "101\u2013200 of 250 notes, newest first"
        assert shown_notes(screen)[0] == "Note 149"
        assert table.row_count == 100  # every row of the page, not one widget per note
        await pilot.press("ctrl+n")
        screen = await settled(pilot)
        assert status(screen, "notes") == "201\u2013250 of 250 notes, newest first"
        assert shown_notes(screen)[-1] == "Note 000"
        assert screen.check_action("next_page", ()) is None
        await pilot.pause()
        assert dimmed(screen) == {"next_page"}  # the footer says so too
        await pilot.press("ctrl+n")  # no page after the last
        screen = await settled(pilot)
        assert status(screen, "notes").startswith("201\u2013250")
        await pilot.press("ctrl+p")
        screen = await settled(pilot)
        assert status(screen, "notes").startswith("101\u2013200")
        # A filter starts again on its first page.
        screen = await type_filter(pilot, "text", "note 24")
        assert status(screen, "notes") == "13 notes, newest first"
        assert shown_notes(screen)[-2:] == ["Note 124", "Note 024"]
    store.close()


async def test_names_and_notes_are_shown_exactly_as_typed(root: Path):
    store = Archive(root)
    async with history_app(store).run_test(size=(120, 30)) as pilot:
        screen = await show_notes(pilot)
        screen = await choose(pilot, "member", "Anne")
        screen = await choose(pilot, "lens", "team")
        assert rows(screen, "notes-table")[0][-1] == "Trust is [bold]missing[/bold] across æøå"
        assert drawn(screen, "notes-table")[0].endswith("Trust is [bold]missing[/bold] across æøå")
        shown = detail(screen, "notes")
        assert "Trust is [bold]missing[/bold] across æøå" in shown
        assert "2025-03-04" in shown and "Reflect" in shown and "The team" in shown
        assert "New awarenesses" in shown and "said by Bo" in shown
        members = screen.notes_pane.filters.select("member")
        offered = [str(prompt) for prompt, _ in members._options]
        assert "Åse [HR]" in offered and "Søren" in offered
        assert "Group [2]" in [str(prompt) for prompt, _ in
                               screen.notes_pane.filters.select("group")._options]
    store.close()


# -- my cases -------------------------------------------------------------------------------


async def test_my_cases_across_sessions_with_the_round_notes_on_them(root: Path):
    store = Archive(root)
    recorder = Recorder()
    async with history_app(store).run_test(size=SIZE, message_hook=recorder) as pilot:
        screen = await settled(pilot)
        await pilot.press("3")
        screen = await settled(pilot)
        assert "Pick a member" in status(screen, "cases")
        pick_member(screen, "Anne")
        screen = await settled(pilot)
        assert status(screen, "cases") == (
            "Anne (Group 1) brought 1 challenge; 4 notes on them, the latest first.")
        [case] = screen.cases_pane.cases
        assert case.challenge == "Hand-offs, a month on"  # as typed the last time
        assert [s.id for s in case.sessions] == ["s2", "s1"]
        assert [hit.note.text for hit in case.notes] == [
            "My hand-offs have the same silence",  # her round note, in Bo's session
            "Anne might take over the therapists' meeting",
            "Trust is [bold]missing[/bold] across æøå",
            "No shared [goal] between the ward and therapy",
        ]
        assert "Brought to 2 sessions, the group's case in 1" in detail(screen, "cases")
        await pilot.press("enter")  # on to the notes on the case
        await pilot.pause()
        assert "My hand-offs have the same silence" in detail(screen, "cases")
        await pilot.press("enter")
        await pilot.pause()
        assert recorder.opened == ["s2"]

        pick_member(screen, "Bo")
        screen = await settled(pilot)
        assert [len(c.notes) for c in screen.cases_pane.cases] == [2]
        assert {h.note.text for h in screen.cases_pane.cases[0].notes} == {
            "The budget holder never comes", "Ask the budget holder together 🤝"}
    store.close()


async def test_a_member_with_two_cases_sees_both_newest_first(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as writer:
        old = sparring("old", "G", "2025-01-07", [ANNE, BO, CARLA], "Anne")
        new = sparring("new", "G", "2025-02-04",
                       [("Anne", "A new challenge", "case-anne-2"), BO, CARLA], "Bo")
        for session in (old, new):
            writer.save_session(session)
        writer.save_note(note(old, 1, "present", "on the old case", "09:05"))
        writer.save_note(note(new, 1, "round", "on the new case", "09:30", about="Anne"))
    store = Archive(root)
    async with history_app(store).run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("3")
        screen = await settled(pilot)
        pick_member(screen, "Anne")
        screen = await settled(pilot)
        assert [(c.challenge, [h.note.text for h in c.notes]) for c in screen.cases_pane.cases] == [
            ("A new challenge", ["on the new case"]),
            (ANNE[1], ["on the old case"]),
        ]
        assert rows(screen, "cases-table")[0][-1] == "A new challenge"
    store.close()


async def test_my_cases_shows_the_members_learning_point_as_typed_and_since_when(root: Path):
    store = Archive(root)
    store.add_learning_points([
        LearningPoint("group 1", "ANNE", "Lytte før jeg svarer", at=moment("2025-03-04", "12:00")),
        LearningPoint("Group 1", "Anne", "At [bold]spørge[/bold] først",
                      at=moment("2025-04-01", "12:00")),
        LearningPoint("Group [2]", "Anne", "Not this group's"),
        LearningPoint("Group 1", "Bo", "Sige nej", at=moment("2025-03-04", "12:00")),
        LearningPoint("Group 1", "Bo", "", at=moment("2025-04-01", "12:00")),  # withdrawn
    ])
    async with history_app(store).run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("3")
        screen = await settled(pilot)
        shown = drawn_text(pilot.app)  # no member chosen yet: no learning point
        assert "Learning point, since" not in shown and "No learning point" not in shown
        pick_member(screen, "Anne")
        screen = await settled(pilot)
        shown = drawn_text(pilot.app)
        assert "Learning point, since 1 April 2025: At [bold]spørge[/bold] først" in shown
        assert "Lytte før" not in shown and "Not this group's" not in shown
        pick_member(screen, "Bo")
        screen = await settled(pilot)
        assert "No learning point now; withdrawn 1 April 2025." in drawn_text(pilot.app)
        pick_member(screen, "Carla")
        screen = await settled(pilot)
        assert "No learning point stated yet." in drawn_text(pilot.app)
    store.close()


async def test_my_cases_says_when_the_learning_points_cannot_be_read(root: Path):
    (root / "learning-points.json").write_text("{not json", encoding="utf-8")
    store = Archive(root)
    async with history_app(store).run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        await pilot.press("3")
        screen = await settled(pilot)
        pick_member(screen, "Anne")
        screen = await settled(pilot)
        assert "The learning points cannot be read:" in drawn_text(pilot.app)
        line = plain(screen.query_one("#cases-learning", Static))
        assert line.endswith("learning-points.json: is not valid JSON (line 1)")
        assert len(screen.cases_pane.cases) == 1  # the cases are shown all the same
    store.close()


# -- another Sparring writing --------------------------------------------------------------


def folder_state(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


async def test_reads_while_another_sparring_writes_and_never_writes(root: Path):
    writer = Archive(root)
    reader = Archive(root)
    before = folder_state(root)
    async with history_app(reader).run_test(size=SIZE) as pilot:
        screen = await show_notes(pilot)
        assert len(shown_notes(screen)) == 8
        # The other Sparring runs a new session and saves a note.
        fourth = sparring("s4", "Group 1", "2025-06-03", [ANNE, BO, CARLA], "Carla", minutes=None)
        writer.save_session(fourth)
        writer.save_note(note(fourth, 1, "present", "Saved by the other Sparring", "09:02"))
        before = folder_state(root)
        await pilot.press("r")
        screen = await settled(pilot)
        assert shown_notes(screen)[0] == "Saved by the other Sparring"
        await pilot.press("1")
        screen = await settled(pilot)
        assert rows(screen, "sessions-table")[0][:3] == ["2025-06-03", "Group 1", "Carla"]
        await pilot.press("3")
        screen = await settled(pilot)
        pick_member(screen, "Carla")
        screen = await settled(pilot)
        assert {h.note.text for c in screen.cases_pane.cases for h in c.notes} == {
            "Saved by the other Sparring", "The night shift needs a voice"}
    assert folder_state(root) == before  # the history wrote nothing
    reader.close()
    writer.close()


async def test_escape_leaves_a_filter_first_then_the_history(root: Path):
    store = Archive(root)
    async with history_app(store).run_test(size=SIZE) as pilot:
        screen = await show_notes(pilot)
        await pilot.press("slash")
        assert isinstance(screen.focused, Input)
        await pilot.press("escape")
        assert screen.focused is screen.notes_pane.table
        assert pilot.app.results == []
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.results == [None]
    store.close()


def pick_member(screen, name: str, group: str | None = None) -> None:
    """Choose the member called `name` (of `group`, else of their only group) in My cases."""
    [member] = [m for m in screen.cases_pane.offered
                if m.name == name and (group is None or m.group == group)]
    screen.query_one("#cases-member", Select).value = member


async def test_a_session_is_deleted_from_the_history_after_asking(root: Path):
    from sparring.ui.screens.confirm import ConfirmScreen

    store = Archive(root)
    before = [s.id for s in store.sessions()]
    async with history_app(store).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        first = rows(screen, "sessions-table")[0]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert [s.id for s in store.sessions()] == before
        await pilot.press("delete", "y")
        screen = await settled(pilot)
        assert [s.id for s in store.sessions()] == before[1:]
        assert rows(screen, "sessions-table")[0] != first
        assert len(rows(screen, "sessions-table")) == len(before) - 1
    store.close()
