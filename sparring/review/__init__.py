"""Looking back over a group's sessions and forward to its next, without Textual.

A group meets for a year or more; `trends` turns its stored sessions into the numbers
the group looks at together (its meeting evaluation over time, planned against actual
minutes per phase), `planning` carries its last session into its next, and `export`
writes a session's readable summary, and `interchange` its whole record in the
interchange format (see docs/data.md) and reads such documents back.
"""

from __future__ import annotations

from sparring.review.export import export_markdown, status_name
from sparring.review.interchange import (
    Document,
    InterchangeError,
    export_session,
    phases_of,
    read_documents,
    session_from_document,
)
from sparring.review.planning import GroupStart, group_start
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
    "Document",
    "EvaluationTrend",
    "GroupSessions",
    "GroupStart",
    "InterchangeError",
    "MinutesByPhase",
    "PhaseMinutes",
    "SessionScores",
    "default_group",
    "describe_minutes",
    "describe_scores",
    "display_group",
    "evaluation_trend",
    "export_markdown",
    "export_session",
    "finished_sessions",
    "group_names",
    "group_start",
    "load_group",
    "minutes_by_phase",
    "phases_of",
    "read_documents",
    "scenarios_by_use",
    "session_day",
    "session_from_document",
    "status_name",
]
