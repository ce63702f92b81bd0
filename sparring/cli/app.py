"""`sparring` and `sparring run`: open the timekeeper's app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sparring.cli.options import command, data_dir_option, folder, option, user_settings
from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import MAX_TIME_SCALE, usable_time_scale
from sparring.domain.session import Participant, Session
from sparring.i18n import N_, _, current_language
from sparring.paths import user_scenario_dir

if TYPE_CHECKING:
    from sparring.store import Archive

DEFAULT_SCENARIO = "cross-functional-sparring"


def parse_participant(text: str) -> Participant:
    """"NAME: challenge" (the challenge may be left out) as a participant."""
    name, _colon, challenge = text.partition(":")
    if not name.strip():
        raise click.BadParameter(_("'{text}' has no name before the ':'").format(text=text),
                                 param_hint="--participant")
    return Participant(name=name.strip(), challenge=challenge.strip())


def open_app(*, data: Path | None, scenario_id: str | None = None, group: str | None = None,
             participants: tuple[str, ...] = (), case_owner: str | None = None,
             timekeeper: str | None = None, time_scale: float = 1.0) -> None:
    """Open the data folder and run the app; with any session fields, open setup with them."""
    from sparring.ui.app import SparringApp  # the UI is loaded only when it is used

    catalogue = load_catalogue(user_scenario_dir())
    chosen = scenario_id or DEFAULT_SCENARIO
    if chosen not in catalogue.scenarios:
        known = ", ".join(sorted(catalogue.scenarios))
        raise click.UsageError(_("there is no scenario '{scenario}' (known: {known})").format(
            scenario=chosen, known=known))
    if not usable_time_scale(time_scale):
        raise click.UsageError(_("--time-scale must be a number above 0 and at most {most}")
                               .format(most=f"{MAX_TIME_SCALE:g}"))
    prefill = None
    ready = False
    if scenario_id or group or participants or case_owner or timekeeper:
        members = [parse_participant(text) for text in participants]
        prefill = Session(scenario_id=chosen, group=group or "", participants=members,
                          case_owner=case_owner, timekeeper=timekeeper,
                          language=current_language())
        ready = not prefill.problems(catalogue.get(chosen))
    root = folder(data)
    settings, problems = user_settings()

    def open_store() -> Archive:
        from sparring.store import Archive

        return Archive(root)

    app = SparringApp(open_store, catalogue, time_scale=time_scale, prefill=prefill,
                      ready=ready, export_dir=Path.cwd(), scenario_id=chosen,
                      language=current_language(), settings=settings,
                      settings_problems=problems)
    try:
        app.run()
    finally:
        store = app.close_store()
    for problem in problems:  # still there once the app's screen is gone
        click.echo(_("warning: {problem}").format(problem=problem), err=True)
    if app.return_code:
        raise SystemExit(app.return_code)
    if store is not None and store.read_only_reason and prefill is not None:
        click.echo(store.read_only_reason + " " + _("No new session was started."), err=True)


@command(
    "run",
    help=N_(
        "Open the app at setup with these fields filled in.\n\n"
        "When everything needed is given, it opens at the ground rules, where Enter starts "
        "the clock."
    ),
)
@option("--scenario", "scenario_id", default=None,
        help=N_("The scenario to run (default: {scenario}).").format(scenario=DEFAULT_SCENARIO))
@option("--group", default=None, help=N_("The group's name."))
@option("--participant", "participants", multiple=True, metavar=N_('"NAME: challenge"'),
        help=N_("A member and their challenge in a line; give it once per member."))
@option("--case-owner", default=None, help=N_("The member whose challenge the group takes."))
@option("--timekeeper", default=None, help=N_("The member who keeps time."))
@option("--time-scale", type=float, default=1.0, show_default=True,
        help=N_("Session seconds per real second (60: a minute a second, to rehearse)."))
@data_dir_option
def run(scenario_id: str | None, group: str | None, participants: tuple[str, ...],
        case_owner: str | None, timekeeper: str | None, time_scale: float,
        data: Path | None) -> None:
    """Open the app at setup with these fields filled in (the help is `run`'s own)."""
    open_app(data=data, scenario_id=scenario_id, group=group, participants=participants,
             case_owner=case_owner, timekeeper=timekeeper, time_scale=time_scale)
