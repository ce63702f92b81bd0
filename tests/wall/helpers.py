"""For the wall's tests: a real second process that writes a session, and ways to read
what the wall shows."""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sparring.cli.wall import make_wall
from sparring.store import Archive
from sparring.ui.wall.app import WallApp

WRITER = Path(__file__).with_name("writer.py")
SHOWS_WITHIN = 1.0
"""The wall must show a change this soon after the writer saved it (seconds)."""


class Writer:
    """A timekeeper's Sparring in another process (see writer.py), on `data`."""

    def __init__(self, data: Path, language: str = "en"):
        self.data = data
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(data), language],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        self.session_id = ""

    def say(self, command: str) -> str:
        """Send one command; its answer, once what it did is saved."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        assert answer, f"the writer ended on {command!r}"
        return answer

    def setup(self, time_scale: float = 1.0) -> str:
        """Set up a session of four (a rehearsal if `time_scale` is not 1); its id."""
        command = "setup" if time_scale == 1 else f"setup {time_scale:g}"
        self.session_id = self.say(command).removeprefix("id ")
        return self.session_id

    def fire(self, command: str) -> None:
        answer = self.say(command)
        assert answer.endswith("True"), answer

    def last_event_wall(self) -> float:
        """Wall-clock time of the session's last event, as stored (seconds since epoch)."""
        stored = Archive(self.data, read_only=True).load(self.session_id)
        return datetime.fromisoformat(stored.session.events[-1].wall).timestamp()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.say("quit")
            self.process.wait(timeout=10)


class FakeWallTime:
    """The wall's wall clock, moved only by the test. At 0 (before any event) the wall
    shows the session exactly as its last event left it."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def wall_app(data: Path, **kwargs: Any) -> WallApp:
    """The wall as `sparring wall` makes it, on `data`."""
    return make_wall(data, **kwargs)


def visible_text(app: WallApp) -> str:
    """Every character on the wall's screen, as a person would read it."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    pattern = r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>'
    for match in re.finditer(pattern, svg):
        rows.setdefault(float(match[2]), []).append((float(match[1]), html.unescape(match[3])))
    return "\n".join(
        "".join(text for _, text in sorted(row)).replace("\xa0", " ")
        for _, row in sorted(rows.items())
    )


async def shows(pilot: Pilot[None], check: Callable[[], bool],
                within: float = SHOWS_WITHIN) -> float:
    """Wait until `check()` holds, at most `within` seconds; how long it took."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > within:
            raise AssertionError(f"not shown within {within} s")
        await pilot.pause(0.02)
    return time.monotonic() - start


def folder_state(root: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under `root`: its mode and the hash of its content."""
    state: dict[str, tuple[int, str]] = {}
    for path in sorted([root, *root.rglob("*")]):
        mode = os.stat(path).st_mode
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        state[str(path.relative_to(root))] = (mode, digest)
    return state
