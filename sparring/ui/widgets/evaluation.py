"""The meeting evaluation of seed 004: nine questions, each scored 1 to 5 or skipped."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label

from sparring.domain.records import EVALUATION_QUESTIONS, Evaluation, EvaluationQuestion
from sparring.i18n import N_, _

SCORES: tuple[int | None, ...] = (None, 1, 2, 3, 4, 5)
"""The choices of a question, in the order left and right walk them: skipped, then 1 to 5."""

_SCORE_GROUP = Binding.Group(N_("Score"), compact=True)


def question_text(question: EvaluationQuestion, language: str) -> str:
    """The question in `language`, falling back to English."""
    return question.da if language == "da" else question.en


class ScoreInput(Widget, can_focus=True):
    """One question's score: a digit from 1 to 5 sets it, 0 skips it.

    Shown as `- 1 2 3 4 5` with the current choice marked; left and right move it.
    """

    DEFAULT_CSS = """
    ScoreInput {
        width: 18;
        height: 1;
        color: $text-muted;
    }
    ScoreInput:focus {
        background-tint: $foreground 15%;
        color: $foreground;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(value),
                f"score({value})",
                str(value),
                group=_SCORE_GROUP,
                id=f"evaluation.score_{value}",
                tooltip=N_("Score this question {score} of 5.").format(score=value),
            )
            for value in range(1, 6)
        ),
        Binding(
            "0",
            "score(None)",
            N_("Skip"),
            id="evaluation.skip",
            tooltip=N_("Leave this question without a score."),
        ),
        Binding(
            "left",
            "nudge(-1)",
            N_("Lower"),
            show=False,
            id="evaluation.lower",
            tooltip=N_("One lower (below 1 is skipped)."),
        ),
        Binding(
            "right",
            "nudge(1)",
            N_("Higher"),
            show=False,
            id="evaluation.higher",
            tooltip=N_("One higher."),
        ),
    ]

    score: reactive[int | None] = reactive(None, init=False)
    """The chosen score, or None when the question is skipped."""

    class Changed(Message):
        """The score of a question changed."""

        def __init__(self, score_input: ScoreInput, score: int | None) -> None:
            super().__init__()
            self.score_input = score_input
            self.score = score

        @property
        def control(self) -> ScoreInput:
            """The input that changed."""
            return self.score_input

    def __init__(self, question_id: str, score: int | None = None, *, id: str | None = None):
        super().__init__(id=id)
        self.question_id = question_id
        self.set_reactive(ScoreInput.score, score)

    def render(self) -> Content:
        # Cells of equal width, so the marked choice does not shift the others.
        parts: list[str | tuple[str, str]] = []
        for value in SCORES:
            label = f" {'-' if value is None else value} "
            parts.append((label, "bold reverse") if value == self.score else label)
        return Content.assemble(*parts)

    def watch_score(self, score: int | None) -> None:
        self.post_message(self.Changed(self, score))

    def action_score(self, score: int | None) -> None:
        """Set the score (None skips the question)."""
        self.score = score

    def action_nudge(self, step: int) -> None:
        """Move the score one step along `SCORES`, stopping at the ends."""
        index = SCORES.index(self.score) + step
        self.score = SCORES[max(0, min(index, len(SCORES) - 1))]


class EvaluationForm(VerticalGroup):
    """Every question of the meeting evaluation, and a line for what "other" is.

    Args:
        language: the language the questions are asked in.
        evaluation: an evaluation saved earlier, to start from.
    """

    DEFAULT_CSS = """
    EvaluationForm {
        height: auto;
    }
    EvaluationForm > .question-row {
        height: auto;
    }
    EvaluationForm .question {
        width: 1fr;
        padding-right: 1;
    }
    EvaluationForm #evaluation-other {
        margin-left: 3;
        width: 1fr;
    }
    """

    class Changed(Message):
        """A score or the "other" line changed."""

    def __init__(
        self, language: str, evaluation: Evaluation | None = None, *, id: str | None = None
    ):
        super().__init__(id=id)
        self._language = language
        self._evaluation = evaluation

    def compose(self) -> ComposeResult:
        saved = self._evaluation
        for number, question in enumerate(EVALUATION_QUESTIONS, start=1):
            score = saved.scores.get(question.id) if saved else None
            with HorizontalGroup(classes="question-row"):
                yield Label(
                    Content(f"{number}. {question_text(question, self._language)}"),
                    classes="question",
                )
                yield ScoreInput(question.id, score, id=f"score-{question.id}")
            if question.id == "other":
                yield Input(
                    saved.other if saved else "",
                    placeholder=_("Other: what?"),
                    compact=True,
                    id="evaluation-other",
                )

    def scores(self) -> dict[str, int | None]:
        """Every question's score, None where skipped."""
        return {field.question_id: field.score for field in self.query(ScoreInput)}

    @property
    def other(self) -> str:
        """What "other" is about, as typed."""
        return self.query_one("#evaluation-other", Input).value

    def evaluation(self, session_id: str) -> Evaluation:
        """The evaluation as the form stands."""
        return Evaluation(session_id=session_id, scores=self.scores(), other=self.other.strip())

    @on(ScoreInput.Changed)
    @on(Input.Changed, "#evaluation-other")
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())
