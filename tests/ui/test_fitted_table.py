"""The fitted table draws each row from its one line of text; what it draws is exactly
what `DataTable` draws for the same rows, cursor, hover, focus and scroll."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.strip import Strip
from textual.widgets import DataTable, Input

from sparring.ui.widgets.fitted_table import Column, FittedTable

COLUMNS = (Column("day", "Day", 10), Column("who", "Who", 6, min_table_width=50),
           Column("text", "Note"), Column("n", "N", 3, right=True))
ROWS = [[f"2026-04-{day:02}", "Åse" if day % 2 else "Bo", f"note {day} " * day, str(day)]
        for day in range(1, 40)]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()
        yield FittedTable(COLUMNS)


def cells(strip: Strip) -> list[tuple[str, object]]:
    """A drawn line as (character, style) pairs: the same drawing however it is cut up."""
    return [(char, segment.style) for segment in strip for char in segment.text]


def assert_drawn_as_a_data_table(table: FittedTable) -> None:
    for y in range(table.size.height + 1):
        assert cells(table.render_line(y)) == cells(DataTable.render_line(table, y)), y


async def test_each_line_is_drawn_exactly_as_a_data_table_draws_it():
    app = Host()
    async with app.run_test(size=(70, 12)) as pilot:
        table = app.query_one(FittedTable)
        table.show(ROWS)
        await pilot.pause()
        assert_drawn_as_a_data_table(table)  # the cursor on the first row, not focused
        table.focus()
        table.move_cursor(row=20)
        await pilot.pause()
        assert table.scroll_offset.y > 0
        assert_drawn_as_a_data_table(table)  # focused, scrolled, the cursor further down
        await pilot.hover(FittedTable, offset=(5, 3))
        await pilot.pause()
        assert table.hover_coordinate != Coordinate(0, 0)
        assert_drawn_as_a_data_table(table)  # a row under the mouse
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert_drawn_as_a_data_table(table)  # fewer columns
        table.show(ROWS[:3])
        await pilot.pause()
        assert_drawn_as_a_data_table(table)  # fewer rows than lines: blank lines below
