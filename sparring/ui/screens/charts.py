"""Charts of a group over its sessions: where people would rather look than read.

Two charts for the group the timekeeper picks: its meeting evaluation (seed 004) over
its sessions, and planned against actual minutes per phase, the mean across its
sessions. Under each chart a line says the same numbers in words, for screen readers
and for a group with one session, where a chart says little. The numbers come from
`sparring.review`; this module only draws them.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable
from typing import ClassVar, TypeVar

from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Select, Static
from textual_plotext import PlotextPlot

from sparring.domain.catalogue import Catalogue
from sparring.domain.records import EVALUATION_QUESTIONS
from sparring.review import (
    QUESTION_LABELS,
    EvaluationTrend,
    GroupSessions,
    MinutesByPhase,
    default_group,
    describe_minutes,
    describe_scores,
    display_group,
    evaluation_trend,
    group_names,
    load_group,
    minutes_by_phase,
    scenarios_by_use,
)
from sparring.store import SessionStore
from sparring.store.index import fold

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


class ScoresChart(PlotextPlot):
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

    def render(self) -> RenderResult:
        # Drawn here, where the size is known: how many dates fit depends on it.
        self._draw(self.size.width, self.size.height)
        return super().render()

    def _draw(self, width: int, height: int) -> None:
        plt = self.plt
        plt.clear_figure()
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


class MinutesChart(PlotextPlot):
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

    def render(self) -> RenderResult:
        self._draw(self.size.width, self.size.height)
        return super().render()

    def _draw(self, width: int, height: int) -> None:
        plt = self.plt
        plt.clear_figure()
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


class ChartsScreen(Screen[None]):
    """A group's sessions as charts: its evaluation over time, and its minutes per phase.

    Args:
        store: where the sessions are; it is only read, so a read-only store will do.
        catalogue: the scenarios, for the phases and planned minutes.
        group: the group to show first (any capitalisation); else the group of the
            newest session.
    """

    DEFAULT_CSS = """
    ChartsScreen #picker {
        height: 1;
        padding: 0 1;
    }
    ChartsScreen #picker Label {
        padding-right: 1;
        text-style: bold;
    }
    ChartsScreen #group {
        width: 34;
    }
    ChartsScreen #status {
        width: 1fr;
        padding-left: 2;
        color: $text-muted;
    }
    ChartsScreen #charts {
        height: 1fr;
    }
    ChartsScreen .column {
        width: 1fr;
        height: 1fr;
    }
    ChartsScreen PlotextPlot {
        height: 1fr;
        min-height: 8;
    }
    ChartsScreen .chart-title {
        width: 1fr;
        text-align: center;
        text-style: bold;
    }
    ChartsScreen .says {
        padding: 0 1;
    }
    ChartsScreen .says.-empty {
        color: $text-muted;
        text-style: italic;
        padding: 1 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "g",
            "pick_group",
            "Group",
            id="charts.group",
            tooltip="Choose the group whose sessions the charts show.",
        ),
        Binding(
            "q",
            "next_question",
            "Question",
            id="charts.question",
            tooltip="Show one evaluation question beside the mean score; again for the next.",
        ),
        Binding(
            "p",
            "next_protocol",
            "Protocol",
            id="charts.protocol",
            tooltip="Chart the minutes of the group's sessions of another protocol.",
        ),
        Binding(
            "escape",
            "close",
            "Close",
            id="charts.close",
            tooltip="Leave the charts.",
        ),
    ]

    def __init__(self, store: SessionStore, catalogue: Catalogue, *, group: str | None = None):
        super().__init__()
        self.store = store
        self.catalogue = catalogue
        summaries = store.sessions()
        self.groups: list[str] = group_names(summaries)
        """Every group in the store, as each spells its name now."""
        chosen = self._known(group) if group is not None else None
        if group is not None and chosen is None:
            # Asked for a group with no sessions yet: it is offered, and shown empty.
            self.groups.append(group)
            chosen = group
        self.group: str | None = chosen if chosen is not None else default_group(summaries)
        """The group shown."""
        self.history = GroupSessions(self.group or "", ())
        """Its finished sessions, oldest first."""
        self.trend = EvaluationTrend(())
        """Its evaluation scores."""
        self.question: str | None = None
        """The question shown beside the mean score, or None."""
        self.scenario_ids: list[str] = []
        """The protocols of its sessions, the most used first."""
        self.scenario_id: str | None = None
        """The protocol whose minutes are charted."""

    def _known(self, group: str) -> str | None:
        key = fold(group.strip())
        return next((name for name in self.groups if fold(name.strip()) == key), None)

    # -- building ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="picker"):
            yield Label("Group")
            yield Select[str](
                [(Content(display_group(name)), name) for name in self.groups],
                value=self.group if self.group is not None else Select.NULL,
                allow_blank=self.group is None,
                prompt="No groups yet",
                compact=True,
                disabled=not self.groups,
                id="group",
            )
            yield Static(id="status", markup=False)
        # Side by side: the minutes lie down, so each chart has the height it needs.
        with Horizontal(id="charts"):
            with Vertical(classes="column"):
                yield Static(id="scores-title", classes="chart-title", markup=False)
                yield ScoresChart(id="scores")
                yield Static(id="scores-text", classes="says", markup=False)
            with Vertical(classes="column"):
                yield Static(id="minutes-title", classes="chart-title", markup=False)
                yield MinutesChart(id="minutes")
                yield Static(id="minutes-text", classes="says", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._load()
        self.query_one("#group", Select).focus()

    # -- what is shown -----------------------------------------------------------------

    def _load(self) -> None:
        """Read the group's sessions and show them from the default protocol on."""
        if self.group is None:
            self.history = GroupSessions("", ())
        else:
            self.history = load_group(self.store, self.group)
        self.trend = evaluation_trend(self.history.sessions)
        self.scenario_ids = scenarios_by_use(self.history.sessions)
        self.scenario_id = self.scenario_ids[0] if self.scenario_ids else None
        self._show_status()
        self._show_scores()
        self._show_minutes()
        self.refresh_bindings()

    def _show_status(self) -> None:
        count = len(self.history.sessions)
        parts = [f"{count} finished session{'s' if count != 1 else ''}"] if self.group else []
        if self.history.damaged:
            damaged = self.history.damaged
            parts.append(f"{damaged} file{'s' if damaged != 1 else ''} could not be read")
        if len(self.scenario_ids) > 1:
            parts.append(f"{len(self.scenario_ids)} protocols")
        self.query_one("#status", Static).update(Content(" · ".join(parts)))

    def _says(self, widget_id: str, text: Content, *, empty: bool) -> None:
        says = self.query_one(widget_id, Static)
        says.update(text)
        says.set_class(empty, "-empty")

    def _show_scores(self) -> None:
        chart = self.query_one("#scores", ScoresChart)
        title = self.query_one("#scores-title", Static)
        if self.group is None:
            chart.display = title.display = False
            self._says(
                "#scores-text",
                Content("No sessions yet. The charts fill in as groups finish sessions."),
                empty=True,
            )
            return
        text = describe_scores(self.trend, self.history.group, self.question)
        evaluated = bool(self.trend.evaluated)
        chart.display = title.display = evaluated
        chart.show(self.trend, self.question)
        content = Content(text)
        if evaluated:
            # The title is the chart's legend: each mark in the colour it is drawn in.
            parts: list[str | tuple[str, str]] = [
                "Evaluation 1-5: ",
                (MEAN_MARKER, "$primary"),
                " mean",
            ]
            content = _mark(content, "Mean score", "$primary")
            if self.question is not None:
                label = QUESTION_LABELS.get(self.question, self.question)
                parts += ["  ", (QUESTION_MARKER, "$warning"), f" {label}"]
                content = _mark(content, f"{label}:", "$warning", last=True)
            title.update(Content.assemble(*parts))
        self._says("#scores-text", content, empty=not evaluated)

    def _show_minutes(self) -> None:
        chart = self.query_one("#minutes", MinutesChart)
        title = self.query_one("#minutes-title", Static)
        says = self.query_one("#minutes-text", Static)
        if self.group is None:
            chart.display = title.display = says.display = False
            return
        says.display = True
        chart.display = title.display = False
        scenario_id = self.scenario_id
        if scenario_id is None:
            name = display_group(self.history.group)
            self._says("#minutes-text", Content(f"No timed sessions yet for {name}."), empty=True)
            return
        scenario = self.catalogue.scenarios.get(scenario_id)
        if scenario is None:
            self._says(
                "#minutes-text",
                Content(
                    f"The protocol {scenario_id} of these sessions is not installed here, "
                    "so its planned minutes are not known."
                ),
                empty=True,
            )
            return
        minutes = minutes_by_phase(self.history.sessions, scenario)
        chart.display = title.display = minutes.count > 0
        chart.show(minutes)
        title.update(
            Content.assemble(
                "Minutes per phase: ", ("■", "$primary"), " planned ", ("■", "$warning"), " actual"
            )
        )
        text = describe_minutes(minutes, self.history.group)
        if len(self.scenario_ids) > 1 and minutes.count:
            # The group ran more than one protocol: say which one this is.
            text = f"{scenario.title.get('en')}. {text}"
        content = Content(text)
        if minutes.count:
            content = _mark(content, "planned", "$primary")
            content = _mark(content, "actual", "$warning")
        self._says("#minutes-text", content, empty=minutes.count == 0)

    # -- keys ----------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another group picked: read its sessions and draw them."""
        if event.select.id != "group" or not isinstance(event.value, str):
            return
        if event.value == self.group and self.history.group:
            return
        self.group = event.value
        self._load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_question":
            return True if self.trend.evaluated else None
        if action == "next_protocol":
            return len(self.scenario_ids) > 1
        if action == "pick_group":
            return True if self.groups else None
        return True

    def action_pick_group(self) -> None:
        """Open the group picker."""
        picker = self.query_one("#group", Select)
        picker.focus()
        picker.expanded = True

    def action_next_question(self) -> None:
        """Show the next evaluation question beside the mean; after the last, none."""
        ids: list[str | None] = [None, *(question.id for question in EVALUATION_QUESTIONS)]
        self.question = ids[(ids.index(self.question) + 1) % len(ids)]
        self._show_scores()

    def action_next_protocol(self) -> None:
        """Chart the minutes of the next protocol the group has used."""
        if len(self.scenario_ids) < 2 or self.scenario_id is None:
            return
        index = self.scenario_ids.index(self.scenario_id)
        self.scenario_id = self.scenario_ids[(index + 1) % len(self.scenario_ids)]
        self._show_minutes()

    def action_close(self) -> None:
        """Leave the charts."""
        self.dismiss(None)


def _mark(content: Content, words: str, style: str, *, last: bool = False) -> Content:
    """`content` with `words` (their first, or last, occurrence) in `style`: the colour the
    chart draws them in, so the sentence under a chart is its legend too."""
    plain = content.plain
    start = plain.rfind(words) if last else plain.find(words)
    if start < 0:
        return content
    return content.stylize(f"bold {style}", start, start + len(words))


__all__ = ["ChartsScreen", "MinutesChart", "ScoresChart", "minute_ticks", "tick_positions"]
