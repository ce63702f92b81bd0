"""The `sparring` command: opens the app, and gives scripts the same ground."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from sparring.cli.app import open_app, run
from sparring.cli.data import add_data_commands
from sparring.cli.options import data_dir_option, language_option, warn_about_settings
from sparring.cli.scenarios import scenarios
from sparring.cli.serve import serve
from sparring.cli.wall import wall


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "--version", "-V", package_name="sparring", prog_name="sparring")
@data_dir_option
@language_option
@click.pass_context
def cli(context: click.Context, data: Path | None) -> None:
    """Sparring: run timed, case-based peer sparring in a small group.

    A timekeeper runs the 35-minute protocol (present, reflect, interview, round),
    every insight is saved at once, and the notes can be reviewed session after session.
    """
    if context.invoked_subcommand is None:
        open_app(data=data)
    elif context.invoked_subcommand != "run":
        warn_about_settings()  # the app shows them on its start screen


cli.add_command(scenarios)
cli.add_command(run)
cli.add_command(wall)
cli.add_command(serve)
add_data_commands(cli)
for _command in (scenarios, run, *scenarios.commands.values()):
    language_option(_command)


UNSUPPORTED = (
    "Sparring runs on Linux and macOS: it keeps one writer per data folder with a lock "
    "that Windows does not have. On Windows, run it in WSL (the Windows Subsystem for "
    "Linux)."
)


def main() -> None:
    """Entry point of the `sparring` console command."""
    if os.name != "posix":
        print(UNSUPPORTED, file=sys.stderr)
        sys.exit(2)
    cli(prog_name="sparring")
