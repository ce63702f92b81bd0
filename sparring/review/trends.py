"""A group's sessions over time: its evaluation scores, and planned against actual minutes.

Learning groups meet for a year or more (seed 001: "12 måneder eller mere"); these
functions turn the sessions a group has finished into what the charts screen draws and
says. Everything here is plain data and plain functions over `StoredSession`s, so it is
tested without a UI; only `load_group` touches the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from statistics import fmean

from sparring.domain.evaluation import QuestionLabels
from sparring.domain.names import fold
from sparring.domain.records import EVALUATION_QUESTIONS, StoredSession
from sparring.domain.scenario import Scenario
from sparring.domain.timings import phase_timings
from sparring.formats import decimal_text, number_list
from sparring.i18n import N_, _, current_language, ngettext
from sparring.store import Archive, SessionSummary, StoreError, UnreadableFile

FINISHED = "finished"
"""The state of a session that ran to its end: the only ones charted."""

QUESTION_LABELS: Mapping[str, str] = QuestionLabels()
"""Short names of the evaluation questions (seed 004), for a chart's legend and title, in
the current language: the labels of `sparring/domain/evaluation.toml` (Danish ones in
Danish)."""

NO_GROUP_NAME = N_("(no group name)")
"""How a group is called whose sessions were saved without a group name (`str()` it)."""

_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _moment(text: str | None) -> datetime:
    """An ISO 8601 time as an aware datetime (UTC if it says no zone); earliest if unreadable."""
    if not text:
        return _EARLIEST
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _EARLIEST
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _number(value: float) -> str:
    """A score or a number of minutes with one decimal where needed, as the language writes
    it: 4.0 -> '4', 3.25 -> '3.2' (Danish '3,2')."""
    return decimal_text(value)


def display_group(group: str) -> str:
    """A group's name as typed, or a stand-in when the sessions were saved without one."""
    return group if group.strip() else str(NO_GROUP_NAME)


# -- which group, which sessions -------------------------------------------------------


def group_names(summaries: Iterable[SessionSummary]) -> list[str]:
    """Every group, once each however its name was capitalised, in alphabetical order.

    A name is given as typed in the group's newest session, since that is the spelling
    the group uses now.
    """
    newest: dict[str, SessionSummary] = {}
    for summary in summaries:
        key = fold(summary.group.strip())
        known = newest.get(key)
        if known is None or _moment(summary.date) > _moment(known.date):
            newest[key] = summary
    return sorted((summary.group for summary in newest.values()), key=lambda g: fold(g.strip()))


def default_group(summaries: Iterable[SessionSummary]) -> str | None:
    """The group of the newest session (as `group_names` spells it), or None if none."""
    listed = list(summaries)
    if not listed:
        return None
    newest = max(listed, key=lambda summary: _moment(summary.date))
    key = fold(newest.group.strip())
    return next(name for name in group_names(listed) if fold(name.strip()) == key)


def session_day(stored: StoredSession) -> str:
    """The day a session ran (or was set up), YYYY-MM-DD, as its summary shows it."""
    session = stored.session
    return (session.started_at or session.created_at)[:10]


def finished_sessions(
    sessions: Iterable[StoredSession], group: str | None = None
) -> list[StoredSession]:
    """The finished sessions, of `group` if given (any capitalisation), oldest first."""
    target = fold(group.strip()) if group is not None else None
    found = [
        stored
        for stored in sessions
        if stored.state == FINISHED
        and (target is None or fold(stored.session.group.strip()) == target)
    ]

    def when(stored: StoredSession) -> tuple[datetime, datetime, str]:
        session = stored.session
        return (
            _moment(session.started_at or session.created_at),
            _moment(session.created_at),
            session.id,
        )

    return sorted(found, key=when)


@dataclass(frozen=True)
class GroupSessions:
    """A group's finished sessions as the store has them.

    Attributes:
        group: the group's name as typed in its newest session.
        sessions: its finished sessions, oldest first.
        damaged: how many session files could not be read, so are left out: the
            group's own, and any file the store could not read at all (whose group
            cannot be known, so it may be this one).
    """

    group: str
    sessions: tuple[StoredSession, ...]
    damaged: int = 0


def load_group(store: Archive, group: str, *, rehearsals: bool = False) -> GroupSessions:
    """Read a group's finished sessions (any capitalisation of its name) from `store`.

    A file that cannot be read is counted in `damaged` and left out; the rest load.
    Rehearsals are left out unless `rehearsals`.
    """
    summaries = store.sessions(group=group, state=FINISHED, rehearsals=rehearsals)
    loaded: list[StoredSession] = []
    damaged = {error.path for error in store.damaged}
    for summary in summaries:
        try:
            loaded.append(store.load(summary.id))
        except UnreadableFile as error:
            damaged.add(error.path)
        except StoreError:
            continue  # removed since it was listed
    name = summaries[0].group if summaries else group
    return GroupSessions(name, tuple(finished_sessions(loaded)), len(damaged))


# -- evaluation scores -----------------------------------------------------------------


@dataclass(frozen=True)
class SessionScores:
    """One session's meeting evaluation (seed 004).

    Attributes:
        session_id: the session.
        date: the day it ran, YYYY-MM-DD.
        scores: every question's id, in the questions' order, with its score 1 to 5, or
            None where it was skipped or the evaluation was not filled in.
        overall: the mean of the answered questions; None when none was answered.
    """

    session_id: str
    date: str
    scores: dict[str, int | None]
    overall: float | None

    def value(self, question: str | None = None) -> float | None:
        """The score of `question`, or the overall mean when `question` is None."""
        if question is None:
            return self.overall
        score = self.scores.get(question)
        return float(score) if score is not None else None


@dataclass(frozen=True)
class EvaluationTrend:
    """A group's evaluation scores, one entry per finished session, oldest first."""

    sessions: tuple[SessionScores, ...]

    @property
    def evaluated(self) -> tuple[SessionScores, ...]:
        """The sessions with at least one question answered."""
        return tuple(entry for entry in self.sessions if entry.overall is not None)

    def points(self, question: str | None = None) -> list[tuple[int, float]]:
        """(position in `sessions`, score) of every session that has one, oldest first.

        Args:
            question: a question's id; None for each session's overall mean.
        """
        points = []
        for index, entry in enumerate(self.sessions):
            value = entry.value(question)
            if value is not None:
                points.append((index, value))
        return points

    def mean(self, question: str | None = None) -> float | None:
        """The mean over the sessions of `question`'s score (or of the overall mean)."""
        values = [value for _, value in self.points(question)]
        return fmean(values) if values else None


def evaluation_trend(sessions: Iterable[StoredSession]) -> EvaluationTrend:
    """The evaluation scores of the finished ones of `sessions`, oldest first."""
    entries = []
    for stored in finished_sessions(sessions):
        given = stored.evaluation.scores if stored.evaluation is not None else {}
        scores = {question.id: given.get(question.id) for question in EVALUATION_QUESTIONS}
        answered = [score for score in scores.values() if score is not None]
        entries.append(
            SessionScores(
                session_id=stored.session.id,
                date=session_day(stored),
                scores=scores,
                overall=fmean(answered) if answered else None,
            )
        )
    return EvaluationTrend(tuple(entries))


def describe_scores(
    trend: EvaluationTrend, group: str, question: str | None = None, *, latest: int = 12
) -> str:
    """The numbers of the scores chart in a sentence or two, for whoever cannot see it.

    Args:
        trend: the group's scores.
        group: the group's name, as typed.
        question: the question charted beside the overall mean, if any.
        latest: how many sessions' numbers to say at most, the latest ones; a group
            that has met for years would otherwise fill the screen.
    """
    name = display_group(group)
    if not trend.sessions:
        return _("No finished sessions yet for {group}.").format(group=name)
    evaluated = trend.evaluated
    if not evaluated:
        return _("No evaluations yet for {group}.").format(group=name)
    said = evaluated[-latest:]
    if len(evaluated) == 1:
        only = evaluated[0]
        text = _("Mean score on {date}: {score} of 5.").format(
            date=only.date, score=_number(only.overall or 0))
    else:
        which = (_("oldest first") if len(said) == len(evaluated)
                 else _("the last {count}").format(count=len(said)))
        means = number_list(_number(entry.overall or 0) for entry in said)
        text = _("Mean score (1-5) of {count} sessions, {which}: {means} "
                 "({first} to {last}).").format(count=len(evaluated), which=which, means=means,
                                                first=said[0].date, last=said[-1].date)
    missing = len(trend.sessions) - len(evaluated)
    if missing:
        text += " " + _("{count} without an evaluation.").format(count=missing)
    if question is not None:
        label = QUESTION_LABELS.get(question, question)
        answers = number_list(str(entry.scores.get(question) or _("skipped")) for entry in said)
        text += f" {label}: {answers}."
    return text


# -- planned against actual minutes ----------------------------------------------------


def scenarios_by_use(sessions: Iterable[StoredSession]) -> list[str]:
    """The scenario ids of the finished ones of `sessions`, the most used first.

    Of two used as often, the one used last comes first.
    """
    ordered = finished_sessions(sessions)
    counts = Counter(stored.session.scenario_id for stored in ordered)
    last_used = {stored.session.scenario_id: index for index, stored in enumerate(ordered)}
    return sorted(counts, key=lambda scenario_id: (-counts[scenario_id], -last_used[scenario_id]))


@dataclass(frozen=True)
class PhaseMinutes:
    """Planned against actual minutes of one phase, one entry per charted session.

    Attributes:
        phase_id: the scenario's id of the phase.
        title: the phase's title.
        planned: the planned minutes in each session, oldest first.
        actual: the minutes the phase ran in each session (pauses left out).
    """

    phase_id: str
    title: str
    planned: tuple[float, ...]
    actual: tuple[float, ...]

    @property
    def mean_planned(self) -> float:
        """The mean planned minutes across the sessions (0 without sessions)."""
        return fmean(self.planned) if self.planned else 0.0

    @property
    def mean_actual(self) -> float:
        """The mean actual minutes across the sessions (0 without sessions)."""
        return fmean(self.actual) if self.actual else 0.0


@dataclass(frozen=True)
class MinutesByPhase:
    """Planned against actual minutes per phase of one scenario across a group's sessions.

    Attributes:
        scenario_id: the scenario.
        title: its title.
        session_ids: the sessions charted, oldest first.
        dates: the day each of them ran.
        phases: one entry per phase of the scenario, in its order.
        not_timed: sessions of this scenario whose log no longer fits it (it was
            changed since) or that never started a phase; they are left out.
    """

    scenario_id: str
    title: str
    session_ids: tuple[str, ...]
    dates: tuple[str, ...]
    phases: tuple[PhaseMinutes, ...]
    not_timed: int = 0

    @property
    def count(self) -> int:
        """How many sessions the means are taken over."""
        return len(self.session_ids)


def _minutes_of(stored: StoredSession, scenario: Scenario) -> list[tuple[float, float]] | None:
    """(planned, actual) minutes per phase from replaying the log; None if it does not fit."""
    timings = phase_timings(scenario, stored.session, stored.last_clock_time)
    if timings is None:
        return None  # the scenario was changed in a way its old log no longer fits
    if not any(timing.actual_seconds > 0 for timing in timings):
        return None  # never started: nothing to compare with the plan
    return [(timing.planned_seconds / 60, timing.actual_seconds / 60) for timing in timings]


def minutes_by_phase(
    sessions: Iterable[StoredSession], scenario: Scenario, *, language: str | None = None
) -> MinutesByPhase:
    """Planned against actual minutes per phase of `scenario`, over the finished ones of
    `sessions` that ran it (sessions of other scenarios are left out).

    Args:
        sessions: a group's sessions.
        scenario: the protocol whose phases are charted.
        language: the language of the phase titles (default: the one spoken now).
    """
    language = language or current_language()
    phases = scenario.phases
    planned: list[list[float]] = [[] for _ in phases]
    actual: list[list[float]] = [[] for _ in phases]
    ids: list[str] = []
    dates: list[str] = []
    not_timed = 0
    for stored in finished_sessions(sessions):
        if stored.session.scenario_id != scenario.id:
            continue
        minutes = _minutes_of(stored, scenario)
        if minutes is None or len(minutes) != len(phases):
            not_timed += 1
            continue
        for index, (plan, ran) in enumerate(minutes):
            planned[index].append(plan)
            actual[index].append(ran)
        ids.append(stored.session.id)
        dates.append(session_day(stored))
    return MinutesByPhase(
        scenario_id=scenario.id,
        title=scenario.title.get(language),
        session_ids=tuple(ids),
        dates=tuple(dates),
        phases=tuple(
            PhaseMinutes(phase.id, phase.title.get(language), tuple(plan), tuple(ran))
            for phase, plan, ran in zip(phases, planned, actual, strict=True)
        ),
        not_timed=not_timed,
    )


def describe_minutes(minutes: MinutesByPhase, group: str) -> str:
    """The numbers of the minutes chart in a sentence, for whoever cannot see it."""
    if minutes.count == 0:
        text = _("No timed sessions of {scenario} yet for {group}.").format(
            scenario=minutes.title, group=display_group(group))
    else:
        pairs = number_list(
            f"{phase.title} {_number(phase.mean_planned)} / {_number(phase.mean_actual)}"
            for phase in minutes.phases
        )
        if minutes.count == 1:
            head = _("Minutes on {date}, planned / actual").format(date=minutes.dates[0])
        else:
            head = _("Mean minutes of {count} sessions, planned / actual").format(
                count=minutes.count)
        text = f"{head}: {pairs}."
    if minutes.not_timed:
        text += " " + ngettext(
            "{count} session could not be timed against this protocol.",
            "{count} sessions could not be timed against this protocol.",
            minutes.not_timed,
        ).format(count=minutes.not_timed)
    return text
