"""Where a session stands after its events: the one rule lists, resume and charts read.

The protocol's machine knows its state exactly (a phase id, check-out, ...); what is
kept of a session outside a running protocol is coarser: set up, running (any phase),
at check-out, finished or aborted. Each event keeps the state it led to (`Event.to`);
older logs are read by their triggers.
"""

from __future__ import annotations

from collections.abc import Iterable

from sparring.domain.scenario import NOT_PHASE_IDS
from sparring.domain.session import Event
from sparring.i18n import N_

SETUP = "setup"
RUNNING = "running"
CHECKOUT = "checkout"
FINISHED = "finished"
ABORTED = "aborted"

BY_TRIGGER = {"start": RUNNING, "check_out": CHECKOUT, "finish": FINISHED, "abort": ABORTED}
"""How a trigger changes the state, in a log whose events do not say where they led."""

UNFINISHED = (SETUP, RUNNING, CHECKOUT)
"""The states a session can be resumed from."""

STARTED = (RUNNING, CHECKOUT, FINISHED)
"""The states of a session that reached its first phase: its case counts as taken."""

STATE_NAMES = {SETUP: N_("not started"), RUNNING: N_("running"), CHECKOUT: N_("at check-out"),
               FINISHED: N_("finished"), ABORTED: N_("aborted")}
"""Each state as the user reads it, in the current language."""


def state_text(state: str) -> str:
    """`state` as the user reads it, in the current language."""
    return str(STATE_NAMES.get(state, state))


def next_state(state: str, event: Event) -> str:
    """The state after `event` in `state`: the state it led to where the log says (any
    phase is "running"), else from its trigger (back from check-out runs again)."""
    if event.to is not None:
        return event.to if event.to in NOT_PHASE_IDS else RUNNING
    if event.trigger == "back" and state == CHECKOUT:
        return RUNNING
    return BY_TRIGGER.get(event.trigger, state)


def state_of(events: Iterable[Event]) -> str:
    """The state a session's event log leaves it in."""
    state = SETUP
    for event in events:
        state = next_state(state, event)
    return state
