"""A table of plain text rows that fits its columns to the width it has.

The history lists sessions and notes whose text can be long; at 80 columns there is room
for a few short columns and one wide one. So each column has a fixed width, or takes
what is left (the one "flexible" column), and a column may ask for a minimum table width
below which it is left out. Cells are cut to their column's width with an ellipsis; the
screen shows the whole of the highlighted row elsewhere. Every cell is a `rich.text.Text`,
so what the user typed is shown exactly as typed, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text
from textual import events
from textual.widgets import DataTable

PAGE = 100
"""Rows a paged table shows at a time: a long history has tens of thousands of notes."""

EN_DASH = "\u2013"

FIRST_ROWS = 30
"""Rows a table shows at once (more if it is taller); the rest follow a frame later."""


Widths = tuple[tuple["Column", int], ...]
"""The columns shown, each with its width in cells."""


@dataclass(frozen=True)
class Column:
    """One column of a `FittedTable`.

    Attributes:
        key: names the column (unique in its table).
        label: the heading, plain text.
        width: its width in cells; None for the column that takes the width left over.
        min_table_width: the column shows only in a table at least this wide.
        right: align the cells right (numbers).
    """

    key: str
    label: str
    width: int | None = None
    min_table_width: int = 0
    right: bool = False


def page_line(offset: int, shown: int, total: int, noun: str) -> str:
    """Where a page is in the whole, e.g. "101-200 of 27,585 notes" (with an en dash)."""
    if total == 0:
        return f"No {noun}."
    if shown == total:
        return f"{total:,} {noun}" if total != 1 else f"1 {noun.removesuffix('s')}"
    return f"{offset + 1:,}{EN_DASH}{offset + shown:,} of {total:,} {noun}"


def last_offset(total: int) -> int:
    """Where the last page of `total` rows starts."""
    return max(0, (total - 1) // PAGE * PAGE)


class Cell(Text):
    """The text of a cell, one line that fits its column: it measures as its column's
    width without looking at its words (the table measures every cell it is given)."""

    width = 0

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


def cell(value: str, width: int, *, right: bool = False) -> Cell:
    """`value` on one line, cut to `width` cells with an ellipsis when longer."""
    text = Cell(" ".join(value.split()), no_wrap=True, overflow="ellipsis", end="")
    if text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    if right:
        text.align("right", width)
    text.width = width
    return text


class FittedTable(DataTable[Text]):
    """A row-cursor table of text rows whose columns fit the table's width.

    Args:
        columns: the columns, in order; one of them should have no width.
        flexible_min: the least width of the flexible column before the columns that
            ask for a wide table are left out.
        id: the widget's id.
    """

    DEFAULT_CSS = """
    FittedTable {
        height: 1fr;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, columns: Sequence[Column], *, flexible_min: int = 16,
                 id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.all_columns = tuple(columns)
        self.flexible_min = flexible_min
        self.values: list[list[str]] = []
        self._widths: tuple[tuple[Column, int], ...] = ()
        self._filling = 0

    # -- layout -----------------------------------------------------------------------

    def _available(self) -> int:
        """The width the columns can share: the table's, less the scrollbar gutter."""
        width = self.size.width or (self.app.size.width if self.is_attached else 80)
        return max(width - self.styles.scrollbar_size_vertical, 20)

    def fitted(self, available: int) -> Widths:
        """The columns that fit in `available` cells, each with its width."""
        pad = 2 * self.cell_padding
        shown = [c for c in self.all_columns if available >= c.min_table_width]
        fixed = sum((c.width or 0) + pad for c in shown)
        flexible = [c for c in shown if c.width is None]
        left = available - fixed - pad * len(flexible)
        share = max(left // len(flexible), self.flexible_min) if flexible else 0
        return tuple((c, c.width if c.width is not None else share) for c in shown)

    @property
    def widths(self) -> Widths:
        """The columns shown at the table's width now, each with its width."""
        return self.fitted(self._available())

    def cells(self, widths: Widths, rows: Sequence[Sequence[str]]) -> list[list[Cell]]:
        """The cells of `rows` cut to `widths`. Touches no widget state: a worker thread
        may make them, so that the app's thread only has to show them."""
        positions = {column.key: index for index, column in enumerate(self.all_columns)}
        return [
            [cell(row[positions[column.key]], width, right=column.right)
             for column, width in widths]
            for row in rows
        ]

    def on_resize(self, event: events.Resize) -> None:
        if self.widths != self._widths:
            self._rebuild(keep=self.cursor_row)

    # -- content ----------------------------------------------------------------------

    def show(self, rows: Sequence[Sequence[str]], *, keep: int | None = None,
             made: tuple[Widths, list[list[Cell]]] | None = None) -> None:
        """Show `rows` (one string per column of `all_columns`), the cursor on row `keep`
        (the first row when None). `made`: their cells for some widths, made earlier."""
        self.values = [list(row) for row in rows]
        self._rebuild(keep=keep or 0, made=made)

    def _rebuild(self, *, keep: int,
                 made: tuple[Widths, list[list[Cell]]] | None = None) -> None:
        widths = self.widths
        if widths != self._widths:
            self.clear(columns=True)
            for column, width in widths:
                label = Text(column.label, end="")
                if column.right:
                    label.align("right", width)
                self.add_column(label, width=width, key=column.key)
            self._widths = widths
        else:
            self.clear()
        cells = made[1] if made is not None and made[0] == widths else None
        if cells is None:
            cells = self.cells(widths, self.values)
        # The rows in view first; the rest once they are drawn, so a new page shows at
        # once (the table measures every row it is given before it draws).
        first = max(FIRST_ROWS, self.size.height, keep + 1)
        self._filling += 1
        self.add_rows(cells[:first])
        if len(cells) > first:
            self.call_after_refresh(self._add_rest, self._filling, cells[first:])
        if self.values:
            self.move_cursor(row=min(keep, len(self.values) - 1), animate=False, scroll=True)

    def _add_rest(self, filling: int, cells: list[list[Cell]]) -> None:
        if filling == self._filling:
            self.add_rows(cells)

    @property
    def current(self) -> int | None:
        """The index of the highlighted row, if there are rows."""
        return self.cursor_row if self.values else None
