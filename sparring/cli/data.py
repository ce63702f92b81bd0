"""The data commands: where the data lives, what is in it, and moving and forgetting it.

`locate`, `sessions`, `history` and `export` only read: they open the data folder
read-only, so they work while sessions are running. `import`, `forget` and `delete`
write, each session under its lock: they refuse, clearly, to change a session another
Sparring is running. Errors are one line on stderr and a non-zero exit; they name files
and ids, never what a note says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from sparring.cli.options import data_dir_option, folder, language_option
from sparring.domain.catalogue import load_catalogue
from sparring.domain.forgetting import ForgetReport
from sparring.domain.moments import time_text
from sparring.domain.names import group_key
from sparring.domain.scenario import Scenario
from sparring.domain.shown import terminal_safe
from sparring.paths import config_dir, user_scenario_dir
from sparring.settings import settings_path
from sparring.store import Archive, NoteHit, SessionSummary, StoreError


def _warn_damaged(store: Archive, told: set[Path], *, survey: bool = True) -> None:
    """Name each file that could not be read, once (a cache may be found damaged only
    when a command first needs it, after the others were named); without `survey`, only
    those met so far, without looking at the rest of the folder."""
    for damaged in store.damaged if survey else store.damage_met:
        if damaged.path not in told:
            told.add(damaged.path)
            click.echo(terminal_safe(f"warning: {damaged}"), err=True)


def _echo_line(line: str) -> None:
    """Print one line of a listing: what users typed in it cannot drive the terminal."""
    click.echo(terminal_safe(line, one_line=True))


# What json.dumps leaves as it is and a terminal may act on: DEL, the C1 controls, and the
# line separators; lone surrogates, which cannot be printed. Escaped, the value is the same.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _json_text(value: Any, **options: Any) -> str:
    """`value` as JSON that is safe to print to a terminal and means the same."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@contextmanager
def _opened(
    data: Path | None, doing: str | None = None, *, survey: bool = True
) -> Iterator[Archive]:
    """The data folder, open for reading (`doing` None) or for `doing` something that
    writes: then a clear refusal if an older Sparring holds the whole folder. With
    `survey`, every damaged file is named first; without, a command that touches only its
    own sessions (an import) reads nothing else and is told only of what it meets."""
    try:
        store = Archive(folder(data), read_only=doing is None)
    except StoreError as error:
        raise click.ClickException(terminal_safe(str(error))) from None
    told: set[Path] = set()
    try:
        if doing is not None and store.read_only_reason:
            raise click.ClickException(f"{store.read_only_reason} Then {doing} again.")
        if survey:
            _warn_damaged(store, told)
        yield store
        _warn_damaged(store, told, survey=survey)
    except StoreError as error:
        raise click.ClickException(terminal_safe(str(error))) from None
    finally:
        store.close()


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _scenarios() -> dict[str, Scenario]:
    return load_catalogue(user_scenario_dir()).scenarios


@click.command("locate")
@data_dir_option
def locate(data: Path | None) -> None:
    """Print where your data, your settings and your own scenario files live."""
    click.echo(f"data:      {folder(data)}")
    click.echo(f"config:    {config_dir()}")
    click.echo(f"scenarios: {user_scenario_dir()}")
    click.echo(f"settings:  {settings_path()}")


def _summary_json(summary: SessionSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "group": summary.group,
        "date": summary.date,
        "scenario": summary.scenario_id,
        "state": summary.state,
        "case_owner": summary.case_owner,
        "participants": list(summary.participants),
        "cases": dict(zip(summary.participants, summary.case_ids, strict=False)),
        "notes": summary.note_count,
        "rehearsal": summary.rehearsal,
    }


@click.command("sessions")
@click.option("--group", default=None, help="Only this group's sessions.")
@click.option("--participant", "member", default=None, help="Only sessions this member was in.")
@click.option("--since", type=_DAY, default=None, help="From this day (YYYY-MM-DD).")
@click.option("--until", type=_DAY, default=None, help="Up to this day, included.")
@click.option("--unfinished", is_flag=True, help="Only sessions that can be resumed.")
@click.option("--no-rehearsals", is_flag=True, help="Leave out the rehearsals.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per session.")
@data_dir_option
def sessions(
    group: str | None,
    member: str | None,
    since: datetime | None,
    until: datetime | None,
    unfinished: bool,
    no_rehearsals: bool,
    as_json: bool,
    data: Path | None,
) -> None:
    """List the sessions, newest first, with the id `export` takes."""
    with _opened(data) as store:
        found = store.sessions(
            group=group,
            member=member,
            since=_day(since),
            until=_day(until),
            rehearsals=not no_rehearsals,
        )
        for summary in found:
            if unfinished and not summary.unfinished:
                continue
            if as_json:
                click.echo(_json_text(_summary_json(summary)))
                continue
            _echo_line(
                f"{summary.id}  {time_text(summary.date)}  {summary.state:<9} "
                f"{summary.note_count:>4} notes  {summary.group}: "
                f"{summary.case_owner or '-'} ({', '.join(summary.participants)})"
                + ("  [rehearsal]" if summary.rehearsal else "")
            )


def _hit_json(hit: NoteHit) -> dict[str, Any]:
    note = hit.note
    return {
        "session": hit.session.id,
        "group": hit.session.group,
        "date": hit.session.date,
        "scenario": hit.session.scenario_id,
        "id": note.id,
        "phase": note.phase,
        "lens": note.lens,
        "kind": note.kind,
        "author": note.author,
        "about": note.about or hit.session.case_owner,
        "case_id": hit.session.case_of(note.about or hit.session.case_owner or ""),
        "text": note.text,
        "at": note.at,
    }


@click.command("history")
@click.option("--participant", "member", default=None, help="Notes about or by this member.")
@click.option("--group", default=None, help="Notes from this group's sessions.")
@click.option("--search", "text", default=None, help="Notes whose text has all these words.")
@click.option("--lens", default=None, help="Notes through this lens (purpose, processes, ...).")
@click.option("--kind", default=None, help="Notes of this kind (consideration, pitfall, ...).")
@click.option("--phase", default=None, help="Notes from this phase (present, reflect, ...).")
@click.option("--case", "case_id", default=None, help="Notes on this case id.")
@click.option("--session", "session_id", default=None, help="Notes from this session only.")
@click.option("--since", type=_DAY, default=None, help="From this day (YYYY-MM-DD).")
@click.option("--until", type=_DAY, default=None, help="Up to this day, included.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per note.")
@data_dir_option
def history(
    member: str | None,
    group: str | None,
    text: str | None,
    lens: str | None,
    kind: str | None,
    phase: str | None,
    case_id: str | None,
    session_id: str | None,
    since: datetime | None,
    until: datetime | None,
    as_json: bool,
    data: Path | None,
) -> None:
    """Print the notes that match, oldest first, with their session, date, phase, lens and kind."""
    with _opened(data) as store:
        if session_id is not None:
            session_id = store.find(session_id).id
        hits = store.search(
            text=text,
            member=member,
            group=group,
            lens=lens,
            kind=kind,
            phase=phase,
            case_id=case_id,
            session_id=session_id,
            since=_day(since),
            until=_day(until),
        )
        for hit in hits:
            if as_json:
                click.echo(_json_text(_hit_json(hit)))
                continue
            note = hit.note
            about = note.about or hit.session.case_owner
            who = " on ".join(name for name in (note.author, about) if name)
            _echo_line(
                f"{time_text(note.at)}  {hit.session.group}  [{hit.session.id[:8]}]  "
                f"{note.phase} / {note.lens or '-'} / {note.kind or '-'}  {who}: {note.text}"
            )


def _describe(report: ForgetReport) -> str:
    parts = [
        (report.notes, "note"),
        (report.next_steps, "next step"),
        (report.follow_ups, "follow-up"),
        (report.names, "name"),
        (report.challenges, "challenge"),
        (report.mentions, "mention in a text"),
    ]
    counted = [f"{n} {what}{'' if n == 1 else 's'}" for n, what in parts if n]
    listed = ", ".join(counted) or "nothing"
    return f"{listed}, in {len(report.sessions)} session{'' if len(report.sessions) == 1 else 's'}"


@click.command("forget")
@click.option("--participant", "name", default=None, help="Forget this member.")
@click.option("--group", default=None, help="The member's group (members are told apart by it).")
@click.option("--all-groups", is_flag=True, help="Forget the member in every group.")
@click.option("--case", "case_id", default=None, help="Forget this case (a case id).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@data_dir_option
def forget(
    name: str | None,
    group: str | None,
    all_groups: bool,
    case_id: str | None,
    yes: bool,
    data: Path | None,
) -> None:
    """Remove every trace of a member or a case from the data folder.

    For a member: the notes about or by them, their next steps, their name (kept as a
    placeholder so the session still replays) and their challenge; their name is blanked
    out wherever else it was typed. Two members of one name in two groups are two people:
    give the group with --group (or --all-groups). For a case: its challenge, the notes on
    it and the next steps that came out of it. It cannot be undone.
    """
    if (name is None) == (case_id is None):
        raise click.UsageError("give exactly one of --participant NAME or --case ID")
    if group is not None and all_groups:
        raise click.UsageError("give --group or --all-groups, not both")
    what = f"member {name}" if name is not None else f"case {case_id}"
    if name is not None and group is not None:
        what += f" of {group}"

    def run(store: Archive, dry_run: bool) -> ForgetReport:
        if name is not None:
            return store.forget_participant(name, group=group, dry_run=dry_run)
        assert case_id is not None
        return store.forget_case(case_id, dry_run=dry_run)

    with _opened(data, doing="forget") as store:
        if name is not None and group is None and not all_groups:
            found = _groups_of(store, name)
            if len(found) > 1:
                listed = "\n".join(f"  {terminal_safe(g, one_line=True)}" for g in found)
                raise click.UsageError(
                    f"{name} is a member of {len(found)} groups:\n{listed}\n"
                    "Say which with --group GROUP, or --all-groups for every one."
                )
        plan = run(store, True)
        if not plan.found:
            click.echo(f"Nothing of {what} in {store.root}.")
        else:
            click.echo(f"This removes from {store.root}: {_describe(plan)}. It cannot be undone.")
            if not yes:
                click.confirm(f"Forget {what}?", abort=True)
            done = run(store, False)
            click.echo(f"Forgot {what}: {_describe(done)}.")
    if plan.unreadable:
        for path in plan.unreadable:
            click.echo(f"warning: {path} could not be read, so it was not searched", err=True)
        raise SystemExit(1)


def _groups_of(store: Archive, name: str) -> list[str]:
    """The groups with a member called `name`, as each group spells its name now."""
    found: dict[str, str] = {}
    for summary in store.sessions(member=name):
        found.setdefault(group_key(summary.group), summary.group or "(no group name)")
    return sorted(found.values(), key=str.casefold)


@click.command("delete")
@click.argument("session_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@data_dir_option
def delete(session_id: str, yes: bool, data: Path | None) -> None:
    """Delete one session (its id, or the start of it): its notes, next steps, follow-ups
    and evaluation, and every trace of it in the data folder. It cannot be undone."""
    with _opened(data, doing="delete") as store:
        summary = store.find(session_id)
        described = (
            f"session {summary.id} ({time_text(summary.date)}, {summary.group or 'no group'}: "
            f"{summary.case_owner or '-'}'s case, {summary.note_count} notes)"
        )
        described = terminal_safe(described, one_line=True)
        if not yes:
            click.confirm(f"Delete {described}? It cannot be undone.", abort=True)
        store.delete_session(summary.id)
        click.echo(f"Deleted {described}.")


COMMANDS = (locate, sessions, history, forget, delete)
"""Every data command of this module, for `sparring.cli` to register (`export` and
`import` are in `leave.py`)."""


def add_data_commands(group: click.Group) -> None:
    """Register the data commands on the `sparring` command."""
    from sparring.cli.leave import COMMANDS as LEAVING

    for command in (*COMMANDS, *LEAVING):
        language_option(command)
        group.add_command(command)
