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

from rich.text import Text
from textual import events
from textual.widgets import DataTable

ELLIPSIS = "…"


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


def cell(value: str, width: int, *, right: bool = False) -> Text:
    """`value` on one line, cut to `width` cells with an ellipsis when longer."""
    text = Text(" ".join(value.split()), no_wrap=True, overflow="ellipsis", end="")
    if text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    if right:
        text.align("right", width)
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

    # -- layout -----------------------------------------------------------------------

    def _available(self) -> int:
        """The width the columns can share: the table's, less the scrollbar gutter."""
        width = self.size.width or (self.app.size.width if self.is_attached else 80)
        return max(width - self.styles.scrollbar_size_vertical, 20)

    def fitted(self, available: int) -> tuple[tuple[Column, int], ...]:
        """The columns that fit in `available` cells, each with its width."""
        pad = 2 * self.cell_padding
        shown = [c for c in self.all_columns if available >= c.min_table_width]
        fixed = sum((c.width or 0) + pad for c in shown)
        flexible = [c for c in shown if c.width is None]
        left = available - fixed - pad * len(flexible)
        share = max(left // len(flexible), self.flexible_min) if flexible else 0
        return tuple((c, c.width if c.width is not None else share) for c in shown)

    def on_resize(self, event: events.Resize) -> None:
        if self.fitted(self._available()) != self._widths:
            self._rebuild(keep=self.cursor_row)

    # -- content ----------------------------------------------------------------------

    def show(self, rows: Sequence[Sequence[str]], *, keep: int | None = None) -> None:
        """Show `rows` (one string per column of `all_columns`), the cursor on row `keep`
        (the first row when None)."""
        self.values = [list(row) for row in rows]
        self._rebuild(keep=keep or 0)

    def _rebuild(self, *, keep: int) -> None:
        widths = self.fitted(self._available())
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
        positions = {column.key: index for index, column in enumerate(self.all_columns)}
        self.add_rows(
            [cell(row[positions[column.key]], width, right=column.right)
             for column, width in widths]
            for row in self.values
        )
        if self.values:
            self.move_cursor(row=min(keep, len(self.values) - 1), animate=False, scroll=True)

    @property
    def current(self) -> int | None:
        """The index of the highlighted row, if there are rows."""
        return self.cursor_row if self.values else None
