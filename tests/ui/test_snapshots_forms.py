"""How setup, the ground rules, check-out and the summary look at 80x24.

Synthetic data with fixed ids and times. Update with `pytest --snapshot-update` after a
deliberate change of a screen, and look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Select

from sparring.domain.catalogue import load_catalogue
from sparring.domain.records import Evaluation
from sparring.store import Archive
from sparring.ui.screens.checkout import CheckoutScreen
from sparring.ui.screens.ground_rules import GroundRulesScreen
from sparring.ui.screens.setup import SetupScreen
from sparring.ui.screens.summary import SummaryScreen
from sparring.ui.widgets.evaluation import ScoreInput
from sparring.ui.widgets.members import MembersEditor
from tests.ui.host import (
    FIXED_CREATED_AT,
    ScreenHost,
    finished_session,
    next_step,
    note,
    settle,
    type_into,
)

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path):
    store = Archive(tmp_path / "data")
    store.save_session(finished_session())
    yield store
    store.close()


class TestSetup:
    def test_empty_form(self, snap_compare):
        host = ScreenHost(lambda: SetupScreen(load_catalogue(), note="Bo has not presented yet."))

        async def run_before(pilot):
            settle(pilot.app)

        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)

    def test_five_members_ready_to_continue(self, snap_compare):
        host = ScreenHost(lambda: SetupScreen(load_catalogue()))
        members = [
            ("Anne", "The ward and the [therapists] share no goal"),
            ("Bo", "Hand-offs at night 🌙"),
            ("Carla", "Ny leder, gamle vaner på tværs"),
            ("Dorte", "Two teams, one budget"),
            ("Emil", "Silo thinking"),
        ]

        async def run_before(pilot):
            screen = pilot.app.screen
            type_into(screen.query_one("#group", Input), "Group 2")
            await pilot.press("ctrl+o")
            for row, (name, challenge) in zip(
                screen.query_one(MembersEditor).rows, members, strict=True
            ):
                type_into(row.name_input, name)
                type_into(row.challenge_input, challenge)
            case = screen.query_one("#case", Select)
            # The choices are rebuilt a few messages after the names change: wait for
            # that, not for a time (a loaded machine takes more messages).
            for _ in range(200):
                await pilot.pause()
                if len(case._options) > 1:
                    break
            case.value = case._options[1][1]
            await pilot.pause()
            screen.query_one("#continue").focus()
            screen.query_one(VerticalScroll).scroll_end(animate=False)
            await pilot.pause()
            settle(pilot.app)

        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


class TestGroundRules:
    def test_rules_and_plan(self, snap_compare, sparring_scenario):
        session = finished_session()
        session.events.clear()
        session.participants[0].challenge = "The ward and the [therapists] share no goal"
        host = ScreenHost(lambda: GroundRulesScreen(sparring_scenario, session))
        assert snap_compare(host, terminal_size=SIZE)


class TestCheckout:
    def test_steps_and_scores(self, snap_compare, sparring_scenario, store):
        store.save_next_step(next_step(finished_session(), "Anne", "Ask HR for the [mandate]"))
        store.save_evaluation(
            Evaluation("session-1", {"clear_agenda": 4, "on_time": 2}, at=FIXED_CREATED_AT)
        )
        stored = store.load("session-1")
        host = ScreenHost(lambda: CheckoutScreen(sparring_scenario, stored, store))

        async def run_before(pilot):
            type_into(pilot.app.screen.query_one("#step-text", Input), "Map the hand-offs")
            pilot.app.screen.query_one("#score-time_kept", ScoreInput).focus()
            await pilot.press("3")
            settle(pilot.app)

        assert snap_compare(host, terminal_size=SIZE, run_before=run_before)


class TestSummary:
    @pytest.fixture
    def host(self, sparring_scenario, store, tmp_path):
        session = finished_session()
        for item in (
            note(session, "present", "No shared goal [yet]", lens="purpose", about="Anne"),
            note(session, "interview", "Ask the board", kind="possibility", about="Anne"),
            note(session, "round", "Same at my ward 🙂", about="Bo", author="Bo", turn=0),
        ):
            store.save_note(item)
        store.save_next_step(next_step(session, "Anne", "Ask HR for the [mandate]"))
        store.save_evaluation(Evaluation(session.id, {"overall": 5}, at=FIXED_CREATED_AT))
        stored = store.load(session.id)
        return ScreenHost(
            lambda: SummaryScreen(sparring_scenario, stored, store, export_dir=tmp_path)
        )

    def test_top(self, snap_compare, host):
        assert snap_compare(host, terminal_size=SIZE)

    def test_end_with_timings(self, snap_compare, host):
        assert snap_compare(host, terminal_size=SIZE, press=["end"])
