"""The interchange format: export, import back to the same data, and the readable summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.records import Evaluation, FollowUp, NextStep, StoredSession
from sparring.domain.scenario import Scenario
from sparring.review import (
    InterchangeError,
    export_markdown,
    export_session,
    read_documents,
    session_from_document,
)
from sparring.review.interchange import FORMAT
from sparring.store import Archive
from tests.store.helpers import add_note, saved_session

TRICKY = "*Not bold* <b>nor html</b> | pipes | `code` # hash \\ back_slash_ æøå ÆØÅ 🙂"


@pytest.fixture
def finished(tmp_path: Path, sparring_scenario: Scenario) -> StoredSession:
    """A session run through every phase, with every kind of record in it."""
    clock = FakeClock()
    with Archive(tmp_path / "source") as store:
        session = saved_session(store, group="Gruppe *Ø*")
        session.participants[0].challenge = f"Challenge: {TRICKY}"
        store.save_session(session)
        protocol = Protocol(sparring_scenario, session, clock, recorder=store.recorder(session))
        protocol.fire("start")
        clock.advance(300)
        add_note(
            store, session, TRICKY, author="Bo", lens="purpose", kind="pitfall", clock=clock.now()
        )
        add_note(
            store, session, "line one\nline two", author="Carla", lens="team", clock=clock.now()
        )
        clock.advance(312)
        protocol.fire("advance")
        clock.advance(540)
        add_note(
            store, session, "reflection without lens or kind", phase="reflect", clock=clock.now()
        )
        protocol.fire("pause")
        clock.advance(60)
        protocol.fire("resume")
        protocol.fire("advance")
        clock.advance(400)
        protocol.fire("advance")
        add_note(
            store,
            session,
            "Bo's own case",
            phase="round",
            about="Bo",
            author="Bo",
            kind="awareness",
            turn=0,
            clock=clock.now(),
        )
        clock.advance(600)
        protocol.fire("check_out")
        store.save_next_step(NextStep(session.id, "Anne", "Ask the board", comment="by May"))
        store.save_follow_up(FollowUp(session.id, "s0", "older", "Bo", "Call HR", "done"))
        store.save_evaluation(Evaluation(session.id, {"overall": 5, "energy": None}, TRICKY))
        protocol.fire("finish")
        return store.load(session.id)


def test_the_document_has_the_documented_fields(
    finished: StoredSession, sparring_scenario: Scenario
):
    document = export_session(finished, sparring_scenario)
    assert document["format"] == FORMAT and document["version"] == 1
    assert document["scenario"] == "cross-functional-sparring"
    assert document["started_at"] and document["finished_at"]
    assert document["rehearsal"] is False and document["time_scale"] == 1
    assert document["participants"][0] == {
        "name": "Anne",
        "challenge": f"Challenge: {TRICKY}",
        "case_id": finished.session.participants[0].case_id,
    }
    assert document["phases"][0] == {"id": "present", "planned_seconds": 600, "actual_seconds": 612}
    assert document["phases"][1]["actual_seconds"] == 540  # the pause is left out
    note = document["notes"][0]
    assert {k: note[k] for k in ("phase", "author", "about", "lens", "kind", "text")} == {
        "phase": "present",
        "author": "Bo",
        "about": None,
        "lens": "purpose",
        "kind": "pitfall",
        "text": TRICKY,
    }
    assert document["next_steps"][0]["status"] == "open"
    assert document["evaluation"]["scores"] == {"overall": 5, "energy": None}
    json.dumps(document)


def test_export_import_export_gives_the_same_document(
    finished: StoredSession, sparring_scenario: Scenario, tmp_path: Path
):
    document = export_session(finished, sparring_scenario)
    path = tmp_path / "moved.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with Archive(tmp_path / "elsewhere") as store:
        [found] = read_documents(path)
        assert found.stored is not None
        assert store.import_session(found.stored) == "imported"
        assert store.import_session(found.stored) == "unchanged"
        assert len(store.sessions()) == 1
        again = store.load(finished.session.id)
        assert [h.note.text for h in store.search(text="æøå")] == [TRICKY]
    assert again == finished
    assert export_session(again, sparring_scenario) == document


def test_a_rehearsal_moves_with_the_time_scale_it_ran_at(
    sparring_scenario: Scenario, tmp_path: Path
):
    clock = FakeClock()
    with Archive(tmp_path / "source") as store:
        session = saved_session(store, rehearsal=True, time_scale=60.0)
        protocol = Protocol(sparring_scenario, session, clock, recorder=store.recorder(session))
        protocol.fire("start")
        clock.advance(600)
        protocol.fire("advance")
        rehearsal = store.load(session.id)
    document = export_session(rehearsal, sparring_scenario)
    assert document["rehearsal"] is True and document["time_scale"] == 60
    with Archive(tmp_path / "elsewhere") as store:
        assert store.import_session(session_from_document(document)) == "imported"
        again = store.load(session.id)
    assert again.session.time_scale == 60.0
    assert export_session(again, sparring_scenario) == document


def test_a_document_from_before_the_time_scale_was_kept_imports_at_real_time(
    finished: StoredSession, sparring_scenario: Scenario, tmp_path: Path
):
    document = export_session(finished, sparring_scenario)
    older = {key: value for key, value in document.items() if key != "time_scale"}
    with Archive(tmp_path / "elsewhere") as store:
        assert store.import_session(session_from_document(older)) == "imported"
        # The same session, whether its document said the time scale or not.
        assert store.import_session(session_from_document(document)) == "unchanged"
        again = store.load(finished.session.id)
    assert again.session.time_scale == 1.0
    assert export_session(again, sparring_scenario) == document


def test_a_minimal_document_as_the_issue_shows_it_imports(tmp_path: Path):
    document = {
        "format": "sparring-session",
        "version": 1,
        "id": "abc123",
        "scenario": "cross-functional-sparring",
        "group": "G",
        "language": "en",
        "started_at": "2026-03-02T10:00:00+01:00",
        "finished_at": None,
        "participants": [{"name": "Anne", "challenge": "c"}, {"name": "Bo", "challenge": ""}],
        "case_owner": "Anne",
        "timekeeper": "Bo",
        "phases": [{"id": "present", "planned_seconds": 600, "actual_seconds": 612}],
        "notes": [
            {
                "id": "n1",
                "phase": "present",
                "author": None,
                "about": "Anne",
                "lens": None,
                "kind": None,
                "text": "hello",
                "at": "2026-03-02T10:05:00Z",
            }
        ],
        "next_steps": [
            {
                "who": "Anne",
                "text": "try",
                "status": "open",
                "id": "s1",
                "at": "2026-03-02T10:40:00Z",
            }
        ],
        "evaluation": None,
    }
    stored = session_from_document(document)
    assert stored.session.created_at == "2026-03-02T10:00:00+01:00"
    assert stored.session.time_scale == 1.0 and not stored.session.rehearsal
    with Archive(tmp_path / "d") as store:
        assert store.import_session(stored) == "imported"
        assert [h.note.text for h in store.search(about="anne")] == ["hello"]


def test_a_different_version_of_a_session_already_here_is_kept(
    finished: StoredSession, sparring_scenario: Scenario, tmp_path: Path
):
    document = export_session(finished, sparring_scenario)
    with Archive(tmp_path / "d") as store:
        store.import_session(session_from_document(document))
        document["notes"][0]["text"] = "changed elsewhere"
        assert store.import_session(session_from_document(document)) == "kept"
        assert store.load(finished.session.id).notes[0].text == TRICKY


def _broken(document: dict[str, Any], change: str) -> dict[str, Any]:
    copy = json.loads(json.dumps(document))
    exec(change, {"d": copy})  # a one-line edit of the copy, kept readable in the table below
    return copy


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ("d['format'] = 'something-else'", "format"),
        ("d['version'] = 2", "version: is 2: written by a newer Sparring"),
        ("del d['id']", "id: is missing"),
        ("d['id'] = '../etc/passwd'", "id: is not a session id"),
        ("d['participants'][1]['name'] = 'ANNE'", "participants[1].name: repeats"),
        ("d['case_owner'] = 'Nobody'", "case_owner: must be the name of one of"),
        ("d['notes'][1]['text'] = None", "notes[1].text: must be text"),
        ("d['notes'][0]['at'] = 'yesterday'", "notes[0].at: must be an ISO 8601 time"),
        ("d['notes'][1]['id'] = d['notes'][0]['id']", "notes[1].id: repeats"),
        ("d['notes'] = {}", "notes: must be a list"),
        ("d['next_steps'][0]['status'] = 'maybe'", "next_steps[0].status: must be one of"),
        ("d['evaluation']['scores']['overall'] = 9", "evaluation.scores"),
        ("d['events'][0]['trigger'] = 'explode'", "events[0].trigger"),
        ("d['notes'][0]['clock'] = 'soon'", "notes[0].clock: must be a number"),
        ("d['time_scale'] = 0", "time_scale: must be a number above 0 and at most 3600"),
        ("d['time_scale'] = 1e9", "time_scale: must be a number above 0 and at most 3600"),
        ("d['time_scale'] = '60'", "time_scale: must be a number"),
    ],
)
def test_a_malformed_document_is_refused_with_where_and_what(
    finished: StoredSession, sparring_scenario: Scenario, tmp_path: Path, change: str, where: str
):
    document = _broken(export_session(finished, sparring_scenario), change)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    [found] = read_documents(path)
    assert found.stored is None and found.error is not None
    message = str(found.error)
    assert message.startswith(f"{path}: ") and where in message
    assert TRICKY not in message


def test_a_file_may_hold_a_list_or_json_lines_and_a_bad_one_spoils_only_itself(
    finished: StoredSession, sparring_scenario: Scenario, tmp_path: Path
):
    good = export_session(finished, sparring_scenario)
    bad = _broken(good, "d['id'] = 'other'; d['notes'][0]['phase'] = 7")
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([good, bad]))
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps(good) + "\n\n" + "{not json\n" + json.dumps(bad) + "\n")
    assert [(d.where, d.stored is not None) for d in read_documents(listed)] == [
        (f"{listed}, document 1", True),
        (f"{listed}, document 2", False),
    ]
    found = read_documents(lines)
    assert [(d.where, d.stored is not None) for d in found] == [
        (f"{lines}, line 1", True),
        (f"{lines}, line 3", False),
        (f"{lines}, line 4", False),
    ]
    assert "is not valid JSON" in str(found[1].error)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "is empty"), (b"\xff\xfe", "not UTF-8"), (b'{"format": "sparring-session",\n', "line")],
)
def test_a_file_that_is_not_json_at_all_is_refused_whole(
    tmp_path: Path, content: bytes, reason: str
):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(InterchangeError, match=reason):
        read_documents(path)


def test_markdown_has_everything_and_keeps_text_exactly_as_typed(
    finished: StoredSession, sparring_scenario: Scenario
):
    text = export_markdown(finished, sparring_scenario)
    assert text.startswith("# Gruppe *Ø*: ")
    for typed in (
        TRICKY,
        "line one\nline two",
        f"Challenge: {TRICKY}",
        "Ask the board",
        "Call HR",
        "Bo's own case",
        "reflection without lens or kind",
    ):
        assert typed in text
    assert "- **Case owner:** Anne" in text
    assert "| Present | 10 | 10.2 |" in text
    assert "| Reflect | 10 | 9 |" in text
    sections = [
        "### Present",
        "#### Purpose",
        "**Pitfalls**",
        "#### The team",
        "### Reflect",
        "### Round",
        "**New awarenesses**",
        "## Next steps",
        "## Follow-ups",
        "## Evaluation",
    ]
    positions = [text.index(heading) for heading in sections]
    assert positions == sorted(positions)
    assert "(Bo, on the case of Bo)" in text
    assert "| All in all, what did you think of the meeting? | 5 |" in text


def test_markdown_in_danish_and_without_the_scenario(
    finished: StoredSession, sparring_scenario: Scenario
):
    finished.session.language = "da"
    danish = export_markdown(finished, sparring_scenario)
    assert "### Præsentation" in danish and "**Faldgruber**" in danish
    bare = export_markdown(finished, None)
    assert "### present" in bare and "#### purpose" in bare and "**pitfall**" in bare
    assert "| present | ? | ? |" in bare
    assert export_session(finished, None)["phases"][0] == {
        "id": "present",
        "planned_seconds": None,
        "actual_seconds": None,
    }
