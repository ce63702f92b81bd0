"""Clocks: where the protocol reads the time, real or fake.

The protocol never counts ticks. It keeps deadlines and asks a clock for `now()`, so
remaining time is always `deadline - now`, whatever the UI's timer does. Clock time is
in seconds of session time and starts where the clock is told to; it is not wall time.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A source of session time in seconds; only differences between readings matter."""

    def now(self) -> float:
        """The current session time in seconds."""
        ...


class MonotonicClock:
    """The real clock: the system's monotonic time, scaled for rehearsals.

    Args:
        time_scale: session seconds per real second (60 runs a minute per second).
        start: the session time this clock reads at the moment it is made, so a resumed
            session carries on from where its log stopped.
    """

    def __init__(self, time_scale: float = 1.0, start: float = 0.0):
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.time_scale = time_scale
        self._origin = time.monotonic()
        self._start = start

    def now(self) -> float:
        return self._start + (time.monotonic() - self._origin) * self.time_scale


class FakeClock:
    """A clock that moves only when told: for tests and for replaying a session's log."""

    def __init__(self, start: float = 0.0):
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by `seconds`."""
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._now += seconds

    def set(self, now: float) -> None:
        """Put the clock at `now` (never earlier than it is)."""
        if now < self._now:
            raise ValueError("a clock does not run backwards")
        self._now = now
