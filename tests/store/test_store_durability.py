"""Saved means durable: a writer killed with SIGKILL at any moment loses nothing it reported.

A child process saves notes and protocol events in a loop and prints each id once the
store has returned. The parent kills it after a varying number of saves, several times
over the same folder, and after each kill checks that every file parses and that every
printed note and event is there.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from sparring.store import Archive
from sparring.store.files import read_json
from tests.store.helpers import data_files

CHILD = r"""
import sys
from pathlib import Path
from sparring.domain.records import Note
from sparring.domain.session import Event, Participant, Session, wall_now
from sparring.store import Archive

root, session_id = Path(sys.argv[1]), sys.argv[2]
store = Archive(root)
assert not store.read_only, "the parent must not hold the lock"
if session_id == "new":
    names = ["Anne", "Bo", "Carla", "Dorte"]
    session = Session(
        "cross-functional-sparring", group="G",
        participants=[Participant(n, f"{n}'s challenge") for n in names],
        case_owner="Anne", timekeeper="Bo",
    )
    store.save_session(session)
else:
    session = store.load(session_id).session
print("session", session.id, flush=True)
count = len(session.events)
while True:
    note = Note(session.id, "present", "insight " + "æøå " * 50, about="Anne", author="Bo")
    store.save_note(note)
    print("note", note.id, flush=True)
    event = Event("pause" if count % 2 == 0 else "resume", at=float(count), wall=wall_now())
    store.record_event(session, event)
    session.events.append(event)
    count += 1
    print("event", count, flush=True)
"""

KILL_AFTER = (1, 9, 4, 25, 13)
"""How many notes each child reports saved before it is killed: varied, so the kill
lands at different points of a write."""


def run_and_kill(root: Path, session_id: str, notes_before_kill: int) -> tuple[str, list[str], int]:
    """Start a saving child, kill it after `notes_before_kill` notes; what it reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), session_id],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    notes: list[str] = []
    events = 0
    kind, sid = child.stdout.readline().split()
    assert kind == "session"
    while len(notes) < notes_before_kill:
        line = child.stdout.readline()
        assert line, "the child stopped by itself"
        kind, value = line.split()
        if kind == "note":
            notes.append(value)
        else:
            events = int(value)
    child.send_signal(signal.SIGKILL)
    # Whatever it printed before it died was reported saved too.
    for line in child.stdout:
        kind, value = line.split()
        if kind == "note":
            notes.append(value)
        else:
            events = int(value)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return sid, notes, events


def test_every_reported_save_survives_sigkill_and_every_file_still_parses(tmp_path: Path):
    root = tmp_path / "data"
    session_id = "new"
    reported: list[str] = []
    for notes_before_kill in KILL_AFTER:
        session_id, notes, events = run_and_kill(root, session_id, notes_before_kill)
        reported += notes
        for path in data_files(root):
            if path.name.endswith(".tmp"):
                assert path.stat().st_mode & 0o777 == 0o600  # a killed write's leftover
            elif path.suffix == ".json":
                read_json(path)
        with Archive(root, read_only=True) as store:
            assert store.damaged == []
            stored = store.load(session_id)
            stored_ids = {note.id for note in stored.notes}
            assert set(reported) <= stored_ids
            assert len(stored.session.events) >= events
            assert [s.id for s in store.sessions()] == [session_id]
            assert {h.note.id for h in store.search(text="insight")} == stored_ids
