"""Benchmark: saving a note and searching all notes, at 0, 10,000 and 100,000 insights.

Run it with `.venv/bin/python tests/benchmarks/bench_storage.py` (pytest does not collect
it: its name does not start with `test_`). It builds a synthetic history in a temp
folder, writing the session files directly in the store's own format (the store's API
would fsync each of 100,000 notes), then measures through the real store:

- save: the time `Archive.save_note` takes (written, fsynced, renamed, folder
  fsynced), median and p99, with 0, 10,000 and 100,000 insights stored; then saves into
  an empty folder and the full one in turns, for the ratio of the two;
- search: the first search in a fresh process (opening the folder included: it loads
  the search index) and the later ones, for words found in about 1% of the notes.

In the same run it measures plain single-file TinyDB (its default JSON storage, which
neither fsyncs nor replaces atomically) holding the same notes. The last line reads
`save_ms_at_100k=X save_ratio_100k_vs_empty=Y search_warm_ms=Z naive_save_ms_at_100k=W`.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from sparring.domain.records import Note
from sparring.domain.session import Event, Participant, Session
from sparring.domain.states import state_of
from sparring.store import Archive
from sparring.store.files import dumps, private_dir
from sparring.store.model import StoredSession, tables_of

LEVELS = (0, 10_000, 100_000)
NOTES_PER_SESSION = 25
SAVES = {0: 200, 10_000: 200, 100_000: 200}
NAIVE_SAVES = {0: 50, 10_000: 20, 100_000: 5}
VOCABULARY = """
    samarbejde tillid ledelse møde formål proces holdet interessenter kultur trivsel
    opgave ansvar rolle mandat beslutning kommunikation forventning feedback tid pres
    afdeling kollega leder direktion budget plan mål retning koordinering engagement
    konflikt dialog sladder læring præstation hjælpsomhed fællesskab usikkerhed tryghed
    purpose process team stakeholder trust silo handover meeting priority workload
    deadline customer quality change resistance energy focus clarity conflict
"""
WORDS = tuple(VOCABULARY.split())
RARE = ("kaffeautomaten", "værkstedsgården", "årsregnskabet", "hjemmearbejdsdage", "øresund")
"""Words each found in about 1% of the notes: what the timed searches look for."""
PHASES = ("present", "reflect", "interview", "round")
LENSES = ("purpose", "processes", "team", "stakeholders", None)
KINDS = ("consideration", "awareness", "possibility", "pitfall", None)
NAMES = ("Anne", "Bo", "Carla", "Dorte", "Emil", "Frida", "Søren", "Åse", "Ørjan", "Ida")


def _moment(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def synthetic_session(rng: random.Random, when: datetime) -> StoredSession:
    """A finished session of four with `NOTES_PER_SESSION` notes, as a real one is stored."""
    names = rng.sample(NAMES, 4)
    session = Session(
        "cross-functional-sparring",
        group=f"Gruppe {rng.randint(1, 12)}",
        participants=[Participant(n, f"{n}: " + " ".join(rng.choices(WORDS, k=12))) for n in names],
        case_owner=names[0],
        timekeeper=names[1],
        created_at=_moment(when),
    )
    clock = 0.0
    for trigger in ("start", "advance", "advance", "advance", "advance", "finish"):
        session.events.append(Event(trigger, clock, _moment(when + timedelta(seconds=clock))))
        clock += 600
    notes = []
    for index in range(NOTES_PER_SESSION):
        words = rng.choices(WORDS, k=rng.randint(8, 30))
        if rng.random() < 0.01 * len(RARE):
            words.insert(rng.randrange(len(words)), rng.choice(RARE))
        at = clock * index / NOTES_PER_SESSION
        notes.append(
            Note(
                session_id=session.id,
                phase=PHASES[index * len(PHASES) // NOTES_PER_SESSION],
                text=" ".join(words).capitalize(),
                about=rng.choice(names),
                author=rng.choice(names),
                lens=rng.choice(LENSES),
                kind=rng.choice(KINDS),
                at=_moment(when + timedelta(seconds=at)),
                clock=at,
            )
        )
    return StoredSession(session, state_of(session.events), notes)


def grow(root: Path, rng: random.Random, notes: int, start: datetime) -> list[dict[str, Any]]:
    """Add `notes` insights of history to the data folder; the notes as plain TinyDB docs."""
    folder = private_dir(root / "sessions")
    old = time.time() - 86_400  # history is old: the caches may vouch for it
    docs: list[dict[str, Any]] = []
    for number in range(notes // NOTES_PER_SESSION):
        stored = synthetic_session(rng, start + timedelta(days=number % 3000, hours=number))
        path = folder / f"{stored.session.id}.json"
        path.write_bytes(dumps(tables_of(stored)))
        path.chmod(0o600)
        os.utime(path, (old, old))
        docs += [note.to_dict() for note in stored.notes]
    return docs


def compile_sparring() -> None:
    """Compile Sparring's bytecode, as `pip install` does and as a user's first start
    leaves it: a process timed here then reads it instead of compiling every module of
    Sparring again (which it would where PYTHONDONTWRITEBYTECODE is set), as the Textual
    it is measured against does."""
    import compileall

    import sparring

    compileall.compile_dir(Path(sparring.__file__).parent, quiet=1)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


ROUNDS = 10
"""Rounds of saves into an empty folder and the full one, taken in turns (see
`measure_in_turns`)."""


def measure_in_turns(roots: list[Path], rounds: int, per_round: int) -> list[list[float]]:
    """Milliseconds each save took in each folder of `roots`, the folders taking turns
    (`per_round` saves each, `rounds` times), so that all see the disk as it is then:
    an fsync's time drifts by half from one minute to the next."""
    rng = random.Random(7)
    stores = [Archive(root) for root in roots]
    sessions = []
    for store in stores:
        session = synthetic_session(rng, datetime.now(UTC)).session
        session.events.clear()
        store.save_session(session)
        sessions.append(session)
    timings: list[list[float]] = [[] for _ in roots]
    for _ in range(rounds):
        for store, session, times in zip(stores, sessions, timings, strict=True):
            for _ in range(per_round):
                note = Note(session.id, "present", " ".join(rng.choices(WORDS, k=20)))
                began = time.perf_counter()
                store.save_note(note)
                times.append((time.perf_counter() - began) * 1000)
    for store in stores:
        store.close()
    return timings


def measure_saves(root: Path, count: int) -> list[float]:
    """Milliseconds each of `count` saves of a new note into a new session took."""
    rng = random.Random(7)
    timings = []
    with Archive(root) as store:
        assert not store.read_only
        session = synthetic_session(rng, datetime.now(UTC)).session
        session.events.clear()
        store.save_session(session)
        for _ in range(count):
            note = Note(session.id, "present", " ".join(rng.choices(WORDS, k=20)), about="Anne")
            began = time.perf_counter()
            store.save_note(note)
            timings.append((time.perf_counter() - began) * 1000)
    # Closing brought the search index on disk up to date, as at the end of any session.
    return timings


SEARCH_CHILD = r"""
import json, sys, time
began = time.perf_counter()
from sparring.store import Archive
imported = time.perf_counter()
store = Archive(sys.argv[1], read_only=True)
hits = store.search(text=sys.argv[2])
first = time.perf_counter()
warm, common = [], []
for word in sys.argv[3:] * 4:
    t = time.perf_counter(); store.search(text=word); warm.append(time.perf_counter() - t)
for word in ("tillid", "budget", "trust", "møde"):
    t = time.perf_counter(); found = store.search(text=word)
    common.append((time.perf_counter() - t, len(found)))
notes = sum(s.note_count for s in store.sessions())
print(json.dumps({"import": imported - began, "first": first - imported, "hits": len(hits),
                  "warm": warm, "common": common, "notes": notes}))
"""


def measure_search(root: Path) -> dict[str, Any]:
    """The first search in a fresh process, then warm ones; seconds."""
    result = subprocess.run(
        [sys.executable, "-c", SEARCH_CHILD, str(root), *RARE],
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def measure_naive(path: Path, docs: list[dict[str, Any]], saves: int) -> list[float]:
    """Milliseconds each insert into one TinyDB file (default storage) holding `docs` took."""
    path.write_text(json.dumps({"_default": {str(i): d for i, d in enumerate(docs, 1)}}))
    rng = random.Random(11)
    timings = []
    db = TinyDB(path)
    for _ in range(saves):
        note = Note("naive", "present", " ".join(rng.choices(WORDS, k=20))).to_dict()
        began = time.perf_counter()
        db.insert(note)
        timings.append((time.perf_counter() - began) * 1000)
    db.close()
    return timings


def naive_search(path: Path) -> tuple[float, float]:
    """Seconds for the first and a later text search in one TinyDB file."""
    began = time.perf_counter()
    db = TinyDB(path)
    db.search(Query().text.search(RARE[0], flags=re.IGNORECASE))
    first = time.perf_counter() - began
    began = time.perf_counter()
    db.search(Query().text.search(RARE[1], flags=re.IGNORECASE))
    warm = time.perf_counter() - began
    db.close()
    return first, warm


def main() -> None:
    started = time.perf_counter()
    rng = random.Random(2026)
    history_start = datetime(2018, 1, 1, 9, tzinfo=UTC)
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="sparring-bench-") as temp:
        root = Path(temp) / "data"
        naive = Path(temp) / "naive.json"
        docs: list[dict[str, Any]] = []
        stored = 0
        search: dict[str, Any] = {}
        for level in LEVELS:
            built = time.perf_counter()
            docs += grow(root, rng, level - stored, history_start + timedelta(days=stored))
            stored = level
            build_s = time.perf_counter() - built
            saves = measure_saves(root, SAVES[level])
            naive_saves = measure_naive(naive, docs, NAIVE_SAVES[level])
            results[level] = {
                "median": statistics.median(saves),
                "p99": percentile(saves, 0.99),
                "naive_median": statistics.median(naive_saves),
                "naive_p99": percentile(naive_saves, 0.99),
            }
            print(
                f"{level:>7,} insights (history built in {build_s:4.1f} s): "
                f"save median {results[level]['median']:6.2f} ms, "
                f"p99 {results[level]['p99']:6.2f} ms | plain TinyDB insert median "
                f"{results[level]['naive_median']:7.2f} ms, "
                f"p99 {results[level]['naive_p99']:7.2f} ms",
                flush=True,
            )
            if level == LEVELS[-1]:
                search = measure_search(root)
                empty_saves, full_saves = measure_in_turns([Path(temp) / "empty", root],
                                                           ROUNDS, SAVES[level] // ROUNDS)
        naive_first, naive_warm = naive_search(naive)
    warm_ms = statistics.median(search["warm"]) * 1000
    print(
        f"search at {search['notes']:,} notes for a word in ~1% of them ({search['hits']} hits): "
        f"first {search['first'] * 1000:.0f} ms (opening the folder included; importing "
        f"sparring.store took {search['import'] * 1000:.0f} ms more), warm median "
        f"{warm_ms:.1f} ms, warm max {max(search['warm']) * 1000:.1f} ms"
    )
    for seconds, hits in search["common"]:
        print(f"  a common word ({hits:,} hits): {seconds * 1000:.1f} ms")
    print(
        f"plain TinyDB search at 100,000: first {naive_first * 1000:.0f} ms, "
        f"later {naive_warm * 1000:.0f} ms"
    )
    print(f"whole run: {time.perf_counter() - started:.1f} s")
    top = results[LEVELS[-1]]  # the plain TinyDB figure
    empty_ms, full_ms = statistics.median(empty_saves), statistics.median(full_saves)
    print(f"saves in turns, {ROUNDS} rounds: empty folder median {empty_ms:.2f} ms, "
          f"{LEVELS[-1]:,} insights median {full_ms:.2f} ms")
    print(
        f"save_ms_at_100k={full_ms:.2f} "
        f"save_ratio_100k_vs_empty={full_ms / empty_ms:.2f} "
        f"search_warm_ms={warm_ms:.1f} "
        f"naive_save_ms_at_100k={top['naive_median']:.1f}"
    )


if __name__ == "__main__":
    main()
