"""The main screens in Danish at 80x24: what a Danish group sees from setup to summary.

Synthetic data, fixed ids and times, a fake clock. Update with `pytest --snapshot-update`
after a deliberate change of a screen, and look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.records import Evaluation
from sparring.i18n import set_language
from sparring.store import Archive
from sparring.ui.screens.checkout import CheckoutScreen
from sparring.ui.screens.ground_rules import GroundRulesScreen
from sparring.ui.screens.setup import SetupScreen
from sparring.ui.screens.summary import SummaryScreen
from tests.conftest import make_session
from tests.ui.host import FIXED_CREATED_AT, ScreenHost, finished_session, next_step, note, settle
from tests.ui.session_host import SessionHost, open_store

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _danish() -> None:
    set_language("da")


@pytest.fixture
def store(tmp_path):
    store = Archive(tmp_path / "data")
    session = finished_session()
    session.language = "da"
    store.save_session(session)
    yield store
    store.close()


def _steady(app) -> None:  # type: ignore[no-untyped-def]
    for field in app.screen.query(Input):
        field.cursor_blink = False


def test_setup(snap_compare):
    host = ScreenHost(lambda: SetupScreen(load_catalogue(), note="Bo har ikke præsenteret."))

    async def run_before(pilot):
        settle(pilot.app)

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_ground_rules(snap_compare, sparring_scenario):
    session = finished_session()
    session.events.clear()
    session.language = "da"
    host = ScreenHost(lambda: GroundRulesScreen(sparring_scenario, session))
    assert snap_compare(host, terminal_size=SIZE)


@pytest.fixture
def running(sparring_scenario, tmp_path):
    session = make_session()
    session.language = "da"
    return SessionHost(sparring_scenario, session, open_store(tmp_path), FakeClock())


def test_a_running_phase(snap_compare, running):
    async def run_before(pilot):
        _steady(pilot.app)
        running.clock.advance(9 * 60 + 12)
        running.screen.tick()
        await pilot.pause()

    assert snap_compare(running, terminal_size=SIZE, run_before=run_before)


def test_the_round(snap_compare, running):
    async def run_before(pilot):
        _steady(pilot.app)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")
        running.clock.advance(80)
        running.screen.tick()

    assert snap_compare(running, terminal_size=SIZE, run_before=run_before)


def test_check_out(snap_compare, sparring_scenario, store):
    store.save_next_step(next_step(finished_session(), "Anne", "Spørg HR om mandatet"))
    store.save_evaluation(Evaluation("session-1", {"clear_agenda": 4}, at=FIXED_CREATED_AT))
    stored = store.load("session-1")
    host = ScreenHost(lambda: CheckoutScreen(sparring_scenario, stored, store))

    async def run_before(pilot):
        _steady(pilot.app)
        settle(pilot.app)

    assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


def test_summary(snap_compare, sparring_scenario, store, tmp_path):
    session = finished_session()
    session.language = "da"
    store.save_note(note(session, "present", "Intet fælles mål", lens="purpose", about="Anne"))
    store.save_next_step(next_step(session, "Anne", "Spørg HR om mandatet"))
    stored = store.load(session.id)
    host = ScreenHost(lambda: SummaryScreen(sparring_scenario, stored, store, export_dir=tmp_path))
    assert snap_compare(host, terminal_size=SIZE, press=["end"])
