"""The kill loop: a process saving notes and events through the real store is killed
(SIGKILL) at random moments, again and again, and after each kill:

- every note and event it acknowledged (it writes an ack line once a save returned) is
  on disk, with its text;
- every file in the data folder parses, and the store names none as damaged;
- the session resumes: it loads, and its event log replays to the state it was in.

The children are forked from a server that has already imported the store, so a kill
costs milliseconds and the normal run makes 200 of them in well under half a minute.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from pathlib import Path

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.records import Note
from sparring.store import Archive, StoreError
from tests.conftest import make_session
from tests.reliability.conftest import count

SCENARIO = load_catalogue().get("cross-functional-sparring")
"""Read once, here, so the fork server has it and a child starts saving at once."""

KILLS_PER_SESSION = 20
"""Kills one session lives through; then the next starts (a session's file grows)."""


def saver(root: str, session_id: str, acks: str, first: int) -> None:
    """In the child: resume the session (or start it) and save until killed."""
    ack = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    store = Archive(root)
    try:
        stored = store.load(session_id)
        session, clock_time = stored.session, stored.last_clock_time
    except StoreError:  # not saved yet: a first start
        session = make_session()
        session.id = session_id
        clock_time = 0.0
    clock = FakeClock(clock_time)
    protocol = Protocol(SCENARIO, session, clock, recorder=store.recorder(session))
    if protocol.state == "setup":
        protocol.fire("start")
    n = first
    while True:
        clock.advance(1.0)
        text = f"note {n} " + "æøå " * (n % 7)
        store.save_note(Note(session_id=session_id, text=text, phase=protocol.state,
                             clock=clock.now()))
        os.write(ack, f"note {n}\n".encode())  # acknowledged: the save returned
        trigger = "resume" if protocol.paused else "pause"
        protocol.fire(trigger)
        os.write(ack, f"event {len(session.events)}\n".encode())
        n += 1


def acknowledged(acks: Path) -> tuple[set[str], int]:
    """The note texts' numbers and the event count the children acknowledged."""
    notes: set[str] = set()
    events = 0
    if acks.exists():
        for line in acks.read_text().splitlines():
            kind, _, value = line.partition(" ")
            if kind == "note":
                notes.add(value)
            elif kind == "event":
                events = max(events, int(value))
    return notes, events


def ack_lines(acks: Path) -> int:
    """How many acks there are so far."""
    try:
        return acks.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def check(root: Path, session_id: str, acks: Path) -> None:
    """Everything acknowledged is there, every file parses, the session replays."""
    for path in root.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, f"{path} is not private"
        if path.suffix == ".json":  # a temp file a kill left (.tmp) is not data, nor read
            json.loads(path.read_bytes())
    notes, events = acknowledged(acks)
    with Archive(root, read_only=True) as store:
        assert store.damaged == []
        if not notes and not events:
            return
        stored = store.load(session_id)
    saved = {note.text.split(" ")[1] for note in stored.notes}
    assert notes <= saved, f"acknowledged notes lost: {sorted(notes - saved)}"
    assert len(stored.session.events) >= events, "an acknowledged event was lost"
    replayed = Protocol(SCENARIO, stored.session, FakeClock())
    assert (replayed.state, stored.state) == ("present", "running")
    assert replayed.paused == (stored.session.events[-1].trigger == "pause")


def test_every_acknowledged_save_survives_sigkill(tmp_path, report_count):
    kills = count(200, 2000)
    rng = random.Random(int(os.environ.get("SPARRING_SEED", "5")))
    root = tmp_path / "data"
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sparring.store", "sparring.domain.protocol",
                                    "tests.reliability.test_kill_loop"])
    started = time.monotonic()
    notes = events = 0
    for n in range(kills):
        if n % KILLS_PER_SESSION == 0:
            session_id = make_session().id
            acks = tmp_path / f"acks-{session_id}"
        child = context.Process(target=saver, args=(str(root), session_id, str(acks), n * 10_000))
        before = ack_lines(acks)
        child.start()
        # The attack's timing: a quarter of the kills while the child opens the store and
        # resumes the session, the rest a little after its first, second or third save.
        saves = rng.randrange(4)
        if saves:
            deadline = time.monotonic() + 10
            while ack_lines(acks) < before + saves and time.monotonic() < deadline:
                time.sleep(0.001)  # polling the child's acks
            time.sleep(rng.uniform(0.0, 0.01))
        else:
            time.sleep(rng.uniform(0.0, 0.08))
        child.kill()
        child.join()
        assert child.exitcode == -9, f"kill {n}: the child ended by itself ({child.exitcode})"
        check(root, session_id, acks)
        if n % KILLS_PER_SESSION == KILLS_PER_SESSION - 1 or n == kills - 1:
            acked_notes, acked_events = acknowledged(acks)
            notes, events = notes + len(acked_notes), events + acked_events
    report_count("SIGKILLs", kills)
    report_count("acknowledged notes", notes)
    report_count("acknowledged events", events)
    print(f"\nkill loop: {kills} kills in {time.monotonic() - started:.1f} s")
    assert notes > kills, "too few saves between kills to test anything"
