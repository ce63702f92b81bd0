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

from sparring.cli.options import command, data_dir_option, folder, language_option, option
from sparring.domain.catalogue import load_catalogue
from sparring.domain.moments import time_text
from sparring.domain.scenario import Scenario
from sparring.domain.shown import terminal_safe
from sparring.domain.states import state_text
from sparring.formats import number_text
from sparring.i18n import N_, _, ngettext
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
            click.echo(terminal_safe(_("warning: {problem}").format(problem=damaged)), err=True)


def _listing_line(line: str) -> str:
    """One line of a listing as printed: what users typed in it cannot drive the terminal."""
    return terminal_safe(line, one_line=True)


def _echo_lines(lines: list[str]) -> None:
    """Print a listing's lines in one go (a listing may hold thousands)."""
    if lines:
        click.echo("\n".join(lines))


# What json.dumps leaves as it is and a terminal may act on: DEL, the C1 controls, and the
# line separators; lone surrogates, which cannot be printed. Escaped, the value is the same.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _json_text(value: Any, **options: Any) -> str:
    """`value` as JSON that is safe to print to a terminal and means the same."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@contextmanager
def opened(
    data: Path | None, doing: str | None = None, *, survey: bool = True
) -> Iterator[Archive]:
    """The data folder, open for reading (`doing` None) or for the command `doing` that
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
            raise click.ClickException(
                _("{reason} Then run `sparring {command}` again.").format(
                    reason=store.read_only_reason, command=doing))
        if survey:
            _warn_damaged(store, told)
        yield store
        _warn_damaged(store, told, survey=survey)
    except StoreError as error:
        raise click.ClickException(terminal_safe(str(error))) from None
    finally:
        store.close(caches=survey)


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _scenarios() -> dict[str, Scenario]:
    return load_catalogue(user_scenario_dir()).scenarios


@command("locate",
         help=N_("Print where your data, your settings and your own scenario files live."))
@data_dir_option
def locate(data: Path | None) -> None:
    """Print where the data, settings and scenario files live (the help is the command's)."""
    places = [(_("data:"), folder(data)), (_("config:"), config_dir()),
              (_("scenarios:"), user_scenario_dir()), (_("settings:"), settings_path())]
    width = max(len(label) for label, _place in places) + 1
    for label, place in places:
        click.echo(f"{label:<{width}}{place}")


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


@command("sessions", help=N_("List the sessions, newest first, with the id `export` takes."))
@option("--group", default=None, help=N_("Only this group's sessions."))
@option("--participant", "member", default=None, help=N_("Only sessions this member was in."))
@option("--since", type=_DAY, default=None, help=N_("From this day (YYYY-MM-DD)."))
@option("--until", type=_DAY, default=None, help=N_("Up to this day, included."))
@option("--unfinished", is_flag=True, help=N_("Only sessions that can be resumed."))
@option("--no-rehearsals", is_flag=True, help=N_("Leave out the rehearsals."))
@option("--json", "as_json", is_flag=True, help=N_("One JSON object per session."))
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
    """List the sessions, newest first (the help is the command's own)."""
    with opened(data) as store:
        found = store.sessions(
            group=group,
            member=member,
            since=_day(since),
            until=_day(until),
            rehearsals=not no_rehearsals,
        )
        lines = []
        for summary in found:
            if unfinished and not summary.unfinished:
                continue
            if as_json:
                lines.append(_json_text(_summary_json(summary)))
                continue
            notes = ngettext("{count} note", "{count} notes", summary.note_count).format(
                count=number_text(summary.note_count))
            lines.append(_listing_line(
                f"{summary.id}  {time_text(summary.date)}  {state_text(summary.state):<9} "
                f"{notes:>10}  {summary.group}: "
                f"{summary.case_owner or '-'} ({', '.join(summary.participants)})"
                + ("  [" + _("rehearsal") + "]" if summary.rehearsal else "")
            ))
        _echo_lines(lines)


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


@command("history", help=N_("Print the notes that match, oldest first, with their session, "
                             "date, phase, lens and kind."))
@option("--participant", "member", default=None, help=N_("Notes about or by this member."))
@option("--group", default=None, help=N_("Notes from this group's sessions."))
@option("--search", "text", default=None, help=N_("Notes whose text has all these words."))
@option("--lens", default=None, help=N_("Notes through this lens (purpose, processes, ...)."))
@option("--kind", default=None, help=N_("Notes of this kind (consideration, pitfall, ...)."))
@option("--phase", default=None, help=N_("Notes from this phase (present, reflect, ...)."))
@option("--case", "case_id", default=None, help=N_("Notes on this case id."))
@option("--session", "session_id", default=None, help=N_("Notes from this session only."))
@option("--since", type=_DAY, default=None, help=N_("From this day (YYYY-MM-DD)."))
@option("--until", type=_DAY, default=None, help=N_("Up to this day, included."))
@option("--json", "as_json", is_flag=True, help=N_("One JSON object per note."))
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
    """Print the notes that match, oldest first (the help is the command's own)."""
    with opened(data) as store:
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
        lines = []
        for hit in hits:
            if as_json:
                lines.append(_json_text(_hit_json(hit)))
                continue
            note = hit.note
            about = note.about or hit.session.case_owner
            if note.author and about:
                who = _("{author} on {about}").format(author=note.author, about=about)
            else:
                who = note.author or about or ""
            lines.append(_listing_line(
                f"{time_text(note.at)}  {hit.session.group}  [{hit.session.id[:8]}]  "
                f"{note.phase} / {note.lens or '-'} / {note.kind or '-'}  {who}: {note.text}"))
        _echo_lines(lines)


def add_data_commands(group: click.Group) -> None:
    """Register the data commands (and forget, delete, export, import and learning points)
    on the `sparring` command."""
    # They open the folder as these do.
    from sparring.cli.forgetting import delete, forget
    from sparring.cli.leave import COMMANDS as LEAVING

    for each in (locate, sessions, history, *LEAVING, forget, delete):
        language_option(each)
        group.add_command(each)
