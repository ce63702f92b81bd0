"""A member's own case notes saved from My cases: what a participant takes home.

The same file `sparring export --member NAME --group G` writes (see
`sparring.review.member`): each challenge they brought and the notes on it, what others'
rounds noticed, their next steps and how each was followed up, their learning point.
The export dialog asks where and as what (HTML or Markdown); the group's sessions are
read in the store's thread; the file is written only the user can read, and the user is
told where it went.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from textual.screen import Screen

from sparring.domain.scenario import Scenario
from sparring.i18n import _
from sparring.review.member import (
    MemberNotes,
    group_sessions,
    member_html,
    member_markdown,
    member_notes,
)
from sparring.store import Archive, StoreError
from sparring.ui.screens.export_dialog import (
    ExportChoice,
    ExportDialog,
    export_stem,
    write_private,
)
from sparring.ui.widgets.cases import Member
from sparring.ui.widgets.store_reader import StoreReader

FORMS = ("html", "md")
"""The formats a member's notes are saved in: HTML first, it opens everywhere."""


def member_file_stem(member: Member, day: date) -> str:
    """The file name suggested for a member's notes, without its extension:
    `sparring-<date>-<group>-<member>`."""
    return export_stem(day.isoformat(), (member.group, "group"), (member.name, "member"))


class MemberExport:
    """Saves members' own case notes on behalf of `screen` (which shows the dialog and the
    notices).

    Args:
        screen: the screen that asks (My cases).
        reader: reads the store in a thread.
        scenarios: the scenarios, for the names of phases, lenses and insight kinds.
        folder: the folder suggested.
    """

    def __init__(
        self, screen: Screen[Any], reader: StoreReader, scenarios: dict[str, Scenario], folder: Path
    ):
        self.screen = screen
        self.reader = reader
        self.scenarios = scenarios
        self.folder = folder

    def ask(self, member: Member) -> None:
        """Ask where to save `member`'s own case notes and as what; then save them."""
        title = _("Save {name}'s own case notes").format(name=member.name)
        dialog = ExportDialog(
            self.folder, member_file_stem(member, date.today()), title=title, forms=FORMS
        )
        self.screen.app.push_screen(dialog, partial(self._read, member))

    def _read(self, member: Member, choice: ExportChoice | None) -> None:
        if choice is None:
            return

        def work(store: Archive) -> tuple[MemberNotes, str | None]:
            try:
                points, unread = store.learning_points(), None
            except StoreError as error:  # the cases leave all the same, without the point
                points, unread = [], str(error)
            sessions = group_sessions(store, member.group)
            return member_notes(sessions, member.group, member.name, points), unread

        def failed(message: str) -> None:
            self.screen.notify(
                _("{name}'s case notes were not written: {error}").format(
                    name=member.name, error=message
                ),
                title=_("Not exported"),
                severity="error",
                markup=False,
            )

        self.reader.ask("export", work, partial(self._write, choice, failed), failed)

    def _write(
        self,
        choice: ExportChoice,
        failed: Callable[[str], None],
        found: tuple[MemberNotes, str | None],
    ) -> None:
        # Made here, not in the reading thread: an export speaks its own language for a
        # moment, and the language is the whole app's.
        notes, unread = found
        render = member_html if choice.form == "html" else member_markdown
        try:
            path = write_private(choice.folder, choice.name, render(notes, self.scenarios))
        except OSError as error:
            failed(error.strerror or str(error))
            return
        self.screen.notify(
            _("Saved {name}'s own case notes to {path}").format(name=notes.member, path=path),
            title=_("Exported"),
            markup=False,
        )
        if unread is not None:
            self.screen.notify(
                unread,
                title=_("Exported without the learning point"),
                severity="warning",
                markup=False,
            )
