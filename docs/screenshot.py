"""Make the README's screenshot: the app saves an SVG of a running session.

    .venv/bin/python docs/screenshot.py

It runs the real app headless at 80x24 on a fake clock, in a temporary data folder, with
a made-up group, and writes `docs/screenshot.svg`.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from textual.widgets import Input

from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.session import Participant, Session
from sparring.store import SessionStore
from sparring.ui.app import SparringApp

HERE = Path(__file__).parent
NOTES = [
    ("ctrl+l", "Nobody can say what the shared goal of the hand-off is"),
    ("ctrl+l", "Two meetings a week, but decisions are made in the corridor"),
    ("ctrl+l", "Who has the mandate to change the discharge plan?"),
]


async def main() -> None:
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder:
        store = SessionStore(Path(folder) / "data")
        session = Session(
            scenario_id="cross-functional-sparring", group="Group 3",
            participants=[Participant("Anne", "Hand-offs between the ward and therapy"),
                          Participant("Bo", "Two teams, one budget"),
                          Participant("Carla", "The night shift is never asked"),
                          Participant("Dorte", "A new IT system, no owner")],
            case_owner="Anne", timekeeper="Bo")
        app = SparringApp(store, load_catalogue(), clock_factory=lambda start: clock,
                          prefill=session, ready=True, export_dir=Path(folder))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the ground rules: start the clock
            await pilot.pause()
            for key, text in NOTES:
                await pilot.press(key)
                app.screen.query_one("#note", Input).value = text
                await pilot.press("enter")
                clock.advance(95)
            clock.advance(122)
            app.screen.tick()
            for field in app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()
            app.save_screenshot(filename="screenshot.svg", path=str(HERE))
        store.close()
    print(HERE / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
