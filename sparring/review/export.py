"""The readable summary of a session, in Markdown: what a group mails round afterwards.

Group, case and owner; the notes by phase, then lens, then insight kind; next steps,
follow-ups and the evaluation; planned against actual minutes per phase. Names and
notes are written exactly as typed: nothing is escaped or left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sparring.domain.records import EVALUATION_QUESTIONS, Note, StoredSession
from sparring.domain.scenario import Scenario
from sparring.formats import day_of, decimal_text, moment_text
from sparring.i18n import N_, _, current_language, speaking
from sparring.review.interchange import phases_of
from sparring.review.wording import said_by

STATUS_NAMES = {"open": N_("still open"), "in_progress": N_("in progress"),
                "done": N_("done"), "dropped": N_("dropped")}
"""How a next step's status reads in the summary."""


def status_name(status: str) -> str:
    """A next step's status in words (an unknown status as it is stored)."""
    return str(STATUS_NAMES.get(status, status.replace("_", " ")))


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    return decimal_text(seconds / 60)


def _ordered(known: list[str], seen: list[str | None]) -> list[str | None]:
    """The ids in `seen`: those the scenario knows in its order, then others, then None."""
    present = set(seen)
    result: list[str | None] = [item for item in known if item in present]
    for item in seen:
        if item is not None and item not in result:
            result.append(item)
    if None in present:
        result.append(None)
    return result


def export_markdown(stored: StoredSession, scenario: Scenario | None) -> str:
    """The readable summary of a session (see the module's docstring).

    Args:
        stored: the session as the store has it.
        scenario: its scenario, for the names of phases, lenses and kinds and the planned
            minutes; None if its file is gone: ids stand in for names.
    """
    with speaking(stored.session.language):
        return _markdown(stored, scenario)


def _markdown(stored: StoredSession, scenario: Scenario | None) -> str:
    """The summary in the language spoken now (see `export_markdown`)."""
    session = stored.session
    language = current_language()

    def name_of(kind: str, item_id: str) -> str:
        if scenario is None:
            return item_id
        try:
            getter: Callable[[str], Any] = {
                "phase": lambda i: scenario.phase(i).title,
                "lens": lambda i: scenario.lens(i).name,
                "kind": lambda i: scenario.insight_kind(i).name,
            }[kind]
            return str(getter(item_id).get(language))
        except KeyError:
            return item_id

    lines: list[str] = []
    heading = session.group or "Sparring"
    date = day_of(session.started_at or session.created_at)
    lines += [f"# {heading}: {date}", ""]
    facts = []
    if scenario is not None:
        facts.append((_("Protocol"), scenario.title.get(language)))
    else:
        facts.append((_("Protocol"), session.scenario_id))
    facts.append((_("Case owner"), session.case_owner or ""))
    case = session.case
    facts.append((_("Case"), case.challenge if case else ""))
    facts.append((_("Members"), ", ".join(session.member_names)))
    facts.append((_("Timekeeper"), session.timekeeper or ""))
    facts.append((_("Started"), moment_text(session.started_at)))
    if session.finished_at:
        facts.append((_("Finished"), moment_text(session.finished_at)))
    lines += [f"- **{key}:** {value}" for key, value in facts]

    timings = phases_of(stored, scenario)
    if timings:
        lines += ["", "## " + _("Time: planned against actual minutes"), ""]
        lines += ["| {phase} | {planned} | {actual} |".format(
            phase=_("Phase"), planned=_("Planned"), actual=_("Actual"))]
        lines += ["|---|---:|---:|"]
        for timing in timings:
            lines.append(
                f"| {name_of('phase', timing['id'])} | {_minutes(timing['planned_seconds'])} "
                f"| {_minutes(timing['actual_seconds'])} |"
            )

    lines += ["", "## " + _("Notes")]
    if not stored.notes:
        lines += ["", _("No notes were taken.")]
    scenario_phases = [p.id for p in scenario.phases] if scenario else []
    scenario_lenses = [lens.id for lens in scenario.lenses] if scenario else []
    scenario_kinds = [kind.id for kind in scenario.insight_kinds] if scenario else []
    for phase in _ordered(scenario_phases, [n.phase for n in stored.notes]):
        in_phase = [n for n in stored.notes if n.phase == phase]
        lines += ["", f"### {name_of('phase', phase or '')}"]
        for lens in _ordered(scenario_lenses, [n.lens for n in in_phase]):
            in_lens = [n for n in in_phase if n.lens == lens]
            if lens is not None or len(in_lens) != len(in_phase):
                lines += ["", "#### " + (name_of("lens", lens) if lens else _("Without a lens"))]
            for kind in _ordered(scenario_kinds, [n.kind for n in in_lens]):
                in_kind = [n for n in in_lens if n.kind == kind]
                if kind is not None or len(in_kind) != len(in_lens):
                    title = name_of("kind", kind) if kind else _("Other notes")
                    lines += ["", f"**{title}**"]
                lines.append("")
                lines += [_note_line(note, session.case_owner) for note in in_kind]

    if stored.next_steps:
        lines += ["", "## " + _("Next steps"), ""]
        for step in stored.next_steps:
            comment = f": {step.comment}" if step.comment else ""
            lines.append(f"- {step.who}: {step.text} ({status_name(step.status)}{comment})")
    if stored.follow_ups:
        lines += ["", "## " + _("Follow-ups of earlier next steps"), ""]
        for follow_up in stored.follow_ups:
            comment = f": {follow_up.comment}" if follow_up.comment else ""
            status = status_name(follow_up.status)
            lines.append(f"- {follow_up.who}: {follow_up.text} ({status}{comment})")
    if stored.evaluation is not None:
        lines += ["", "## " + _("Evaluation"), ""]
        lines += ["| {} | {} |".format(_("Question"), _("Score (1-5)")), "|---|---:|"]
        for question in EVALUATION_QUESTIONS:
            if question.id not in stored.evaluation.scores:
                continue
            score = stored.evaluation.scores[question.id]
            text = question.da if language == "da" else question.en
            shown = str(score) if score is not None else _("skipped")
            lines.append(f"| {text} | {shown} |")
        if stored.evaluation.other:
            lines += ["", _("Other") + f": {stored.evaluation.other}"]
    return "\n".join(lines) + "\n"


def _note_line(note: Note, owner: str | None) -> str:
    """One note as a list item: its text as typed, then who said it and whose case."""
    said = said_by(note, owner)
    suffix = f" ({said})" if said else ""
    return f"- {note.text}{suffix}"
