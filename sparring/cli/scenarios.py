"""`sparring scenarios`: list the protocols there are, and check a scenario file."""

from __future__ import annotations

from pathlib import Path

import click

from sparring.domain.catalogue import load_catalogue
from sparring.domain.scenario_file import ScenarioError, load_scenario
from sparring.paths import user_scenario_dir


def _minutes(value: float) -> str:
    return f"{value:g}"


@click.group(invoke_without_command=True)
@click.pass_context
def scenarios(context: click.Context) -> None:
    """List every scenario: name, phases, total minutes and where it comes from.

    Your own scenario files go in the folder `sparring locate` names.
    """
    if context.invoked_subcommand is not None:
        return
    user_dir = user_scenario_dir()
    catalogue = load_catalogue(user_dir)
    rows = []
    for scenario in sorted(catalogue.scenarios.values(), key=lambda s: s.id):
        origin = "shipped" if scenario.id in catalogue.builtin else f"yours: {scenario.path}"
        phases = " + ".join(_minutes(p.minutes) for p in scenario.phases)
        rows.append(
            (
                scenario.id,
                scenario.title.en,
                len(scenario.phases),
                phases,
                _minutes(scenario.total_minutes),
                scenario.source,
                origin,
            )
        )
    click.echo(f"{'NAME':<28} {'PHASES':>6}  {'MINUTES':<22} SOURCE")
    for sid, title, count, phases, total, source, origin in rows:
        click.echo(f"{sid:<28} {count:>6}  {total + ' (' + phases + ')':<22} {source} [{origin}]")
        click.echo(f"{'':<28}         {title}")
    for error in catalogue.errors:
        click.echo(f"skipped {error}", err=True)


@scenarios.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Check scenario FILES; say what is wrong, where, and exit non-zero if any is broken."""
    broken = 0
    for path in files:
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            broken += 1
            click.echo(f"error: {error}", err=True)
            continue
        click.echo(
            f"ok: {path}: '{scenario.id}', {len(scenario.phases)} phases, "
            f"{_minutes(scenario.total_minutes)} minutes"
        )
    if broken:
        raise SystemExit(1)
