"""`sparring serve`: the app, or the wall, in a web browser (textual-serve)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from sparring.cli.options import command, data_dir_option, folder, option
from sparring.i18n import N_, _

LOOPBACK = "127.0.0.1"
WILDCARDS = ("0.0.0.0", "::", "")
"""Addresses that are not one place: a Host header could not be checked against them."""


def exposure_warning(host: str, root: Path) -> str:
    """What serving on another address than loopback exposes, said plainly."""
    return _(
        "WARNING: serving on {host}, not only on this computer. Whoever has the address "
        "below (token included) can run Sparring on the data folder {root}: read the "
        "notes of every session in it, and start, change or end sessions. Give it only "
        "to the groups in the room, on a network you trust; the connection is not "
        "encrypted. Stop serving with ctrl+c."
    ).format(host=host, root=root)


def app_command(root: Path, *, wall: bool, show_notes: bool, theme: str | None) -> str:
    """The command each browser connection runs: the app, or the wall, on `root`."""
    command = [sys.executable, "-m", "sparring", "--data-dir", str(root)]
    if wall:
        command.append("wall")
        if show_notes:
            command.append("--show-notes")
        if theme:
            command += ["--theme", theme]
    return shlex.join(command)


@command(
    "serve",
    help=N_(
        "Run Sparring in a web browser: each browser tab runs its own app (or wall).\n\n"
        "Only this computer can connect unless --host names another address, and only with "
        "the address printed (it carries a secret token). Stop it with ctrl+c."
    ),
)
@option("--wall", is_flag=True, default=False,
        help=N_("Serve the wall (read-only, large) instead of the timekeeper's app."))
@option("--show-notes", is_flag=True, default=False,
        help=N_("With --wall: show the running phase's notes too."))
@option("--theme", default=None, metavar=N_("NAME"), help=N_("With --wall: a Textual theme."))
@option("--font-size", type=click.IntRange(6, 200), default=16, show_default=True,
        help=N_("The font size in the browser, in pixels (try 32 on a projector)."))
@option("--host", default=LOOPBACK, show_default=True,
        help=N_("The address to serve on. Anything but 127.0.0.1 lets other computers "
                "connect: see the warning it prints."))
@option("--port", type=click.IntRange(0, 65535), default=0,
        help=N_("The port (default: a free one, printed)."))
@data_dir_option
def serve(wall: bool, show_notes: bool, theme: str | None, font_size: int, host: str,
          port: int, data: Path | None) -> None:
    """Run Sparring in a web browser (the help is the command's own)."""
    from sparring.cli.web import GuardedServer, listening_socket  # aiohttp only when serving

    if host in WILDCARDS:
        raise click.UsageError(_(
            "--host: name the address the groups' browsers will use (this computer's "
            "address on the room's network), not a wildcard."
        ))
    root = folder(data)
    try:
        sock = listening_socket(host, port)
    except OSError as error:
        raise click.ClickException(_("Cannot serve on {host}:{port}: {reason}.").format(
            host=host, port=port, reason=error.strerror or error)) from None
    command = app_command(root, wall=wall, show_notes=show_notes, theme=theme)
    server = GuardedServer(command, sock, host=host, font_size=font_size,
                           title=_("Sparring wall") if wall else "Sparring")
    if host != LOOPBACK:
        click.echo(exposure_warning(host, root), err=True)
    served = (_("The wall is served at (open it in a browser):") if wall
              else _("Sparring is served at (open it in a browser):"))
    click.echo(f"{served}\n\n    {server.url}\n")
    click.echo(_("Stop with ctrl+c."))
    server.run()
