"""The store on real files: saving, loading, resuming, privacy, one writer, damaged files."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.records import Evaluation, FollowUp, NextStep
from sparring.domain.scenario import Scenario
from sparring.domain.session import Event
from sparring.domain.states import state_of
from sparring.store import (
    Archive,
    NoteQuery,
    ReadOnlyArchive,
    SessionBusy,
    StoreError,
    UnreadableFile,
)
from sparring.store import files as files_module
from sparring.store.files import Tables
from tests.conftest import make_session
from tests.store.helpers import add_note, data_files, saved_session, writer_elsewhere


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_everything_saved_comes_back_from_a_new_store(root: Path):
    with Archive(root) as store:
        session = saved_session(store)
        note = add_note(store, session, "Tillid på tværs", about="Anne", author="Bo", lens="team")
        edited = add_note(store, session, "first words", kind="pitfall")
        edited.text = "second words"
        store.save_note(edited)
        gone = add_note(store, session, "said by mistake")
        store.delete_note(session.id, gone.id)
        step = NextStep(session.id, "Anne", "Talk to the board")
        store.save_next_step(step)
        dropped = NextStep(session.id, "Bo", "Nothing")
        store.save_next_step(dropped)
        store.delete_next_step(session.id, dropped.id)
        follow_up = FollowUp(session.id, "x1", "earlier", "Carla", "Call HR", "done")
        store.save_follow_up(follow_up)
        store.save_evaluation(Evaluation(session.id, {"overall": 4, "energy": None}, "Godt"))
        store.save_draft(session.id, "half a thou")
    with Archive(root, read_only=True) as store:
        stored = store.load(session.id)
        [summary] = store.sessions()
    assert stored.session == session
    assert stored.notes == [note, edited]
    assert stored.next_steps == [step]
    assert stored.follow_ups == [follow_up]
    assert stored.evaluation is not None and stored.evaluation.scores["overall"] == 4
    assert stored.draft == "half a thou"
    assert summary.note_count == 2 and summary.case == "Anne's challenge"
    assert summary.case_id == session.participants[0].case_id
    # Each write encodes only what changed: the file is what encoding it whole makes.
    raw = (root / "sessions" / f"{session.id}.json").read_bytes()
    assert raw == files_module.dumps(json.loads(raw))


def started(store: Archive, scenario: Scenario, clock: FakeClock) -> Protocol:
    """The protocol of a saved session, started, saving each event in `store`."""
    session = saved_session(store)
    protocol = Protocol(scenario, session, clock, recorder=store.recorder(session))
    protocol.fire("start")
    return protocol


def test_a_session_resumes_from_its_log_with_its_remaining_time(
    root: Path, sparring_scenario: Scenario
):
    clock = FakeClock()
    with Archive(root) as store:
        protocol = started(store, sparring_scenario, clock)
        clock.advance(120)
        protocol.fire("pause")
        clock.advance(30)
        protocol.fire("resume")
        clock.advance(200)
        protocol.fire("advance")
        clock.advance(45)
        add_note(store, protocol.session, "late insight", phase="reflect", clock=clock.now())
        remaining = protocol.remaining
    with Archive(root) as store:
        [summary] = store.unfinished()
        stored = store.load(summary.id)
    resumed = Protocol(sparring_scenario, stored.session, FakeClock(stored.last_clock_time))
    assert summary.state == "running" and summary.started_at is not None
    assert resumed.state == "reflect"
    assert resumed.remaining == pytest.approx(remaining)


def test_finished_sessions_are_not_offered_for_resume(root: Path, sparring_scenario: Scenario):
    clock = FakeClock()
    with Archive(root) as store:
        protocol = started(store, sparring_scenario, clock)
        protocol.fire("finish")
        assert store.unfinished() == []
    with Archive(root) as store:
        assert store.unfinished() == []
        assert store.sessions()[0].finished_at is not None


def test_the_folder_is_private_and_so_is_every_file_in_it(root: Path):
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    with Archive(root) as store:
        session = saved_session(store)
        add_note(store, session, "private")
        store.search(text="private")
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "sessions").stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "locks").stat().st_mode) == 0o700
    found = data_files(root)
    assert {p.name for p in found} >= {"catalogue.json", "search-index.bin", "caches.lock"}
    assert any(p.parent.name == "locks" for p in found)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in found), found


def test_temp_files_are_private_while_they_exist(root: Path, monkeypatch: pytest.MonkeyPatch):
    seen: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        seen.append(stat.S_IMODE(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(files_module.os, "fsync", fsync)
    with Archive(root) as store:
        add_note(store, saved_session(store), "private")
    regular = [mode for mode in seen if mode != 0o700]  # folders are fsynced too
    assert regular and all(mode == 0o600 for mode in regular)


def test_a_session_another_process_writes_is_read_here_not_written(root: Path):
    with Archive(root) as store:
        session = saved_session(store, group="Group 1")
        other = saved_session(store)
    with writer_elsewhere(root, session.id) as pid:
        second = Archive(root)
        assert not second.read_only and second.holder(session.id) == str(pid)
        assert {s.id for s in second.sessions()} == {session.id, other.id}
        with pytest.raises(SessionBusy, match=f"Group 1 is open in another Sparring "
                                              f"\\(process {pid}\\): only that one can write"):
            add_note(second, session, "not allowed")
        assert second.search(text="allowed") == []
        add_note(second, other, "another session is written at the same time")
        second.close()
    with Archive(root) as third:
        assert third.holder(session.id) is None
        add_note(third, session, "now it may")
        assert [h.note.text for h in third.search(session_id=session.id)] == ["now it may"]


def test_a_reader_sees_what_the_writer_saves_after_it_opened(root: Path):
    with Archive(root) as writer:
        first = saved_session(writer)
        reader = Archive(root, read_only=True)
        assert reader.search(text="later") == []
        assert reader.page(NoteQuery(text="later")) == ([], 0)  # the history's pages
        note = add_note(writer, first, "later words")
        second = saved_session(writer)
        assert {s.id for s in reader.sessions()} == {first.id, second.id}
        assert [hit.note for hit in reader.search(text="later")] == [note]
        hits, total = reader.page(NoteQuery(text="later"))
        assert ([hit.note for hit in hits], total) == ([note], 1)
        writer.delete_note(first.id, note.id)
        assert reader.search(text="later") == []
        assert reader.page(NoteQuery(text="later")) == ([], 0)
        reader.close()


def test_a_reader_writes_nothing_and_makes_no_folder(tmp_path: Path):
    missing = tmp_path / "nowhere"
    with Archive(missing, read_only=True) as store:
        assert store.sessions() == [] and store.search(text="x") == []
        with pytest.raises(ReadOnlyArchive):
            store.save_session(make_session())
    assert not missing.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"_meta": {"1": {"kind": "session", "schema": 1}}, "session": {"1": {"id', "not valid"),
        (b"\x00\x01junk", "not valid JSON"),
        (b"", "is empty"),
        (b"[1, 2, 3]", "wrong shape"),
        (b'{"session": {"1": {"id": "x"}}}', "no schema version"),
        (b'{"_meta": {"1": {"kind": "catalogue", "schema": 1}}}', "not a session file"),
        (b'{"_meta": {"1": {"kind": "session", "schema": 99}}}', "newer Sparring"),
        (
            b'{"_meta": {"1": {"kind": "session", "schema": 1}}, "notes": {"1": {"id": 5}}}',
            "no session record",
        ),
    ],
)
def test_a_damaged_session_file_is_named_kept_as_it_is_and_the_rest_loads(
    root: Path, content: bytes, reason: str
):
    with Archive(root) as store:
        good = saved_session(store)
        add_note(store, good, "still here")
        bad = saved_session(store)
    path = root / "sessions" / f"{bad.id}.json"
    path.write_bytes(content)
    for read_only in (True, False):
        with Archive(root, read_only=read_only) as store:
            [damaged] = store.damaged
            assert damaged.path == path and reason in str(damaged)
            assert [s.id for s in store.sessions()] == [good.id]
            assert [h.note.text for h in store.search(text="still")] == ["still here"]
            with pytest.raises(UnreadableFile):
                store.load(bad.id)
            if not read_only:
                with pytest.raises(StoreError, match="not written over"):
                    add_note(store, bad, "must not land")
                with pytest.raises(StoreError, match="not written over"):
                    store.save_session(bad)
    assert path.read_bytes() == content


def test_a_record_of_the_wrong_shape_is_named_by_its_table(root: Path):
    with Archive(root) as store:
        session = saved_session(store)
        add_note(store, session, "kept")
    path = root / "sessions" / f"{session.id}.json"
    data = json.loads(path.read_text())
    data["notes"]["1"]["text"] = 42
    path.write_text(json.dumps(data))
    with Archive(root) as store:
        [damaged] = store.damaged
        assert "wrong shape (notes.text: must be text)" in str(damaged)


def test_a_damaged_catalogue_is_deleted_rebuilt_and_reported_once(root: Path):
    with Archive(root) as store:
        session = saved_session(store)
    (root / "catalogue.json").write_bytes(b"{ truncated")
    with Archive(root) as store:
        assert [s.id for s in store.sessions()] == [session.id]
        [damaged] = store.damaged
        assert damaged.rebuilt and "only a cache" in str(damaged)
    assert [p.name for p in root.glob("catalogue.json*")] == ["catalogue.json"]
    assert json.loads((root / "catalogue.json").read_text())["sessions"]
    with Archive(root) as store:
        assert store.damaged == []


def test_a_catalogue_with_entries_of_the_wrong_shape_is_rebuilt_with_a_word(root: Path):
    with Archive(root) as store:
        session = saved_session(store)
    catalogue = json.loads((root / "catalogue.json").read_text())
    catalogue["sessions"]["1"]["state"] = 5
    (root / "catalogue.json").write_text(json.dumps(catalogue))
    with Archive(root) as store:
        assert [s.id for s in store.sessions()] == [session.id]
        [told] = store.damaged
        assert "has 1 entry of the wrong shape" in str(told) and told.rebuilt
    rebuilt = json.loads((root / "catalogue.json").read_text())
    assert rebuilt["sessions"]["1"]["state"] == "setup"


def test_a_catalogue_from_a_newer_sparring_is_left_alone(root: Path):
    with Archive(root) as store:
        session = saved_session(store)
    newer = b'{"_meta": {"1": {"kind": "catalogue", "schema": 7, "built_ns": 1}}}'
    (root / "catalogue.json").write_bytes(newer)
    with Archive(root) as store:
        add_note(store, session, "saved all the same")
        assert "newer Sparring" in str(store.damaged[0])
    assert (root / "catalogue.json").read_bytes() == newer


def test_a_stale_catalogue_is_corrected_from_the_session_files(root: Path):
    with Archive(root) as store:
        session = saved_session(store, group="Before")
    catalogue = (root / "catalogue.json").read_bytes()
    with Archive(root) as store:
        session.group = "After"
        store.save_session(session)
        add_note(store, session, "one")
    (root / "catalogue.json").write_bytes(catalogue)  # as if killed before it was written
    with Archive(root, read_only=True) as store:
        [summary] = store.sessions()
        assert summary.group == "After" and summary.note_count == 1


def test_leftover_temp_files_are_removed_by_the_next_writer(root: Path):
    with Archive(root) as store:
        session = saved_session(store)
        busy = saved_session(store)
    leftovers = [
        root / "sessions" / f".{session.id}.json.x1y2.tmp",
        root / "sessions" / ".abc.json.x1y2.tmp",
        root / ".catalogue.json.x1y2.tmp",
    ]
    for path in leftovers:
        path.write_text("half a note")
    with Archive(root, read_only=True):
        assert all(path.exists() for path in leftovers)
    # The session another process writes may be in the middle of a write: its temp
    # file stays until that process (or the next to claim the session) clears it.
    written_now = root / "sessions" / f".{busy.id}.json.x1y2.tmp"
    with writer_elsewhere(root, busy.id):
        written_now.write_text("half a note")
        with Archive(root):
            assert not any(path.exists() for path in leftovers)
            assert written_now.exists()
    with Archive(root) as store:
        store.claim(busy.id)
        assert not written_now.exists()


def test_a_full_disk_is_reported_without_the_note_and_memory_stays_as_the_disk(
    root: Path, monkeypatch: pytest.MonkeyPatch
):
    store = Archive(root)
    session = saved_session(store)
    kept = add_note(store, session, "kept words")
    store.search(text="words")  # the index is loaded, so it must stay right too

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files_module, "_write_all", full)
    secret = "words nobody may see in an error"
    with pytest.raises(StoreError) as raised:
        add_note(store, session, secret)
    message = str(raised.value)
    assert "full" in message and str(root) in message and secret not in message
    assert [p for p in data_files(root) if p.name.endswith(".tmp")] == []
    assert store.load(session.id).notes == [kept]
    assert [h.note for h in store.search(text="words")] == [kept]
    assert store.sessions()[0].note_count == 1

    monkeypatch.undo()
    again = add_note(store, session, "after space was freed")
    store.close()
    with Archive(root, read_only=True) as reopened:
        assert reopened.load(session.id).notes == [kept, again]


def test_a_failing_folder_fsync_leaves_memory_equal_to_what_the_file_holds(
    root: Path, monkeypatch: pytest.MonkeyPatch
):
    store = Archive(root)
    session = saved_session(store)

    def fails(path: Path) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(files_module, "fsync_dir", fails)
    with pytest.raises(StoreError, match="Input/output error"):
        add_note(store, session, "maybe on disk")
    monkeypatch.undo()
    on_disk = store.load(session.id).notes
    assert [h.note for h in store.search(text="maybe")] == on_disk
    store.close()


def test_ids_that_are_not_session_ids_never_reach_the_file_system(root: Path):
    with Archive(root) as store, pytest.raises(StoreError, match="not a session id"):
        store.load("../../etc/passwd")


def test_an_older_file_is_upgraded_by_its_migration_and_saved_in_the_new_version(
    root: Path, monkeypatch: pytest.MonkeyPatch
):
    from sparring.store import schema

    with Archive(root) as store:
        session = saved_session(store)
        add_note(store, session, "written by version 1")
    path = root / "sessions" / f"{session.id}.json"

    def to_version_2(tables: Tables) -> Tables:
        for note in tables["notes"].values():
            note["text"] = note["text"].upper()  # something a reader can see happened
        return tables

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, ("session", 1), to_version_2)
    with Archive(root) as store:
        assert [n.text for n in store.load(session.id).notes] == ["WRITTEN BY VERSION 1"]
        assert json.loads(path.read_text())["_meta"]["1"]["schema"] == 1  # reading: untouched
        add_note(store, session, "and one more")
    saved = json.loads(path.read_text())
    assert saved["_meta"]["1"]["schema"] == 2
    assert [n["text"] for n in saved["notes"].values()] == ["WRITTEN BY VERSION 1", "and one more"]


def test_check_out_reached_by_advance_is_listed_as_check_out(
    root: Path, sparring_scenario: Scenario
):
    clock = FakeClock()
    with Archive(root) as store:
        protocol = started(store, sparring_scenario, clock)
        while protocol.state != "checkout":
            assert protocol.fire("advance")
        assert [s.state for s in store.unfinished()] == ["checkout"]
        protocol.fire("back")
        assert [s.state for s in store.unfinished()] == ["running"]
        protocol.fire("advance")
    (root / "catalogue.json").unlink()  # made again from the session file's log
    with Archive(root) as store:
        assert [s.state for s in store.unfinished()] == ["checkout"]


def test_a_log_saved_before_events_named_their_state_is_read_by_its_triggers():
    events = [Event("start", 0, "2026-01-01T09:00:00+00:00"),
              Event("check_out", 9, "2026-01-01T09:30:00+00:00"),
              Event("back", 9, "2026-01-01T09:31:00+00:00")]
    session = make_session()
    session.events = events[:2]
    assert state_of(session.events) == "checkout"
    session.events = events
    assert state_of(session.events) == "running"
