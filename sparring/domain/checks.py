"""Checking stored and imported records field by field, before they become domain objects.

Session files and interchange documents hold the same records. Each function here
turns one plain record into its domain object, or raises `ShapeError` saying where and
what is wrong. Messages name fields, never their values: a value may be a note's text.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Any

from sparring.domain.clock import MAX_TIME_SCALE, usable_time_scale
from sparring.domain.evaluation import EVALUATION_QUESTIONS
from sparring.domain.records import NEXT_STEP_STATUSES, Evaluation, FollowUp, NextStep, Note
from sparring.domain.session import REHEARSAL_SCENARIO, Event, Participant, Session, new_id
from sparring.i18n import _

ID = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,63}\Z")
"""What a session id looks like: it names a file, so no dots, slashes or spaces (and no
line break at its end: `\\Z`, unlike `$`, does not let one through)."""

SECONDS = 1e9
"""The largest session clock time, in seconds (some 30 years): a larger number, NaN or
an infinity would break the countdown and the minutes of every later screen."""

EARLIEST, LATEST = datetime(2, 1, 1, tzinfo=UTC), datetime(9998, 12, 31, tzinfo=UTC)
"""The times a record may hold: a day inside the calendar's ends, so that the time can
be shown in every time zone (year 1 or 9999 with a UTC offset overflows)."""

SCALARS = str | int | float | bool | None

QUESTION_IDS = frozenset(question.id for question in EVALUATION_QUESTIONS)


def at(where: str, key: str) -> str:
    """The path of field `key` in the record at `where`."""
    return f"{where}.{key}" if where else key


class ShapeError(ValueError):
    """A record that is not what it should be: `where` (a field path) and `what`."""

    def __init__(self, where: str, what: str):
        self.where = where
        self.what = what
        super().__init__(f"{where}: {what}" if where else what)


def record(value: Any, where: str) -> dict[str, Any]:
    """`value` if it is a JSON object."""
    if not isinstance(value, dict):
        raise ShapeError(where, _("must be an object"))
    return value


def records(value: Any, where: str) -> list[dict[str, Any]]:
    """`value` if it is a list of JSON objects."""
    if not isinstance(value, list):
        raise ShapeError(where, _("must be a list"))
    return [record(item, f"{where}[{index}]") for index, item in enumerate(value)]


def unicode(value: str, where: str) -> str:
    """`value` if it can be stored as UTF-8 (JSON lets a lone surrogate through)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ShapeError(where, _("holds a lone surrogate, which is not text")) from None
    return value


def text(data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    """A string field; `default` when it is missing (required when no default)."""
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ShapeError(at(where, key), _("is missing") if key not in data else _("must be text"))
    return unicode(value, at(where, key))


def name(data: dict[str, Any], key: str, where: str) -> str:
    """A non-empty string field."""
    value = text(data, key, where)
    if not value.strip():
        raise ShapeError(at(where, key), _("must not be empty"))
    return value


def optional_text(data: dict[str, Any], key: str, where: str) -> str | None:
    """A string field that may be null or missing."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ShapeError(at(where, key), _("must be text or null"))
    return unicode(value, at(where, key))


def flag(data: dict[str, Any], key: str, where: str, default: bool) -> bool:
    """A true/false field; `default` when it is missing."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ShapeError(at(where, key), _("must be true or false"))
    return value


def finite(value: Any, where: str, low: float, high: float) -> float:
    """`value` as a float, if it is a number (not a boolean) from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ShapeError(where, _("must be a number"))
    # A huge whole number is compared as it is: float() of it would overflow.
    if not (low <= value <= high and math.isfinite(value)):
        raise ShapeError(where, _("must be a number from {low} to {high}").format(
            low=f"{low:g}", high=f"{high:g}"))
    return float(value)


def time_scale(data: dict[str, Any], where: str) -> float:
    """The speed a session's clock ran at (`time_scale`; 1, real time, when missing)."""
    value = data.get("time_scale", 1.0)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ShapeError(at(where, "time_scale"), _("must be a number"))
    if not usable_time_scale(value):
        raise ShapeError(at(where, "time_scale"), _(
            "must be a number above 0 and at most {most}").format(most=f"{MAX_TIME_SCALE:g}"))
    return float(value)


def number(data: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    """A number field (not a boolean): seconds on the session clock, from 0 to SECONDS."""
    if key not in data and default is None:
        raise ShapeError(at(where, key), _("is missing"))
    return finite(data.get(key, default), at(where, key), 0, SECONDS)


def moment(data: dict[str, Any], key: str, where: str) -> str:
    """An ISO 8601 time field, kept as written; a time without a zone is local."""
    value = text(data, key, where)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ShapeError(at(where, key), _("must be an ISO 8601 time")) from None
    # A day's margin either side: local time is at most a day off UTC.
    naive = parsed.replace(tzinfo=None)
    if not EARLIEST.replace(tzinfo=None) <= naive <= LATEST.replace(tzinfo=None):
        raise ShapeError(at(where, key), _("must be a time from the year 2 to the year 9998"))
    return value


def optional_moment(data: dict[str, Any], key: str, where: str) -> str | None:
    """An ISO 8601 time field that may be null or missing."""
    if data.get(key) is None:
        return None
    return moment(data, key, where)


_SPACE = re.compile(r"\s")
"""Whitespace as `str.isspace` sees it (both use Unicode's White_Space)."""


def identifier(data: dict[str, Any], key: str, where: str) -> str:
    """An id field: non-empty text without spaces."""
    value = name(data, key, where)
    if _SPACE.search(value):  # a regex: every id of every note is checked on every read
        raise ShapeError(at(where, key), _("must be an id without spaces"))
    return value


def session_id(data: dict[str, Any], key: str, where: str) -> str:
    """A session id: letters, digits, '-' and '_' (it names a file)."""
    value = text(data, key, where)
    if not ID.fullmatch(value):
        raise ShapeError(at(where, key), _("is not a session id (letters, digits, '-', '_')"))
    return value


def participant(data: dict[str, Any], where: str) -> Participant:
    """A member and their challenge."""
    return Participant(
        name=name(data, "name", where),
        challenge=text(data, "challenge", where, ""),
        case_id=identifier(data, "case_id", where) if "case_id" in data else new_id(),
    )


def event(data: dict[str, Any], where: str) -> Event:
    """One trigger of the protocol's log."""
    args = data.get("args", {})
    if not isinstance(args, dict):
        raise ShapeError(at(where, "args"), _("must be an object"))
    for key, value in args.items():
        unicode(key, at(where, "args"))
        if not isinstance(value, SCALARS):
            raise ShapeError(
                at(where, f"args.{key}"), _("must be text, a number, true/false or null")
            )
        if isinstance(value, str):
            unicode(value, at(where, f"args.{key}"))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            finite(value, at(where, f"args.{key}"), -SECONDS, SECONDS)
    if "minutes" in args:
        finite(args["minutes"], at(where, "args.minutes"), -24 * 60, 24 * 60)
    return Event(
        trigger=name(data, "trigger", where),
        at=number(data, "at", where),
        wall=moment(data, "wall", where),
        args=dict(args),
        to=optional_text(data, "to", where),
    )


def note(data: dict[str, Any], where: str, session: str) -> Note:
    """A note of session `session`."""
    turn = data.get("turn")
    if turn is not None and (
        isinstance(turn, bool) or not isinstance(turn, int) or not 0 <= turn < 1000
    ):
        raise ShapeError(at(where, "turn"), _("must be a whole number from 0 to 999 or null"))
    return Note(
        session_id=session,
        id=identifier(data, "id", where),
        phase=identifier(data, "phase", where),
        text=text(data, "text", where),
        about=optional_text(data, "about", where),
        author=optional_text(data, "author", where),
        lens=optional_text(data, "lens", where),
        kind=optional_text(data, "kind", where),
        at=moment(data, "at", where),
        clock=number(data, "clock", where, 0.0),
        turn=turn,
    )


def status(data: dict[str, Any], where: str) -> str:
    """Where a next step stands: one of NEXT_STEP_STATUSES."""
    value = text(data, "status", where, "open")
    if value not in NEXT_STEP_STATUSES:
        raise ShapeError(at(where, "status"), _("must be one of {choices}").format(
            choices=", ".join(NEXT_STEP_STATUSES)))
    return value


def next_step(data: dict[str, Any], where: str, session: str) -> NextStep:
    """A next step of session `session`."""
    return NextStep(
        session_id=session,
        id=identifier(data, "id", where),
        who=text(data, "who", where),
        text=text(data, "text", where),
        status=status(data, where),
        comment=text(data, "comment", where, ""),
        at=moment(data, "at", where),
    )


def follow_up(data: dict[str, Any], where: str, session: str) -> FollowUp:
    """A follow-up, made in session `session`, of a next step from an earlier session."""
    return FollowUp(
        session_id=session,
        id=identifier(data, "id", where),
        next_step_id=identifier(data, "next_step_id", where),
        from_session_id=identifier(data, "from_session_id", where),
        who=text(data, "who", where),
        text=text(data, "text", where),
        status=status(data, where),
        comment=text(data, "comment", where, ""),
        at=moment(data, "at", where),
    )


def evaluation(data: dict[str, Any], where: str, session: str) -> Evaluation:
    """The meeting evaluation of session `session`."""
    scores = data.get("scores", {})
    if not isinstance(scores, dict):
        raise ShapeError(at(where, "scores"), _("must be an object"))
    for key in scores:
        unicode(key, at(where, "scores"))
        if key not in QUESTION_IDS:  # (the key is not quoted: it may be anything)
            raise ShapeError(at(where, "scores"), _("names a question Sparring does not ask"))
    try:
        return Evaluation(
            session_id=session,
            scores=dict(scores),
            other=text(data, "other", where, ""),
            at=moment(data, "at", where),
        )
    except ValueError as error:
        if isinstance(error, ShapeError):
            raise
        raise ShapeError(at(where, "scores"), str(error)) from None


def unique_ids(items: list[Any], where: str) -> None:
    """Refuse two records with the same id."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            raise ShapeError(f"{where}[{index}].id", _("repeats the id of an earlier one"))
        seen.add(item.id)


def session_record(data: dict[str, Any], where: str) -> Session:
    """The session record (without events) from plain data, checked."""
    participants = [
        participant(item, f"{where}.participants[{index}]")
        for index, item in enumerate(records(data.get("participants", []), where))
    ]
    return Session(
        id=session_id(data, "id", where),
        scenario_id=identifier(data, "scenario", where),
        group=text(data, "group", where, ""),
        language=text(data, "language", where, "en"),
        rehearsal=flag(data, "rehearsal", where, data.get("scenario") == REHEARSAL_SCENARIO),
        time_scale=time_scale(data, where),
        created_at=moment(data, "created_at", where),
        participants=participants,
        case_owner=optional_text(data, "case_owner", where),
        timekeeper=optional_text(data, "timekeeper", where),
    )
