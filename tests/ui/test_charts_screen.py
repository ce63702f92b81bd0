"""The charts screen with Pilot: picking a group, cycling a question and a protocol,
empty states, a read-only store, names as typed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.content import Content
from textual.widgets import Select, Static

from sparring.domain.catalogue import Catalogue, load_catalogue
from sparring.i18n import set_language
from sparring.store import Archive
from sparring.ui.screens.charts import ChartsScreen
from sparring.ui.widgets.trend_charts import MinutesChart, ScoresChart, minute_ticks, tick_positions
from tests.group_history import finished, save_all, scores, two_groups
from tests.ui.host import ScreenHost

SIZE = (80, 24)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def store(tmp_path, catalogue):
    store = Archive(tmp_path / "data")
    save_all(
        store,
        two_groups(catalogue.get("cross-functional-sparring"), catalogue.get("feedback-round")),
    )
    yield store
    store.close()


def text_of(screen: ChartsScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).visual)


class TestPickingAGroup:
    async def test_opens_on_the_group_of_the_newest_session(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChartsScreen)
            assert screen.group == "Group 2"
            assert screen.groups == ["Group 1", "Group 2"]
            assert [s.session_id for s in screen.query_one(ScoresChart).trend.sessions] == [
                "g2-may"
            ]
            assert text_of(screen, "#scores-text") == "Mean score on 2025-05-20: 4.1 of 5."

    async def test_picking_another_group_changes_what_the_charts_draw(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue, group="group 2"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChartsScreen)
            scores_chart = screen.query_one(ScoresChart)
            minutes_chart = screen.query_one(MinutesChart)
            assert minutes_chart.minutes is not None
            assert minutes_chart.minutes.session_ids == ("g2-may",)

            await pilot.press("enter")  # the picker has the focus: open it
            await pilot.press("up", "enter")
            await pilot.pause()

            assert screen.group == "Group 1"
            assert screen.query_one("#group", Select).value == "Group 1"
            assert [s.session_id for s in scores_chart.trend.sessions] == [
                "g1-jan",
                "g1-feb",
                "g1-mar",
                "g1-apr",
                "g1-may",
            ]
            assert minutes_chart.minutes is not None
            assert minutes_chart.minutes.session_ids == ("g1-jan", "g1-feb", "g1-apr", "g1-may")
            assert text_of(screen, "#scores-text").startswith(
                "Mean score (1-5) of 4 sessions, oldest first: 2.9, 3.1, 4, 4.9"
            )
            assert text_of(screen, "#minutes-text").startswith(
                "Cross-functional sparring. Mean minutes of 4 sessions, planned / actual: "
                "Present 10 / 10.9"
            )
            assert text_of(screen, "#status") == "5 finished sessions · 2 protocols"

    async def test_g_opens_the_picker(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.set_focus(None)
            await pilot.press("g")
            picker = app.screen.query_one("#group", Select)
            assert picker.has_focus_within and picker.expanded


class TestKeys:
    async def test_q_cycles_the_question_beside_the_mean(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 1"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChartsScreen)
            chart = screen.query_one(ScoresChart)

            await pilot.press("q", "q", "q")

            assert chart.question == "time_kept"
            assert text_of(screen, "#scores-text").endswith("Time kept: 2, 3, 4, 4.")
            await pilot.press(*["q"] * 7)
            assert chart.question is None
            assert "Time kept" not in text_of(screen, "#scores-text")

    async def test_p_charts_the_minutes_of_the_other_protocol(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 1"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChartsScreen)
            chart = screen.query_one(MinutesChart)
            assert chart.minutes is not None
            assert chart.minutes.scenario_id == "cross-functional-sparring"

            await pilot.press("p")

            assert chart.minutes.scenario_id == "feedback-round"
            assert text_of(screen, "#minutes-text") == (
                "Feedback round. Minutes on 2025-03-11, planned / actual: Own reflection 5 / 6, "
                "Feedback from others 10 / 11."
            )
            await pilot.press("p")
            assert chart.minutes.scenario_id == "cross-functional-sparring"

    async def test_p_is_not_offered_for_a_group_of_one_protocol(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 2"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert screen.check_action("next_protocol", ()) is False
            assert screen.check_action("next_question", ()) is True

    async def test_escape_closes(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.results == [None]
            assert not isinstance(app.screen, ChartsScreen)

    def test_every_key_can_be_remapped_and_explains_itself(self):
        for binding in ChartsScreen.BINDINGS:
            assert not isinstance(binding, tuple)
            assert binding.id and binding.id.startswith("charts.")
            assert binding.tooltip


class TestEmptyStates:
    async def test_no_sessions_at_all(self, tmp_path, catalogue):
        with Archive(tmp_path / "data") as store:
            app = ScreenHost(lambda: ChartsScreen(store, catalogue))
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                screen = app.screen
                assert text_of(screen, "#scores-text") == (
                    "No sessions yet. The charts fill in as groups finish sessions."
                )
                assert not screen.query_one(ScoresChart).display
                assert not screen.query_one(MinutesChart).display
                assert screen.query_one("#group", Select).disabled
                await pilot.press("q", "p", "g")  # nothing to do; nothing breaks

    async def test_a_group_without_evaluations_or_finished_sessions(self, tmp_path, catalogue):
        sparring = catalogue.get("cross-functional-sparring")
        with Archive(tmp_path / "data") as store:
            save_all(
                store,
                [
                    finished(sparring, "a", "2025-01-01", group="Group 1"),
                    finished(sparring, "b", "2025-02-01", group="Group 3", finish=False),
                ],
            )
            app = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 1"))
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, ChartsScreen)
                assert text_of(screen, "#scores-text") == "No evaluations yet for Group 1."
                assert not screen.query_one(ScoresChart).display
                assert screen.query_one(MinutesChart).display
                assert screen.check_action("next_question", ()) is None

                screen.query_one("#group", Select).value = "Group 3"
                await pilot.pause()

                assert text_of(screen, "#scores-text") == "No finished sessions yet for Group 3."
                assert text_of(screen, "#minutes-text") == "No timed sessions yet for Group 3."
                assert not screen.query_one(MinutesChart).display

    async def test_a_protocol_that_is_not_installed_here(self, store, catalogue):
        without = replace(catalogue, scenarios={"feedback-round": catalogue.get("feedback-round")})
        app = ScreenHost(lambda: ChartsScreen(store, without, group="Group 2"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert text_of(app.screen, "#minutes-text") == (
                "The protocol cross-functional-sparring of these sessions is not installed "
                "here, so its planned minutes are not known."
            )
            assert not app.screen.query_one(MinutesChart).display


class TestStore:
    async def test_a_read_only_store_with_a_damaged_file(self, tmp_path, catalogue):
        root = tmp_path / "data"
        with Archive(root) as writer:
            save_all(
                writer,
                two_groups(
                    catalogue.get("cross-functional-sparring"), catalogue.get("feedback-round")
                ),
            )
        reader = Archive(root, read_only=True)
        reader.sessions()  # listed first, then damaged: as when a disk goes bad
        reader.path_of("g1-jan").write_text("{ not json", encoding="utf-8")
        app = ScreenHost(lambda: ChartsScreen(reader, catalogue, group="Group 1"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChartsScreen)
            assert len(screen.history.sessions) == 4
            assert text_of(screen, "#status") == (
                "4 finished sessions · 1 file could not be read · 2 protocols"
            )
            await pilot.press("q", "p")
        reader.close()

    async def test_names_are_shown_exactly_as_typed(self, tmp_path, catalogue):
        sparring = catalogue.get("cross-functional-sparring")
        name = "[b]Team[/b] Ørsted"
        with Archive(tmp_path / "data") as store:
            save_all(store, [finished(sparring, "a", "2025-01-01", None, None, group=name)])
            app = ScreenHost(lambda: ChartsScreen(store, catalogue))
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                screen = app.screen
                assert text_of(screen, "#scores-text") == f"No evaluations yet for {name}."
                picker = screen.query_one("#group", Select)
                assert picker.value == name
                assert name in str(picker.query_one("SelectCurrent Static#label").visual)

    async def test_an_unknown_group_is_offered_and_shown_empty(self, store, catalogue):
        app = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 9"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.screen.groups == ["Group 1", "Group 2", "Group 9"]
            assert text_of(app.screen, "#scores-text") == "No finished sessions yet for Group 9."


def test_a_group_with_a_year_of_sessions(catalogue):
    sparring = catalogue.get("cross-functional-sparring")
    sessions = [
        finished(sparring, f"s{month:02d}", f"2025-{month:02d}-07", None, scores(3 + month % 3))
        for month in range(1, 13)
    ]
    assert len(sessions) == 12
    # Twelve dates do not fit under 78 columns: the first, the last and some between.
    assert tick_positions(12, 78) == [0, 2, 4, 7, 9, 11]
    assert tick_positions(1, 78) == [0]
    assert tick_positions(3, 20) == [2]


def test_the_minutes_are_marked_in_round_numbers_past_the_longest_bar():
    assert minute_ticks(11.5, 6) == [0, 5, 10, 15]
    assert minute_ticks(10, 6) == [0, 2, 4, 6, 8, 10]
    assert minute_ticks(0, 5) == [0, 1]
    assert minute_ticks(500, 3) == [0, 250, 500]


def test_plotext_drops_repeats_in_order_so_each_run_draws_the_same_chart():
    import plotext._utility

    assert plotext._utility.no_duplicates([3, 1, 3, 2, 1]) == [3, 1, 2]


async def test_the_sentences_mark_their_legend_words_in_danish_too(store, catalogue):
    set_language("da")
    app = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 1"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChartsScreen)

        def marked(widget_id: str) -> list[str]:
            content = screen.query_one(widget_id, Static).visual
            assert isinstance(content, Content)
            return [content.plain[span.start:span.end] for span in content.spans]

        assert text_of(screen, "#scores-text").startswith("Gennemsnitsscore (1-5) for 4")
        assert marked("#scores-text") == ["Gennemsnitsscore"]
        assert marked("#minutes-text") == ["planlagt", "faktisk"]
