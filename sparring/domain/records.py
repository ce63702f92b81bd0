"""What a session collects besides its events: notes, next steps, the evaluation.

Plain dataclasses with `to_dict`/`from_dict`; the store saves them, the UI shows them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Self

from sparring.domain.session import new_id, wall_now


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



@dataclass(frozen=True)
class EvaluationQuestion:
    """One question of the meeting evaluation, scored 1 to 5."""

    id: str
    en: str
    da: str


EVALUATION_QUESTIONS = (
    # Seed 004, the meeting score ("Var eller blev der ved mødets start klarhed ..."):
    EvaluationQuestion(
        "clear_agenda",
        "Was the agenda and purpose clear at the start?",
        "Var eller blev der ved mødets start klarhed over dagsorden og formål "
        "med de enkelte punkter?",
    ),
    EvaluationQuestion("on_time", "Did the meeting start on time?", "Begyndte mødet til tiden?"),
    EvaluationQuestion(
        "time_kept",
        "Was time kept well during the meeting?",
        "Var tidsstyringen under mødet tilfredsstillende?",
    ),
    EvaluationQuestion(
        "prepared", "Were the participants prepared?", "Var deltagerne ordentligt forberedte?"
    ),
    EvaluationQuestion(
        "made_sense",
        "Did the meeting make sense and meet its purpose?",
        "Gav mødet mening, opfyldte mødet sit formål?",
    ),
    EvaluationQuestion(
        "next_clear",
        "Was it clear at the end who does what next?",
        "Var det ved mødets slutning klart, hvad der videre skulle ske, hvem der "
        "havde bolden etc.?",
    ),
    EvaluationQuestion(
        "energy", "Did the meeting give energy?", "Var det et møde, som gav energi?"
    ),
    EvaluationQuestion("other", "Other: what?", "Andet, hvad?"),
    EvaluationQuestion(
        "overall",
        "All in all, what did you think of the meeting?",
        "Hvad synes du alt i alt om mødet?",
    ),
)
"""The nine questions of the meeting score, seed 004."""


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
                raise ValueError(f"unknown evaluation question '{question}'")
            if score is not None and (isinstance(score, bool) or score not in range(1, 6)):
                raise ValueError(f"score for '{question}' must be 1 to 5 or skipped")

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
