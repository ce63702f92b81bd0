"""The protocol's state machine, built with `transitions` from a scenario.

States are `setup`, one per phase of the scenario, `checkout`, `finished` and
`aborted`. The timekeeper's triggers move between them; guards refuse what makes no
sense. Time is kept as deadlines on an injected clock: pause and extend move the
deadline, and time up means overtime (counted, never an automatic move) unless the
scenario's phase says `on_time_up = "advance"`.

Every accepted trigger is first handed to the recorder (the store makes it durable),
then appended to the session's event log, then applied. Replaying the log on a fake
clock rebuilds the same state, which is how a session is resumed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from transitions import Machine
from transitions.core import Condition

from sparring.domain.clock import Clock, FakeClock
from sparring.domain.scenario import Phase, Scenario
from sparring.domain.session import Event, Session, wall_now

SETUP = "setup"
CHECKOUT = "checkout"
FINISHED = "finished"
ABORTED = "aborted"

TRIGGERS = (
    "start",
    "advance",
    "back",
    "pause",
    "resume",
    "extend",
    "time_up",
    "check_out",
    "finish",
    "abort",
)
"""Every trigger the timekeeper (or the clock, for time_up) can fire."""

Recorder = Callable[[Event], None]


@dataclass(frozen=True)
class PhaseTiming:
    """Planned against actual time of one phase, in seconds."""

    phase_id: str
    planned_seconds: float
    actual_seconds: float

    @property
    def over_seconds(self) -> float:
        """How much longer than planned the phase ran (negative when shorter)."""
        return self.actual_seconds - self.planned_seconds


class _Model:
    """The object `transitions` drives; it holds nothing but the state."""

    state: str


class Protocol:
    """A running session of a scenario: its state, its countdown and its triggers.

    Args:
        scenario: the protocol to run.
        session: the session record; its event log is replayed at once.
        clock: the live clock, which must read at least `session.last_clock_time`.
        recorder: called with each new event before it is applied; if it raises, the
            trigger is not applied and the error propagates.
    """

    def __init__(
        self, scenario: Scenario, session: Session, clock: Clock, recorder: Recorder | None = None
    ):
        self.scenario = scenario
        self.session = session
        self._recorder = recorder
        self._phases = list(scenario.phases)
        self._index: int | None = None
        self.turn = 0
        self._deadline = 0.0
        self._paused_at: float | None = None
        self.overtime_signalled = False
        self._visit_start = 0.0
        self._visit_paused = 0.0
        self._paused_total = 0.0
        self._extended = 0.0
        self._actual: dict[str, float] = {}
        self._left: dict[tuple[int, int], float] = {}
        self._model = _Model()
        self._machine = Machine(
            model=self._model,
            states=[SETUP, *(p.id for p in self._phases), CHECKOUT, FINISHED, ABORTED],
            transitions=self._transitions(),
            initial=SETUP,
            auto_transitions=False,
            ignore_invalid_triggers=True,
        )
        replay = FakeClock(session.events[0].at if session.events else 0.0)
        self.clock: Clock = replay
        for event in session.events:
            replay.set(max(event.at, replay.now()))
            self._apply(event.trigger, event.args)
        self.clock = clock

    # -- the machine ---------------------------------------------------------------

    def _transitions(self) -> list[dict[str, Any]]:
        ids = [p.id for p in self._phases]
        running = list(ids)
        table: list[dict[str, Any]] = [
            {
                "trigger": "start",
                "source": SETUP,
                "dest": ids[0],
                "conditions": self._ready,
                "after": self._enter,
            },
            {
                "trigger": "abort",
                "source": [SETUP, *ids, CHECKOUT],
                "dest": ABORTED,
                "before": self._leave,
                "after": self._settle,
            },
            {
                "trigger": "check_out",
                "source": running,
                "dest": CHECKOUT,
                "before": self._leave,
                "after": self._settle,
            },
            {
                "trigger": "finish",
                "source": [*running, CHECKOUT],
                "dest": FINISHED,
                "before": self._leave,
                "after": self._settle,
            },
            {
                "trigger": "pause",
                "source": running,
                "dest": None,
                "unless": self._is_paused,
                "after": self._pause,
            },
            {
                "trigger": "resume",
                "source": running,
                "dest": None,
                "conditions": self._is_paused,
                "after": self._resume,
            },
            {
                "trigger": "extend",
                "source": running,
                "dest": None,
                "conditions": self._can_extend,
                "after": self._extend,
            },
            {
                "trigger": "time_up",
                "source": running,
                "dest": None,
                "conditions": self._is_time_up,
                "after": self._signal_overtime,
            },
        ]
        for index, phase_id in enumerate(ids):
            table.append(
                {
                    "trigger": "advance",
                    "source": phase_id,
                    "dest": None,
                    "conditions": self._has_next_turn,
                    "before": self._leave,
                    "after": self._next_turn,
                }
            )
            table.append(
                {
                    "trigger": "advance",
                    "source": phase_id,
                    "dest": ids[index + 1] if index + 1 < len(ids) else CHECKOUT,
                    "before": self._leave,
                    "after": self._enter,
                }
            )
            table.append(
                {
                    "trigger": "back",
                    "source": phase_id,
                    "dest": None,
                    "conditions": self._has_previous_turn,
                    "before": self._leave,
                    "after": self._previous_turn,
                }
            )
            if index > 0:
                table.append(
                    {
                        "trigger": "back",
                        "source": phase_id,
                        "dest": ids[index - 1],
                        "before": self._leave,
                        "after": self._return,
                    }
                )
        table.append(
            {"trigger": "back", "source": CHECKOUT, "dest": ids[-1], "after": self._return}
        )
        return table

    @property
    def state(self) -> str:
        """The current state: setup, a phase id, checkout, finished or aborted."""
        return self._model.state

    def allowed(self, trigger: str, **args: Any) -> bool:
        """Whether `trigger` with these arguments would be accepted now."""
        if trigger not in TRIGGERS:
            return False
        may: Callable[..., bool] = getattr(self._model, f"may_{trigger}")
        return bool(may(**args))

    def fire(self, trigger: str, **args: Any) -> bool:
        """Record and apply `trigger`; False (and nothing recorded) when it is refused."""
        if not self.allowed(trigger, **args):
            return False
        event = Event(trigger=trigger, at=self.clock.now(), wall=wall_now(), args=dict(args),
                      to=self._destination(trigger, args))
        if self._recorder is not None:
            self._recorder(event)
        self.session.events.append(event)
        self._apply(trigger, args)
        if trigger == "time_up" and self.phase is not None and self.phase.on_time_up == "advance":
            self.fire("advance")
        return True

    def _destination(self, trigger: str, args: dict[str, Any]) -> str:
        """The state `trigger` (accepted now) leads to: that of the first of its
        transitions from here whose conditions hold, as the machine itself picks."""
        def holds(condition: Condition) -> bool:
            func = condition.func
            check = getattr(self._model, func) if isinstance(func, str) else func
            return bool(check(**args) == condition.target)

        for transition in self._machine.get_transitions(trigger, source=self.state):
            if all(holds(condition) for condition in transition.conditions):
                return transition.dest or self.state
        return self.state

    def _apply(self, trigger: str, args: dict[str, Any]) -> None:
        getattr(self._model, trigger)(**args)

    # -- guards --------------------------------------------------------------------

    def _ready(self, **_: Any) -> bool:
        return not self.session.problems(self.scenario)

    def _is_paused(self, **_: Any) -> bool:
        return self._paused_at is not None

    def _can_extend(self, minutes: float = 0, **_: Any) -> bool:
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes == 0:
            return False
        return minutes > 0 or self.remaining + minutes * 60 >= 0

    def _is_time_up(self, **_: Any) -> bool:
        return not self.overtime_signalled and self.remaining <= 0

    def _has_next_turn(self, **_: Any) -> bool:
        return self.phase is not None and self.phase.has_turns and self.turn + 1 < self.turn_count

    def _has_previous_turn(self, **_: Any) -> bool:
        return self.phase is not None and self.phase.has_turns and self.turn > 0

    # -- callbacks -----------------------------------------------------------------

    def _enter(self, **_: Any) -> None:
        self._index = self._index_of(self.state)
        if self._index is None:
            return
        self.turn = 0
        self._restore()

    def _next_turn(self, **_: Any) -> None:
        self.turn += 1
        self._restore()

    def _previous_turn(self, **_: Any) -> None:
        self.turn -= 1
        self._restore()

    def _return(self, **_: Any) -> None:
        self._index = self._index_of(self.state)
        self.turn = self.turn_count - 1 if self.phase is not None and self.phase.has_turns else 0
        self._restore()

    def _restore(self) -> None:
        """Start the countdown of the current phase and turn: where it was left, if it was."""
        assert self._index is not None
        self._begin(self._left.get((self._index, self.turn), self.countdown_seconds))

    def _begin(self, seconds: float) -> None:
        now = self.clock.now()
        self._deadline = now + seconds
        self._visit_start = now
        self._visit_paused = 0.0
        self._paused_at = None
        self.overtime_signalled = seconds <= 0

    def _leave(self, **_: Any) -> None:
        if self._index is None:
            return
        if self._paused_at is not None:
            self._resume()
        phase = self._phases[self._index]
        self._left[(self._index, self.turn)] = self.remaining
        spent = self.clock.now() - self._visit_start - self._visit_paused
        self._actual[phase.id] = self._actual.get(phase.id, 0.0) + spent

    def _settle(self, **_: Any) -> None:
        self._index = self._index_of(self.state)

    def _pause(self, **_: Any) -> None:
        self._paused_at = self.clock.now()

    def _resume(self, **_: Any) -> None:
        assert self._paused_at is not None
        pause = self.clock.now() - self._paused_at
        self._deadline += pause
        self._visit_paused += pause
        self._paused_total += pause
        self._paused_at = None

    def _extend(self, minutes: float = 0, **_: Any) -> None:
        self._deadline += minutes * 60
        self._extended += minutes * 60
        if self.remaining > 0:
            self.overtime_signalled = False

    def _signal_overtime(self, **_: Any) -> None:
        self.overtime_signalled = True

    def _index_of(self, state: str) -> int | None:
        for index, phase in enumerate(self._phases):
            if phase.id == state:
                return index
        return None

    # -- what the UI reads ---------------------------------------------------------

    @property
    def phase(self) -> Phase | None:
        """The running phase, or None outside the phases."""
        return self._phases[self._index] if self._index is not None else None

    @property
    def phase_index(self) -> int | None:
        """The running phase's position, from 0."""
        return self._index

    @property
    def is_running(self) -> bool:
        """Whether a phase is on (paused or not)."""
        return self._index is not None

    @property
    def paused(self) -> bool:
        """Whether the countdown is paused."""
        return self._paused_at is not None

    @property
    def turn_count(self) -> int:
        """How many turns the running phase has (1 unless it is a round)."""
        if self.phase is None or not self.phase.has_turns:
            return 1
        return max(1, len(self.session.reflecting_team))

    @property
    def speaker(self) -> str | None:
        """Whose turn it is in a round, else None."""
        if self.phase is None or not self.phase.has_turns:
            return None
        team = self.session.reflecting_team
        return team[self.turn] if self.turn < len(team) else None

    @property
    def countdown_seconds(self) -> float:
        """The planned length of the running countdown: the phase, or one turn's share."""
        if self.phase is None:
            return 0.0
        return self.phase.seconds / self.turn_count

    def _reading(self) -> float:
        return self._paused_at if self._paused_at is not None else self.clock.now()

    @property
    def remaining(self) -> float:
        """Seconds left on the running countdown (turn or phase); negative in overtime."""
        if self._index is None:
            return 0.0
        return self._deadline - self._reading()

    @property
    def overtime(self) -> float:
        """Seconds past the running countdown's end (0 while time is left)."""
        return max(0.0, -self.remaining)

    @property
    def phase_remaining(self) -> float:
        """Seconds left in the running phase: this turn's and the later turns' shares."""
        if self._index is None:
            return 0.0
        later_turns = self.turn_count - self.turn - 1
        return self.remaining + later_turns * self.countdown_seconds

    @property
    def total_remaining(self) -> float:
        """Seconds left in the whole session as planned from here."""
        if self.state == SETUP:
            return sum(p.seconds for p in self._phases)
        if self._index is None:
            return 0.0
        later = sum(p.seconds for p in self._phases[self._index + 1 :])
        return max(0.0, self.phase_remaining) + later

    @property
    def extended(self) -> float:
        """Seconds the timekeeper added (less those taken away) with +/- a minute."""
        return self._extended

    @property
    def elapsed(self) -> float:
        """Seconds the session has run, pauses left out."""
        done = sum(self._actual.values())
        if self._index is None:
            return done
        return done + self._reading() - self._visit_start - self._visit_paused

    def timings(self) -> list[PhaseTiming]:
        """Planned against actual seconds for every phase, the running one so far."""
        result = []
        for index, phase in enumerate(self._phases):
            actual = self._actual.get(phase.id, 0.0)
            if index == self._index:
                actual += self._reading() - self._visit_start - self._visit_paused
            result.append(PhaseTiming(phase.id, phase.seconds, actual))
        return result
