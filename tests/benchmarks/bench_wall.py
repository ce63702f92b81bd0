"""Benchmark: how soon the wall shows a change the timekeeper's Sparring saved, and what
the wall costs while it waits.

Run it with `.venv/bin/python tests/benchmarks/bench_wall.py`. A real second process
(tests/wall/writer.py) runs a session and answers once each change is saved; the wall
(run headless, on the real clock, polling as it does for a room) is timed from that
answer to the change on its screen, over 50 changes (pause and resume in turn, at uneven
gaps). Then `sparring wall` runs alone in a pseudo-terminal for ~10 s on the running
session, and its CPU time is read from /proc. The last line reads
`median_ms=X worst_ms=Y idle_cpu_percent=Z`.
"""

from __future__ import annotations

import asyncio
import os
import pty
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from textual.widgets import Static  # noqa: E402

from tests.wall.helpers import Writer, wall_app  # noqa: E402

CHANGES = 50
IDLE_SECONDS = 10.0
SETTLE_SECONDS = 3.0
"""The wall's start is left out of its idle CPU figure."""


async def latencies(data: Path, writer: Writer) -> list[float]:
    app = wall_app(data, session_id=writer.session_id)
    shown: list[float] = []
    rng = random.Random(12)
    async with app.run_test(size=(100, 30)) as pilot:
        while not str(app.screen.query("#wall-state").first(Static).content).startswith("left"):
            await pilot.pause(0.01)
        state = app.screen.query_one("#wall-state", Static)
        for index in range(CHANGES):
            paused = index % 2 == 0
            await pilot.pause(rng.uniform(0.05, 0.4))
            writer.fire("pause" if paused else "resume")
            saved = time.perf_counter()
            expected = "PAUSED" if paused else "left"
            while not str(state.content).startswith(expected):
                if time.perf_counter() - saved > 5:
                    raise SystemExit(f"change {index} not shown within 5 s")
                await pilot.pause(0.002)
            shown.append((time.perf_counter() - saved) * 1000)
    return shown


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(data: Path, session_id: str) -> float:
    """Per cent of one core `sparring wall` uses over IDLE_SECONDS in a terminal."""
    primary, secondary = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    wall = subprocess.Popen(
        [str(Path(sys.executable).with_name("sparring")), "--data-dir", str(data), "wall",
         "--session", session_id],
        stdin=secondary, stdout=secondary, stderr=secondary, env=environment,
        start_new_session=True,
    )
    os.close(secondary)
    drained = 0

    def drain(until: float) -> None:
        nonlocal drained
        while time.monotonic() < until:
            try:
                drained += len(os.read(primary, 65536))
            except OSError:
                return

    os.set_blocking(primary, False)
    try:
        start = time.monotonic()
        while time.monotonic() - start < SETTLE_SECONDS:
            drain(time.monotonic() + 0.05)
            time.sleep(0.05)
        before, began = cpu_seconds(wall.pid), time.monotonic()
        while time.monotonic() - began < IDLE_SECONDS:
            drain(time.monotonic() + 0.05)
            time.sleep(0.05)
        used, spent = cpu_seconds(wall.pid) - before, time.monotonic() - began
    finally:
        wall.terminate()
        wall.wait(timeout=10)
        os.close(primary)
    return 100 * used / spent


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        writer = Writer(data)
        try:
            writer.setup()
            writer.fire("start")
            shown = asyncio.run(latencies(data, writer))
            cpu = idle_cpu(data, writer.session_id)
        finally:
            writer.stop()
    median, worst = statistics.median(shown), max(shown)
    print(f"{CHANGES} changes shown after the writer's save: median {median:.0f} ms, "
          f"worst {worst:.0f} ms (limit 1000 ms)")
    print(f"the wall in a terminal, waiting {IDLE_SECONDS:.0f} s: {cpu:.1f} % of one core")
    print(f"median_ms={median:.0f} worst_ms={worst:.0f} idle_cpu_percent={cpu:.1f}")


if __name__ == "__main__":
    main()
