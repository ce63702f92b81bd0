"""The setup screen, driven from the keyboard: members, the case, the timekeeper, problems."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Select

from sparring.domain.catalogue import Catalogue, load_catalogue
from sparring.domain.session import Event, Session
from sparring.ui.screens.setup import SetupScreen, size_note
from sparring.ui.widgets.members import MembersEditor
from tests.conftest import make_session
from tests.ui.host import ScreenHost, shown_text, type_into


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def host_for(catalogue: Catalogue, session: Session | None = None, **kwargs: object) -> ScreenHost:
    return ScreenHost(lambda: SetupScreen(catalogue, session, **kwargs))  # type: ignore[arg-type]


async def fill_members(pilot, members: list[tuple[str, str]]) -> None:
    """Type each member's name and challenge into the rows, in order."""
    editor = pilot.app.screen.query_one(MembersEditor)
    for row, (name, challenge) in zip(editor.rows, members, strict=False):
        type_into(row.name_input, name)
        type_into(row.challenge_input, challenge)
    await settled(pilot)


async def settled(pilot) -> None:
    """Let the setup screen take in what was typed: its form is redrawn a few messages after
    a field changes, so wait for that (never for a time)."""
    screen = pilot.app.screen
    for _ in range(200):
        await pilot.pause()
        if not screen._refresh_pending:
            return


async def choose(pilot, select_id: str, position: int) -> None:
    """Pick the `position`-th member (from 1) in a choice, as choosing from its menu does."""
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    # The choices are rebuilt a few messages after the names change: wait for that, not
    # for a time.
    for _ in range(200):
        if len(select._options) > position:
            break
        await pilot.pause()
    select.value = select._options[position][1]
    await pilot.pause()


async def choose_by_keys(pilot, select_id: str, position: int) -> None:
    """Open a choice with Enter and pick its `position`-th option with the arrow keys."""
    pilot.app.screen.query_one(f"#{select_id}", Select).focus()
    await pilot.press("enter", "home", *["down"] * position, "enter")
    await pilot.pause()


FOUR = [
    ("Anne", "The ward and the therapists do not share a goal"),
    ("Bo", "Hand-offs at night"),
    ("Carla", "New manager, old habits"),
    ("Dorte", "Two teams, one budget"),
]


async def test_a_complete_form_continues_with_the_new_session(catalogue):
    host = host_for(catalogue)
    async with host.run_test(size=(80, 24)) as pilot:
        type_into(host.screen.query_one("#group", Input), "Group 2")
        await fill_members(pilot, FOUR)
        await choose_by_keys(pilot, "case", 3)  # Carla's challenge
        await pilot.press("ctrl+n")
        await pilot.pause()
    [session] = host.results
    assert isinstance(session, Session)
    assert session.scenario_id == "cross-functional-sparring"
    assert session.group == "Group 2"
    assert [(p.name, p.challenge) for p in session.participants] == FOUR
    assert session.case_owner == "Carla"
    # The default timekeeper is the first member who is not the case owner.
    assert session.timekeeper == "Anne"
    assert session.problems(catalogue.get(session.scenario_id)) == []


async def test_problems_show_as_the_user_types_and_hold_back_continue(catalogue):
    host = host_for(catalogue)
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        screen = host.screen
        assert "The group needs 3 to 6 members; it has 0." in shown_text(screen)
        await pilot.press("ctrl+n")
        assert host.results == []
        assert screen.check_action("continue", ()) is None  # dimmed in the footer

        await fill_members(pilot, FOUR[:3])
        text = shown_text(screen)
        assert "it has 0" not in text
        assert "Choose the case the group works on." in text

        screen.query_one("#continue", Button).press()
        await pilot.pause()
        assert host.results == []
        assert any(n.title == "Not ready yet" for n in host._notifications)

        await choose(pilot, "case", 1)
        assert "Before you can continue" not in shown_text(screen)
        assert screen.check_action("continue", ()) is True

        # A blank row is no member; a challenge without a name is.
        type_into(screen.query_one(MembersEditor).rows[3].challenge_input, "Someone's")
        await pilot.pause()
        assert "Every member needs a name." in shown_text(screen)


async def test_the_whole_form_works_from_the_keyboard_alone(catalogue):
    host = host_for(catalogue)
    async with host.run_test(size=(80, 24)) as pilot:
        # The cursor starts in the group's name; Enter moves on field by field.
        await pilot.press(*"G3", "enter")
        for name, challenge in [("Al", "a"), ("Bo", "b"), ("Cy", "c")]:
            await pilot.press(*name, "enter", *challenge, "enter")
        await pilot.press("enter", "enter")  # past the fourth row, left blank
        # Now on the case: open it, take the second member's challenge.
        assert host.focused is host.screen.query_one("#case", Select)
        await pilot.press("enter", "down", "down", "enter")
        await pilot.press("tab", "tab", "tab")  # past the timekeeper and the clock, to Continue
        assert host.focused is host.screen.query_one("#continue", Button)
        await pilot.press("enter")
        await pilot.pause()
    [session] = host.results
    assert (session.group, session.case_owner, session.timekeeper) == ("G3", "Bo", "Al")
    assert [p.name for p in session.participants] == ["Al", "Bo", "Cy"]


async def test_escape_leaves_without_a_session(catalogue):
    host = host_for(catalogue)
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [None]


async def test_a_given_session_prefills_the_form_and_keeps_its_case_ids(catalogue):
    session = make_session()
    host = host_for(catalogue, session)
    async with host.run_test(size=(80, 24)) as pilot:
        assert host.screen.query_one("#group", Input).value == "Group 1"
        await pilot.press("ctrl+n")
        await pilot.pause()
    [again] = host.results
    assert [(p.name, p.case_id) for p in again.participants] == [
        (p.name, p.case_id) for p in session.participants
    ]
    assert (again.case_owner, again.timekeeper) == ("Anne", "Bo")
    # Not started yet: the same session, edited (back from the ground rules).
    assert again.id == session.id


async def test_an_earlier_session_of_the_group_gives_a_new_session(catalogue):
    earlier = make_session()
    earlier.events.append(Event("start", at=0.0, wall="2025-03-04T09:00:00"))
    host = host_for(catalogue, earlier, note="Bo has not presented yet.")
    async with host.run_test(size=(80, 24)) as pilot:
        assert "Bo has not presented yet." in shown_text(host.screen)
        await choose(pilot, "case", 2)
        assert "Bo owns the case and keeps time" in shown_text(host.screen)
        await pilot.press("ctrl+n")
        await pilot.pause()
    [session] = host.results
    assert session.id != earlier.id and session.events == []
    assert session.case_owner == "Bo"
    # The timekeeper chosen last time stays, even though they now own the case.
    assert session.timekeeper == "Bo"
    assert [p.case_id for p in session.participants] == [p.case_id for p in earlier.participants]


async def test_the_timekeeper_follows_the_case_until_chosen(catalogue):
    host = host_for(catalogue)
    async with host.run_test(size=(80, 24)) as pilot:
        await fill_members(pilot, FOUR)
        keeper = host.screen.query_one("#timekeeper", Select)
        await choose(pilot, "case", 1)
        assert host.screen.draft().timekeeper == "Bo"
        await choose(pilot, "case", 2)
        assert host.screen.draft().timekeeper == "Anne"
        await choose(pilot, "timekeeper", 4)
        assert keeper.selection is not None
        await choose(pilot, "case", 4)
        assert host.screen.draft().timekeeper == "Dorte"


async def test_rows_are_added_and_removed_with_keys(catalogue):
    host = host_for(catalogue)
    async with host.run_test(size=(80, 24)) as pilot:
        screen = host.screen
        editor = screen.query_one(MembersEditor)
        await pilot.press("ctrl+o", "ctrl+o")
        assert len(editor.rows) == 6
        assert host.focused is editor.rows[-1].name_input
        assert screen.check_action("add_member", ()) is None  # six is the scenario's most
        await pilot.press("ctrl+o")
        assert len(editor.rows) == 6

        await fill_members(pilot, [("Anne", "a"), ("Bo", "b"), ("Carla", "c")])
        editor.rows[1].name_input.focus()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert [row.participant().name for row in editor.rows[:2]] == ["Anne", "Carla"]
        assert [str(row.query_one(".member-number").render()) for row in editor.rows] == [
            "1.",
            "2.",
            "3.",
            "4.",
            "5.",
        ]
        assert host.focused is editor.rows[1].name_input


async def test_a_group_of_five_gets_a_gentle_note(catalogue):
    host = host_for(catalogue)
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await fill_members(pilot, [*FOUR, ("Emil", "Silo thinking")])
        assert (
            "The protocol is made for groups of 4; with 5 the round has 4 turns of 2:30."
            in shown_text(host.screen)
        )


def test_the_size_note_is_quiet_for_four_and_outside_the_limits(catalogue):
    scenario = catalogue.get("cross-functional-sparring")
    assert size_note(scenario, 4) == ""
    assert size_note(scenario, 2) == ""
    assert size_note(scenario, 3).endswith("with 3 the round has 2 turns of 5:00.")


async def test_names_and_challenges_show_exactly_as_typed(catalogue):
    host = host_for(catalogue, note="Next: [bold]Bo[/bold]?")
    members = [
        ("[b]Anne[/b]", "Samarbejde på tværs 🙂 [red]x[/red]"),
        ("Bø", "Ærgerligt: [link=x]klik[/link]"),
        ("Carla", "Øst og vest"),
    ]
    async with host.run_test(size=(80, 24)) as pilot:
        await fill_members(pilot, members)
        await choose(pilot, "case", 1)
        text = shown_text(host.screen)
        assert "Next: [bold]Bo[/bold]?" in text
        assert "[b]Anne[/b]: Samarbejde på tværs 🙂 [red]x[/red]" in text  # the case chosen
        assert "Bø" in text  # the timekeeper chosen
        await pilot.press("ctrl+n")
        await pilot.pause()
    [session] = host.results
    assert [(p.name, p.challenge) for p in session.participants] == members
    assert session.case_owner == "[b]Anne[/b]"


async def test_another_scenario_can_be_chosen(catalogue):
    host = host_for(catalogue, scenario_id="rehearsal")
    async with host.run_test(size=(80, 24)):
        assert host.screen.query_one("#scenario", Select).value == "rehearsal"
        assert host.screen.draft().scenario_id == "rehearsal"
