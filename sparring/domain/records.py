"""What a session collects besides its events: notes, next steps, the evaluation.

Plain dataclasses with `to_dict`/`from_dict`; the store saves them, the UI shows them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Self

from sparring.domain.evaluation import EVALUATION_QUESTIONS as EVALUATION_QUESTIONS
from sparring.domain.evaluation import EvaluationQuestion as EvaluationQuestion
from sparring.domain.session import Session, new_id, wall_now
from sparring.i18n import _


@dataclass
class Record:
    """Plain data to and from dicts: what the store writes and the interchange format."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """The record from plain data; keys it does not know are left out."""
        known = (f.name for f in fields(cls))
        return cls(**{key: data[key] for key in known if key in data})


NEXT_STEP_STATUSES = ("open", "done", "in_progress", "dropped")
"""Where a next step stands; set at the follow-up of the group's next session."""


@dataclass
class Note(Record):
    """One insight said in the room and written down.

    Attributes:
        session_id: the session it was said in.
        phase: the phase it was said in.
        text: what was said, exactly as typed.
        about: the member whose case the note is on.
        author: who said it, if known.
        lens: a lens of the scenario (purpose, ...), or None.
        kind: an insight kind of the scenario (consideration, ...), or None.
        at: wall-clock time it was written, ISO 8601.
        clock: session clock time it was written, in seconds.
        turn: the round's turn it was said in, if any.
    """

    session_id: str
    phase: str
    text: str
    about: str | None = None
    author: str | None = None
    lens: str | None = None
    kind: str | None = None
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=wall_now)
    clock: float = 0.0
    turn: int | None = None


@dataclass
class NextStep(Record):
    """What a member will try before the group meets again."""

    session_id: str
    who: str
    text: str
    status: str = "open"
    comment: str = ""
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=wall_now)


@dataclass
class FollowUp(Record):
    """At check-in: where a next step from an earlier session stands now."""

    session_id: str
    next_step_id: str
    from_session_id: str
    who: str
    text: str
    status: str
    comment: str = ""
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=wall_now)


# The nine questions of the meeting score (seed 004) are data: sparring/domain/evaluation.toml,
# read and checked once by sparring.domain.evaluation.


@dataclass
class Evaluation:
    """The group's meeting score: each question 1 to 5, or None where skipped."""

    session_id: str
    scores: dict[str, int | None] = field(default_factory=dict)
    other: str = ""
    at: str = field(default_factory=wall_now)

    def __post_init__(self) -> None:
        known = {q.id for q in EVALUATION_QUESTIONS}
        for question, score in self.scores.items():
            if question not in known:
                raise ValueError(_("unknown evaluation question '{question}'").format(
                    question=question))
            if score is not None and (isinstance(score, bool) or score not in range(1, 6)):
                raise ValueError(_("score for '{question}' must be 1 to 5 or skipped").format(
                    question=question))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evaluation:
        return cls(
            session_id=str(data["session_id"]),
            scores=dict(data.get("scores") or {}),
            other=str(data.get("other", "")),
            at=str(data.get("at") or wall_now()),
        )


@dataclass
class StoredSession:
    """Everything stored of one session."""

    session: Session
    state: str
    notes: list[Note] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    evaluation: Evaluation | None = None
    draft: str = ""
    draft_clock: float = 0.0
    """The session clock time when the draft was last kept: a running session keeps it
    every few seconds, so that after a kill its countdown resumes close to where it was."""

    @property
    def last_clock_time(self) -> float:
        """The latest session clock time anything was stored at: where a resume carries on."""
        times = [self.session.last_clock_time, self.draft_clock,
                 *(note.clock for note in self.notes)]
        return max(times)
