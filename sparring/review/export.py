"""The readable summary of a session, in Markdown: what a group mails round afterwards.

Group, case and owner; the notes by phase, then lens, then insight kind; next steps,
follow-ups and the evaluation; planned against actual minutes per phase. Names and
notes are written exactly as typed: nothing is escaped or left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sparring.domain.moments import time_text
from sparring.domain.records import EVALUATION_QUESTIONS, Note, StoredSession
from sparring.domain.scenario import Scenario
from sparring.review.interchange import phases_of

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Sparring",
        "scenario": "Protocol",
        "owner": "Case owner",
        "case": "Case",
        "members": "Members",
        "timekeeper": "Timekeeper",
        "started": "Started",
        "finished": "Finished",
        "time": "Time: planned against actual minutes",
        "phase": "Phase",
        "planned": "Planned",
        "actual": "Actual",
        "notes": "Notes",
        "no_notes": "No notes were taken.",
        "no_lens": "Without a lens",
        "no_kind": "Other notes",
        "about": "on the case of",
        "next_steps": "Next steps",
        "follow_ups": "Follow-ups of earlier next steps",
        "evaluation": "Evaluation",
        "question": "Question",
        "score": "Score (1-5)",
        "other": "Other",
        "skipped": "skipped",
    },
    "da": {
        "title": "Sparring",
        "scenario": "Protokol",
        "owner": "Case-ejer",
        "case": "Case",
        "members": "Deltagere",
        "timekeeper": "Tidtager",
        "started": "Startet",
        "finished": "Afsluttet",
        "time": "Tid: planlagte mod faktiske minutter",
        "phase": "Fase",
        "planned": "Planlagt",
        "actual": "Faktisk",
        "notes": "Noter",
        "no_notes": "Der blev ikke taget noter.",
        "no_lens": "Uden linse",
        "no_kind": "Andre noter",
        "about": "om casen fra",
        "next_steps": "Næste skridt",
        "follow_ups": "Opfølgning på tidligere næste skridt",
        "evaluation": "Evaluering",
        "question": "Spørgsmål",
        "score": "Score (1-5)",
        "other": "Andet",
        "skipped": "sprunget over",
    },
}
"""The summary's own words, in each language a session can be held in."""


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    return f"{round(seconds / 60, 1):g}"


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
    session = stored.session
    language = session.language if session.language in LABELS else "en"
    label = LABELS[language]

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
    heading = session.group or label["title"]
    date = time_text(session.started_at or session.created_at)[:10]
    lines += [f"# {heading}: {date}", ""]
    facts = []
    if scenario is not None:
        facts.append((label["scenario"], scenario.title.get(language)))
    else:
        facts.append((label["scenario"], session.scenario_id))
    facts.append((label["owner"], session.case_owner or ""))
    case = session.case
    facts.append((label["case"], case.challenge if case else ""))
    facts.append((label["members"], ", ".join(session.member_names)))
    facts.append((label["timekeeper"], session.timekeeper or ""))
    facts.append((label["started"], time_text(session.started_at)))
    if session.finished_at:
        facts.append((label["finished"], time_text(session.finished_at)))
    lines += [f"- **{key}:** {value}" for key, value in facts]

    timings = phases_of(stored, scenario)
    if timings:
        lines += ["", f"## {label['time']}", ""]
        lines += [f"| {label['phase']} | {label['planned']} | {label['actual']} |"]
        lines += ["|---|---:|---:|"]
        for timing in timings:
            lines.append(
                f"| {name_of('phase', timing['id'])} | {_minutes(timing['planned_seconds'])} "
                f"| {_minutes(timing['actual_seconds'])} |"
            )

    lines += ["", f"## {label['notes']}"]
    if not stored.notes:
        lines += ["", label["no_notes"]]
    scenario_phases = [p.id for p in scenario.phases] if scenario else []
    scenario_lenses = [lens.id for lens in scenario.lenses] if scenario else []
    scenario_kinds = [kind.id for kind in scenario.insight_kinds] if scenario else []
    for phase in _ordered(scenario_phases, [n.phase for n in stored.notes]):
        in_phase = [n for n in stored.notes if n.phase == phase]
        lines += ["", f"### {name_of('phase', phase or '')}"]
        for lens in _ordered(scenario_lenses, [n.lens for n in in_phase]):
            in_lens = [n for n in in_phase if n.lens == lens]
            if lens is not None or len(in_lens) != len(in_phase):
                lines += ["", f"#### {name_of('lens', lens) if lens else label['no_lens']}"]
            for kind in _ordered(scenario_kinds, [n.kind for n in in_lens]):
                in_kind = [n for n in in_lens if n.kind == kind]
                if kind is not None or len(in_kind) != len(in_lens):
                    title = name_of("kind", kind) if kind else label["no_kind"]
                    lines += ["", f"**{title}**"]
                lines.append("")
                lines += [_note_line(note, session.case_owner, label) for note in in_kind]

    if stored.next_steps:
        lines += ["", f"## {label['next_steps']}", ""]
        for step in stored.next_steps:
            comment = f": {step.comment}" if step.comment else ""
            lines.append(f"- {step.who}: {step.text} ({step.status}{comment})")
    if stored.follow_ups:
        lines += ["", f"## {label['follow_ups']}", ""]
        for follow_up in stored.follow_ups:
            comment = f": {follow_up.comment}" if follow_up.comment else ""
            lines.append(f"- {follow_up.who}: {follow_up.text} ({follow_up.status}{comment})")
    if stored.evaluation is not None:
        lines += ["", f"## {label['evaluation']}", ""]
        lines += [f"| {label['question']} | {label['score']} |", "|---|---:|"]
        for question in EVALUATION_QUESTIONS:
            if question.id not in stored.evaluation.scores:
                continue
            score = stored.evaluation.scores[question.id]
            text = question.da if language == "da" else question.en
            lines.append(f"| {text} | {score if score is not None else label['skipped']} |")
        if stored.evaluation.other:
            lines += ["", f"{label['other']}: {stored.evaluation.other}"]
    return "\n".join(lines) + "\n"


def _note_line(note: Note, owner: str | None, label: dict[str, str]) -> str:
    """One note as a list item: its text as typed, then who said it and whose case."""
    said = []
    if note.author:
        said.append(note.author)
    if note.about and note.about != owner:
        said.append(f"{label['about']} {note.about}")
    suffix = f" ({', '.join(said)})" if said else ""
    return f"- {note.text}{suffix}"
