"""The meeting evaluation's questions (seed 004), read from the data file shipped beside
this module, `evaluation.toml`: checked key by key, every problem named with the key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sparring.domain.toml_text import parse_toml
from sparring.i18n import current_language

SHIPPED = Path(__file__).with_name("evaluation.toml")
"""The data file of the meeting evaluation, shipped inside the package."""

TEXT_LANGUAGES = ("en", "da")
"""The languages every question and label is given in."""

_QUESTION_KEYS = ("id", "question", "label")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class EvaluationQuestion:
    """One question of the meeting evaluation, scored 1 to 5.

    Attributes:
        id: what its score is saved under.
        en: the question in English.
        da: the question in Danish, in the seed's words.
        label_en: its short name in English, for a chart's legend and title.
        label_da: its short name in Danish.
    """

    id: str
    en: str
    da: str
    label_en: str
    label_da: str

    def label(self, language: str) -> str:
        """The short name in `language`, falling back to English."""
        return self.label_da if language == "da" else self.label_en


class EvaluationFileError(Exception):
    """An evaluation file that cannot be used, with where and why.

    Attributes:
        source: the file.
        key: the dotted key the problem is at, e.g. "question[2].label.da" ("" for the
            file as a whole).
        reason: what is wrong, in a sentence.
    """

    def __init__(self, source: Path | str, key: str, reason: str):
        self.source = str(source)
        self.key = key
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}, key '{self.key}'" if self.key else self.source
        return f"{where}: {self.reason}"


def load_questions(source: Path | str = SHIPPED) -> tuple[EvaluationQuestion, ...]:
    """Read and check an evaluation file: the shipped one unless told another.

    Raises:
        EvaluationFileError: naming the file and the key that is wrong.
    """
    path = Path(source) if isinstance(source, str) else source
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise EvaluationFileError(path, "", f"cannot be read ({error.strerror})") from None
    try:
        data = parse_toml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise EvaluationFileError(path, "", "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise EvaluationFileError(path, "", f"is not valid TOML: {error}") from None
    return _Reader(path).questions(data)


class _Reader:
    """Checks the parsed TOML of one evaluation file and builds its questions."""

    def __init__(self, source: Path):
        self.source = source

    def fail(self, key: str, reason: str) -> EvaluationFileError:
        return EvaluationFileError(self.source, key, reason)

    def questions(self, data: dict[str, Any]) -> tuple[EvaluationQuestion, ...]:
        self.table(data, "", ("question",))
        entries = data["question"]
        if not isinstance(entries, list):
            raise self.fail("question", "must be an array of tables ([[question]])")
        if not entries:
            raise self.fail("question", "must hold at least one question")
        seen: dict[str, str] = {}
        result = []
        for index, entry in enumerate(entries):
            key = f"question[{index}]"
            question = self.question(entry, key)
            if question.id in seen:
                raise self.fail(
                    f"{key}.id", f"duplicate id '{question.id}' (as {seen[question.id]})"
                )
            seen[question.id] = key
            result.append(question)
        return tuple(result)

    def question(self, value: Any, key: str) -> EvaluationQuestion:
        entry = self.table(value, key, _QUESTION_KEYS)
        ident = self.string(entry["id"], f"{key}.id")
        if not _ID.match(ident):
            raise self.fail(
                f"{key}.id", f"'{ident}' is not an id (lower-case letters, digits, '_')"
            )
        question = self.texts(entry["question"], f"{key}.question")
        label = self.texts(entry["label"], f"{key}.label")
        return EvaluationQuestion(
            id=ident,
            en=question["en"],
            da=question["da"],
            label_en=label["en"],
            label_da=label["da"],
        )

    def texts(self, value: Any, key: str) -> dict[str, str]:
        table = self.table(value, key, TEXT_LANGUAGES)
        return {lang: self.string(table[lang], f"{key}.{lang}") for lang in TEXT_LANGUAGES}

    def table(self, value: Any, key: str, keys: tuple[str, ...]) -> dict[str, Any]:
        """`value` as a table holding exactly `keys`."""
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table")
        for name in value:
            if name not in keys:
                known = ", ".join(keys)
                raise self.fail(f"{key}.{name}" if key else name, f"unknown key (known: {known})")
        for name in keys:
            if name not in value:
                raise self.fail(f"{key}.{name}" if key else name, "is missing")
        return value

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be a non-empty string, not {value!r}")
        return value


EVALUATION_QUESTIONS: tuple[EvaluationQuestion, ...] = load_questions()
"""The nine questions of the meeting score, seed 004, in the seed's order."""


class QuestionLabels(Mapping[str, str]):
    """The evaluation questions' short names, by id, in the language spoken when read."""

    def __getitem__(self, question: str) -> str:
        for each in EVALUATION_QUESTIONS:
            if each.id == question:
                return each.label(current_language())
        raise KeyError(question)

    def __iter__(self) -> Iterator[str]:
        return (question.id for question in EVALUATION_QUESTIONS)

    def __len__(self) -> int:
        return len(EVALUATION_QUESTIONS)
