"""The archive with several writers, members kept apart by group, rehearsals, deletion,
and a data folder written by the earlier layout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sparring.cli import cli
from sparring.domain.records import NextStep
from sparring.domain.session import Participant, Session
from sparring.review import group_start, load_group
from sparring.store import Archive, NoteQuery
from sparring.store.table_file import TableFile
from tests.store.helpers import add_note, data_files, saved_session

FIXTURE = Path(__file__).parent / "fixtures" / "folder-schema-1"

WRITER = """
import sys, time
from pathlib import Path
from sparring.domain.records import Note
from sparring.domain.session import Participant, Session
from sparring.store import Archive

root, group, go, count = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
close_after = Path(sys.argv[5]) if sys.argv[5] != "-" else None
store = Archive(root)
session = Session(scenario_id="cross-functional-sparring", group=group,
                  participants=[Participant("Anne", "a"), Participant("Bo", "b")],
                  case_owner="Anne", timekeeper="Bo")
store.save_session(session)
store.search(text="note")  # the notes are loaded, so closing writes the search index too
print(session.id, flush=True)
while not go.exists():  # both start saving at once
    time.sleep(0.001)
for number in range(count):
    note = Note(session_id=session.id, phase="present", text=f"{group} note {number}")
    store.save_note(note)
    print(note.id, flush=True)  # acknowledged: it is on disk
while close_after is not None and not close_after.exists():
    time.sleep(0.001)
store.close()
"""


def test_two_writer_processes_save_their_own_sessions_at_once(tmp_path: Path):
    root, go, close_first = tmp_path / "data", tmp_path / "go", tmp_path / "close"
    # The first writer closes last: the caches it writes then must hold what the second
    # saved after the first last looked at the folder (no lost update).
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), group, str(go), "60", after],
            stdout=subprocess.PIPE,
            text=True,
        )
        for group, after in (("Group 1", str(close_first)), ("Group 2", "-"))
    ]
    ids = []
    for child in children:
        assert child.stdout is not None
        ids.append(child.stdout.readline().strip())
    go.touch()
    acknowledged = {}
    out, _ = children[1].communicate(timeout=120)
    acknowledged[ids[1]] = out.split()
    close_first.touch()
    out, _ = children[0].communicate(timeout=120)
    acknowledged[ids[0]] = out.split()
    assert [child.returncode for child in children] == [0, 0]
    assert all(len(notes) == 60 for notes in acknowledged.values())
    with Archive(root, read_only=True) as reader:
        for session_id, notes in acknowledged.items():
            assert [n.id for n in reader.load(session_id).notes] == notes
            assert reader.find(session_id).note_count == 60
        assert reader.page(NoteQuery(text="note"))[1] == 120
    # The caches, written by both as they closed, hold both sessions as they are.
    catalogue = json.loads((root / "catalogue.json").read_text())
    counts = {d["id"]: d["note_count"] for d in catalogue["sessions"].values()}
    assert counts == dict.fromkeys(ids, 60)
    index = TableFile.open(root / "search-index.bin")
    rows = {sid: index.rows_of(k)[1] - index.rows_of(k)[0] for k, sid in enumerate(index.ids)}
    assert rows == counts


def test_members_of_one_name_in_two_groups_are_two_people(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as store:
        one = saved_session(store, group="Group 1")
        two = saved_session(store, group="Group 2")
        add_note(store, one, "Anne of group 1", about="Anne")
        add_note(store, two, "Anne of group 2", about="Anne")
        store.save_next_step(NextStep(two.id, "Anne", "Group 2's step"))
        texts = [h.note.text for h in store.search(about="Anne", group="group 1")]
        assert texts == ["Anne of group 1"]
    run = CliRunner().invoke
    out = run(
        cli, ["history", "--participant", "Anne", "--group", "Group 2", "--data-dir", str(root)]
    )
    assert "Anne of group 2" in out.output and "Anne of group 1" not in out.output
    asked = run(cli, ["forget", "--participant", "Anne", "--yes", "--data-dir", str(root)])
    assert asked.exit_code == 2
    assert "Anne is a member of 2 groups" in asked.output and "Group 1" in asked.output
    assert "--all-groups" in asked.output
    done = run(
        cli,
        ["forget", "--participant", "anne", "--group", "group 2", "--yes", "--data-dir", str(root)],
    )
    assert done.exit_code == 0, done.output
    with Archive(root, read_only=True) as store:
        assert [h.note.text for h in store.search(text="Anne")] == ["Anne of group 1"]
        assert store.load(two.id).next_steps == []
        assert "Anne" in store.load(one.id).session.member_names
    everywhere = run(
        cli, ["forget", "--participant", "Anne", "--all-groups", "--yes", "--data-dir", str(root)]
    )
    assert everywhere.exit_code == 0
    with Archive(root, read_only=True) as store:
        assert store.search(text="Anne") == []


def _ran(store: Archive, group: str, owner: str, day: str, *, rehearsal: bool) -> Session:
    session = Session(
        scenario_id="cross-functional-sparring",
        group=group,
        case_owner=owner,
        participants=[Participant("Anne", "a", "case-a"), Participant("Bo", "b", "case-b")],
        timekeeper="Bo",
        rehearsal=rehearsal,
        created_at=f"{day}T09:00:00.000+00:00",
    )
    store.save_session(session)
    from sparring.domain.session import Event

    for trigger, to in (("start", "present"), ("finish", "finished")):
        store.record_event(session, Event(trigger, 0.0, f"{day}T09:00:00.000+00:00", {}, to))
    return session


def test_rehearsals_are_marked_and_left_out_of_who_presents_and_the_charts(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as store:
        _ran(store, "G", "Anne", "2026-01-05", rehearsal=False)
        rehearsal = _ran(store, "G", "Bo", "2026-02-05", rehearsal=True)
        assert [s.rehearsal for s in store.sessions(group="G")] == [True, False]
        assert [s.id for s in store.sessions(rehearsals=False)] != [rehearsal.id]
        start = group_start(store, "G")
        assert start is not None and start.suggestion is not None
        # Bo's case was only rehearsed: it is still Bo's turn.
        assert start.suggestion.name == "Bo"
        assert load_group(store, "G").sessions[0].session.id != rehearsal.id
        assert len(load_group(store, "G").sessions) == 1
        assert len(load_group(store, "G", rehearsals=True).sessions) == 2
    listed = CliRunner().invoke(cli, ["sessions", "--data-dir", str(root)]).output
    assert listed.splitlines()[0].endswith("[rehearsal]")


def test_a_deleted_session_leaves_no_trace_in_the_folder(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as store:
        kept = saved_session(store, group="Kept")
        gone = saved_session(store, group="Gone")
        add_note(store, kept, "stays")
        add_note(store, gone, "a secret about the night shift")
        store.search(text="secret")  # caches hold it now
    run = CliRunner().invoke
    refused = run(cli, ["delete", gone.id, "--data-dir", str(root)], input="n\n")
    assert refused.exit_code == 1 and Archive(root, read_only=True).find(gone.id)
    done = run(cli, ["delete", gone.id[:8], "--yes", "--data-dir", str(root)])
    assert done.exit_code == 0, done.output
    for path in data_files(root):
        raw = path.read_bytes()
        assert gone.id.encode() not in raw and b"night shift" not in raw, path
    assert not any(gone.id in path.name for path in data_files(root))
    with Archive(root, read_only=True) as store:
        assert [s.id for s in store.sessions()] == [kept.id]
        assert [h.note.text for h in store.search()] == ["stays"]


def test_a_folder_written_by_the_earlier_layout_opens_without_loss(tmp_path: Path):
    """The fixture was written by the store of schema 1 (one writer lock per folder):
    three sessions of one group, the third a rehearsal scenario, still running."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    with Archive(root) as store:
        summaries = store.sessions()
        assert [s.id for s in summaries] == ["fixture-3", "fixture-2", "fixture-1"]
        assert [s.state for s in summaries] == ["running", "finished", "finished"]
        assert [s.rehearsal for s in summaries] == [True, False, False]
        assert [s.note_count for s in summaries] == [3, 3, 3]
        stored = store.load("fixture-1")
        assert stored.notes[0].text == "Note 0 on Anne's case: æøå"
        assert stored.next_steps[0].text == "Ask the night shift"
        assert store.load("fixture-3").draft == "half a thought"
        # Written before the time scale was kept: read as real time.
        assert store.load("fixture-3").session.time_scale == 1.0
        assert len(store.search(text="æøå")) == 9
        add_note(store, store.load("fixture-3").session, "written by the new layout")
    assert not (root / "writer.lock").exists()
    with Archive(root, read_only=True) as store:
        assert store.find("fixture-3").note_count == 4


def _session_record(root: Path, session_id: str) -> tuple[Path, Any, dict[str, Any]]:
    """A session's file, its tables as JSON, and its session record in them."""
    path = root / "sessions" / f"{session_id}.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    return path, tables, tables["session"]["1"]


def test_a_rehearsal_keeps_the_time_scale_it_ran_at(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as store:
        session = saved_session(store, rehearsal=True, time_scale=60.0)
    assert _session_record(root, session.id)[2]["time_scale"] == 60
    with Archive(root, read_only=True) as store:
        assert store.load(session.id).session.time_scale == 60.0


def test_a_session_file_without_a_time_scale_opens_at_real_time(tmp_path: Path):
    root = tmp_path / "data"
    with Archive(root) as store:
        session = saved_session(store)
        add_note(store, session, "said before the time scale was kept")
    path, tables, record = _session_record(root, session.id)
    del record["time_scale"]  # as a Sparring before it wrote the file
    path.write_text(json.dumps(tables), encoding="utf-8")
    (root / "catalogue.json").unlink()
    with Archive(root) as store:
        assert store.damaged == []
        stored = store.load(session.id)
        assert stored.session.time_scale == 1.0
        assert [note.text for note in stored.notes] == ["said before the time scale was kept"]
        add_note(store, stored.session, "and one after")
        assert store.load(session.id).session.time_scale == 1.0


@pytest.mark.parametrize("scale", [0, -1, 3601, "fast", True, None])
def test_a_session_file_with_a_time_scale_no_clock_can_run_at_is_not_read(
    tmp_path: Path, scale: object
):
    root = tmp_path / "data"
    with Archive(root) as store:
        session = saved_session(store)
    path, tables, record = _session_record(root, session.id)
    record["time_scale"] = scale
    path.write_text(json.dumps(tables), encoding="utf-8")
    before = path.read_bytes()
    with Archive(root) as store:
        assert store.sessions() == []
        [damaged] = store.damaged
        assert damaged.path == path and "time_scale" in str(damaged)
    assert path.read_bytes() == before


@pytest.mark.parametrize("wanted", ["fixture-1"])
def test_a_full_id_that_starts_another_is_found(tmp_path: Path, wanted: str):
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    with Archive(root) as store:
        copy = store.load(wanted)
        copy.session.id = "fixture-10"
        for note in copy.notes:
            note.session_id = "fixture-10"
        store.import_session(copy)
        assert store.find(wanted).id == wanted


def test_a_look_at_a_session_lock_does_not_pass_for_a_writer(tmp_path: Path, monkeypatch):
    """A wall or start screen looks whether a session is written by holding its lock shared
    for a moment; a writer claiming it in that moment tries again instead of giving up."""
    import fcntl
    import os

    from sparring.store import locks

    writer = locks.SessionLocks(tmp_path)
    path = writer.path_of("s1")
    path.parent.mkdir()
    path.touch()
    look = os.open(path, os.O_RDONLY)
    fcntl.flock(look, fcntl.LOCK_SH | fcntl.LOCK_NB)
    waits: list[float] = []

    def look_ends(seconds: float) -> None:  # the look is over by the time the writer waits
        waits.append(seconds)
        os.close(look)

    monkeypatch.setattr(locks.time, "sleep", look_ends)
    assert writer.claim("s1") is None
    assert writer.held("s1") and len(waits) == 1
    writer.release_all()
