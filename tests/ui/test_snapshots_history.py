"""How the history looks at 80x24: the sessions, the notes with a filter, a member's cases
and learning point.

Synthetic data with fixed ids and times, shown in UTC. Update with
`pytest --snapshot-update` after a deliberate change of the screen, and look at the
report before committing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Select

from sparring.domain.learning import LearningPoint
from sparring.store import Archive
from sparring.ui.screens.history import HistoryScreen
from tests.ui.host import ScreenHost, settle
from tests.ui.test_history_screen import CATALOGUE, build_history, settled

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Days and times as they were stored, whatever the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def host(tmp_path: Path) -> Iterator[ScreenHost]:
    build_history(tmp_path / "data")
    store = Archive(tmp_path / "data")
    store.add_learning_points([
        LearningPoint("Group 1", "Anne", "At [bold]spørge[/bold] før jeg foreslår",
                      at="2025-03-04T12:00:00.000+00:00", id="point-anne-1"),
    ])
    yield ScreenHost(lambda: HistoryScreen(store, catalogue=CATALOGUE, reload_seconds=0,
                                           preload_seconds=None))
    store.close()


class TestHistory:
    def test_sessions(self, snap_compare, host):
        async def run_before(pilot):
            await settled(pilot)
            await pilot.press("down")
            await settled(pilot)
            settle(pilot.app)

        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)

    def test_notes_of_a_member(self, snap_compare, host):
        async def run_before(pilot):
            await settled(pilot)
            await pilot.press("2")
            screen = await settled(pilot)
            screen.notes_pane.filters.select("member").value = "Anne"
            await settled(pilot)
            await pilot.press("down")
            await settled(pilot)
            settle(pilot.app)

        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)

    def test_cases_of_a_member(self, snap_compare, host):
        async def run_before(pilot):
            await settled(pilot)
            await pilot.press("3")
            screen = await settled(pilot)
            pick_member(screen, "Anne")
            await settled(pilot)
            settle(pilot.app)

        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def pick_member(screen, name: str, group: str | None = None) -> None:
    """Choose the member called `name` (of `group`, else of their only group) in My cases."""
    [member] = [m for m in screen.cases_pane.offered
                if m.name == name and (group is None or m.group == group)]
    screen.query_one("#cases-member", Select).value = member
