"""Looking back over a group's sessions: what the charts screen draws, without Textual.

A group meets for a year or more; `trends` turns its stored sessions into the numbers
the group looks at together: its meeting evaluation over time, and planned against
actual minutes per phase.
"""

from __future__ import annotations

from sparring.review.trends import (
    NO_GROUP_NAME,
    QUESTION_LABELS,
    EvaluationTrend,
    GroupSessions,
    MinutesByPhase,
    PhaseMinutes,
    SessionScores,
    default_group,
    describe_minutes,
    describe_scores,
    display_group,
    evaluation_trend,
    finished_sessions,
    group_names,
    load_group,
    minutes_by_phase,
    scenarios_by_use,
    session_day,
)

__all__ = [
    "NO_GROUP_NAME",
    "QUESTION_LABELS",
    "EvaluationTrend",
    "GroupSessions",
    "MinutesByPhase",
    "PhaseMinutes",
    "SessionScores",
    "default_group",
    "describe_minutes",
    "describe_scores",
    "display_group",
    "evaluation_trend",
    "finished_sessions",
    "group_names",
    "load_group",
    "minutes_by_phase",
    "scenarios_by_use",
    "session_day",
]
