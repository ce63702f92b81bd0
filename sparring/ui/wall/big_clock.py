"""A countdown in a block font scaled to fill its widget: readable across a room.

Textual's `Digits` is three rows tall whatever the space; on a projector the time must
fill a good part of the screen, so this draws each character of a 3x5 pixel font with
as many cells per pixel as fit (about square pixels: a cell is twice as tall as wide).
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

FONT_ROWS = 5
"""Pixel rows of every glyph."""

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..",) * FONT_ROWS,
}
"""The pixels of each character the countdown shows ('#' on, '.' off)."""


def pixel_rows(text: str) -> list[str]:
    """`text` in the block font, one string of '#' and '.' per pixel row, a gap between
    characters."""
    glyphs = [GLYPHS.get(char, GLYPHS[" "]) for char in text]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(FONT_ROWS)]


def scale_for(text: str, width: int, height: int) -> tuple[int, int]:
    """Cells per pixel (across, down) to draw `text` as large as fits width x height,
    pixels kept about square; (1, 1) at the least."""
    columns = len(pixel_rows(text)[0]) if text else 1
    best = (1, 1)
    for down in range(1, max(1, height // FONT_ROWS) + 1):
        across = min(2 * down, width // columns)
        if across < down:
            break
        best = (across, down)
    return best


def render_big(text: str, width: int, height: int) -> list[str]:
    """The lines of `text` drawn in blocks, scaled to fit, each centred in `width`."""
    across, down = scale_for(text, width, height)
    lines = []
    for row in pixel_rows(text):
        line = "".join(("█" if pixel == "#" else " ") * across for pixel in row)
        lines.extend([line.center(width)] * down)
    return lines


class BigClock(Widget):
    """Shows `text` (a time like 12:34 or +1:05) in blocks as large as the widget allows.

    Its colour is the widget's `color`: screens set it by class (overtime, paused).
    """

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        min-height: 5;
        content-align: center middle;
    }
    """

    text: reactive[str] = reactive("0:00")
    """The time shown."""

    def render(self) -> Text:
        size = self.content_size
        lines = render_big(self.text, size.width, size.height)
        top = max(0, (size.height - len(lines)) // 2)
        return Text("\n" * top + "\n".join(lines), no_wrap=True, overflow="crop")
