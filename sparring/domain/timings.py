"""Planned against actual minutes of a session's phases, worked out once from its log.

The summary, the export and the charts all show them; each asks here. The log is
replayed on a fake clock that ends at the last moment anything was stored.
"""

from __future__ import annotations

from sparring.domain.clock import FakeClock
from sparring.domain.protocol import PhaseTiming, Protocol
from sparring.domain.scenario import Scenario
from sparring.domain.session import Session


def phase_timings(
    scenario: Scenario, session: Session, until: float | None = None
) -> list[PhaseTiming] | None:
    """Planned against actual seconds per phase of `scenario`, from `session`'s log.

    Args:
        scenario: the protocol the session ran.
        session: the session, with its event log.
        until: the session clock time the last phase ran to (default: the last event).

    Returns:
        One timing per phase; None when the log no longer fits the scenario (it was
        changed since the session ran).
    """
    end = session.last_clock_time if until is None else until
    try:
        return Protocol(scenario, session, FakeClock(end)).timings()
    except (KeyError, ValueError, TypeError, AttributeError, IndexError):
        return None
