"""How the charts of a group's sessions look at 80x24.

Synthetic sessions with fixed ids, days, timings and scores (`tests.group_history`).
Update with `pytest --snapshot-update` after a deliberate change of the screen, and
look at the report before committing.
"""

from __future__ import annotations

import pytest

from sparring.domain.catalogue import Catalogue, load_catalogue
from sparring.store import Archive
from sparring.ui.screens.charts import ChartsScreen
from tests.group_history import finished, save_all, scores, two_groups
from tests.ui.host import ScreenHost, settle

SIZE = (80, 24)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def store(tmp_path, catalogue):
    sparring = catalogue.get("cross-functional-sparring")
    store = Archive(tmp_path / "data")
    save_all(store, two_groups(sparring, catalogue.get("feedback-round")))
    save_all(store, [finished(sparring, "g3-jun", "2025-06-03", [9, 11, 5, 10], group="Group 3")])
    yield store
    store.close()


async def settled(pilot) -> None:
    await pilot.pause()
    settle(pilot.app)


class TestCharts:
    def test_a_group_over_five_sessions(self, snap_compare, store, catalogue):
        host = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 1"))
        assert snap_compare(host, terminal_size=SIZE, run_before=settled)

    def test_one_question_beside_the_mean(self, snap_compare, store, catalogue):
        host = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 1"))

        async def run_before(pilot):
            await pilot.press("q", "q", "q")  # Time kept
            await settled(pilot)

        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)

    def test_a_group_with_one_session(self, snap_compare, store, catalogue):
        host = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 2"))
        assert snap_compare(host, terminal_size=SIZE, run_before=settled)

    def test_no_evaluations_yet(self, snap_compare, store, catalogue):
        host = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 3"))
        assert snap_compare(host, terminal_size=SIZE, run_before=settled)

    def test_a_year_of_monthly_sessions(self, snap_compare, tmp_path, catalogue):
        sparring = catalogue.get("cross-functional-sparring")
        year = [
            finished(
                sparring,
                f"m{month:02d}",
                f"2025-{month:02d}-07",
                [10 + month % 3, 10 - month % 2, 5 + month % 4 / 2, 9 + month / 6],
                scores(2 + month * 3 // 12, energy=None if month % 5 == 0 else 3),
                group="Ledergruppe Øst",
            )
            for month in range(1, 13)
        ]
        with Archive(tmp_path / "year") as store:
            save_all(store, year)
            host = ScreenHost(lambda: ChartsScreen(store, catalogue))

            async def run_before(pilot):
                await pilot.press(*["q"] * 7)  # Gave energy
                await settled(pilot)

            assert snap_compare(host, terminal_size=SIZE, run_before=run_before)

    def test_no_sessions_yet(self, snap_compare, tmp_path, catalogue):
        with Archive(tmp_path / "empty") as empty:
            host = ScreenHost(lambda: ChartsScreen(empty, catalogue))
            assert snap_compare(host, terminal_size=SIZE, run_before=settled)
