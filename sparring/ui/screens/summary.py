"""The summary of a session: its notes, next steps, follow-ups, evaluation and timings.

The group reviews it at its next meeting, so the notes are grouped the way they were
collected: by phase, then by lens and insight kind. `x` writes the same summary as a
Markdown file only the user can read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sparring.domain.records import EVALUATION_QUESTIONS, Note, StoredSession
from sparring.domain.scenario import Scenario
from sparring.domain.session import Session
from sparring.domain.timings import phase_timings
from sparring.formats import day_of
from sparring.i18n import N_, _
from sparring.review import status_name
from sparring.store import Archive, StoreError, UnreadableFile
from sparring.ui.localized import LocalizedScreen
from sparring.ui.screens.export_dialog import (
    ExportChoice,
    ExportDialog,
    export_stem,
    write_private,
)
from sparring.ui.text import case_owner_line, clock_text
from sparring.ui.widgets.evaluation import question_text
from sparring.ui.widgets.footer import KeyFooter

UNTAGGED = N_("untagged")
"""The heading of notes without a lens or an insight kind."""


# -- naming and grouping (plain functions, so they are easy to test) ------------------


def session_date(session: Session) -> str:
    """The day the session ran (or was set up), as YYYY-MM-DD."""
    return (session.started_at or session.created_at)[:10]


def export_name(session: Session) -> str:
    """The file name of a session's Markdown summary: `sparring-<date>-<group>.md`."""
    return export_stem(session_date(session), (session.group, "group")) + ".md"


def _name_of(items: Iterable[tuple[str, str]], wanted: str) -> str:
    return next((name for key, name in items if key == wanted), wanted)


class Names:
    """The scenario's names of phases, lenses and insight kinds; their ids without one."""

    def __init__(self, scenario: Scenario | None, language: str):
        self.scenario = scenario
        self.language = language

    def phase(self, phase_id: str) -> str:
        """A phase's title (its id if the scenario does not have it)."""
        phases = self.scenario.phases if self.scenario else ()
        return _name_of(((p.id, p.title.get(self.language)) for p in phases), phase_id)

    def tag(self, lens: str | None, kind: str | None) -> str:
        """The heading of the notes with this lens and kind."""
        lenses = self.scenario.lenses if self.scenario else ()
        kinds = self.scenario.insight_kinds if self.scenario else ()
        parts = []
        if lens:
            parts.append(_name_of(((x.id, x.name.get(self.language)) for x in lenses), lens))
        if kind:
            parts.append(_name_of(((x.id, x.name.get(self.language)) for x in kinds), kind))
        return " · ".join(parts) or str(UNTAGGED)


NoteGroups = list[tuple[str, list[tuple[tuple[str | None, str | None], list[Note]]]]]
"""Notes by phase id, then by (lens, kind), each in the order they were written."""


def group_notes(notes: Iterable[Note], scenario: Scenario | None) -> NoteGroups:
    """The notes by phase (the scenario's order), then by lens and kind (untagged last)."""
    phase_order = [p.id for p in scenario.phases] if scenario else []
    lens_order = [x.id for x in scenario.lenses] if scenario else []
    kind_order = [x.id for x in scenario.insight_kinds] if scenario else []
    by_phase: dict[str, dict[tuple[str | None, str | None], list[Note]]] = {}
    for note in sorted(notes, key=lambda n: (n.clock, n.at)):
        by_phase.setdefault(note.phase, {}).setdefault((note.lens, note.kind), []).append(note)

    def rank(order: list[str], item: str | None) -> tuple[int, int, str]:
        # Known ids in the scenario's order, then unknown ones, then none at all.
        if item is None:
            return (2, 0, "")
        return (0, order.index(item), "") if item in order else (1, 0, item)

    def tag_key(tag: tuple[str | None, str | None]) -> tuple[tuple[int, int, str], ...]:
        return (rank(lens_order, tag[0]), rank(kind_order, tag[1]))

    phases = sorted(by_phase, key=lambda phase: rank(phase_order, phase))
    return [
        (phase, [(tag, by_phase[phase][tag]) for tag in sorted(by_phase[phase], key=tag_key)])
        for phase in phases
    ]


def _difference(seconds: float) -> str:
    if round(seconds) == 0:
        return "0:00"
    return ("+" if seconds > 0 else "-") + clock_text(abs(seconds))


# -- the screen ---------------------------------------------------------------------


class SummaryScreen(LocalizedScreen[None]):
    """Everything the session produced, to read back; `x` exports it as Markdown.

    Args:
        scenario: the protocol the session ran, or None when its file is gone (the
            summary then shows ids where it would show names).
        stored: the session as stored.
        store: the store the session came from.
        export_dir: the folder the Markdown summary is written to.
    """

    DEFAULT_CSS = """
    SummaryScreen #summary {
        padding: 0 1;
    }
    SummaryScreen .title {
        text-style: bold;
        color: $accent;
    }
    SummaryScreen .heading {
        text-style: bold;
        margin-top: 1;
        color: $accent;
    }
    SummaryScreen .phase {
        text-style: bold;
        margin-top: 1;
    }
    SummaryScreen .tag {
        padding-left: 2;
        text-style: italic;
        color: $text-secondary;
    }
    SummaryScreen .item {
        padding-left: 4;
    }
    SummaryScreen .info, SummaryScreen .line {
        padding-left: 2;
    }
    SummaryScreen .empty {
        padding-left: 2;
        color: $text-muted;
        text-style: italic;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "x",
            "export",
            N_("Export"),
            id="summary.export",
            tooltip=N_("Write this summary as HTML, Markdown or CSV, only you can read it."),
        ),
        Binding(
            "escape",
            "close",
            N_("Close"),
            id="summary.close",
            tooltip=N_("Leave the summary."),
        ),
    ]

    def __init__(
        self,
        scenario: Scenario | None,
        stored: StoredSession,
        store: Archive,
        *,
        export_dir: Path,
    ):
        super().__init__()
        self.scenario = scenario
        self.stored = stored
        self.store = store
        self.export_dir = export_dir
        self.session = stored.session
        self.names = Names(scenario, stored.session.language)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield from self._head()
            yield from self._notes()
            yield from self._next_steps()
            yield from self._follow_ups()
            yield from self._evaluation()
            yield from self._timings()
        yield KeyFooter()

    def on_mount(self) -> None:
        # The text scrolls with the arrow keys from the start.
        self.query_one("#summary", VerticalScroll).focus()

    def _head(self) -> ComposeResult:
        session = self.session
        group = session.group or _("(no group name)")
        day = day_of(session.started_at or session.created_at)
        yield Static(
            Content(_("Summary · {group} · {day}").format(group=group, day=day)),
            classes="title", id="title",
        )
        protocol = (
            self.scenario.title.get(session.language)
            if self.scenario
            else _("{scenario} (its scenario file is gone)").format(scenario=session.scenario_id)
        )
        yield Static(Content.assemble((_("Protocol: "), "bold"), protocol), classes="info")
        yield Static(case_owner_line(session), classes="info")
        yield Static(
            Content.assemble((_("Timekeeper: "), "bold"), session.timekeeper or ""),
            classes="info"
        )
        yield Static(
            Content.assemble((_("Members: "), "bold"), ", ".join(session.member_names)),
            classes="info",
        )

    def _notes(self) -> ComposeResult:
        yield Static(_("Notes"), classes="heading")
        groups = group_notes(self.stored.notes, self.scenario)
        if not groups:
            yield Static(_("No notes were written."), classes="empty")
        for phase, tags in groups:
            count = sum(len(notes) for _tag, notes in tags)
            yield Static(Content(f"{self.names.phase(phase)} ({count})"), classes="phase")
            for (lens, kind), notes in tags:
                yield Static(Content(self.names.tag(lens, kind)), classes="tag")
                for note in notes:
                    yield Static(self._note_line(note), classes="item note")

    @staticmethod
    def _note_line(note: Note) -> Content:
        """A note exactly as typed, then whose case it is on and who said it."""
        said = []
        if note.about:
            said.append(_("about {name}").format(name=note.about))
        if note.author:
            said.append(_("said by {name}").format(name=note.author))
        tail = (" — " + ", ".join(said), "dim") if said else ""
        return Content.assemble("• ", note.text, tail)

    def _next_steps(self) -> ComposeResult:
        yield Static(_("Next steps"), classes="heading")
        if not self.stored.next_steps:
            yield Static(_("No next steps were saved."), classes="empty")
        for step in self.stored.next_steps:
            status = f" ({status_name(step.status)})" if step.status != "open" else ""
            yield Static(
                Content.assemble("• ", (step.who, "bold"), ": ", step.text, (status, "dim")),
                classes="line next-step",
            )

    def _follow_ups(self) -> ComposeResult:
        if not self.stored.follow_ups:
            return
        yield Static(_("Follow-ups of earlier next steps"), classes="heading")
        for follow_up in self.stored.follow_ups:
            yield Static(
                Content.assemble(
                    "• ",
                    (follow_up.who, "bold"),
                    ": ",
                    follow_up.text,
                    (f" — {status_name(follow_up.status)}", "bold"),
                    f": {follow_up.comment}" if follow_up.comment else "",
                ),
                classes="line follow-up",
            )

    def _evaluation(self) -> ComposeResult:
        yield Static(_("Meeting evaluation"), classes="heading")
        evaluation = self.stored.evaluation
        if evaluation is None:
            yield Static(_("The evaluation was not filled in."), classes="empty")
            return
        language = self.session.language
        for question in EVALUATION_QUESTIONS:
            score = evaluation.scores.get(question.id)
            text = question_text(question, language)
            yield Static(
                Content.assemble(
                    f"{text} ",
                    (_("{score} of 5").format(score=score), "bold") if score
                    else (_("skipped"), "dim"),
                ),
                classes="line score",
            )
            if question.id == "other" and evaluation.other:
                yield Static(Content.assemble("  ", evaluation.other), classes="line")

    def _timings(self) -> ComposeResult:
        yield Static(_("Time: planned against actual"), classes="heading")
        if self.scenario is None:
            yield Static(
                _("The scenario file is gone, so the planned minutes are not known."),
                classes="empty",
            )
            return
        rows = phase_timings(self.scenario, self.stored.session, self.stored.last_clock_time)
        if rows is None:
            yield Static(
                _("The scenario was changed since, so the planned minutes are not known."),
                classes="empty",
            )
            return
        head = (_("Phase"), _("Planned"), _("Actual"), _("Over"))
        width = max([len(self.names.phase(row.phase_id)) for row in rows] + [len(head[0])]) + 2
        yield Static(
            Content(f"{head[0]:<{width}}{head[1]:>9}{head[2]:>9}{head[3]:>9}"),
            classes="line",
        )
        for row in rows:
            ran = row.actual_seconds > 0
            yield Static(
                Content(
                    f"{self.names.phase(row.phase_id):<{width}}"
                    f"{clock_text(row.planned_seconds):>9}"
                    f"{clock_text(row.actual_seconds) if ran else '-':>9}"
                    f"{_difference(row.over_seconds) if ran else '':>9}"
                ),
                classes="line timing",
            )
        in_all = _("In all")
        planned = sum(row.planned_seconds for row in rows)
        actual = sum(row.actual_seconds for row in rows)
        yield Static(
            Content.styled(
                f"{in_all:<{width}}{clock_text(planned):>9}{clock_text(actual):>9}"
                f"{_difference(actual - planned):>9}",
                "bold",
            ),
            classes="line timing",
        )

    # -- actions ---------------------------------------------------------------------

    def action_export(self) -> None:
        """Ask where to save the summary and as what; then write it and say where."""
        stem = export_name(self.session).removesuffix(".md")
        self.app.push_screen(ExportDialog(self.export_dir, stem), self._export)

    def _export(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        from sparring.review import export_markdown
        from sparring.review.csv_export import export_csv
        from sparring.review.html import export_html

        try:
            if choice.form == "html":
                text = export_html(self.stored, self.scenario)
            elif choice.form == "csv":
                scenarios = {self.scenario.id: self.scenario} if self.scenario else {}
                text = export_csv([self.stored], scenarios).decode("utf-8")
            else:
                text = export_markdown(self.stored, self.scenario)
            path = write_private(choice.folder, choice.name, text)
        except (StoreError, UnreadableFile, OSError) as error:
            self.notify(
                _("The summary was not written: {error}").format(error=error),
                title=_("Not exported"),
                severity="error",
                markup=False,
            )
            return
        self.notify(_("Saved the summary to {path}").format(path=path), title=_("Exported"),
                    markup=False)

    def action_close(self) -> None:
        """Leave the summary."""
        self.dismiss(None)
