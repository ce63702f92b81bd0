"""`sparring forget` and `sparring delete`: remove a member, a case or a session for good.

Each confirms first (unless `--yes`), says what it will remove in counts, and never
prints what a note says.
"""

from __future__ import annotations

from pathlib import Path

import click

from sparring.cli.data import opened
from sparring.cli.options import command, data_dir_option, option
from sparring.domain.forgetting import ForgetReport
from sparring.domain.moments import time_text
from sparring.domain.names import group_key
from sparring.domain.shown import terminal_safe
from sparring.formats import number_text
from sparring.i18n import N_, _, ngettext
from sparring.store import Archive


def describe(report: ForgetReport) -> str:
    """What a forgetting removes (or removed), in counts: never a name or a note's text."""
    counts = [
        (report.notes, ngettext("{count} note", "{count} notes", report.notes)),
        (report.next_steps,
         ngettext("{count} next step", "{count} next steps", report.next_steps)),
        (report.follow_ups,
         ngettext("{count} follow-up", "{count} follow-ups", report.follow_ups)),
        (report.names, ngettext("{count} name", "{count} names", report.names)),
        (report.challenges,
         ngettext("{count} challenge", "{count} challenges", report.challenges)),
        (report.mentions,
         ngettext("{count} mention in a text", "{count} mentions in a text", report.mentions)),
    ]
    listed = ", ".join(text.format(count=number_text(n)) for n, text in counts if n)
    n = len(report.sessions)
    sessions = ngettext("{count} session", "{count} sessions", n).format(count=number_text(n))
    return _("{removed}, in {sessions}").format(removed=listed or _("nothing"), sessions=sessions)


@command("forget", help=N_(
    "Remove every trace of a member or a case from the data folder.\n\n"
    "For a member: the notes about or by them, their next steps, their name (kept as a "
    "placeholder so the session still replays) and their challenge; their name is blanked "
    "out wherever else it was typed. Two members of one name in two groups are two people: "
    "give the group with --group (or --all-groups). For a case: its challenge, the notes on "
    "it and the next steps that came out of it. It cannot be undone."))
@option("--participant", "name", default=None, help=N_("Forget this member."))
@option("--group", default=None,
        help=N_("The member's group (members are told apart by it)."))
@option("--all-groups", is_flag=True, help=N_("Forget the member in every group."))
@option("--case", "case_id", default=None, help=N_("Forget this case (a case id)."))
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@data_dir_option
def forget(
    name: str | None,
    group: str | None,
    all_groups: bool,
    case_id: str | None,
    yes: bool,
    data: Path | None,
) -> None:
    """Remove every trace of a member or a case (the help is the command's own)."""
    if (name is None) == (case_id is None):
        raise click.UsageError(_("give exactly one of --participant NAME or --case ID"))
    if group is not None and all_groups:
        raise click.UsageError(_("give --group or --all-groups, not both"))
    if name is not None and group is not None:
        what = _("member {name} of {group}").format(name=name, group=group)
    elif name is not None:
        what = _("member {name}").format(name=name)
    else:
        what = _("case {case}").format(case=case_id)

    def run(store: Archive, dry_run: bool) -> ForgetReport:
        if name is not None:
            return store.forget_participant(name, group=group, dry_run=dry_run)
        assert case_id is not None
        return store.forget_case(case_id, dry_run=dry_run)

    with opened(data, doing="forget") as store:
        if name is not None and group is None and not all_groups:
            found = _groups_of(store, name)
            if len(found) > 1:
                listed = "\n".join(f"  {terminal_safe(g, one_line=True)}" for g in found)
                raise click.UsageError(_(
                    "{name} is a member of {count} groups:\n{groups}\n"
                    "Say which with --group GROUP, or --all-groups for every one."
                ).format(name=name, count=len(found), groups=listed))
        plan = run(store, True)
        if not plan.found:
            click.echo(_("Nothing of {what} in {folder}.").format(what=what, folder=store.root))
        else:
            click.echo(_("This removes from {folder}: {removed}. It cannot be undone.").format(
                folder=store.root, removed=describe(plan)))
            if not yes:
                click.confirm(_("Forget {what}?").format(what=what), abort=True)
            done = run(store, False)
            click.echo(_("Forgot {what}: {removed}.").format(what=what, removed=describe(done)))
    if plan.unreadable:
        for path in plan.unreadable:
            click.echo(_("warning: {file} could not be read, so it was not searched").format(
                file=path), err=True)
        raise SystemExit(1)


def _groups_of(store: Archive, name: str) -> list[str]:
    """The groups with a member called `name`, as each group spells its name now."""
    found: dict[str, str] = {}
    for summary in store.sessions(member=name):
        found.setdefault(group_key(summary.group), summary.group or _("(no group name)"))
    return sorted(found.values(), key=str.casefold)


@command("delete", help=N_(
    "Delete one session (its id, or the start of it): its notes, next steps, follow-ups "
    "and evaluation, and every trace of it in the data folder. It cannot be undone."))
@click.argument("session_id")
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@data_dir_option
def delete(session_id: str, yes: bool, data: Path | None) -> None:
    """Delete one session (the help is the command's own)."""
    with opened(data, doing="delete") as store:
        summary = store.find(session_id)
        described = _(
            "session {session} ({date}, {group}: {owner}'s case, {notes})"
        ).format(session=summary.id, date=time_text(summary.date),
                 group=summary.group or _("(no group name)"), owner=summary.case_owner or "-",
                 notes=ngettext("{count} note", "{count} notes", summary.note_count).format(
                     count=number_text(summary.note_count)))
        described = terminal_safe(described, one_line=True)
        if not yes:
            click.confirm(_("Delete {session}? It cannot be undone.").format(session=described),
                          abort=True)
        store.delete_session(summary.id)
        click.echo(_("Deleted {session}.").format(session=described))
