"""Charts of a group over its sessions: where people would rather look than read.

Two charts for the group the timekeeper picks: its meeting evaluation (seed 004) over
its sessions, and planned against actual minutes per phase, the mean across its
sessions. Under each chart a line says the same numbers in words, for screen readers
and for a group with one session, where a chart says little. The numbers come from
`sparring.review`; the charts themselves are in `sparring.ui.widgets.trend_charts`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Select, Static

from sparring.domain.catalogue import Catalogue
from sparring.domain.names import fold
from sparring.domain.records import EVALUATION_QUESTIONS
from sparring.i18n import N_, _, current_language, ngettext
from sparring.review import (
    QUESTION_LABELS,
    EvaluationTrend,
    GroupSessions,
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
from sparring.store import Archive
from sparring.ui.localized import LocalizedScreen
from sparring.ui.widgets.footer import KeyFooter
from sparring.ui.widgets.trend_charts import (
    MEAN_MARKER,
    QUESTION_MARKER,
    MinutesChart,
    ScoresChart,
)


class ChartsScreen(LocalizedScreen[None]):
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
            N_("Group"),
            id="charts.group",
            tooltip=N_("Choose the group whose sessions the charts show."),
        ),
        Binding(
            "q",
            "next_question",
            N_("Question"),
            id="charts.question",
            tooltip=N_("Show one evaluation question beside the mean score; again for the next."),
        ),
        Binding(
            "p",
            "next_protocol",
            N_("Protocol"),
            id="charts.protocol",
            tooltip=N_("Chart the minutes of the group's sessions of another protocol."),
        ),
        Binding(
            "escape",
            "close",
            N_("Close"),
            id="charts.close",
            tooltip=N_("Leave the charts."),
        ),
    ]

    def __init__(self, store: Archive, catalogue: Catalogue, *, group: str | None = None):
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
            yield Label(_("Group"))
            yield Select[str](
                [(Content(display_group(name)), name) for name in self.groups],
                value=self.group if self.group is not None else Select.NULL,
                allow_blank=self.group is None,
                prompt=_("No groups yet"),
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
        yield KeyFooter()

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
        parts = ([ngettext("{count} finished session", "{count} finished sessions",
                           count).format(count=count)] if self.group else [])
        if self.history.damaged:
            damaged = self.history.damaged
            parts.append(ngettext("{count} file could not be read",
                                  "{count} files could not be read", damaged).format(
                count=damaged))
        if len(self.scenario_ids) > 1:
            parts.append(_("{count} protocols").format(count=len(self.scenario_ids)))
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
                Content(_("No sessions yet. The charts fill in as groups finish sessions.")),
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
                _("Evaluation 1-5: "),
                (MEAN_MARKER, "$primary"),
                " " + _("mean"),
            ]
            # The words are the sentence's own (describe_scores), so marked in any language.
            content = _mark(content, _("Mean score"), "$primary")
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
            self._says("#minutes-text",
                       Content(_("No timed sessions yet for {group}.").format(group=name)),
                       empty=True)
            return
        scenario = self.catalogue.scenarios.get(scenario_id)
        if scenario is None:
            self._says(
                "#minutes-text",
                Content(
                    _("The protocol {scenario} of these sessions is not installed here, "
                      "so its planned minutes are not known.").format(scenario=scenario_id)
                ),
                empty=True,
            )
            return
        minutes = minutes_by_phase(self.history.sessions, scenario)
        chart.display = title.display = minutes.count > 0
        chart.show(minutes)
        title.update(
            Content.assemble(
                _("Minutes per phase: "), ("■", "$primary"), " " + _("planned") + " ",
                ("■", "$warning"), " " + _("actual"),
            )
        )
        text = describe_minutes(minutes, self.history.group)
        if len(self.scenario_ids) > 1 and minutes.count:
            # The group ran more than one protocol: say which one this is.
            text = f"{scenario.title.get(current_language())}. {text}"
        content = Content(text)
        if minutes.count:
            content = _mark(content, _("planned"), "$primary")
            content = _mark(content, _("actual"), "$warning")
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


__all__ = ["ChartsScreen"]
