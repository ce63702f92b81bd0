"""`sparring scenarios`: list the protocols there are, and check a scenario file."""

from __future__ import annotations

from pathlib import Path

import click

from sparring.cli.options import TranslatedGroup
from sparring.domain.catalogue import load_catalogue
from sparring.domain.scenario_file import ScenarioError, load_scenario
from sparring.formats import decimal_text
from sparring.i18n import N_, _, current_language, ngettext
from sparring.paths import user_scenario_dir


def _minutes(value: float) -> str:
    return decimal_text(value)


@click.group(
    cls=TranslatedGroup,
    invoke_without_command=True,
    help=N_(
        "List every scenario: name, phases, total minutes and where it comes from.\n\n"
        "Your own scenario files go in the folder `sparring locate` names."
    ),
)
@click.pass_context
def scenarios(context: click.Context) -> None:
    """List every scenario (the help is the group's own)."""
    if context.invoked_subcommand is not None:
        return
    user_dir = user_scenario_dir()
    catalogue = load_catalogue(user_dir)
    rows = []
    for scenario in sorted(catalogue.scenarios.values(), key=lambda s: s.id):
        origin = (_("shipped") if scenario.id in catalogue.builtin
                  else _("yours: {path}").format(path=scenario.path))
        phases = " + ".join(_minutes(p.minutes) for p in scenario.phases)
        rows.append(
            (
                scenario.id,
                scenario.title.get(current_language()),
                len(scenario.phases),
                phases,
                _minutes(scenario.total_minutes),
                scenario.source,
                origin,
            )
        )
    name, phases, minutes, source = _("NAME"), _("PHASES"), _("MINUTES"), _("SOURCE")
    click.echo(f"{name:<28} {phases:>6}  {minutes:<22} {source}")
    for sid, title, count, phases, total, source, origin in rows:
        click.echo(f"{sid:<28} {count:>6}  {total + ' (' + phases + ')':<22} {source} [{origin}]")
        click.echo(f"{'':<28}         {title}")
    for error in catalogue.errors:
        click.echo(_("skipped {problem}").format(problem=error), err=True)


@scenarios.command(
    "check",
    help=N_("Check scenario FILES; say what is wrong, where, and exit non-zero if any is broken."),
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Check scenario files (the help is the command's own)."""
    broken = 0
    for path in files:
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            broken += 1
            click.echo(_("error: {problem}").format(problem=error), err=True)
            continue
        click.echo(_("ok: {path}: '{scenario}', {phases}, {minutes} minutes").format(
            path=path, scenario=scenario.id,
            phases=ngettext("{count} phase", "{count} phases", len(scenario.phases)).format(
                count=len(scenario.phases)),
            minutes=_minutes(scenario.total_minutes)))
    if broken:
        raise SystemExit(1)
