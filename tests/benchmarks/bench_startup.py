"""Benchmark: the app's start to its first frame with 100,000 insights of history.

Run it with `.venv/bin/python tests/benchmarks/bench_startup.py` (pytest does not collect
it). It builds a synthetic history of 100,000 notes (with the storage benchmark's
builder), then starts, each in a fresh process and headless, alternately:

- Sparring as `sparring` starts it: scenarios loaded, the data folder opened, the start
  screen shown (it lists the sessions and offers resume);
- a minimal Textual app (Header, one Static, Footer), started the same way.

Each child measures from before its first import of the app's code to the first frame
(Textual's `Ready` event: the first screen is composed, laid out and displayed) and
reports its peak resident memory. Sparring opens the data folder in a thread after its
first frame, in English and in Danish. The time until the start screen lists the sessions
(drawn; from the small overview cache, before the rest of the folder is read) is printed
too, and as `ready_ratio` to the same floor; so is the time until the whole folder is open.
The last line reads
`startup_ratio=X startup_ratio_da=D ready_ratio=R startup_ms=Y minimal_ms=Z rss_mb=M`.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_storage import compile_sparring, grow  # the storage benchmark's builders

RUNS = 15
NOTES = 100_000

CHILD_SPARRING = """
import time, asyncio, sys
started = time.perf_counter()
PEAK
from pathlib import Path
from sparring.domain.catalogue import load_catalogue
from sparring.paths import user_scenario_dir
from sparring.ui.app import SparringApp

def open_store():
    from sparring.store import Archive
    return Archive(Path(sys.argv[1]))

class Timed(SparringApp):
    def on_ready(self):
        self.first_frame = time.perf_counter() - started

def listed(app):
    menu = app.screen.query_one("#home-menu")
    return any(option.id == "history" for option in menu.options)

async def main():
    app = Timed(open_store, load_catalogue(user_scenario_dir()), language=sys.argv[2])
    async with app.run_test(size=(80, 24)) as pilot:
        while not listed(app):
            await pilot.pause(0.005)
        await pilot.pause(0.001)  # drawn (a pause ends with the screen brought up to date)
        ready = time.perf_counter() - started
        first_frame = app.first_frame
        shown = app.screen.query_one("#home-menu").option_count
        while not app.store_ready:
            await pilot.pause(0.005)
        opened = time.perf_counter() - started
    app.close_store()
    return first_frame, ready, opened, shown

first_frame, ready, opened, shown = asyncio.run(main())
rss = peak_mb()
print({"ms": first_frame * 1000, "ready_ms": ready * 1000, "open_ms": opened * 1000,
       "rss_mb": rss, "shown": shown})
"""

CHILD_MINIMAL = """
import time, asyncio
started = time.perf_counter()
PEAK
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_ready(self):
        self.first_frame = time.perf_counter() - started

async def main():
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return app.first_frame

elapsed = asyncio.run(main())
rss = peak_mb()
print({"ms": elapsed * 1000, "ready_ms": elapsed * 1000, "open_ms": elapsed * 1000,
       "rss_mb": rss, "shown": 0})
"""


PEAK = """
def peak_mb():
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report
    # the benchmark's own peak.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
"""


def child(code: str, *args: str) -> dict[str, float]:
    code = code.replace("PEAK", PEAK, 1)
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, check=True)
    line = result.stdout.strip().splitlines()[-1]
    return json.loads(line.replace("'", '"'))


def main() -> None:
    compile_sparring()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        began = time.perf_counter()
        grow(data, random.Random(11), NOTES, datetime(2024, 1, 1, tzinfo=UTC))
        child(CHILD_SPARRING, str(data), "en")  # the first open writes the catalogue
        print(f"history: {NOTES} notes built in {time.perf_counter() - began:.1f} s")
        sparring, danish, minimal = [], [], []
        for _ in range(RUNS):
            sparring.append(child(CHILD_SPARRING, str(data), "en"))
            danish.append(child(CHILD_SPARRING, str(data), "da"))
            minimal.append(child(CHILD_MINIMAL))
    danish_ms = statistics.median(r["ms"] for r in danish)
    sparring_ms = statistics.median(r["ms"] for r in sparring)
    minimal_ms = statistics.median(r["ms"] for r in minimal)
    ready_ms = statistics.median(r["ready_ms"] for r in sparring)
    open_ms = statistics.median(r["open_ms"] for r in sparring)
    rss = max(r["rss_mb"] for r in sparring)
    minimal_rss = max(r["rss_mb"] for r in minimal)
    print(f"sparring start to first frame: median {sparring_ms:.0f} ms over {RUNS} runs "
          f"({', '.join(str(round(r['ms'])) for r in sparring)}); peak RSS {rss:.1f} MB; "
          f"start screen listed {int(sparring[0]['shown'])} choices")
    print(f"sparring start until the start screen lists the sessions, drawn (from the "
          f"overview, read in a thread after the first frame): median {ready_ms:.0f} ms "
          f"({', '.join(str(round(r['ready_ms'])) for r in sparring)})")
    print(f"sparring start until the whole data folder is open (its catalogue read, in "
          f"that thread, after the list is drawn): median {open_ms:.0f} ms")
    print(f"minimal app start to first frame: median {minimal_ms:.0f} ms "
          f"({', '.join(str(round(r['ms'])) for r in minimal)}); peak RSS {minimal_rss:.1f} MB")
    print(f"in Danish: median {danish_ms:.0f} ms "
          f"({', '.join(str(round(r['ms'])) for r in danish)})")
    print(f"startup_ratio={sparring_ms / minimal_ms:.2f} startup_ratio_da="
          f"{danish_ms / minimal_ms:.2f} ready_ratio={ready_ms / minimal_ms:.2f} "
          f"startup_ms={sparring_ms:.0f} minimal_ms={minimal_ms:.0f} rss_mb={rss:.1f}")


if __name__ == "__main__":
    main()
