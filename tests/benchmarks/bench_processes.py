"""Benchmark: whole commands as a user runs them, with 100,000 notes stored and with none,
and a note's save against the floor of one atomic, fsynced write of the same bytes.

Run it with `.venv/bin/python tests/benchmarks/bench_processes.py`. The history is made as
`bench_storage` makes it; its caches are brought up to date once, as after any session.
Each figure is a median, and each ratio is taken against a floor measured in the same
run: the same command on an empty folder, and `write_atomic` of the session file's bytes.
The last line reads `import_ratio=X search_ratio=Y save_ratio_to_floor=Z`.
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

from bench_storage import WORDS, compile_sparring, grow, synthetic_session

from sparring.domain.records import Note
from sparring.review import export_session
from sparring.store import Archive, write_atomic

SPARRING = [str(Path(sys.executable).with_name("sparring"))]
RUNS = 7


def timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - began) * 1000


def imports(root: Path, files: list[Path]) -> list[float]:
    return [timed([*SPARRING, "import", str(f), "--data-dir", str(root)]) for f in files]


def searches(empty: Path, full: Path) -> tuple[list[float], list[float]]:
    """Milliseconds of each search on the empty folder and on the full one, taken in
    turn, so that the machine's slower moments weigh on both alike."""
    commands = [[*SPARRING, "history", "--search", "kaffeautomaten", "--data-dir", str(root)]
                for root in (empty, full)]
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(2 * RUNS):
        for command, taken in zip(commands, times, strict=True):
            taken.append(timed(command))
    return times


def saves(root: Path) -> tuple[list[float], list[float]]:
    """Milliseconds of each save of a note (with a draft cleared in the same write), and of
    `write_atomic` of the file's bytes as they are after it."""
    rng = random.Random(3)
    saved, floor = [], []
    with Archive(root) as store:
        session = synthetic_session(rng, datetime.now(UTC)).session
        session.events.clear()
        store.save_session(session)
        path = store.path_of(session.id)
        for _ in range(200):
            store.save_draft(session.id, "half")
            note = Note(session.id, "present", " ".join(rng.choices(WORDS, k=20)))
            began = time.perf_counter()
            store.save_note(note, clear_draft=True)
            saved.append((time.perf_counter() - began) * 1000)
            data = path.read_bytes()
            began = time.perf_counter()
            write_atomic(path.with_name(".floor.json"), data)
            floor.append((time.perf_counter() - began) * 1000)
        path.with_name(".floor.json").unlink()
    return saved, floor


def main() -> None:
    compile_sparring()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        empty, full = base / "empty", base / "full"
        rng = random.Random(11)
        grow(full, rng, 100_000, datetime(2020, 1, 1, tzinfo=UTC))
        with Archive(full) as store:  # the caches, as any session leaves them
            store.search(text="x")
        files = []
        for number in range(2 * RUNS):
            stored = synthetic_session(rng, datetime(2026, 1, 1, tzinfo=UTC))
            path = base / f"import-{number}.json"
            path.write_text(json.dumps(export_session(stored, None)))
            files.append(path)
        import_empty = statistics.median(imports(empty, files[:RUNS]))
        import_full = statistics.median(imports(full, files[RUNS:]))
        search_times = searches(empty, full)
        search_empty, search_full = map(statistics.median, search_times)
        saved, floor = saves(full)
    save, write = statistics.median(saved), statistics.median(floor)
    print(f"import of one session: {import_empty:.0f} ms empty, {import_full:.0f} ms at 100k")
    print(f"history --search WORD: {search_empty:.0f} ms empty, {search_full:.0f} ms at 100k")
    for label, taken in zip(("empty", "100k"), search_times, strict=True):
        print(f"  each search, {label}: {' '.join(f'{t:.0f}' for t in sorted(taken))}")
    print(f"save with a draft open: {save:.2f} ms; atomic fsynced write: {write:.2f} ms")
    print(
        f"import_ratio={import_full / import_empty:.2f} "
        f"search_ratio={search_full / search_empty:.2f} save_ratio_to_floor={save / write:.2f}"
    )


if __name__ == "__main__":
    main()
