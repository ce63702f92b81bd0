"""`sparring wall`: the running session, large, for a projector or a second terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sparring.cli.options import command, data_dir_option, folder, option
from sparring.domain.catalogue import load_catalogue
from sparring.i18n import N_, _
from sparring.paths import user_scenario_dir

if TYPE_CHECKING:
    from sparring.ui.wall.app import WallApp
    from sparring.ui.wall.follow import WallTime


def make_wall(root: Path, *, session_id: str | None = None, show_notes: bool = False,
              theme: str | None = None, wall_time: WallTime | None = None) -> WallApp:
    """The wall on the data folder `root`, opened read-only (it never writes there).

    Raises:
        StoreError: the folder cannot be read, or no session has that id.
    """
    from sparring.store import Archive
    from sparring.ui.wall.app import WallApp  # the UI is loaded only when it is used

    archive = Archive(root, read_only=True)
    if session_id is not None:
        session_id = archive.find(session_id).id
    return WallApp(archive, load_catalogue(user_scenario_dir()), session_id=session_id,
                   show_notes=show_notes, theme=theme, wall_time=wall_time)


@command(
    "wall",
    help=N_(
        "Show a running session on the wall: read-only, large, following the timekeeper.\n\n"
        "It follows the session another Sparring runs on the same data folder within a "
        "second of any change, and writes nothing. Quit with q or ctrl+q."
    ),
)
@option("--session", "session_id", default=None, metavar="ID",
        help=N_("The session to show (its id, or the start of it); "
                "default: the one running, or ask."))
@option("--show-notes", is_flag=True, default=False,
        help=N_("Show the running phase's notes too (hidden by default)."))
@option("--theme", default=None, metavar=N_("NAME"),
        help=N_("A Textual theme (e.g. textual-light, textual-dark)."))
@data_dir_option
def wall(session_id: str | None, show_notes: bool, theme: str | None,
         data: Path | None) -> None:
    """Show a running session on the wall (the help is the command's own)."""
    from sparring.store import StoreError

    try:
        app = make_wall(folder(data), session_id=session_id, show_notes=show_notes,
                        theme=theme)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    except Exception as error:  # an unknown theme: Textual says which ones there are
        raise click.UsageError(_("--theme: {problem}").format(problem=error)) from None
    app.run()
