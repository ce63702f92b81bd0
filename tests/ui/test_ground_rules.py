"""The ground rules and the plan, read aloud before the clock starts."""

from __future__ import annotations

from sparring.ui.screens.ground_rules import GroundRulesScreen
from tests.conftest import make_session
from tests.ui.host import ScreenHost, shown_text


async def test_the_rules_then_the_plan_with_names_and_minutes(sparring_scenario):
    session = make_session()
    session.participants[0].challenge = "Hand-offs between [ward] and [therapy] 🙂 på tværs"
    host = ScreenHost(lambda: GroundRulesScreen(sparring_scenario, session))
    async with host.run_test(size=(80, 24)):
        text = shown_text(host.screen)
    for rule in (
        "What is said here stays in the group.",
        "The reflecting team talks about the case among themselves; the case owner listens.",
        "We are witnesses to each other's learning, not each other's coaches.",
        "Anyone can ask for a pause.",
    ):
        assert f"• {rule}" in text
    assert "The plan · 35 min in all" in text
    assert "1. Present · 10 min" in text
    assert "Speaks: Anne · Listens: Bo, Carla, Dorte" in text
    assert "Speaks: Bo, Carla, Dorte · Listens: Anne" in text
    assert "3. Interview · 5 min" in text
    assert "Speaks: Bo, Carla, Dorte, in turn (3:20 each)" in text
    assert "Case owner: Anne — Hand-offs between [ward] and [therapy] 🙂 på tværs" in text
    assert "Timekeeper: Bo" in text
    # The rules come before the plan.
    assert text.index("Ground rules") < text.index("The plan")


async def test_a_danish_group_reads_the_rules_in_danish(sparring_scenario):
    session = make_session()
    session.language = "da"
    host = ScreenHost(lambda: GroundRulesScreen(sparring_scenario, session))
    async with host.run_test(size=(80, 24)):
        text = shown_text(host.screen)
    assert "• Vi er vidner til hinandens læring – og ikke hinandens coaches." in text  # noqa: RUF001
    assert "1. Præsentation · 10 min" in text


async def test_enter_starts_the_clock_and_escape_goes_back(sparring_scenario):
    session = make_session()
    host = ScreenHost(lambda: GroundRulesScreen(sparring_scenario, session))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
    assert host.results == [True]

    host = ScreenHost(lambda: GroundRulesScreen(sparring_scenario, session))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [False]


async def test_the_start_button_is_reachable_from_the_keyboard(sparring_scenario):
    host = ScreenHost(lambda: GroundRulesScreen(sparring_scenario, make_session(5)))
    async with host.run_test(size=(80, 24)) as pilot:
        text = shown_text(host.screen)
        assert "Speaks: Bo, Carla, Dorte, Emil, in turn (2:30 each)" in text
        await pilot.press("tab")
        assert host.focused is not None and host.focused.id == "start"
        await pilot.press("enter")
        await pilot.pause()
    assert host.results == [True]
