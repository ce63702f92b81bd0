"""Scenarios: a sparring protocol described as data.

A scenario names its phases (minutes, who speaks, who listens, prompts), the lenses the
case is looked at through and the kinds of insight the group collects. Every text is
given in English and Danish. A new protocol is a new file, not new code: see
`scenario_file` for how a file is read and checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("en", "da")
"""The languages every text of a scenario is given in."""

ROLES = ("case_owner", "reflecting_team", "each_other_member", "everyone")
"""Who can speak or listen in a phase, in the protocol's own words."""

TURN_MODES = ("none", "each_other_member")
"""How a phase is split into turns: not at all, or one turn per member but the case owner."""

TIME_UP_MODES = ("overtime", "advance")
"""What happens when a phase's time is up: count overtime until the timekeeper moves on,
or move on by itself."""

NOT_PHASE_IDS = frozenset({"setup", "checkout", "finished", "aborted"})
"""The protocol's states besides its phases (see `sparring.domain.protocol`): no phase
may take one of their ids."""


@dataclass(frozen=True)
class Text:
    """One text of a scenario in every language."""

    en: str
    da: str

    def get(self, language: str) -> str:
        """The text in `language`, falling back to English."""
        return self.da if language == "da" else self.en


@dataclass(frozen=True)
class Lens:
    """One of the views the case owner presents the challenge through (purpose, ...)."""

    id: str
    name: Text
    hint: Text | None = None


@dataclass(frozen=True)
class InsightKind:
    """A kind of insight the group collects (consideration, awareness, ...)."""

    id: str
    name: Text


@dataclass(frozen=True)
class Phase:
    """One timed step of the protocol."""

    id: str
    minutes: float
    title: Text
    who: Text
    speakers: str
    listeners: str | None
    prompts: tuple[Text, ...]
    lenses: tuple[str, ...] = ()
    insight_kinds: tuple[str, ...] = ()
    turns: str = "none"
    on_time_up: str = "overtime"

    @property
    def seconds(self) -> float:
        """The planned length of the phase in seconds."""
        return self.minutes * 60

    @property
    def has_turns(self) -> bool:
        """Whether the phase is a round with one turn per member but the case owner."""
        return self.turns != "none"


@dataclass(frozen=True)
class Scenario:
    """A whole protocol: its phases in order, its lenses and its insight kinds."""

    id: str
    title: Text
    source: str
    challenge: Text | None
    min_members: int
    max_members: int
    recommended_members: int
    phases: tuple[Phase, ...]
    lenses: tuple[Lens, ...]
    insight_kinds: tuple[InsightKind, ...]
    path: Path | None = None

    @property
    def total_minutes(self) -> float:
        """The planned length of the whole protocol in minutes."""
        return sum(phase.minutes for phase in self.phases)

    def phase(self, phase_id: str) -> Phase:
        """The phase with this id."""
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def lens(self, lens_id: str) -> Lens:
        """The lens with this id."""
        for lens in self.lenses:
            if lens.id == lens_id:
                return lens
        raise KeyError(lens_id)

    def insight_kind(self, kind_id: str) -> InsightKind:
        """The insight kind with this id."""
        for kind in self.insight_kinds:
            if kind.id == kind_id:
                return kind
        raise KeyError(kind_id)
