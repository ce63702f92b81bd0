"""Benchmark: the history screen with 100,000 insights stored: opening it, and filtering.

Run it with `.venv/bin/python tests/benchmarks/bench_history.py` (pytest does not collect
it). It builds a synthetic history of 100,000 notes (with the storage benchmark's
builder) and opens it once as a writer, so the catalogue and the search index are on
disk as a real user's would be. Then, in a fresh process and headless, at 80x24:

- open: from pushing the history screen (the data folder already open, as it is in the
  app) until its sessions list is filled and drawn;
- notes: until the first page of every note is shown (the notes index loads in a
  thread, after the sessions list is drawn);
- filters: each filter set on the screen as a user sets it (a choice made, words or a
  day typed and Enter pressed, a page turned, the filters cleared), until the notes
  table shows the new page and it is drawn; seventeen in a row, then the same seventeen
  again (numbered 1 and 2: the first time of each kind in a process, then later ones).
  Typing without Enter waits `DEBOUNCE` more, by design. The last filter follows a
  note saved meanwhile, as while another Sparring runs a session on the same data.

Before it, each process measures a floor: a bare screen with a plain `DataTable` of one
page of rows, pushed and drawn, then its rows replaced and drawn. The figures are also
printed as ratios to that floor, which drift less with the machine's load.

The last line reads `history_open_ms=X filter_ms=Y`: X the median over the runs, Y the
median over the filters (of each filter's median over the runs).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_storage import grow  # the storage benchmark's history builder

from sparring.store import Archive

NOTES = 100_000
RUNS = 3
"""Fresh processes to open the screen in; the median is reported."""

CHILD = r"""
import asyncio, json, sys, time
ROUNDS = 2
started = time.perf_counter()
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select
from sparring.domain.catalogue import load_catalogue
from sparring.domain.records import Note
from sparring.store import Archive
from sparring.ui.screens.history import HistoryScreen
imported = time.perf_counter()

store = Archive(sys.argv[1])
catalogue = load_catalogue()
opened = time.perf_counter()

class Host(App):
    pass

async def drawn(app):
    done = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done

async def until(condition, limit=30.0):
    began = time.perf_counter()
    while not condition():
        if time.perf_counter() - began > limit:
            raise TimeoutError("the history did not answer")
        await asyncio.sleep(0.001)

class Bare(Screen):
    def compose(self):
        yield DataTable()

async def baseline(app, pilot):
    # The floor in this process: a bare screen with a plain DataTable of one page of rows,
    # pushed and drawn; then its rows replaced and drawn, the least a filter can cost.
    rows = [(f"2026-01-{i % 28 + 1:02}", "Anne", "The team", "words " * 12) for i in range(100)]
    began = time.perf_counter()
    bare = Bare()
    app.push_screen(bare)
    await until(lambda: bare.is_mounted)
    table = bare.query_one(DataTable)
    table.add_columns("Date", "Case of", "Lens", "Note")
    table.add_rows(rows)
    await drawn(app)
    opened = (time.perf_counter() - began) * 1000
    pages = []
    for turn in range(1, 12):
        began = time.perf_counter()
        table.clear()
        table.add_rows(rows[turn:] + rows[:turn])
        await drawn(app)
        pages.append((time.perf_counter() - began) * 1000)
    app.pop_screen()
    await pilot.pause()
    pages.sort()
    return {"bare_open_ms": opened, "bare_page_ms": pages[len(pages) // 2]}

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

async def main():
    app = Host()
    figures = {"import_ms": (imported - started) * 1000, "store_ms": (opened - imported) * 1000}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figures.update(await baseline(app, pilot))
        figures["rss_before_mb"] = rss_mb()
        began = time.perf_counter()
        # No looking again on a timer: each filter must ask exactly one question.
        screen = HistoryScreen(store, catalogue=catalogue, reload_seconds=0)
        app.push_screen(screen)
        table = None
        def filled():
            return screen.is_mounted and screen.sessions_pane.table.row_count > 0
        await until(filled)
        await drawn(app)
        figures["open_ms"] = (time.perf_counter() - began) * 1000
        await until(lambda: screen.notes_pane.loaded)
        await drawn(app)
        figures["notes_ms"] = (time.perf_counter() - began) * 1000
        figures["rss_notes_mb"] = rss_mb()
        figures["total"] = screen.notes_pane.total

        screen.action_tab("notes")  # as the user does: the page keys turn the notes
        await pilot.pause()
        filters = screen.notes_pane.filters
        def choose(what, value):
            def act():
                filters.select(what).value = Select.NULL if value is None else value
            return act
        def type_in(what, text):
            async def act():
                field = screen.query_one(f"#filter-{what}", Input)
                field.value = text
                await field.action_submit()
            return act
        newest = store.sessions()[0].id
        def saved_then(act):
            # A note saved since (as the session running meanwhile saves one): the table
            # of all notes is made again for the next filter.
            async def both():
                store.save_note(Note(newest, "round", "endnu en indsigt om mødet"))
                await act()
            return both
        steps = [
            ("words 'tillid'", type_in("text", "tillid")),
            ("+ member Anne", choose("member", "Anne")),
            ("+ lens team", choose("lens", "team")),
            ("words cleared", type_in("text", "")),
            ("+ kind pitfall", choose("kind", "pitfall")),
            ("member cleared", choose("member", None)),
            ("+ phase round", choose("phase", "round")),
            ("+ group Gruppe 3", choose("group", "Gruppe 3")),
            ("choices cleared", screen.action_clear_filters),
            ("next page", lambda: screen.action_next_page()),
            ("from 2025-01-01", type_in("since", "2025-01-01")),
            ("to 2025-06-30", type_in("until", "2025-06-30")),
            ("words 'kaffeautomaten'", type_in("text", "kaffeautomaten")),
            ("member Søren", choose("member", "Søren")),
            ("days cleared", type_in("since", "")),
            ("filters cleared", screen.action_clear_filters),
            ("note saved, words 'møde'", saved_then(type_in("text", "møde"))),
        ]
        # Told when a page is shown, rather than looking again and again (which would
        # take turns with the thread that searches).
        pane = screen.notes_pane
        shown = asyncio.Event()
        show = pane._show
        def told(page):
            show(page)
            shown.set()
        pane._show = told
        timings = []
        for number, (name, act) in enumerate(steps * ROUNDS):
            name = f"{number // len(steps) + 1} {name}"
            shown.clear()
            asked = screen.reader.asked("notes")
            began = time.perf_counter()
            result = act()
            if asyncio.iscoroutine(result):
                await result
            await asyncio.wait_for(shown.wait(), 30)
            await drawn(app)
            elapsed = (time.perf_counter() - began) * 1000
            timings.append((name, elapsed, screen.notes_pane.total))
            await asyncio.sleep(0.3)  # a user's pause between two filters
            if screen.reader.asked("notes") != asked + 1:
                raise RuntimeError(f"{name}: not one question asked, but "
                                   f"{screen.reader.asked('notes') - asked}")
        figures["filters"] = timings
    store.close()
    return figures

print(json.dumps(asyncio.run(main())))
"""


def child(root: Path) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", CHILD, str(root)], capture_output=True,
                            text=True)
    if result.returncode:
        raise SystemExit(f"the measuring process failed:\n{result.stderr[-3000:]}")
    figures: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sparring-bench-") as folder:
        root = Path(folder) / "data"
        grow(root, random.Random(11), NOTES, datetime(2018, 1, 1, 9, tzinfo=UTC))
        with Archive(root) as store:  # as a user's: the caches are written on close
            store.search(text="caches")
        built = time.perf_counter() - started
        print(f"history: {NOTES:,} notes built, and opened once as a writer, in {built:.1f} s")
        runs = [child(root) for _ in range(RUNS)]
    opens = sorted(float(run["open_ms"]) for run in runs)  # type: ignore[arg-type]
    open_ms = opens[len(opens) // 2]
    for run in runs:
        print(f"open {run['open_ms']:.0f} ms; first page of all {run['total']:,} notes "
              f"{run['notes_ms']:.0f} ms after the push (importing the screen took "
              f"{run['import_ms']:.0f} ms, opening the data folder {run['store_ms']:.0f} ms, "
              "both before)")
    samples: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for run in runs:
        for name, elapsed, total in run["filters"]:  # type: ignore[attr-defined]
            samples.setdefault(name, []).append(elapsed)
            totals[name] = total
    medians = []
    for name, values in samples.items():
        values.sort()
        medians.append(values[len(values) // 2])
        print(f"  {name:<26} {totals[name]:>7,} notes match: "
              f"{' '.join(f'{v:5.0f}' for v in values)} ms")
    medians.sort()
    filter_ms = medians[len(medians) // 2]
    bare_open = sorted(float(run["bare_open_ms"]) for run in runs)[len(runs) // 2]  # type: ignore[arg-type]
    bare_page = sorted(float(run["bare_page_ms"]) for run in runs)[len(runs) // 2]  # type: ignore[arg-type]
    print(f"baseline in the same processes: a bare screen with a plain DataTable of one page "
          f"opens in {bare_open:.0f} ms, a new page of it draws in {bare_page:.0f} ms; "
          f"history_open_ratio={open_ms / bare_open:.1f} filter_ratio={filter_ms / bare_page:.1f}")
    print(f"whole run: {time.perf_counter() - started:.1f} s")
    before = runs[-1]["rss_before_mb"]  # type: ignore[index]
    after = runs[-1]["rss_notes_mb"]  # type: ignore[index]
    print(f"resident memory: {before:.0f} MB before the history opens, {after:.0f} MB with "
          f"every note in its table (+{after - before:.0f} MB)")
    print(f"history_open_ms={open_ms:.0f} filter_ms={filter_ms:.0f}")


if __name__ == "__main__":
    main()
