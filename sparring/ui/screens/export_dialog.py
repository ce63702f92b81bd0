"""Where to save a summary: a small dialog with a folder, a file name and a format.

It suggests the user's Documents folder (else their home) and a file name from the group
and the date; Enter or Save gives the choice back, Escape gives None.
"""

from __future__ import annotations

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


def suggested_folder(home: Path | None = None) -> Path:
    """Where summaries go unless the user says otherwise: Documents (or the Danish
    Dokumenter), else the home folder."""
    home = home or Path.home()
    for name in ("Documents", "Dokumenter"):
        if (home / name).is_dir():
            return home / name
    return home


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
    """Ask where to save a summary and in which format.

    Args:
        folder: the folder suggested.
        stem: the file name suggested, without its extension.
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

    def __init__(self, folder: Path, stem: str):
        super().__init__()
        self.folder = folder
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Save the summary"))
            yield Label(_("Folder"))
            yield Input(str(self.folder), id="folder")
            yield Label(_("File name"))
            yield Input(self.stem, id="name")
            with RadioSet(id="format"):
                for index, (_form, label) in enumerate(FORMATS):
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
        form = FORMATS[max(index, 0)][0]
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
