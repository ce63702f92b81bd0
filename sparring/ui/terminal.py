"""What Sparring draws on the terminal, and how it leaves when the terminal goes away.

- `ControlCharacters` is a line filter every line drawn passes through: a control
  character in what users typed (an escape sequence that would clear the screen or set
  the title) is drawn as a stand-in, whichever widget shows it.
- `exit_deadline` ends the process after a grace period, once everything is saved, if
  shutting down hangs anyway: no Sparring outlives its terminal.

The driver that survives a closed terminal is in `sparring.ui.driver`.
"""

from __future__ import annotations

import os
import threading

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from sparring.domain.shown import terminal_safe, unsafe_in

EXIT_GRACE_SECONDS = 5.0
"""How long a shutdown may take, after everything is saved, before the process just ends."""


class ControlCharacters(LineFilter):
    """Draws each control character in a line as a stand-in, so that no text can drive
    the terminal. The line keeps its width (a stand-in takes a cell where a control
    character took none, so the line's end is cut by as many cells)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(segment.control is None and unsafe_in(segment.text) for segment in segments):
            return segments
        width = Segment.get_line_length(segments)
        safe = [
            Segment(terminal_safe(text, one_line=True), style, None) if control is None
            else Segment(text, style, control)
            for text, style, control in segments
        ]
        return Segment.adjust_line_length(safe, width)


def exit_deadline(code: int, seconds: float = EXIT_GRACE_SECONDS) -> None:
    """End the process with `code` in `seconds` unless it has ended by then.

    Call it only once everything is saved: what is on disk stays, the lock goes with the
    process. A normal exit before the deadline is not delayed (the thread is a daemon).
    """

    def watchdog() -> None:
        threading.Event().wait(seconds)
        os._exit(code)

    threading.Thread(target=watchdog, name="sparring-exit-deadline", daemon=True).start()
