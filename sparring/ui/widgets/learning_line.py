"""One line in My cases: the chosen member's learning point, and since when it holds.

Seed 001: "Alle har et specifikt læringspunkt eller læringsområde, som man ønsker at
arbejde med gennem de (mindst) 12 måneder". The line reads every version of the member's
learning point in the store's thread, and shows the one that holds now as typed, the day
it was stated, or that it was withdrawn, or that none is stated yet.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from sparring.domain.learning import LearningPoint, current, history_of
from sparring.formats import day_of
from sparring.i18n import _
from sparring.store import Archive
from sparring.ui.widgets.store_reader import StoreReader


def learning_text(versions: list[LearningPoint], member: str, group: str) -> Text:
    """A member's learning point now and the day it was stated, or that there is none.

    Args:
        versions: every version of the member's learning point, oldest first.
        member: the member's name; group: their group.
    """
    point = current(versions, group, member)
    if point is not None:
        line = Text(
            _("Learning point, since {day}: ").format(day=day_of(point.at)), style="bold", end=""
        )
        line.append(point.text, style="not bold")
        return line
    if versions:
        return Text(
            _("No learning point now; withdrawn {day}.").format(day=day_of(versions[-1].at)), end=""
        )
    return Text(_("No learning point stated yet."), end="")


class LearningLine(Static):
    """The chosen member's learning point (hidden while no member is chosen).

    Args:
        reader: reads the store in a thread.
    """

    DEFAULT_CSS = """
    LearningLine {
        height: auto;
        max-height: 2;
    }
    """

    def __init__(self, reader: StoreReader, *, id: str | None = None):
        super().__init__("", id=id, markup=False)
        self.reader = reader
        self.versions: list[LearningPoint] = []
        """Every version of the shown member's learning point, oldest first."""
        self._member: tuple[str, str] | None = None

    def on_mount(self) -> None:
        self.display = False

    def clear(self) -> None:
        """Show no member's learning point."""
        self._member = None
        self.versions = []
        self.display = False

    def load(self, member: str, group: str) -> None:
        """Read the learning point of `member` of `group` (again) and show it."""
        self._member = (member, group)

        def work(store: Archive) -> tuple[str, str, list[LearningPoint]]:
            return member, group, history_of(store.learning_points(), group, member)

        self.reader.ask("learning", work, self._show, self._failed)

    def _show(self, found: tuple[str, str, list[LearningPoint]]) -> None:
        member, group, versions = found
        if (member, group) != self._member:
            return  # read for a member chosen before
        self.versions = versions
        self.update(learning_text(versions, member, group))
        self.display = True

    def _failed(self, message: str) -> None:
        self.versions = []
        self.update(Text(_("The learning points cannot be read: {error}").format(error=message)))
        self.display = True
