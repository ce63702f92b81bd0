"""Where to save an export: a small dialog with a folder, a file name and a format.

It suggests the user's Documents folder (else their home) and a file name made by whoever
asks (a session's summary: from the group and the date; a member's own case notes: from
the date, the group and the member); Enter or Save gives the choice back, Escape gives
None. `write_private` then writes the file only the user can read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from sparring.i18n import N_, _

FORMATS = (("html", "HTML"), ("md", "Markdown"), ("csv", "CSV"))
"""The formats offered, by file extension, HTML first: it opens everywhere."""


def file_part(text: str, fallback: str) -> str:
    """`text` as a part of a file name: lower case, words joined by `-` (`fallback` if none)."""
    return re.sub(r"\W+", "-", text.casefold()).strip("-_") or fallback


def export_stem(day: str, *parts: tuple[str, str]) -> str:
    """The name suggested for an export, without its extension: `sparring-<day>-<part>...`,
    each part a (text, fallback) as `file_part` takes them."""
    return "-".join(("sparring", day, *(file_part(text, fallback) for text, fallback in parts)))


def write_private(folder: Path, name: str, text: str) -> Path:
    """Write `text` to a new file only the user can read (0600) in `folder`; its path.

    An existing file is never written over: a second file of the same name (a summary
    of the same group on the same day: they often spar more than once a day; a member's
    notes saved again) gets `-2`, `-3`, ... unless the file already holds exactly this
    text.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    number = 1
    while True:
        path = folder / (name if number == 1 else f"{stem}-{number}{dot}{suffix}")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if path.read_text(encoding="utf-8", errors="replace") == text:
                return path
            number += 1
            continue
        try:
            os.fchmod(descriptor, 0o600)  # whatever the umask says
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
        except OSError:
            path.unlink(missing_ok=True)  # no half-written file left behind
            raise
        return path


@dataclass(frozen=True)
class ExportChoice:
    """Where the user chose to save, and as what."""

    folder: Path
    stem: str
    form: str

    @property
    def name(self) -> str:
        """The file name with its extension."""
        return f"{self.stem}.{self.form}"


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Ask where to save an export and in which format.

    Args:
        folder: the folder suggested.
        stem: the file name suggested, without its extension.
        title: what is saved, as the dialog's heading (by default: the summary).
        forms: the formats offered, by extension, in the order of `FORMATS`
            (by default all of them).
    """

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog #dialog { width: 70; height: auto; border: thick $accent; padding: 1 2;
                           background: $surface; }
    ExportDialog Input { margin-bottom: 1; }
    ExportDialog #buttons { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="export.cancel",
            tooltip=N_("Leave without saving."),
        ),
    ]

    def __init__(self, folder: Path, stem: str, *, title: str | None = None,
                 forms: Sequence[str] | None = None):
        super().__init__()
        self.folder = folder
        self.stem = stem
        self.title_text = title
        self.formats = [(form, label) for form, label in FORMATS
                        if forms is None or form in forms]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text or _("Save the summary"), markup=False)
            yield Label(_("Folder"))
            yield Input(str(self.folder), id="folder")
            yield Label(_("File name"))
            yield Input(self.stem, id="name")
            with RadioSet(id="format"):
                for index, (_form, label) in enumerate(self.formats):
                    yield RadioButton(label, value=index == 0)
            with Horizontal(id="buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def choice(self) -> ExportChoice | None:
        """What the fields say now; None while the folder or the name is empty."""
        folder = self.query_one("#folder", Input).value.strip()
        stem = self.query_one("#name", Input).value.strip()
        index = self.query_one("#format", RadioSet).pressed_index
        form = self.formats[max(index, 0)][0]
        stem = stem.removesuffix(f".{form}")
        if not folder or not stem or "/" in stem:
            return None
        return ExportChoice(Path(folder).expanduser(), stem, form)

    def _save(self) -> None:
        found = self.choice()
        if found is None:
            self.notify(_("Give a folder and a file name."), severity="warning")
            return
        self.dismiss(found)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.dismiss(None)
