"""Notes that leave the laptop: `export` (a session, a member's own cases, a whole group),
`import` (sessions or a group file), and `learning-point`.

Every file written is 0600 and written whole (temp file, fsync, rename). Errors name
files and ids, never what a note says.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sparring.cli.data import _json_text, _scenarios, opened
from sparring.cli.forgetting import _groups_of
from sparring.cli.options import command, data_dir_option, option
from sparring.domain.learning import LONGEST, LearningPoint, current, history_of
from sparring.domain.records import StoredSession
from sparring.domain.shown import terminal_safe
from sparring.i18n import N_, _
from sparring.review import export_markdown, export_session
from sparring.review.csv_export import export_csv
from sparring.review.group import GroupFile, export_group, read_import
from sparring.review.html import export_html
from sparring.review.member import group_sessions, member_html, member_markdown, member_notes
from sparring.store import Archive, StoreError, UnreadableFile, write_atomic

FORMATS = ["json", "md", "html", "csv"]


def _points(store: Archive) -> list[LearningPoint]:
    try:
        return store.learning_points()
    except UnreadableFile as error:
        click.echo(terminal_safe(_("warning: {error}").format(error=error)), err=True)
        return []


def _member_group(store: Archive, member: str, group: str | None) -> str:
    """The member's group: the one given, else the only one they are in."""
    if group is not None:
        if not store.sessions(member=member, group=group):
            raise click.UsageError(
                _("There is no member {name} in {group}.").format(name=member, group=group)
            )
        return group
    found = _groups_of(store, member)
    if len(found) == 1:
        return found[0]
    if not found:
        raise click.UsageError(_("There is no member called {name}.").format(name=member))
    listed = "\n".join(f"  {terminal_safe(g, one_line=True)}" for g in found)
    raise click.UsageError(
        _("{name} is a member of several groups:\n{groups}\nSay which with --group GROUP.").format(
            name=member, groups=listed
        )
    )


def _emit(content: bytes, output: Path | None, what: str) -> None:
    """Write `content` to `output` (0600, whole), or to the standard output."""
    if output is None:
        if sys.stdout.isatty():
            click.echo(terminal_safe(content.decode("utf-8")), nl=False)
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        return
    try:
        write_atomic(output, content)
    except OSError as error:
        raise click.ClickException(
            _("cannot write {path}: {reason}").format(path=output, reason=error.strerror)
        ) from None
    click.echo(_("exported {what} to {path}").format(what=what, path=output), err=True)


@command("export", help=N_(
    "Export a session (its id, or the start of it), a member's own cases "
    "(--member NAME [--group G]) or a whole group's history (--group G)."))
@click.argument("session_id", required=False)
@option("--group", default=None, help=N_("A whole group: every session, to move it."))
@option("--member", default=None, help=N_("One member's own cases (with --group)."))
@option(
    "--format",
    "form",
    type=click.Choice(FORMATS),
    default=None,
    help=N_("json, md, html or csv (default: json; a member's: md)."),
)
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=N_("Write to FILE (only you can read it)."),
)
@data_dir_option
def export(
    session_id: str | None,
    group: str | None,
    member: str | None,
    form: str | None,
    output: Path | None,
    data: Path | None,
) -> None:
    """Export a session, a member's own cases or a group (the help is the command's own)."""
    if (session_id is None) == (group is None and member is None):
        raise click.UsageError(_("give a SESSION_ID, or --group, or --member"))
    scenarios = _scenarios()
    with opened(data) as store:
        if member is not None:
            group = _member_group(store, member, group)
            form = form or "md"
            if form not in ("md", "html"):
                raise click.UsageError(_("a member's notes export as md or html"))
            found = member_notes(group_sessions(store, group), group, member, _points(store))
            if not found.found:
                raise click.ClickException(
                    _("There is no member {name} in {group}.").format(name=member, group=group)
                )
            text = (member_html if form == "html" else member_markdown)(found, scenarios)
            _emit(text.encode("utf-8"), output, member)
            return
        if group is not None:
            sessions = group_sessions(store, group)
            if not sessions:
                raise click.ClickException(_("There is no group {group}.").format(group=group))
            form = form or "json"
            if form == "csv":
                _emit(export_csv(sessions, scenarios), output, group)
                return
            if form != "json":
                raise click.UsageError(_("a whole group exports as json or csv"))
            document = export_group(group, sessions, scenarios, _points(store))
            _emit((_json_text(document) + "\n").encode("utf-8"), output, group)
            return
        assert session_id is not None
        stored = store.load(store.find(session_id).id)
    scenario = scenarios.get(stored.session.scenario_id)
    form = form or "json"
    if form == "csv":
        content = export_csv([stored], scenarios)
    elif form == "html":
        content = export_html(stored, scenario).encode("utf-8")
    elif form == "md":
        content = export_markdown(stored, scenario).encode("utf-8")
    else:
        content = (_json_text(export_session(stored, scenario), indent=2) + "\n").encode("utf-8")
    _emit(content, output, stored.session.id)


def _import_sessions(store: Archive, sessions: list[tuple[str, StoredSession]]) -> int:
    """Import each session; how many could not be."""
    failed = 0
    for where, stored in sessions:
        session_id = stored.session.id
        outcome = store.import_session(stored)
        if outcome == "imported":
            click.echo(_("imported {id} ({where})").format(id=session_id, where=where))
        elif outcome == "unchanged":
            click.echo(_("already here: {id} ({where})").format(id=session_id, where=where))
        else:
            click.echo(
                _(
                    "error: {where}: a different version of session {id} is already here; "
                    "it was kept, and this one not imported"
                ).format(where=where, id=session_id),
                err=True,
            )
            failed += 1
    return failed


@command("import", help=N_(
    "Import sessions from FILES: a group file, a document, a list of them, or JSON lines.\n\n"
    "A document that is wrong is named and skipped; a group file is taken whole or not at "
    "all; a session that is already here is not imported twice."))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
def import_(files: tuple[Path, ...], data: Path | None) -> None:
    """Import sessions from files (the help is the command's own)."""
    failed = 0
    with opened(data, doing="import", survey=False) as store:
        for path in files:
            try:
                found = read_import(path)
            except StoreError as error:
                click.echo(_("error: {error}").format(error=error), err=True)
                failed += 1
                continue
            if isinstance(found, GroupFile):
                failed += _import_sessions(
                    store, [(f"{path}, sessions[{n}]", s) for n, s in enumerate(found.sessions)]
                )
                added = store.add_learning_points(found.points)
                if added:
                    click.echo(
                        _("{count} learning points added ({where})").format(count=added, where=path)
                    )
                continue
            for document in found:
                if document.stored is None:
                    click.echo(_("error: {error}").format(error=document.error), err=True)
                    failed += 1
                else:
                    failed += _import_sessions(store, [(document.where, document.stored)])
    if failed:
        raise SystemExit(1)


@command("learning-point", help=N_(
    "Show a member's learning point and its earlier versions, or state a new one (TEXT; "
    "\"\" withdraws it). Earlier versions are kept with their dates."))
@click.argument("text", required=False)
@option("--group", default=None, help=N_("The member's group."))
@option("--member", required=True, help=N_("The member whose learning point it is."))
@data_dir_option
def learning_point(text: str | None, group: str | None, member: str, data: Path | None) -> None:
    """A member's learning point (the help is the command's own)."""
    with opened(data, doing=None if text is None else "learning-point") as store:
        group = _member_group(store, member, group)
        if text is not None:
            if len(text) > LONGEST:
                raise click.UsageError(
                    _("a learning point holds at most {count} characters").format(count=LONGEST)
                )
            store.add_learning_points([LearningPoint(group, member, text)])
            click.echo(
                _("Learning point of {name} ({group}) kept.").format(name=member, group=group)
            )
            return
        points = _points(store)
        now = current(points, group, member)
        if now is None:
            click.echo(
                _("{name} ({group}) has stated no learning point yet.").format(
                    name=member, group=group
                )
            )
            return
        for point in history_of(points, group, member):
            click.echo(terminal_safe(f"{point.at[:10]}  {point.text}", one_line=True))


COMMANDS = (export, import_, learning_point)
"""The commands of this module, for `sparring.cli` to register."""
