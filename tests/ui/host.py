"""A tiny app that shows one screen, for testing that screen alone.

The app pushes the screen a factory makes and keeps what the screen dismissed with,
so a test can assert on both what the screen shows and what it hands back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from sparring.domain.records import NextStep, Note
from sparring.domain.session import Event, Participant, Session
from sparring.ui.screens.help import HELP_BINDING, show_help

FIXED_CREATED_AT = "2025-03-04T09:00:00.000+00:00"
"""A fixed wall time, so what a screen shows does not depend on the day the test runs."""


class ScreenHost(App[None]):
    """Shows the screen `make_screen` returns and records its dismissal in `results`."""

    ENABLE_COMMAND_PALETTE = False  # the footer shows only our keys
    BINDINGS = [HELP_BINDING]  # as in the real app: F1 on every screen

    def __init__(self, make_screen: Callable[[], Screen[Any]]):
        super().__init__()
        self._make_screen = make_screen
        self.results: list[Any] = []

    def action_help(self) -> None:
        show_help(self)

    def on_mount(self) -> None:
        self.push_screen(self._make_screen(), callback=self.results.append)


def shown_text(screen: Screen[Any]) -> str:
    """The text of every Static shown on `screen` (Labels too), one per line."""
    parts = []
    for widget in screen.query(Static):
        if not all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget)):
            continue
        visual = widget.visual
        parts.append(visual.plain if isinstance(visual, Content) else str(visual))
    return "\n".join(parts)


def drawn_text(app: App[Any]) -> str:
    """What the terminal shows now, line by line, as read from a screenshot of it.

    This is what a person sees: a widget that is there but drawn empty, hidden or covered
    shows nothing here.
    """
    svg = app.export_screenshot()
    lines: dict[float, dict[int, str]] = {}
    for match in re.finditer(r'<text [^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        column = round(float(match[1]) / CELL_WIDTH)
        text = html.unescape(match[3]).replace("\xa0", " ")
        cells = lines.setdefault(float(match[2]), {})
        for offset, char in enumerate(text):
            cells[column + offset] = char
    return "\n".join(
        "".join(cells.get(column, " ") for column in range(max(cells) + 1)).rstrip()
        for _y, cells in sorted(lines.items())
    )


CELL_WIDTH = 12.2
"""How wide one terminal cell is in Textual's screenshots."""


def type_into(field: Input, text: str) -> None:
    """Focus `field`, clear it and enter `text` at the cursor, as a paste would.

    Key by key is slow under Pilot (it waits for the app to idle after each key); the
    tests that are about the keyboard press keys themselves. Let the app catch up with
    `await pilot.pause()` before looking at the screen.
    """
    field.focus()
    field.value = ""
    field.insert_text_at_cursor(text)


def settle(app: App[Any]) -> None:
    """Stop every input's cursor from blinking and clear the notifications, so a
    snapshot does not depend on how long the test took."""
    for field in app.screen.query(Input):
        field.cursor_blink = False
    app.clear_notifications()


def finished_session(members: int = 4) -> Session:
    """A session that ran its four phases and checked out, with fixed ids and times."""
    names = ["Anne", "Bo", "Carla", "Dorte", "Emil", "Frida"][:members]
    session = Session(
        scenario_id="cross-functional-sparring",
        group="Group 1",
        participants=[
            Participant(name, f"{name}'s challenge", case_id=f"case-{name.lower()}")
            for name in names
        ],
        case_owner=names[0],
        timekeeper=names[1],
        id="session-1",
        created_at=FIXED_CREATED_AT,
    )
    clock = 0.0
    steps = [("start", 0.0), ("advance", 610.0), ("advance", 540.0), ("advance", 300.0)]
    steps += [("advance", 200.0)] * (members - 2)
    steps += [("advance", 220.0)]
    for trigger, spent in steps:
        clock += spent
        session.events.append(
            Event(trigger=trigger, at=clock, wall=f"2025-03-04T09:{int(clock // 60) % 60:02d}:00")
        )
    return session


def note(session: Session, phase: str, text: str, **fields: Any) -> Note:
    """A note with a fixed id and time."""
    number = fields.pop("number", 1)
    return Note(
        session_id=session.id,
        phase=phase,
        text=text,
        id=f"note-{phase}-{number}",
        at=FIXED_CREATED_AT,
        **fields,
    )


def next_step(session: Session, who: str, text: str, number: int = 1) -> NextStep:
    """A next step with a fixed id and time."""
    return NextStep(
        session_id=session.id, who=who, text=text, id=f"step-{number}", at=FIXED_CREATED_AT
    )
