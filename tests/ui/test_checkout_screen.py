"""Check-out: next steps saved one by one, edited and deleted; the meeting evaluation."""

from __future__ import annotations

import errno

import pytest
from textual.widgets import Input, Select

from sparring.domain.records import Evaluation
from sparring.store import Archive
from sparring.ui.screens.checkout import CheckoutScreen
from sparring.ui.widgets.evaluation import ScoreInput
from sparring.ui.widgets.next_steps import NextStepList
from tests.ui.host import ScreenHost, finished_session, next_step, shown_text, type_into


@pytest.fixture
def store(tmp_path):
    store = Archive(tmp_path / "data")
    store.save_session(finished_session())
    yield store
    store.close()


def checkout_host(scenario, store: Archive) -> ScreenHost:
    stored = store.load("session-1")
    return ScreenHost(lambda: CheckoutScreen(scenario, stored, store))


def list_lines(host: ScreenHost) -> list[str]:
    steps = host.screen.query_one(NextStepList)
    return [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]


def step_field(host: ScreenHost) -> Input:
    return host.screen.query_one("#step-text", Input)


async def test_enter_saves_the_case_owners_step_first_then_the_next_members(
    sparring_scenario, store
):
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        assert host.focused is step_field(host)
        assert "Anne: What will I try before we meet again?" in shown_text(host.screen)
        assert "No next steps yet." in shown_text(host.screen)
        await pilot.press(*"Ask HR", "enter")
        assert [(s.who, s.text) for s in store.load("session-1").next_steps] == [("Anne", "Ask HR")]
        assert list_lines(host) == ["Anne: Ask HR"]
        assert step_field(host).value == ""
        # The picker moves on to the next member without a step.
        assert "Bo: What will I try before we meet again?" in shown_text(host.screen)
        await pilot.press(*"Map", "enter")
        assert list_lines(host) == ["Anne: Ask HR", "Bo: Map"]


async def test_any_member_can_be_picked(sparring_scenario, store):
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        host.screen.query_one("#step-who", Select).focus()
        await pilot.press("enter", "down", "down", "enter")  # Carla
        await pilot.press("tab")
        type_into(step_field(host), "Talk to the night shift")
        await pilot.press("enter")
    [step] = store.load("session-1").next_steps
    assert (step.who, step.text, step.session_id) == (
        "Carla",
        "Talk to the night shift",
        "session-1",
    )


async def test_a_step_is_edited_and_deleted_from_the_list(sparring_scenario, store):
    store.save_next_step(next_step(finished_session(), "Anne", "Ask HR", 1))
    store.save_next_step(next_step(finished_session(), "Bo", "Map the hand-offs", 2))
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        screen = host.screen
        assert list_lines(host) == ["Anne: Ask HR", "Bo: Map the hand-offs"]
        steps = screen.query_one(NextStepList)
        steps.focus()
        steps.highlighted = 0
        assert screen.check_action("cancel_edit", ()) is False  # hidden until editing
        await pilot.press("enter")
        assert host.focused is step_field(host)
        assert step_field(host).value == "Ask HR"
        assert screen.check_action("cancel_edit", ()) is True
        await pilot.press(*" and the union", "enter")
        saved = {s.id: (s.who, s.text) for s in store.load("session-1").next_steps}
        assert saved == {
            "step-1": ("Anne", "Ask HR and the union"),
            "step-2": ("Bo", "Map the hand-offs"),
        }
        assert list_lines(host)[0] == "Anne: Ask HR and the union"

        steps.focus()
        steps.highlighted = 1
        await pilot.press("delete")
        assert [s.id for s in store.load("session-1").next_steps] == ["step-1"]
        assert list_lines(host) == ["Anne: Ask HR and the union"]


async def test_escape_cancels_an_edit_and_keeps_the_step(sparring_scenario, store):
    store.save_next_step(next_step(finished_session(), "Anne", "Ask HR"))
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        host.screen.query_one(NextStepList).focus()
        await pilot.press("enter", *"!!", "escape")
        assert step_field(host).value == ""
    assert [s.text for s in store.load("session-1").next_steps] == ["Ask HR"]


async def test_a_refused_save_keeps_the_text_and_says_why(sparring_scenario, store, monkeypatch):
    def full_disk(step):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "save_next_step", full_disk)
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        type_into(step_field(host), "Ask HR")
        await pilot.press("enter")
        assert step_field(host).value == "Ask HR"
        assert list_lines(host) == []
        [notice] = host._notifications
        assert notice.title == "Not saved" and notice.severity == "error"
        assert "No space left on device" in notice.message


async def test_a_read_only_store_is_reported(sparring_scenario, store, tmp_path):
    reader = Archive(tmp_path / "data", read_only=True)
    stored = reader.load("session-1")
    host = ScreenHost(lambda: CheckoutScreen(sparring_scenario, stored, reader))
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        type_into(step_field(host), "Ask HR")
        await pilot.press("enter", "ctrl+n")
        assert step_field(host).value == "Ask HR"
        assert any(n.severity == "error" for n in host._notifications)
    assert store.load("session-1").next_steps == []


async def test_user_text_shows_exactly_as_typed(sparring_scenario, store):
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        type_into(step_field(host), "[bold]Spørg[/bold] 🙂 HR [x]")
        await pilot.press("enter")
        assert list_lines(host) == ["Anne: [bold]Spørg[/bold] 🙂 HR [x]"]
    assert store.load("session-1").next_steps[0].text == "[bold]Spørg[/bold] 🙂 HR [x]"


async def test_the_evaluation_is_scored_from_the_keyboard_and_saved(sparring_scenario, store):
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        screen = host.screen
        assert screen.check_action("save_evaluation", ()) is None  # nothing to save yet
        screen.query_one("#score-clear_agenda", ScoreInput).focus()
        await pilot.press("4", "tab", "5", "left", "tab", "3", "0")
        screen.query_one("#score-other", ScoreInput).focus()
        await pilot.press("2", "tab")
        assert host.focused is screen.query_one("#evaluation-other", Input)
        type_into(host.focused, "The room was cold [brr]")
        await pilot.pause()
        assert screen.check_action("save_evaluation", ()) is True
        await pilot.press("ctrl+s")
        assert screen.check_action("save_evaluation", ()) is None
    evaluation = store.load("session-1").evaluation
    assert evaluation is not None
    assert evaluation.scores["clear_agenda"] == 4
    assert evaluation.scores["on_time"] == 4
    assert evaluation.scores["time_kept"] is None
    assert evaluation.scores["other"] == 2
    assert evaluation.scores["overall"] is None
    assert len(evaluation.scores) == 9
    assert evaluation.other == "The room was cold [brr]"


async def test_done_saves_a_changed_evaluation_and_leaves(sparring_scenario, store):
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        host.screen.query_one("#score-overall", ScoreInput).focus()
        await pilot.press("5", "ctrl+n")
        await pilot.pause()
    assert host.results == [None]
    assert store.load("session-1").evaluation.scores["overall"] == 5


async def test_done_with_an_unsaved_step_warns_once(sparring_scenario, store):
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        type_into(step_field(host), "Half a thought")
        await pilot.press("ctrl+n")
        assert host.results == []
        assert any(n.title == "Unsaved step" for n in host._notifications)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert host.results == [None]
    # Nothing was changed in the evaluation, so nothing was saved for it.
    assert store.load("session-1").evaluation is None


async def test_earlier_steps_and_scores_are_shown_again(sparring_scenario, store):
    store.save_next_step(next_step(finished_session(), "Bo", "Map the hand-offs"))
    store.save_evaluation(Evaluation("session-1", {"energy": 3}, other=""))
    host = checkout_host(sparring_scenario, store)
    async with host.run_test(size=(80, 24)) as pilot:
        assert list_lines(host) == ["Bo: Map the hand-offs"]
        assert host.screen.query_one("#score-energy", ScoreInput).score == 3
        # Anne, the case owner, has no step yet: she is asked first.
        assert "Anne: What will I try" in shown_text(host.screen)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert host.results == [None]
