"""Following a session that another process runs: headless, and never a write.

The timekeeper's Sparring saves every event at once. The wall looks at the session
file's signature a few times a second (a `stat`, nothing more) and only when it changed
reads the file and replays the event log. Between changes it keeps counting down by
itself: the writer's session clock is carried on from its last event, whose wall-clock
time is kept with it, at the time scale stored with the session.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sparring.domain.catalogue import Catalogue
from sparring.domain.protocol import Protocol
from sparring.domain.records import StoredSession
from sparring.domain.scenario import Scenario
from sparring.domain.session import Session
from sparring.store import Archive, SessionSummary, StoreError

WallTime = Callable[[], float]
"""Seconds since the epoch: `time.time`, or a fake one in tests."""

FileSignature = tuple[int, int, int]
"""What changes when a session file is written: inode (a new file each save), size, mtime."""


def _epoch(iso: str) -> float | None:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return None


class WriterClock:
    """The writer's session clock as the wall reckons it: its last event's session time,
    carried on by the wall-clock time since at the session's own time scale (stored
    with it: a rehearsal's clock may run at 60 session seconds a second).

    Args:
        session: the session as last read.
        wall_time: the wall clock (seconds since the epoch).
    """

    def __init__(self, session: Session, wall_time: WallTime):
        last = session.events[-1] if session.events else None
        self._at = last.at if last else 0.0
        self._wall = (_epoch(last.wall) if last else None) or wall_time()
        self._scale = session.time_scale
        self._wall_time = wall_time

    def now(self) -> float:
        # Never earlier than the last event, whatever the two machines' clocks say.
        return self._at + max(0.0, self._wall_time() - self._wall) * self._scale


@dataclass(frozen=True)
class Sighting:
    """The session as the wall last read it: what was stored, and its replayed protocol."""

    stored: StoredSession
    scenario: Scenario
    protocol: Protocol

    @property
    def language(self) -> str:
        """The session's language, for the scenario's texts."""
        return self.stored.session.language


class Follower:
    """Follows one session of a read-only archive.

    Args:
        archive: the data folder, opened read-only.
        session_id: the session to follow.
        catalogue: the scenarios, to find the session's own.
        wall_time: the wall clock the countdown runs on between changes.
    """

    def __init__(
        self,
        archive: Archive,
        session_id: str,
        catalogue: Catalogue,
        wall_time: WallTime = time.time,
    ):
        self.archive = archive
        self.session_id = session_id
        self.catalogue = catalogue
        self.wall_time = wall_time
        self.path = archive.path_of(session_id)
        self._signature: FileSignature | None = None
        self.sighting: Sighting | None = None
        self.problem: str | None = None
        """Why the session cannot be shown now (gone, damaged, unknown scenario)."""

    def signature(self) -> FileSignature | None:
        """The session file's signature now; None when there is no file."""
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

    def poll(self) -> bool:
        """Look at the file; read and replay it only if it changed. Whether it did."""
        signature = self.signature()
        if signature == self._signature and (signature is not None or self.problem):
            return False
        self._signature = signature
        try:
            stored = self.archive.load(self.session_id)
            scenario = self.catalogue.get(stored.session.scenario_id)
        except (StoreError, KeyError) as error:
            self.problem = str(error).strip("'\"")
            self.sighting = None
            return True
        clock = WriterClock(stored.session, self.wall_time)
        self.problem = None
        self.sighting = Sighting(stored, scenario, Protocol(scenario, stored.session, clock))
        return True

    def writer_present(self) -> bool:
        """Whether a timekeeper's Sparring holds the session now."""
        return self.archive.holder(self.session_id) is not None


def running_sessions(archive: Archive) -> list[SessionSummary]:
    """The sessions a timekeeper's Sparring is running now, newest first."""
    return [s for s in archive.unfinished() if archive.holder(s.id) is not None]
