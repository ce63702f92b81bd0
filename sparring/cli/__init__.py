"""The `sparring` command: opens the app, and gives scripts the same ground."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from sparring.cli.app import open_app, run
from sparring.cli.click_words import speak_in_sparrings_language
from sparring.cli.data import add_data_commands
from sparring.cli.options import (
    TranslatedGroup,
    TranslatedOption,
    data_dir_option,
    language_in,
    language_option,
    warn_about_settings,
)
from sparring.cli.scenarios import scenarios
from sparring.cli.serve import serve
from sparring.cli.wall import wall
from sparring.i18n import N_, resolve_language, set_language

speak_in_sparrings_language()


@click.group(
    "sparring",
    cls=TranslatedGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "Sparring: run timed, case-based peer sparring in a small group.\n\n"
        "A timekeeper runs the 35-minute protocol (present, reflect, interview, round), "
        "every insight is saved at once, and the notes can be reviewed session after session."
    ),
)
@click.version_option(None, "--version", "-V", package_name="sparring", prog_name="sparring",
                      cls=TranslatedOption, help=N_("Show the version and exit."))
@data_dir_option
@language_option
@click.pass_context
def cli(context: click.Context, data: Path | None) -> None:
    """`sparring` alone opens the app; its help is the group's `help`, in the language."""
    if context.invoked_subcommand is None:
        open_app(data=data)
    elif context.invoked_subcommand != "run":
        warn_about_settings()  # the app shows them on its start screen


cli.add_command(scenarios)
cli.add_command(run)
cli.add_command(wall)
cli.add_command(serve)
add_data_commands(cli)
for _command in (scenarios, run, wall, serve, *scenarios.commands.values()):
    language_option(_command)


UNSUPPORTED = N_(
    "Sparring runs on Linux and macOS: it keeps one writer per data folder with a lock "
    "that Windows does not have. On Windows, run it in WSL (the Windows Subsystem for "
    "Linux)."
)


def main() -> None:
    """Entry point of the `sparring` console command."""
    if os.name != "posix":
        set_language(resolve_language(language_in(sys.argv[1:]), None))
        print(str(UNSUPPORTED), file=sys.stderr)
        sys.exit(2)
    cli(prog_name="sparring")
