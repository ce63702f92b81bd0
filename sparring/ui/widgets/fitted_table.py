"""A table of plain text rows that fits its columns to the width it has.

The history lists sessions and notes whose text can be long; at 80 columns there is room
for a few short columns and one wide one. So each column has a fixed width, or takes
what is left (the one "flexible" column), and a column may ask for a minimum table width
below which it is left out. Cells are cut to their column's width with an ellipsis; the
screen shows the whole of the highlighted row elsewhere. Every cell is a `rich.text.Text`,
so what the user typed is shown exactly as typed, never read as markup.

Each row is drawn as one line of text, its columns laid out here: `DataTable` measures
and renders every cell on its own, and one cell a row rather than five is what lets a
new page of notes show within a frame or two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual._segment_tools import line_crop
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable

from sparring.formats import number_text
from sparring.i18n import _, ngettext, resolve

PAGE = 100
"""Rows a paged table shows at a time: a long history has tens of thousands of notes."""

EN_DASH = "\u2013"

FIRST_ROWS = 30
"""Rows a table shows at once (more if it is taller); the rest follow a frame later."""

GAP = 2
"""Cells between two columns."""

MARGIN = 1
"""Cells before the first column and after the last."""


Widths = tuple[tuple["Column", int], ...]
"""The columns shown, each with its width in cells."""


@dataclass(frozen=True)
class Column:
    """One column of a `FittedTable`.

    Attributes:
        key: names the column (unique in its table).
        label: the heading, plain text (a lazy text, `N_`, is shown translated).
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
    """Where a page is in the whole, e.g. "101-200 of 27,585 notes" (with an en dash; in
    Danish "101-200 af 27.585 noter"). `noun` is "notes" or "sessions"."""
    sessions = noun == "sessions"
    if total == 0:
        return _("No sessions.") if sessions else _("No notes.")
    if shown == total:
        whole = (ngettext("{count} session", "{count} sessions", total) if sessions
                 else ngettext("{count} note", "{count} notes", total))
        return whole.format(count=number_text(total))
    part = (_("{first}\u2013{last} of {total} sessions") if sessions
            else _("{first}\u2013{last} of {total} notes"))
    return part.format(first=number_text(offset + 1), last=number_text(offset + shown),
                       total=number_text(total))


def last_offset(total: int) -> int:
    """Where the last page of `total` rows starts."""
    return max(0, (total - 1) // PAGE * PAGE)


class Line(Text):
    """A row laid out in its columns: it measures as its known width without looking at
    its words (the table measures every row it is given)."""

    width = 0

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


def fit(value: str, width: int, *, right: bool = False) -> str:
    """`value` on one line, exactly `width` cells: cut with an ellipsis, or padded.

    Plain strings, not `Text`: a page of rows is laid out many times faster."""
    text = " ".join(value.split())
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def line(values: Sequence[str], widths: Widths, positions: dict[str, int]) -> Line:
    """One row (`values` by column position) laid out in `widths`."""
    margin = " " * MARGIN
    laid = (" " * GAP).join(
        fit(values[positions[column.key]], width, right=column.right) for column, width in widths
    )
    row = Line(margin + laid + margin, no_wrap=True, end="")
    row.width = row.cell_len
    return row


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
        super().__init__(id=id, cursor_type="row", cell_padding=0)
        self.all_columns = tuple(columns)
        self.flexible_min = flexible_min
        self.values: list[list[str]] = []
        self._positions = {column.key: index for index, column in enumerate(columns)}
        self._widths: Widths = ()
        self._filling = 0
        self._header: Line | None = None
        self._lines: list[Line] = []  # the row at each index, as drawn
        self._base_style: Style | None = None

    # -- layout -----------------------------------------------------------------------

    def _available(self) -> int:
        """The width the columns can share: the table's, less the scrollbar gutter."""
        width = self.size.width or (self.app.size.width if self.is_attached else 80)
        return max(width - self.styles.scrollbar_size_vertical, 20)

    def fitted(self, available: int) -> Widths:
        """The columns that fit in `available` cells, each with its width."""
        shown = [c for c in self.all_columns if available >= c.min_table_width]
        fixed = sum(c.width or 0 for c in shown) + GAP * (len(shown) - 1) + 2 * MARGIN
        flexible = [c for c in shown if c.width is None]
        share = max((available - fixed) // len(flexible), self.flexible_min) if flexible else 0
        return tuple((c, c.width if c.width is not None else share) for c in shown)

    @property
    def widths(self) -> Widths:
        """The columns shown at the table's width now, each with its width."""
        return self.fitted(self._available())

    def lines(self, widths: Widths, rows: Sequence[Sequence[str]]) -> list[list[Text]]:
        """`rows` laid out in `widths`, one cell a row. Touches no widget state: a worker
        thread may lay them out, so that the app's thread only has to show them."""
        return [[line(row, widths, self._positions)] for row in rows]

    def on_resize(self, event: events.Resize) -> None:
        if self.widths != self._widths:
            self._rebuild(keep=self.cursor_row)

    # -- content ----------------------------------------------------------------------

    def show(self, rows: Sequence[Sequence[str]], *, keep: int | None = None,
             made: tuple[Widths, list[list[Text]]] | None = None) -> None:
        """Show `rows` (one string per column of `all_columns`), the cursor on row `keep`
        (the first row when None). `made`: their lines for some widths, made earlier."""
        self.values = [list(row) for row in rows]
        self._rebuild(keep=keep or 0, made=made)

    def _rebuild(self, *, keep: int,
                 made: tuple[Widths, list[list[Text]]] | None = None) -> None:
        widths = self.widths
        if widths != self._widths:
            self.clear(columns=True)
            labels = [resolve(column.label) for column in self.all_columns]
            header = line(labels, widths, self._positions)
            self.add_column(header, width=header.width, key="row")
            self._header = header
            self._widths = widths
        else:
            self.clear()
        lines = made[1] if made is not None and made[0] == widths else None
        if lines is None:
            lines = self.lines(widths, self.values)
        # The rows in view first; the rest once they are drawn, so a new page shows at
        # once (the table measures every row it is given before it draws).
        first = max(FIRST_ROWS, self.size.height, keep + 1)
        self._filling += 1
        self._lines = [cells[0] for cells in lines]  # type: ignore[misc]
        self.add_rows(lines[:first])
        if len(lines) > first:
            self.call_after_refresh(self._add_rest, self._filling, lines[first:])
        if self.values:
            self.move_cursor(row=min(keep, len(self.values) - 1), animate=False, scroll=True)

    def _add_rest(self, filling: int, lines: list[list[Text]]) -> None:
        if filling == self._filling:
            self.add_rows(lines)

    # -- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line `y` of the table, drawn as `DataTable` draws it, but each row straight from
        its one `Line` of plain text (no Rich rendering of a cell): a new page of notes is
        drawn in a fraction of the time. Anything else is left to `DataTable`."""
        if (self.fixed_rows or self.fixed_columns or self.zebra_stripes or not self.show_header
                or self.header_height != 1 or self.cursor_type != "row" or self._header is None):
            return super().render_line(y)
        base = self._base_style or self.rich_style
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        row = -1 if y == 0 else y - 1 + scroll_y
        if row >= self.row_count:
            return Strip.blank(width, base)
        text = self._header if row == -1 else self._lines[row]
        if text.spans or text.style:
            return super().render_line(y)
        show = self.show_cursor
        hover = show and self.hover_coordinate.row == row
        cursor = show and self.cursor_coordinate.row == row and row != -1
        component, post = self._get_styles_to_render_cell(
            row == -1, False, False, hover, cursor, show, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css",
        )
        row_style = self._get_row_style(row, base)
        cell_style = row_style + Style.from_meta({"row": row, "column": 0}) + component + post
        extend_style, _ = self._get_styles_to_render_cell(
            row == -1, False, False, hover, row == self.cursor_coordinate.row, show,
            self._show_hover_cursor, False, False,
        )
        extend_style = row_style + extend_style + Style.from_meta(
            {"row": row, "column": 0, "out_of_bounds": True}
        )
        segments = [Segment(text.plain, cell_style),
                    Segment(" " * max(0, width - text.width), extend_style)]
        return (Strip(line_crop(segments, scroll_x, scroll_x + width, width))
                .adjust_cell_length(width, base).simplify())

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style, worked out once for all the lines drawn (it looks at every
        # ancestor's background).
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    @property
    def current(self) -> int | None:
        """The index of the highlighted row, if there are rows."""
        return self.cursor_row if self.values else None

    def row_text(self, row: int) -> str:
        """Row `row` as drawn, without its margins."""
        return self.get_row_at(row)[0].plain.strip()
