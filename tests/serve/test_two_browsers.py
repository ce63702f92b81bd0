"""Two browsers on one `sparring serve`, each running its own session of its own group.

A course leader serves Sparring on the laptop and two groups open it in two browser
tabs. The server is the real one (on loopback, with its token); each tab speaks to it
as textual-serve's page does: it loads the page, opens the WebSocket the page names
(with the terminal's size in its query), sends its size, then the keys typed as
["stdin", text]. Each tab starts a new session for a different group and writes a note;
the data folder then holds two running sessions, each held by its own app process,
each with its own note only.
"""

from __future__ import annotations

import asyncio
import codecs
import os
import re
import subprocess
import time
from asyncio.subprocess import Process
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import aiohttp
import pytest
from aiohttp import WSMsgType

from sparring.cli.serve import app_command
from sparring.cli.web import GuardedServer, listening_socket
from sparring.domain.catalogue import load_catalogue
from sparring.domain.clock import FakeClock
from sparring.domain.protocol import Protocol
from sparring.domain.session import Participant, Session
from sparring.store import Archive, SessionSummary

WAIT_SECONDS = 30.0
"""How long a tab may take to show what it waits for (two apps start on a shared machine)."""

SIZE = {"width": 100, "height": 30}

ENTER, DOWN, CTRL_N = "\r", "\x1b[B", "\x0e"
"""Keys as the browser's terminal sends them (xterm)."""

ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
"""The terminal's control sequences: left out, what remains is the text drawn."""

GROUPS = {
    "Blue": ["Anne: Hand-offs between the ward and the therapists", "Bo: Two teams, one budget",
             "Carla: The night shift is never asked"],
    "Green": ["Dorte: New IT system, no owner", "Emil: Meetings without an agenda",
              "Frida: A merger nobody explained"],
}

T = TypeVar("T")


def seed(root: Path) -> list[str]:
    """Each group has met once (a finished session); the groups as the start screen lists
    them, most recent first."""
    scenario = load_catalogue().get("cross-functional-sparring")
    with Archive(root) as store:
        for group, members in GROUPS.items():
            participants = [Participant(*member.split(": ")) for member in members]
            session = Session(scenario_id=scenario.id, group=group, participants=participants,
                              case_owner=participants[0].name, timekeeper=participants[1].name)
            store.save_session(session)
            protocol = Protocol(scenario, session, FakeClock(), recorder=store.recorder(session))
            for trigger in ("start", "check_out", "finish"):
                assert protocol.fire(trigger), trigger
            store.release(session.id)
        return [group.name for group in store.groups()]


class Tab:
    """One browser tab: the WebSocket its page opened, and what its terminal was sent."""

    def __init__(self, name: str, socket: aiohttp.ClientWebSocketResponse):
        self.name = name
        self.socket = socket
        self.output = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type == WSMsgType.BINARY:  # the app's output, for the terminal
                self.output += self._decoder.decode(message.data)
                self._changed.set()

    def mark(self) -> int:
        """Where the output is now: wait for what is drawn after it."""
        return len(self.output)

    def text(self, since: int = 0) -> str:
        """The text drawn since `since`, the control sequences left out."""
        return ESCAPES.sub("", self.output[since:])

    async def wait_for(self, text: str, since: int) -> None:
        """Wait until the app draws `text` after `since`; fail with what it drew if it never
        does."""
        deadline = time.monotonic() + WAIT_SECONDS
        while text not in self.text(since):
            self._changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._reader.done():
                pytest.fail(f"{self.name} never showed {text!r}; it drew:\n{self.text()[-3000:]}")
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                continue

    async def keys(self, *keys: str) -> None:
        """Press keys (or type text), as the page sends what its terminal is given."""
        for key in keys:
            await self.socket.send_json(["stdin", key])

    async def press_and_wait(self, keys: list[str], text: str) -> None:
        since = self.mark()
        await self.keys(*keys)
        await self.wait_for(text, since)

    async def close(self) -> None:
        await self.socket.close()
        await self._reader


async def open_tab(client: aiohttp.ClientSession, server: GuardedServer, name: str) -> Tab:
    """Open the printed address and connect as its page does."""
    origin = f"http://127.0.0.1:{server.port}"
    async with client.get(server.url) as reply:
        assert reply.status == 200
        page = await reply.text()
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert found is not None, "the page names no WebSocket"
    url = f"{found[1]}?width={SIZE['width']}&height={SIZE['height']}"
    socket = await client.ws_connect(url, headers={"Origin": origin})
    await socket.send_json(["resize", SIZE])
    return Tab(name, socket)


async def until(check: Callable[[], T | None], what: str) -> T:
    """Poll `check` (the data folder, as it is on disk) until it answers; fail after a
    while, naming `what` was waited for."""
    deadline = time.monotonic() + WAIT_SECONDS
    while (answer := check()) is None:
        if time.monotonic() > deadline:
            pytest.fail(f"never saw {what}")
        await asyncio.sleep(0.05)  # polling the files, not waiting for time to pass
    return answer


def app_of(pid: int, started: list[int]) -> int:
    """The process the server started that runs the app `pid` (the shell it starts may
    run the app as its child)."""
    if pid in started:
        return pid
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():  # Linux: "pid (name) state ppid ..."
        return int(stat.read_text().rpartition(")")[2].split()[1])
    ps = subprocess.run(["ps", "-o", "ppid=", "-p", str(pid)], capture_output=True, text=True,
                        check=True)
    return int(ps.stdout)


async def both(first: Awaitable[object], second: Awaitable[object]) -> None:
    await asyncio.gather(first, second)


@pytest.fixture
async def served(
    tmp_path: Path, app_processes: list[Process]
) -> AsyncIterator[tuple[GuardedServer, Path, list[str]]]:
    root = tmp_path / "data"
    groups = seed(root)
    command = app_command(root, wall=False, show_notes=False, theme=None)
    server = GuardedServer(command, listening_socket("127.0.0.1"))
    runner = await server.start()
    yield server, root, groups
    await runner.cleanup()


async def test_two_browsers_run_two_sessions_each_in_its_own_app(
    served: tuple[GuardedServer, Path, list[str]], app_processes: list[Process]
):
    server, root, groups = served
    assert sorted(groups) == sorted(GROUPS)
    archive = Archive(root, read_only=True)

    def running() -> dict[str, SessionSummary] | None:
        found = {s.group: s for s in archive.unfinished() if s.state == "running"}
        return found if len(found) == 2 else None

    def notes_of(summary: SessionSummary) -> list[str]:
        return [note.text for note in archive.load(summary.id).notes]

    async with aiohttp.ClientSession() as client:
        one = await open_tab(client, server, "tab one")
        two = await open_tab(client, server, "tab two")
        try:
            # Each tab shows its own start screen, once its data folder is open.
            await both(one.wait_for(f"New session for {groups[1]}", 0),
                       two.wait_for(f"New session for {groups[1]}", 0))
            # Tab one sets up the next session of the group listed first, tab two of the
            # other; each goes on to the ground rules and starts the clock.
            await both(one.press_and_wait([ENTER], "Set up a session"),
                       two.press_and_wait([DOWN, ENTER], "Set up a session"))
            await both(one.press_and_wait([CTRL_N], "Ground rules"),
                       two.press_and_wait([CTRL_N], "Ground rules"))
            await both(one.press_and_wait([ENTER], "1/4 Present"),
                       two.press_and_wait([ENTER], "1/4 Present"))

            sessions = await until(running, "two running sessions")
            assert sorted(sessions) == sorted(GROUPS)
            first, second = sessions[groups[0]], sessions[groups[1]]
            # Each session is held, and written, by an app process of its own: the one
            # the server started for its tab; not this process, not one shared by the tabs.
            holders = [archive.holder(first.id), archive.holder(second.id)]
            pids = [int(holder) for holder in holders if holder is not None]
            assert len(set(pids)) == 2 and os.getpid() not in pids, holders
            started = [process.pid for process in app_processes]
            assert len(started) == 2, "the server did not start an app per tab"
            assert sorted(app_of(pid, started) for pid in pids) == sorted(started)

            # A note typed in each tab is saved in that tab's session, and only there.
            await both(one.keys("Said in the first tab", ENTER),
                       two.keys("Said in the second tab", ENTER))
            await until(lambda: (notes_of(first) and notes_of(second)) or None,
                        "a note in each session")
            assert notes_of(first) == ["Said in the first tab"]
            assert notes_of(second) == ["Said in the second tab"]
        finally:
            await one.close()
            await two.close()

    # Closing a tab ends its app, which lets go of its session: it can be resumed.
    await until(lambda: all(archive.holder(s.id) is None for s in (first, second)) or None,
                "both sessions let go of")
    assert {s.id for s in archive.unfinished()} == {first.id, second.id}
