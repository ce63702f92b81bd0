"""What the serving tests share: the app processes the server starts, each waited for."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from asyncio.subprocess import Process
from collections.abc import AsyncIterator

import pytest
from textual_serve.app_service import AppService

ENDS_WITHIN = 20.0
"""How long an app may take to quit once its browser tab closed (seconds)."""


@pytest.fixture
async def app_processes(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[list[Process]]:
    """Every app process the server starts, one per browser connection, in order.

    At the end each must have ended (its tab closed, it quits) within `ENDS_WITHIN`; it
    is waited for while the test's event loop still runs: textual-serve never waits for
    its apps itself, and a process's pipes left to the garbage collector after the loop
    closed make noise that can crash pytest's own report. One that does not end is
    killed, with the app it runs, and the test fails.
    """
    started: list[Process] = []
    open_app_process = AppService._open_app_process

    async def recorded(self: AppService, width: int = 80, height: int = 24) -> Process:
        process = await open_app_process(self, width, height)
        started.append(process)
        return process

    monkeypatch.setattr(AppService, "_open_app_process", recorded)
    yield started
    outlived = []
    for process in started:
        if process.stdin is not None:
            process.stdin.close()  # no more keys
        try:
            await asyncio.wait_for(process.wait(), ENDS_WITHIN)
        except TimeoutError:
            outlived.append(process.pid)
            for pid in [*children(process.pid), process.pid]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
    if outlived:
        pytest.fail(f"app processes {outlived} did not end within {ENDS_WITHIN:g} s")


def children(pid: int) -> list[int]:
    """The processes `pid` started (the app, where the shell did not become it)."""
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split()]
