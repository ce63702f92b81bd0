"""Sessions as rows of the history's sessions table, and the full line under it."""

from __future__ import annotations

from rich.text import Text

from sparring.domain.catalogue import Catalogue
from sparring.store import SessionSummary
from sparring.ui.widgets.fitted_table import Column
from sparring.ui.widgets.note_table import day_text, local_moment, time_text

SESSION_COLUMNS = (
    Column("date", "Date", 10),
    Column("group", "Group", 12),
    Column("owner", "Case owner", 10),
    Column("case", "Case"),
    Column("length", "Length", 10),
    Column("notes", "Notes", 5, min_table_width=100, right=True),
    Column("scenario", "Scenario", 16, min_table_width=120),
)
"""The sessions table's columns: notes and scenario only where the table is wide."""

UNFINISHED = "unfinished"
EN_DASH = "\u2013"


def minutes(summary: SessionSummary) -> int | None:
    """Whole minutes from the session's start to its finish; None if it did not finish."""
    if summary.started_at is None or summary.finished_at is None:
        return None
    start, finish = local_moment(summary.started_at), local_moment(summary.finished_at)
    if start is None or finish is None:
        return None
    try:
        seconds = (finish - start).total_seconds()
    except TypeError:  # one time with a zone, one without
        return None
    return round(seconds / 60)


def length_text(summary: SessionSummary) -> str:
    """Minutes from the session's start to its finish ("36 min"), or "unfinished"."""
    length = minutes(summary)
    return UNFINISHED if length is None else f"{length} min"


def scenario_title(summary: SessionSummary, catalogue: Catalogue) -> str:
    """The session's scenario by its title, or its id where the scenario is gone."""
    scenario = catalogue.scenarios.get(summary.scenario_id)
    return scenario.title.get(summary.language) if scenario else summary.scenario_id


def session_row(summary: SessionSummary, catalogue: Catalogue) -> list[str]:
    """A session as a row of `SESSION_COLUMNS`."""
    return [
        day_text(summary.date),
        summary.group,
        summary.case_owner or "",
        summary.case,
        length_text(summary),
        str(summary.note_count),
        scenario_title(summary, catalogue),
    ]


def session_detail(summary: SessionSummary, catalogue: Catalogue) -> Text:
    """The whole of a session's row: group, scenario, times, the case and the members."""
    when = time_text(summary.date)
    if summary.finished_at:
        when += f"{EN_DASH}{time_text(summary.finished_at)[11:]}"
    length = minutes(summary)
    head = [summary.group or "(no group name)", scenario_title(summary, catalogue), when,
            UNFINISHED if length is None else f"{length} minutes",
            f"{summary.note_count} note{'s' if summary.note_count != 1 else ''}"]
    detail = Text(" · ".join(head), style="bold", end="")
    detail.append("\n")
    if summary.case_owner:
        detail.append(f"{summary.case_owner}'s case: ", style="bold")
    detail.append(summary.case)
    detail.append("\n")
    detail.append("Members: ", style="bold")
    detail.append(", ".join(summary.participants))
    if summary.timekeeper:
        detail.append(f"; timekeeper {summary.timekeeper}")
    return detail
