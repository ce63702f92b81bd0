"""The whole session's progress against its planned minutes, with the phases marked."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from sparring.i18n import _
from sparring.ui.text import clock_text


@dataclass(frozen=True)
class ProgressState:
    """What the bar shows: each phase's planned and spent seconds, and which one runs."""

    titles: tuple[str, ...]
    planned: tuple[float, ...]
    spent: tuple[float, ...]
    current: int | None
    elapsed: float
    remaining: float
    extended: float = 0.0
    """Seconds added with +/- a minute: part of the total the time left is "of"."""


class SessionProgress(Widget):
    """A bar over the planned minutes of the session, one segment per phase.

    The running phase is highlighted; time spent fills each segment, and a phase that ran
    over its plan shows its segment in the warning colour.
    """

    DEFAULT_CSS = """
    SessionProgress {
        height: 3;
        padding: 0 1;
    }
    """

    def __init__(self, state: ProgressState, *, id: str | None = None):
        super().__init__(id=id)
        self.state = state

    def show(self, state: ProgressState) -> None:
        """Redraw with `state`."""
        if state != self.state:
            self.state = state
            self.refresh()

    def render(self) -> Text:
        state = self.state
        total = sum(state.planned) or 1.0
        width = max(10, self.size.width - 2 - (len(state.planned) - 1))
        widths = [max(3, round(width * p / total)) for p in state.planned]
        bar = Text()
        labels = Text()
        for index, (title, planned, spent, cells) in enumerate(
            zip(state.titles, state.planned, state.spent, widths, strict=True)
        ):
            filled = min(cells, round(cells * spent / planned)) if planned else 0
            running = index == state.current
            over = spent > planned
            fill_style = "bold red" if over else ("bold green" if running else "green")
            bar.append("█" * filled, style=fill_style)
            bar.append("░" * (cells - filled), style="bold" if running else "dim")
            bar.append("│" if index < len(widths) - 1 else "", style="dim")
            label = f"{index + 1} {title}"[: cells]
            labels.append(label.ljust(cells), style="reverse bold" if running else "dim")
            labels.append(" " if index < len(widths) - 1 else "")
        times = Text(_("{elapsed} in · {remaining} left of {total}").format(
            elapsed=clock_text(state.elapsed), remaining=clock_text(state.remaining),
            total=clock_text(sum(state.planned) + state.extended)), style="bold",
            justify="right")
        return Text("\n").join([bar, labels, times])
