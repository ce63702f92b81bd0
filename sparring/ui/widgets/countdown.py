"""The large countdown of the running phase (or round turn), and its overtime."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label

from sparring.i18n import _
from sparring.ui.text import clock_text

WARNING_SECONDS = 60.0
"""From this many seconds left, the countdown shows its quieter warning colour."""


class Countdown(Vertical):
    """Remaining time as large digits; in overtime it counts up with a '+' in warning colour.

    The widget only shows what it is given: the protocol computes the time.

    Attributes:
        warning_seconds: from this many seconds left the digits take the warning colour.
    """

    warning_seconds = WARNING_SECONDS

    DEFAULT_CSS = """
    Countdown {
        width: 24;
        height: auto;
        padding: 0 2;
    }
    Countdown Digits {
        width: auto;
        color: $success;
    }
    Countdown.-warning Digits {
        color: $warning;
    }
    Countdown.-overtime Digits {
        color: $error;
        text-style: bold;
    }
    Countdown.-paused Digits {
        color: $text-muted;
    }
    Countdown #countdown-caption {
        color: $text-muted;
        width: 100%;
    }
    Countdown.-overtime #countdown-caption {
        color: $error;
        text-style: bold;
    }
    """

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="countdown-digits")
        yield Label("", id="countdown-caption")

    def show(self, remaining: float, *, paused: bool, caption: str = "") -> None:
        """Show `remaining` seconds (negative in overtime) and a caption under the digits."""
        overtime = remaining < 0
        self.query_one(Digits).update(clock_text(remaining))
        self.set_class(overtime, "-overtime")
        self.set_class(not overtime and remaining <= self.warning_seconds, "-warning")
        self.set_class(paused, "-paused")
        if paused:
            state = _("PAUSED")
        elif overtime:
            state = _("OVERTIME")
        else:
            state = _("left")
        text = f"{state} · {caption}" if caption else state
        self.query_one("#countdown-caption", Label).update(text)
