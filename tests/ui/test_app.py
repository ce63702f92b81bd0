"""The whole app with Pilot: a session from setup to export, overtime, pause, a crash and
its resume, on a fake clock and a real data folder."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Digits, Input

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.session import Participant, Session
from sparring.store import Archive
from sparring.ui.app import SparringApp
from sparring.ui.screens.checkout import CheckoutScreen
from sparring.ui.screens.ground_rules import GroundRulesScreen
from sparring.ui.screens.home import HomeScreen
from sparring.ui.screens.session import SessionScreen
from sparring.ui.screens.setup import SetupScreen
from sparring.ui.screens.summary import SummaryScreen
from tests.ui.host import type_into


class Clocks:
    """Hands the app fake clocks that start where the session's log left off."""

    def __init__(self) -> None:
        self.clock = FakeClock()

    def __call__(self, start: float) -> FakeClock:
        self.clock = FakeClock(start)
        return self.clock


def prefill() -> Session:
    return Session(
        scenario_id="cross-functional-sparring", group="Group 1",
        participants=[Participant("Anne", "Hand-offs [ward]"), Participant("Bo", "Budget"),
                      Participant("Carla", "Night shift"), Participant("Dorte", "IT")],
        case_owner="Anne", timekeeper="Bo")


def make_app(data: Path, clocks: Clocks, export_dir: Path, **kwargs) -> SparringApp:
    return SparringApp(Archive(data), load_catalogue(), clock_factory=clocks,
                       export_dir=export_dir, **kwargs)


async def wait_for_screen(pilot, kind: type) -> None:
    for _ in range(50):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause()
    pytest.fail(f"the app shows {type(pilot.app.screen).__name__}, not {kind.__name__}")


async def started(pilot) -> None:
    """From the ground rules: Enter starts the clock, and the session screen shows."""
    await wait_for_screen(pilot, GroundRulesScreen)
    await pilot.press("enter")
    await wait_for_screen(pilot, SessionScreen)


async def a_short_session(pilot, step: str | None = None) -> None:
    """From the ground rules of a prefilled app: start, check out at once (with the case
    owner's `step`, if any), close the summary, and be back on the start screen."""
    await started(pilot)
    await pilot.press("ctrl+o", "y")
    await wait_for_screen(pilot, CheckoutScreen)
    if step is not None:
        type_into(pilot.app.screen.query_one("#step-text", Input), step)
        await pilot.press("enter")
        await pilot.pause()
    await pilot.press("ctrl+n")
    await wait_for_screen(pilot, SummaryScreen)
    await pilot.press("escape")
    await wait_for_screen(pilot, HomeScreen)


async def note(pilot, text: str) -> None:
    type_into(pilot.app.screen.query_one("#note", Input), text)
    await pilot.press("enter")


async def test_a_whole_session_from_setup_to_export(tmp_path):
    clocks = Clocks()
    app = make_app(tmp_path / "data", clocks, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("n")
        await wait_for_screen(pilot, SetupScreen)
        screen = app.screen
        type_into(screen.query_one("#group", Input), "Group 1")
        editor = screen.query_one("MembersEditor")
        for row, (name, challenge) in zip(editor.rows, [
                ("Anne", "Hand-offs"), ("Bo", "Budget"), ("Carla", "Nights"),
                ("Dorte", "IT")], strict=True):
            type_into(row.name_input, name)
            type_into(row.challenge_input, challenge)
        await pilot.pause()
        case = screen.query_one("#case")
        case.value = case._options[1][1]  # Anne's challenge
        await pilot.pause()
        await pilot.press("ctrl+n")
        await started(pilot)
        protocol = app.protocol
        assert protocol is not None and protocol.state == "present"

        await note(pilot, "no shared goal")
        clocks.clock.advance(10 * 60 + 30)  # overtime
        app.screen.tick()
        assert str(app.screen.query_one(Digits).value) == "+0:30"
        await pilot.press("ctrl+n")
        await note(pilot, "culture: gossip")
        await pilot.press("ctrl+p")
        assert protocol.paused
        clocks.clock.advance(120)
        await pilot.press("ctrl+p", "ctrl+n")
        await note(pilot, "a pitfall")
        await pilot.press("ctrl+n")
        assert protocol.speaker == "Bo"
        await note(pilot, "me too")
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await wait_for_screen(pilot, CheckoutScreen)
        type_into(app.screen.query_one("#step-text", Input), "Call the ward manager")
        await pilot.press("enter")
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, SummaryScreen)
        await pilot.press("x")  # asks where: the suggested folder, as HTML
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        session_id = protocol.session.id

    stored = Archive(tmp_path / "data", read_only=True).load(session_id)
    assert stored.state == "finished"
    assert [n.text for n in stored.notes] == ["no shared goal", "culture: gossip", "a pitfall",
                                              "me too"]
    assert [n.phase for n in stored.notes] == ["present", "reflect", "interview", "round"]
    assert [s.text for s in stored.next_steps] == ["Call the ward manager"]
    exported = list(tmp_path.glob("sparring-*.html"))
    assert len(exported) == 1 and "Call the ward manager" in exported[0].read_text("utf-8")


async def test_a_crash_is_resumed_where_it_was_paused(tmp_path):
    data = tmp_path / "data"
    clocks = Clocks()
    app = make_app(data, clocks, tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # the round
        clocks.clock.advance(50)
        await note(pilot, "saved before the crash")
        await pilot.press("ctrl+n")  # Carla's turn
        clocks.clock.advance(70)
        await note(pilot, "the last thing said")
        session_id = app.protocol.session.id
        # A crash: the process ends with nothing more written (no pause, no draft).
        app.store.close()
        app._store = None
        app.exit()

    clocks = Clocks()
    again = make_app(data, clocks, tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("enter")  # "Resume" is offered first
        await wait_for_screen(pilot, SessionScreen)
        protocol = again.protocol
        assert protocol.session.id == session_id
        assert (protocol.state, protocol.speaker) == ("round", "Carla")
        assert protocol.paused
        assert protocol.remaining == pytest.approx(200 - 70)
        shown = again.screen.query_one("#notes")
        assert shown.option_count == 2
        clocks.clock.advance(600)
        again.screen.tick()
        assert protocol.remaining == pytest.approx(130)  # paused until the timekeeper resumes
        await pilot.press("ctrl+p")
        clocks.clock.advance(30)
        assert protocol.remaining == pytest.approx(100)


async def test_quitting_keeps_a_half_typed_note_and_pauses(tmp_path):
    data = tmp_path / "data"
    clocks = Clocks()
    app = make_app(data, clocks, tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        clocks.clock.advance(90)
        type_into(app.screen.query_one("#note", Input), "half a thou")
        session_id = app.protocol.session.id
        await pilot.press("ctrl+q")
    stored = Archive(data, read_only=True).load(session_id)
    assert stored.draft == "half a thou"
    assert stored.session.events[-1].trigger == "pause"


async def test_the_data_folder_opens_after_the_first_frame(tmp_path):
    app = SparringApp(lambda: Archive(tmp_path / "data"), load_catalogue(),
                      export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if app.store_ready:
                break
            await pilot.pause(0.01)
        assert app.store_ready
        menu = app.screen.query_one("#home-menu")
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert "New session" in labels
        assert "History (0 sessions)" in labels
    app.close_store()


class HeldBack(Archive):
    """An archive whose first read of the folder waits until `go` is set: what the start
    screen shows meanwhile comes from the overview alone."""

    def __init__(self, root: Path, go: threading.Event):
        super().__init__(root)
        self.go = go

    def refresh(self) -> None:
        assert self.go.wait(10)
        super().refresh()


def menu_labels(app: SparringApp) -> list[str]:
    menu = app.screen.query_one("#home-menu")
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


async def test_the_start_screen_lists_the_sessions_before_the_data_folder_is_read(tmp_path):
    data = tmp_path / "data"
    with Archive(data) as store:
        store.save_session(prefill())
    go = threading.Event()
    app = SparringApp(lambda: HeldBack(data, go), load_catalogue(), export_dir=tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        for _ in range(100):
            if "History (1 session)" in menu_labels(app):
                break
            await pilot.pause(0.01)
        assert not app.store_ready
        labels = menu_labels(app)
        assert "History (1 session)" in labels
        assert any(label.startswith("Resume") and "Group 1: Anne's case" in label
                   for label in labels)
        assert "New session for Group 1: Anne, Bo, Carla, Dorte" in labels
        menu = app.screen.query_one("#home-menu")
        await pilot.press("down")
        assert menu.highlighted == 1
        go.set()
        for _ in range(100):
            if app.store_ready:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        # The folder holds what the overview said: the list is left as it is, where the
        # user had moved to in it.
        assert menu_labels(app) == labels and menu.highlighted == 1
    app.close_store()


async def test_a_choice_made_while_the_data_folder_opens_is_carried_out_once_it_is(tmp_path):
    go = threading.Event()
    app = SparringApp(lambda: HeldBack(tmp_path / "data", go), load_catalogue(),
                      export_dir=tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert menu_labels(app)[0] == "Opening your data folder…"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        go.set()
        await wait_for_screen(pilot, SetupScreen)
    app.close_store()


async def test_the_start_screen_switches_to_danish_and_a_new_session_follows(tmp_path):
    app = SparringApp(lambda: Archive(tmp_path / "data"), load_catalogue(),
                      export_dir=tmp_path, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        for _ in range(100):
            if app.store_ready:
                break
            await pilot.pause(0.01)

        def shown() -> list[str]:
            menu = app.screen.query_one("#home-menu")
            clock = str(app.screen.query_one("#home-clock").render())
            return [clock, *(str(menu.get_option_at_index(i).prompt)
                             for i in range(menu.option_count))]

        assert "New session" in shown() and shown()[0].startswith("Clock:")
        await pilot.press("l")
        await pilot.pause()
        assert "Ny session" in shown() and shown()[0].startswith("Ur:")
        await pilot.press("n")
        await wait_for_screen(pilot, SetupScreen)
        assert app.screen.query_one("#language").value == "da"
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("l")
        await pilot.pause()
        assert "New session" in shown()
    app.close_store()


@pytest.mark.parametrize(("sessions", "label"), [(1, "History (1 session)"),
                                                  (1200, "History (1,200 sessions)")])
async def test_the_start_screen_counts_the_sessions_in_the_history(tmp_path, sessions, label):
    with Archive(tmp_path / "data") as store:
        for number in range(sessions):
            store.save_session(prefill() if number == 0 else Session(
                scenario_id="feedback-round", group=f"Group {number}"))
    app = make_app(tmp_path / "data", Clocks(), tmp_path, ready=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        menu = app.screen.query_one("#home-menu")
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert label in labels


async def test_a_session_run_elsewhere_is_not_resumed_here_but_another_starts(tmp_path):
    from textual.widgets import OptionList

    from tests.store.helpers import writer_elsewhere

    data = tmp_path / "data"
    with Archive(data) as store:
        elsewhere = prefill()
        store.save_session(elsewhere)
    with writer_elsewhere(data, elsewhere.id) as pid:
        app = make_app(data, Clocks(), tmp_path)
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.pause()
            menu = app.screen.query_one("#home-menu", OptionList)
            option = menu.get_option(f"resume:{elsewhere.id}")
            assert option.disabled
            assert f"open in another Sparring, process {pid}" in str(option.prompt)
            app.new_session(prefill(), ready=True)
            await pilot.pause()
            assert isinstance(app.screen, GroundRulesScreen)  # its own session starts
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
            own = app.screen.session.id
        assert Archive(data, read_only=True).load(own).session.events[0].trigger == "start"


async def test_history_opens_a_session_and_the_charts(tmp_path):
    from sparring.ui.screens.charts import ChartsScreen
    from sparring.ui.screens.history import HistoryScreen

    data = tmp_path / "data"
    app = make_app(data, Clocks(), tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await a_short_session(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, HistoryScreen)
        await pilot.press("c")
        await wait_for_screen(pilot, ChartsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HistoryScreen)


async def test_every_group_is_reached_from_the_start_screen(tmp_path):
    from textual.widgets import OptionList

    from sparring.domain.session import Event
    from sparring.ui.screens.groups import GroupsScreen

    data = tmp_path / "data"
    with Archive(data) as store:
        for number in range(1, 6):
            session = prefill()
            session.group = f"Team {number}"
            session.created_at = f"2026-0{number}-01T09:00:00.000+00:00"
            store.save_session(session)
            store.record_event(session, Event("start", 0.0, session.created_at, {}, "present"))
    app = make_app(data, Clocks(), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#home-menu", OptionList)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert [i for i in ids if i and i.startswith("group:")] == [
            "group:Team 5", "group:Team 4", "group:Team 3"]
        assert str(menu.get_option("groups").prompt) == "All groups (5)"
        app.screen.post_message(HomeScreen.Chosen("groups"))
        await pilot.pause()
        assert isinstance(app.screen, GroupsScreen)
        shown = app.screen.query_one("#groups-list", OptionList)
        assert shown.option_count == 5
        await pilot.press("1")
        await pilot.pause()
        assert [shown.get_option_at_index(i).id for i in range(shown.option_count)] == ["Team 1"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#group", Input).value == "Team 1"
