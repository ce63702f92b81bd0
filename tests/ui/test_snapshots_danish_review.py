"""The start, the history, the charts and the wall in Danish at 80x24.

Synthetic data with fixed ids and times, shown in UTC; the wall on a fake wall clock.
Update with `pytest --snapshot-update` after a deliberate change of a screen, and look at
the report before committing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sparring.domain.catalogue import load_catalogue
from sparring.i18n import set_language
from sparring.store import Archive
from sparring.ui.screens.charts import ChartsScreen
from sparring.ui.screens.history import HistoryScreen
from sparring.ui.screens.home import HomeScreen
from sparring.ui.wall.screen import WallScreen
from tests.group_history import save_all, two_groups
from tests.ui.host import ScreenHost, finished_session, settle
from tests.ui.test_history_screen import CATALOGUE, build_history, settled
from tests.wall.helpers import FakeWallTime, wall_app

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _danish_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    set_language("da")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_start(snap_compare, tmp_path: Path):
    store = Archive(tmp_path / "data")
    session = finished_session()
    session.language = "da"
    store.save_session(session)
    host = ScreenHost(lambda: HomeScreen(load_catalogue(), store))

    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await pilot.pause()
        settle(pilot.app)

    try:
        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)
    finally:
        store.close()


def test_history_sessions(snap_compare, tmp_path: Path):
    build_history(tmp_path / "data")
    store = Archive(tmp_path / "data")
    host = ScreenHost(lambda: HistoryScreen(store, catalogue=CATALOGUE, reload_seconds=0,
                                            preload_seconds=None))

    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("down")
        await settled(pilot)
        settle(pilot.app)

    try:
        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)
    finally:
        store.close()


def test_charts(snap_compare, tmp_path: Path):
    catalogue = load_catalogue()
    store = Archive(tmp_path / "data")
    save_all(store, two_groups(catalogue.get("cross-functional-sparring"),
                               catalogue.get("feedback-round")))
    host = ScreenHost(lambda: ChartsScreen(store, catalogue, group="Group 1"))

    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await pilot.pause()
        settle(pilot.app)

    try:
        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)
    finally:
        store.close()


def test_wall(snap_compare, tmp_path: Path):
    session = finished_session()
    del session.events[2:]  # started, and on to the reflecting team's phase
    session.language = "da"
    with Archive(tmp_path / "data") as store:
        store.save_session(session)
    app = wall_app(tmp_path / "data", session_id=session.id, wall_time=FakeWallTime())

    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, WallScreen)
        screen.check_writer()  # no timekeeper holds it: said at once, not after seconds
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
