"""One member's own case notes across their group's sessions: what a participant takes home.

Each challenge they brought, the notes on it by session and phase; what was noticed about
their case in others' rounds; their next steps and how each was followed up; and their
learning point with its earlier versions. Members are told apart by group, and a name is
compared as searches compare it (case and outer spaces do not count).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sparring.domain.learning import LearningPoint, current, history_of
from sparring.domain.names import folded_name, group_key
from sparring.domain.records import FollowUp, NextStep, Note, StoredSession
from sparring.domain.scenario import Scenario
from sparring.formats import day_of, moment_text
from sparring.i18n import _, speaking
from sparring.review.export import status_name
from sparring.review.html import facts, heading, items, page
from sparring.review.wording import Wording, escaped
from sparring.store import Archive, StoreError, UnreadableFile


@dataclass
class CaseNotes:
    """One challenge a member brought, and the sessions that worked on it or spoke of it."""

    case_id: str
    challenge: str = ""
    sessions: list[tuple[StoredSession, list[Note]]] = field(default_factory=list)


@dataclass
class StepRecord:
    """A next step of the member's and every follow-up of it."""

    session: StoredSession
    step: NextStep
    follow_ups: list[tuple[StoredSession, FollowUp]] = field(default_factory=list)


@dataclass
class MemberNotes:
    """Everything on one member's own cases in one group (see the module's docstring)."""

    group: str
    member: str
    language: str = "en"
    cases: list[CaseNotes] = field(default_factory=list)
    noticed: list[tuple[StoredSession, list[Note]]] = field(default_factory=list)
    steps: list[StepRecord] = field(default_factory=list)
    learning: list[LearningPoint] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """Whether the member took part in any session of the group."""
        return bool(self.cases or self.noticed or self.steps or self.learning)


def _name_in(stored: StoredSession, member: str) -> str | None:
    wanted = folded_name(member)
    return next((n for n in stored.session.member_names if folded_name(n) == wanted), None)


def member_notes(
    sessions: Iterable[StoredSession],
    group: str,
    member: str,
    points: Iterable[LearningPoint] = (),
) -> MemberNotes:
    """Gather one member's notes from the sessions of their group, oldest session first.

    Args:
        sessions: sessions of any groups (only `group`'s are read).
        group: the member's group; member: their name.
        points: every learning point kept (only the member's are taken).
    """
    key = group_key(group)
    mine = sorted(
        (s for s in sessions if group_key(s.session.group) == key),
        key=lambda s: s.session.started_at or s.session.created_at,
    )
    found = MemberNotes(group, member, learning=history_of(points, group, member))
    cases: dict[str, CaseNotes] = {}
    step_ids: dict[str, StepRecord] = {}
    for stored in mine:
        session = stored.session
        name = _name_in(stored, member)
        if name is not None:
            found.language = session.language
            owner = session.case_owner
            case_id = session.participant(name).case_id
            case = cases.setdefault(case_id, CaseNotes(case_id))
            case.challenge = session.participant(name).challenge or case.challenge
            notes = [n for n in stored.notes if (n.about or owner) == name]
            if name == owner:
                case.sessions.append((stored, notes))
            elif notes:
                found.noticed.append((stored, notes))
            for step in stored.next_steps:
                if folded_name(step.who) == folded_name(member):
                    record = StepRecord(stored, step)
                    step_ids[step.id] = record
                    found.steps.append(record)
        for follow_up in stored.follow_ups:
            if follow_up.next_step_id in step_ids:
                step_ids[follow_up.next_step_id].follow_ups.append((stored, follow_up))
    found.cases = [case for case in cases.values() if case.challenge or case.sessions]
    return found


def _when(stored: StoredSession) -> str:
    return day_of(stored.session.started_at or stored.session.created_at)


def _note_text(note: Note, words: Wording) -> tuple[str, str]:
    """A note's text, and what goes with it: phase, lens and kind, who said it."""
    tags = [words.phase(note.phase), words.lens(note.lens), words.kind(note.kind)]
    if note.author:
        tags.append(note.author)
    return note.text, " · ".join(t for t in tags if t)


def member_markdown(found: MemberNotes, scenario_of: dict[str, Scenario]) -> str:
    """The member's notes as Markdown, in the language of their latest session."""
    with speaking(found.language):
        lines = [f"# {found.member}: {found.group}", ""]
        lines += ["## " + _("Learning point"), ""]
        if found.learning and found.learning[-1].text.strip():
            lines.append(found.learning[-1].text)
            for point in reversed(found.learning[:-1]):
                lines.append(f"- {day_of(point.at)}: {point.text}")
        else:
            lines.append(_("No learning point stated yet."))
        for case in found.cases:
            lines += ["", "## " + _("Case: {challenge}").format(challenge=case.challenge)]
            for stored, notes in case.sessions:
                words = Wording(scenario_of.get(stored.session.scenario_id))
                lines += ["", "### " + _when(stored), ""]
                lines += [
                    f"- {text} ({tags})" for text, tags in (_note_text(n, words) for n in notes)
                ] or [_("No notes were taken.")]
        if found.noticed:
            lines += ["", "## " + _("Noticed about your case in others' rounds")]
            for stored, notes in found.noticed:
                words = Wording(scenario_of.get(stored.session.scenario_id))
                lines += ["", f"### {_when(stored)} ({stored.session.case_owner or ''})", ""]
                lines += [
                    f"- {text} ({tags})" for text, tags in (_note_text(n, words) for n in notes)
                ]
        if found.steps:
            lines += ["", "## " + _("Next steps and how they went"), ""]
            for record in found.steps:
                step = record.step
                lines.append(f"- {_when(record.session)}: {step.text} ({status_name(step.status)})")
                for stored, follow_up in record.follow_ups:
                    comment = f": {follow_up.comment}" if follow_up.comment else ""
                    lines.append(f"  - {_when(stored)}: {status_name(follow_up.status)}{comment}")
        return "\n".join(lines) + "\n"


def member_html(found: MemberNotes, scenario_of: dict[str, Scenario]) -> str:
    """The member's notes as a self-contained HTML page (see `html.page`)."""
    with speaking(found.language):
        title = f"{found.member}: {found.group}"
        body = [heading(1, title), heading(2, _("Learning point"))]
        if found.learning and found.learning[-1].text.strip():
            latest = found.learning[-1]
            body.append(facts([(moment_text(latest.at), latest.text)]))
            body += (
                [
                    items(
                        [
                            f'{escaped(day_of(p.at))}: <span class="text">{escaped(p.text)}</span>'
                            for p in reversed(found.learning[:-1])
                        ]
                    )
                ]
                if len(found.learning) > 1
                else []
            )
        else:
            body.append(f'<p class="empty">{escaped(_("No learning point stated yet."))}</p>')

        def notes_list(notes: list[Note], words: Wording) -> str:
            return items(
                [
                    f'<span class="text">{escaped(text)}</span> '
                    f'<span class="who">({escaped(tags)})</span>'
                    for text, tags in (_note_text(n, words) for n in notes)
                ]
            )

        for case in found.cases:
            body.append(heading(2, _("Case: {challenge}").format(challenge=case.challenge)))
            for stored, notes in case.sessions:
                body.append(heading(3, _when(stored)))
                words = Wording(scenario_of.get(stored.session.scenario_id))
                body.append(
                    notes_list(notes, words)
                    if notes
                    else f'<p class="empty">{escaped(_("No notes were taken."))}</p>'
                )
        if found.noticed:
            body.append(heading(2, _("Noticed about your case in others' rounds")))
            for stored, notes in found.noticed:
                body.append(heading(3, f"{_when(stored)} ({stored.session.case_owner or ''})"))
                body.append(notes_list(notes, Wording(scenario_of.get(stored.session.scenario_id))))
        if found.steps:
            body.append(heading(2, _("Next steps and how they went")))
            lines = []
            for record in found.steps:
                step = record.step
                followed = [
                    f"{escaped(_when(s))}: {escaped(status_name(f.status))}"
                    + (f': <span class="text">{escaped(f.comment)}</span>' if f.comment else "")
                    for s, f in record.follow_ups
                ]
                lines.append(
                    f'{escaped(_when(record.session))}: <span class="text">'
                    f"{escaped(step.text)}</span> ({escaped(status_name(step.status))})"
                    + (items(followed) if followed else "")
                )
            body.append(items(lines))
        return page(title, body)


def group_sessions(store: Archive, group: str) -> list[StoredSession]:
    """Every readable session of `group`, to gather a member's notes (or the group's) from;
    a damaged one is left out (the store lists it among the damaged files)."""
    found = []
    for summary in store.sessions(group=group):
        try:
            found.append(store.load(summary.id))
        except UnreadableFile:
            continue
    return found


def learning_points_of(store: Archive, group: str, members: Iterable[str]) -> dict[str, str]:
    """The learning point that holds now for each of `members` of `group` who stated one;
    none if the file of learning points cannot be read (the store names it)."""
    try:
        points = store.learning_points()
    except StoreError:
        return {}
    found = {}
    for member in members:
        point = current(points, group, member)
        if point is not None:
            found[member] = point.text
    return found
