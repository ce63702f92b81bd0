"""The summary: notes by phase, lens and kind; next steps; scores; timings; the export."""

from __future__ import annotations

import stat

import pytest
from textual.widgets import Input, RadioButton, RadioSet

from sparring.domain.records import Evaluation, FollowUp
from sparring.paths import suggested_folder
from sparring.store import Archive
from sparring.ui.screens.export_dialog import ExportDialog
from sparring.ui.screens.summary import SummaryScreen, export_name, group_notes, write_private
from tests.ui.host import (
    FIXED_CREATED_AT,
    ScreenHost,
    finished_session,
    next_step,
    note,
    shown_text,
)


@pytest.fixture
def store(tmp_path):
    store = Archive(tmp_path / "data")
    session = finished_session()
    store.save_session(session)
    for item in (
        note(session, "present", "No shared goal [yet]", lens="purpose", about="Anne", number=1),
        note(session, "present", "Who decides? 🤷", lens="team", about="Anne", number=2),
        note(session, "present", "Said in passing", about="Anne", number=3),
        note(session, "interview", "Ask the board", kind="possibility", about="Anne", number=1),
        note(session, "interview", "Going it alone", kind="pitfall", about="Anne", number=2),
        note(session, "round", "Same at my ward", about="Bo", author="Bo", turn=0, number=1),
    ):
        store.save_note(item)
    store.save_next_step(next_step(session, "Anne", "Ask HR for the [mandate]"))
    store.save_follow_up(
        FollowUp(
            session_id=session.id,
            next_step_id="old-step",
            from_session_id="session-0",
            who="Carla",
            text="Talk to the night shift",
            status="done",
            comment="It helped",
            id="follow-up-1",
            at=FIXED_CREATED_AT,
        )
    )
    store.save_evaluation(
        Evaluation(session.id, {"clear_agenda": 4, "overall": 5}, other="", at=FIXED_CREATED_AT)
    )
    yield store
    store.close()


def summary_host(scenario, store: Archive, export_dir) -> ScreenHost:
    stored = store.load("session-1")
    return ScreenHost(lambda: SummaryScreen(scenario, stored, store, export_dir=export_dir))


async def test_notes_by_phase_then_by_lens_and_kind(sparring_scenario, store, tmp_path):
    host = summary_host(sparring_scenario, store, tmp_path / "out")
    async with host.run_test(size=(80, 24)):
        lines = shown_text(host.screen).splitlines()
    start = lines.index("Notes")
    notes = lines[start + 1 : lines.index("Next steps")]
    assert notes == [
        "Present (3)",
        "Purpose",
        "• No shared goal [yet] — about Anne",
        "The team",
        "• Who decides? 🤷 — about Anne",
        "untagged",
        "• Said in passing — about Anne",
        "Interview (2)",
        "Possibilities",
        "• Ask the board — about Anne",
        "Pitfalls",
        "• Going it alone — about Anne",
        "Round (1)",
        "untagged",
        "• Same at my ward — about Bo, said by Bo",
    ]
    assert lines[0] == "Summary · Group 1 · 4 March 2025"


async def test_steps_follow_ups_scores_and_timings(sparring_scenario, store, tmp_path):
    host = summary_host(sparring_scenario, store, tmp_path / "out")
    async with host.run_test(size=(80, 24)):
        text = shown_text(host.screen)
    assert "• Anne: Ask HR for the [mandate]" in text
    assert "• Carla: Talk to the night shift — done: It helped" in text
    assert "Was the agenda and purpose clear at the start? 4 of 5" in text
    assert "Did the meeting start on time? skipped" in text
    assert "All in all, what did you think of the meeting? 5 of 5" in text
    # Planned against actual, from the event log: 610 s, 540 s, 300 s, 620 s.
    assert "Phase        Planned   Actual     Over" in text
    assert "Present        10:00    10:10    +0:10" in text
    assert "Reflect        10:00     9:00    -1:00" in text
    assert "Interview       5:00     5:00     0:00" in text
    assert "Round          10:00    10:20    +0:20" in text
    assert "In all         35:00    34:30    -0:30" in text


async def test_without_its_scenario_the_summary_shows_ids(store, tmp_path):
    host = summary_host(None, store, tmp_path / "out")
    async with host.run_test(size=(80, 24)):
        text = shown_text(host.screen)
    assert "Protocol: cross-functional-sparring (its scenario file is gone)" in text
    assert "present (3)" in text and "purpose" in text and "pitfall" in text
    assert "The scenario file is gone, so the planned minutes are not known." in text


def test_notes_of_unknown_phases_and_lenses_come_after_the_known_ones(sparring_scenario):
    session = finished_session()
    notes = [
        note(session, "gone", "a", number=1),
        note(session, "present", "b", lens="gone", number=2),
        note(session, "present", "c", lens="stakeholders", number=3),
    ]
    groups = group_notes(notes, sparring_scenario)
    assert [phase for phase, _ in groups] == ["present", "gone"]
    assert [tag for tag, _ in groups[0][1]] == [("stakeholders", None), ("gone", None)]


async def test_x_asks_where_and_saves_the_markdown_summary_only_the_user_can_read(
    sparring_scenario, store, tmp_path
):
    from sparring.review import export_markdown

    out = tmp_path / "out"
    host = summary_host(sparring_scenario, store, out)
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in range(2):  # the same summary again: the same file, not a second one
            await pilot.press("x")
            await pilot.pause()
            dialog = host.screen
            assert isinstance(dialog, ExportDialog)
            assert dialog.query_one("#name", Input).value == "sparring-2025-03-04-group-1"
            dialog.query_one("#format", RadioSet).query(RadioButton)[1].value = True
            await pilot.press("enter")
            await pilot.pause()
        notices = [n.message for n in host._notifications]
    path = out / "sparring-2025-03-04-group-1.md"
    assert [p.name for p in out.iterdir()] == [path.name]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8") == export_markdown(
        store.load("session-1"), sparring_scenario
    )
    assert notices == [f"Saved the summary to {path}"] * 2


async def test_the_dialog_saves_html_by_default_where_the_user_says(
    sparring_scenario, store, tmp_path
):
    host = summary_host(sparring_scenario, store, tmp_path / "suggested")
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("x")
        await pilot.pause()
        host.screen.query_one("#folder", Input).value = str(tmp_path / "chosen")
        host.screen.query_one("#name", Input).value = "til gruppen"
        await pilot.click("#save")
        await pilot.pause()
        [notice] = host._notifications
    path = tmp_path / "chosen" / "til gruppen.html"
    assert notice.message == f"Saved the summary to {path}"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "No shared goal [yet]" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not (tmp_path / "suggested").exists()


async def test_escape_in_the_dialog_saves_nothing(sparring_scenario, store, tmp_path):
    host = summary_host(sparring_scenario, store, tmp_path / "out")
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(host.screen, SummaryScreen)
        assert list(host._notifications) == []
    assert not (tmp_path / "out").exists()


def test_the_suggested_folder_is_documents_else_home(tmp_path):
    assert suggested_folder(tmp_path) == tmp_path
    (tmp_path / "Documents").mkdir()
    assert suggested_folder(tmp_path) == tmp_path / "Documents"


async def test_a_failed_export_is_reported(sparring_scenario, store, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    host = summary_host(sparring_scenario, store, blocked)
    async with host.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        [notice] = host._notifications
    assert notice.title == "Not exported" and notice.severity == "error"


def test_an_export_never_writes_over_another_file(tmp_path):
    (tmp_path / "sparring-2025-03-04-group-1.md").write_text("the morning's session")
    path = write_private(tmp_path, "sparring-2025-03-04-group-1.md", "the afternoon's")
    assert path.name == "sparring-2025-03-04-group-1-2.md"
    assert (tmp_path / "sparring-2025-03-04-group-1.md").read_text() == "the morning's session"


def test_the_file_name_has_the_date_and_the_group():
    session = finished_session()
    session.group = "Gruppe Ø / [3]"
    assert export_name(session) == "sparring-2025-03-04-gruppe-ø-3.md"
    session.group = ""
    assert export_name(session) == "sparring-2025-03-04-group.md"


async def test_escape_closes_the_summary(sparring_scenario, store, tmp_path):
    host = summary_host(sparring_scenario, store, tmp_path / "out")
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [None]
