"""Clocks: where the protocol reads the time, real or fake.

The protocol never counts ticks. It keeps deadlines and asks a clock for `now()`, so
remaining time is always `deadline - now`, whatever the UI's timer does. Clock time is
in seconds of session time and starts where the clock is told to; it is not wall time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol

MAX_TIME_SCALE = 3600.0
"""The fastest clock a session may run at: an hour of session time each second, a whole
protocol in under a second. A stored or imported time scale beyond it is refused, like
any other number out of range."""


def usable_time_scale(scale: float) -> bool:
    """Whether a session clock may run at `scale` session seconds a real second."""
    return 0 < scale <= MAX_TIME_SCALE  # False for NaN too


class Clock(Protocol):
    """A source of session time in seconds; only differences between readings matter."""

    def now(self) -> float:
        """The current session time in seconds."""
        ...


def _awake_or_asleep() -> Callable[[], float]:
    """The system's monotonic seconds, counting on while the machine sleeps.

    A meeting goes on while a laptop's lid is closed, so its countdown must too; Python's
    `time.monotonic` stops while the machine sleeps (Linux, macOS). On Linux
    CLOCK_BOOTTIME counts the sleep, on macOS CLOCK_MONOTONIC does.
    """
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return lambda: time.clock_gettime(time.CLOCK_BOOTTIME)
    if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        return lambda: time.clock_gettime(time.CLOCK_MONOTONIC)
    return time.monotonic


class MonotonicClock:
    """The real clock: the system's monotonic time (sleep included), scaled for rehearsals.

    Args:
        time_scale: session seconds per real second (60 runs a minute per second).
        start: the session time this clock reads at the moment it is made, so a resumed
            session carries on from where its log stopped.
    """

    def __init__(self, time_scale: float = 1.0, start: float = 0.0):
        if not usable_time_scale(time_scale):
            raise ValueError(f"time_scale must be above 0 and at most {MAX_TIME_SCALE:g}")
        self.time_scale = time_scale
        self._seconds = _awake_or_asleep()
        self._origin = self._seconds()
        self._start = start

    def now(self) -> float:
        return self._start + (self._seconds() - self._origin) * self.time_scale


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
