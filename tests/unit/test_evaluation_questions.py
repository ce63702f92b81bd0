"""The meeting evaluation's nine questions (seed 004) are data: the shipped file loads to
them in the seed's order, and a broken file is refused with the key that is wrong."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sparring.domain import evaluation, records
from sparring.domain.evaluation import (
    SHIPPED,
    EvaluationFileError,
    EvaluationQuestion,
    load_questions,
)
from sparring.review import trends

SEED_QUESTIONS = [
    # Seed 004, "Scor mødet på en skala fra 1-5", in its order and its words.
    "Var eller blev der ved mødets start klarhed over dagsorden og formål med de enkelte punkter?",
    "Begyndte mødet til tiden?",
    "Var tidsstyringen under mødet tilfredsstillende?",
    "Var deltagerne ordentligt forberedte?",
    "Gav mødet mening, opfyldte mødet sit formål?",
    "Var det ved mødets slutning klart, hvad der videre skulle ske, hvem der havde bolden etc.?",
    "Var det et møde, som gav energi?",
    "Andet, hvad?",
    "Hvad synes du alt i alt om mødet?",
]

IDS = [
    "clear_agenda",
    "on_time",
    "time_kept",
    "prepared",
    "made_sense",
    "next_clear",
    "energy",
    "other",
    "overall",
]


def test_the_shipped_file_loads_to_the_nine_questions_in_seed_order():
    questions = load_questions()
    assert [q.id for q in questions] == IDS
    assert [q.da for q in questions] == SEED_QUESTIONS
    assert questions[0].en == "Was the agenda and purpose clear at the start?"
    assert questions[-1].en == "All in all, what did you think of the meeting?"
    for question in questions:
        for text in (question.en, question.da, question.label_en, question.label_da):
            assert text.strip()
        assert question.en != question.da
    assert [q.label_da for q in questions][:2] == ["Klar dagsorden", "Til tiden"]
    assert questions[-1].label_da == "Alt i alt"


def test_the_shipped_file_is_inside_the_package():
    assert SHIPPED.is_file()
    assert Path(str(SHIPPED)).parent == Path(evaluation.__file__).parent


def test_the_records_keep_the_questions_under_their_old_names():
    assert load_questions() == records.EVALUATION_QUESTIONS
    assert isinstance(records.EVALUATION_QUESTIONS, tuple)
    assert records.EvaluationQuestion is EvaluationQuestion
    assert all(isinstance(q, EvaluationQuestion) for q in records.EVALUATION_QUESTIONS)
    # The evaluation checks its scores against the data's ids.
    assert records.Evaluation("s", scores={"overall": 4}).scores == {"overall": 4}
    with pytest.raises(ValueError, match="unknown evaluation question 'vibes'"):
        records.Evaluation("s", scores={"vibes": 4})


def test_the_chart_labels_come_from_the_data():
    assert {q.id: q.label_en for q in load_questions()} == trends.QUESTION_LABELS
    assert list(trends.QUESTION_LABELS) == IDS
    assert trends.QUESTION_LABELS["on_time"] == "Started on time"
    assert trends.QUESTION_LABELS["next_clear"] == "Next steps clear"


def test_a_label_is_given_in_the_language_asked_for_falling_back_to_english():
    question = EvaluationQuestion("x", "Q?", "S?", "Label", "Etiket")
    assert question.label("da") == "Etiket"
    assert question.label("en") == "Label"
    assert question.label("sv") == "Label"


def test_loading_the_questions_does_not_import_textual():
    code = (
        "import sys\n"
        "import sparring.domain.evaluation, sparring.domain.records\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _shipped_text() -> str:
    return SHIPPED.read_text(encoding="utf-8")


def _replace(old: str, new: str) -> Callable[[], str]:
    """The shipped file with `old` made `new`, made when the test runs."""

    def broken() -> str:
        text = _shipped_text()
        assert old in text, f"the shipped file has no {old!r} to break"
        return text.replace(old, new, 1)

    return broken


def _whole(text: str) -> Callable[[], str]:
    return lambda: text


BROKEN = {
    "missing label": (
        _replace('label = { en = "Time kept", da = "Tidsstyring" }\n', ""),
        "question[2].label",
        "is missing",
    ),
    "missing Danish label": (
        _replace(
            'label = { en = "Time kept", da = "Tidsstyring" }', 'label = { en = "Time kept" }'
        ),
        "question[2].label.da",
        "is missing",
    ),
    "missing id": (
        _replace('id = "prepared"\n', ""),
        "question[3].id",
        "is missing",
    ),
    "missing question": (
        _replace(
            'question = { en = "Other: what?", da = "Andet, hvad?" }\n',
            "",
        ),
        "question[7].question",
        "is missing",
    ),
    "no questions at all": (
        _whole("# nothing here\n"),
        "question",
        "is missing",
    ),
    "id not a string": (
        _replace('id = "clear_agenda"', "id = 1"),
        "question[0].id",
        "must be a non-empty string",
    ),
    "question not a table": (
        _replace(
            'question = { en = "Did the meeting start on time?", '
            'da = "Begyndte mødet til tiden?" }',
            'question = "Did the meeting start on time?"',
        ),
        "question[1].question",
        "must be a table",
    ),
    "English question not a string": (
        _replace('en = "Did the meeting give energy?"', "en = true"),
        "question[6].question.en",
        "must be a non-empty string",
    ),
    "empty Danish label": (
        _replace('da = "Alt i alt"', 'da = " "'),
        "question[8].label.da",
        "must be a non-empty string",
    ),
    "questions not an array": (
        _whole('question = "clear_agenda"\n'),
        "question",
        "must be an array",
    ),
    "duplicate id": (
        _replace('id = "on_time"', 'id = "clear_agenda"'),
        "question[1].id",
        "duplicate id 'clear_agenda'",
    ),
    "unknown key": (
        _replace('id = "energy"\n', 'id = "energy"\nscore = 3\n'),
        "question[6].score",
        "unknown key",
    ),
}


@pytest.mark.parametrize("broken", BROKEN.values(), ids=list(BROKEN))
def test_a_broken_file_is_refused_naming_the_key(tmp_path, broken):
    make, key, reason = broken
    path = tmp_path / "evaluation.toml"
    path.write_text(make(), encoding="utf-8")
    with pytest.raises(EvaluationFileError) as caught:
        load_questions(path)
    error = caught.value
    assert error.key == key
    assert reason in error.reason
    assert str(error).startswith(f"{path}, key '{key}': ")


def test_a_file_that_is_not_toml_or_not_there_is_refused(tmp_path):
    path = tmp_path / "evaluation.toml"
    path.write_text("[[question]\nid = ", encoding="utf-8")
    with pytest.raises(EvaluationFileError, match="is not valid TOML"):
        load_questions(path)
    with pytest.raises(EvaluationFileError, match="cannot be read"):
        load_questions(tmp_path / "missing.toml")
