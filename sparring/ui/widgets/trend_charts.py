"""The two charts of a group's sessions, drawn with plotext: scores and minutes.

`ScoresChart` draws the meeting evaluation over a group's sessions, `MinutesChart`
planned against actual minutes per phase. Each is handed its numbers (from
`sparring.review`) with `show`, and draws them when Textual knows its size.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable
from typing import TypeVar

from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from sparring.review import EvaluationTrend, MinutesByPhase

_Item = TypeVar("_Item")


def _no_duplicates(data: Iterable[_Item]) -> list[_Item]:
    """`data` without repeats, in the order given."""
    return list(dict.fromkeys(data))


# plotext drops repeated ticks and points through a set, so the order it draws them in,
# and with it where a date under the scores chart lands when two would touch, changed
# from one run to the next (with Python's hash seed). Dropping them in order, as the
# commented-out line in plotext's own `no_duplicates` does, draws the same chart every
# time, which the snapshot tests rely on.
setattr(importlib.import_module("plotext._utility"), "no_duplicates", _no_duplicates)  # noqa: B010

MEAN_MARKER = "●"
"""How a session's mean score is marked on the line."""

QUESTION_MARKER = "◆"
"""How the chosen question's score is marked."""

DATE_WIDTH = 10
"""The width of a date under the scores chart (YYYY-MM-DD)."""


def tick_positions(count: int, width: int, label_width: int = DATE_WIDTH) -> list[int]:
    """Which of `count` sessions (from 0) get their date under a chart `width` wide.

    The first and the last always do; between them as many as fit, evenly spaced.
    """
    if count <= 0:
        return []
    room = max(1, (width - 4) // (label_width + 2))
    if count <= room:
        return list(range(count))
    if room == 1:
        return [count - 1]
    step = (count - 1) / (room - 1)
    return sorted({round(index * step) for index in range(room)})


MINUTE_STEPS = (1, 2, 5, 10, 15, 20, 30, 60)
"""The steps between the minutes under the minutes chart: round, so they read easily."""


def minute_ticks(highest: float, most: int) -> list[int]:
    """Round numbers of minutes from 0 past `highest`, at most `most` of them, evenly spaced.

    Every tick is a whole number of minutes and they are evenly spaced, so each one
    falls on a column of its own.
    """
    intervals = max(1, most - 1)
    step = next((step for step in MINUTE_STEPS if step * intervals >= highest), None)
    if step is None:
        step = -(-int(highest) // intervals)
    top = max(1, math.ceil(highest / step))
    return [step * index for index in range(top + 1)]


def _plain(text: str) -> str:
    """`text` without control characters: a chart is drawn from ANSI text, so a
    scenario's title must not be able to restyle it."""
    return "".join(char for char in text if char.isprintable())


def _rgb(color: str) -> tuple[int, int, int]:
    red, green, blue = Color.parse(color).rgb
    return (red, green, blue)


class _Chart(PlotextPlot):
    """A chart drawn afresh at each render, where its size is known: how many dates or
    minutes fit depends on it."""

    def render(self) -> RenderResult:
        plt = self.plt
        plt.clear_figure()
        self._draw(self.size.width, self.size.height)
        return super().render()

    def _draw(self, width: int, height: int) -> None:
        """Draw on the cleared `plt`, `width` by `height` cells."""


class ScoresChart(_Chart):
    """A group's evaluation over its sessions: each session's mean score as a line, and
    one question's scores beside it if one is chosen.

    Attributes:
        trend: the scores drawn.
        question: the id of the question drawn beside the mean, or None.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trend = EvaluationTrend(())
        self.question: str | None = None

    def show(self, trend: EvaluationTrend, question: str | None) -> None:
        """Draw `trend`, with `question` beside the mean."""
        self.trend = trend
        self.question = question
        self.refresh()

    def _draw(self, width: int, height: int) -> None:
        plt = self.plt
        variables = self.app.theme_variables
        sessions = self.trend.sessions
        count = len(sessions)
        mean = self.trend.points()
        if mean:
            xs = [index + 1 for index, _ in mean]
            ys = [value for _, value in mean]
            color = _rgb(variables.get("primary", "blue"))
            if len(xs) > 1:
                plt.plot(xs, ys, marker="braille", color=color)
            plt.scatter(xs, ys, marker=MEAN_MARKER, color=color)
        if self.question is not None:
            points = self.trend.points(self.question)
            if points:
                plt.scatter(
                    [index + 1 for index, _ in points],
                    [value for _, value in points],
                    marker=QUESTION_MARKER,
                    color=_rgb(variables.get("warning", "orange")),
                )
        # The canvas is the widget less the frame and the dates. A whole number of rows
        # per point of the score puts each score's tick on a row of its own.
        # The rows left over go half below 1 and half above 5.
        rows = max(5, height - 3)
        rows_per_point = max(1, (rows - 1) // 4)
        spare = rows - 1 - 4 * rows_per_point
        below = spare // 2
        plt.ylim(1 - below / rows_per_point, 5 + (spare - below) / rows_per_point)
        plt.yticks([1, 2, 3, 4, 5])
        plt.xlim(0.5, count + 0.5)
        ticks = tick_positions(count, width)
        plt.xticks([index + 1 for index in ticks], [sessions[index].date for index in ticks])


class MinutesChart(_Chart):
    """Planned against actual minutes per phase, the mean across a group's sessions.

    Each phase has two bars side by side, planned above actual, lying down so that a
    minute is a few columns wide: standing up, at 24 lines a row would be two minutes.

    Attributes:
        minutes: the minutes drawn, or None before any are shown.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.minutes: MinutesByPhase | None = None

    def show(self, minutes: MinutesByPhase) -> None:
        """Draw `minutes`."""
        self.minutes = minutes
        count = len(minutes.phases)
        # Two rows a phase and a row between phases, plus the frame and the minutes.
        self.styles.min_height = 2 * count + 3
        self.styles.max_height = 3 * count + 2
        self.refresh(layout=True)

    def _draw(self, width: int, height: int) -> None:
        plt = self.plt
        minutes = self.minutes
        if minutes is None or not minutes.phases:
            return
        variables = self.app.theme_variables
        phases = minutes.phases
        # The canvas is the widget less the frame and the minutes under it. With the
        # plot's limits on the first and last row, each bar is a row of its own.
        rows = max(2 * len(phases), height - 3)
        per_phase = 3 if rows >= 3 * len(phases) - 1 else 2
        planned_rows = [rows - per_phase * index for index in range(len(phases))]
        plt.bar(
            planned_rows,
            [phase.mean_planned for phase in phases],
            orientation="horizontal",
            width=0.3,
            marker="sd",
            color=_rgb(variables.get("primary", "blue")),
        )
        plt.bar(
            [row - 1 for row in planned_rows],
            [phase.mean_actual for phase in phases],
            orientation="horizontal",
            width=0.3,
            marker="sd",
            color=_rgb(variables.get("warning", "orange")),
        )
        plt.ylim(1, rows)
        room = max(4, width // 4)
        plt.yticks([float(row) for row in planned_rows], [_plain(p.title)[:room] for p in phases])
        highest = max(max(p.mean_planned, p.mean_actual) for p in phases)
        ticks = minute_ticks(highest, max(2, (width - room - 4) // 6))
        plt.xlim(0, ticks[-1])
        plt.xticks([float(tick) for tick in ticks], [str(tick) for tick in ticks])


__all__ = [
    "MEAN_MARKER",
    "QUESTION_MARKER",
    "MinutesChart",
    "ScoresChart",
    "minute_ticks",
    "tick_positions",
]
