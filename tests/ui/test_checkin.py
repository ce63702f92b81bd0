"""Two sessions of one group: the second starts from the first's members, suggests who
presents, and follows up the first's next steps before the ground rules."""

from __future__ import annotations

from sparring.review import group_start
from sparring.store import Archive
from sparring.ui.screens.followup import FollowUpScreen, StepRow
from sparring.ui.screens.setup import SetupScreen
from tests.ui.host import shown_text, type_into
from tests.ui.test_app import Clocks, a_short_session, make_app, prefill, started, wait_for_screen


async def test_the_next_session_follows_up_the_last(tmp_path):
    data = tmp_path / "data"
    app = make_app(data, Clocks(), tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await a_short_session(pilot, step="Call the ward manager")
        first_id = app.store.sessions()[0].id

        menu = app.screen.query_one("#home-menu")
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert "New session for Group 1: Anne, Bo, Carla, Dorte" in labels
        menu.highlighted = labels.index("New session for Group 1: Anne, Bo, Carla, Dorte")
        await pilot.press("enter")
        await wait_for_screen(pilot, SetupScreen)
        await pilot.pause()
        text = shown_text(app.screen)
        assert "Suggested case owner: Bo. Bo's challenge has not been taken in this group yet." \
            in text
        draft = app.screen.draft()
        assert draft.case_owner == "Bo"
        assert draft.timekeeper == "Anne"
        assert [p.case_id for p in draft.participants] == [
            p.case_id for p in app.store.load(first_id).session.participants]

        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, FollowUpScreen)
        assert "What have we learned since last time?" in shown_text(app.screen)
        [row] = app.screen.query(StepRow)
        assert row.open_step.step.text == "Call the ward manager"
        row.status.value = "in_progress"
        type_into(row.comment, "booked for next week [tentative]")
        await pilot.press("ctrl+n")
        await started(pilot)
        second_id = app.protocol.session.id

    store = Archive(data, read_only=True)
    second = store.load(second_id)
    assert second.session.case_owner == "Bo"
    [follow_up] = second.follow_ups
    assert (follow_up.status, follow_up.comment, follow_up.from_session_id) == (
        "in_progress", "booked for next week [tentative]", first_id)
    start = group_start(store, "Group 1")
    assert start is not None
    assert [(o.step.text, o.status) for o in start.open_steps] == [
        ("Call the ward manager", "in_progress")]
    assert start.suggestion is not None and start.suggestion.name == "Carla"
    store.close()


async def test_escape_at_the_follow_up_goes_back_to_setup_and_saves_nothing(tmp_path):
    data = tmp_path / "data"
    app = make_app(data, Clocks(), tmp_path, prefill=prefill(), ready=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await a_short_session(pilot, step="Try a joint stand-up")
        await pilot.press("enter")  # "New session for Group 1" comes first
        await wait_for_screen(pilot, SetupScreen)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, FollowUpScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, SetupScreen)
        await pilot.pause()
        assert app.screen.draft().group == "Group 1"
        assert len(app.store.sessions()) == 1
