"""Promise 3: nothing that cannot be read is overwritten, deleted or silently rewritten,
except a cache (made again, and reported once); each damaged file is named to the user
with what to do, and every other session is still read and written.

Every kind of file the data folder holds (a session file, the catalogue, the overview,
the search index, a lock file, the caches' lock) is damaged in every way we know of: cut short,
zero-filled, junk at its end, the wrong shape, a newer schema, not UTF-8, a folder in
its place, unreadable (mode 000).
"""

from __future__ import annotations

import io
import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sparring.cli import cli
from sparring.domain.records import Note
from sparring.store import Archive
from sparring.store.table_file import HEADER_SIZE, TableFile
from tests.conftest import make_session
from tests.reliability.conftest import count

KINDS = ("session", "catalogue", "overview", "search index", "lock", "caches lock")
CACHES = ("catalogue", "overview", "search index")


def build(root: Path) -> list[str]:
    """Three sessions with a note each, every cache written, every lock file there."""
    ids = []
    with Archive(root) as store:
        for n in range(3):
            session = make_session(4)
            store.save_session(session)
            store.save_note(Note(session_id=session.id, text=f"word{n}", phase="present"))
            ids.append(session.id)
        assert len(store.search(text="word")) == 3
    return ids


def target(root: Path, kind: str, victim: str) -> Path:
    return {
        "session": root / "sessions" / f"{victim}.json",
        "catalogue": root / "catalogue.json",
        "overview": root / "overview.json",
        "search index": root / "search-index.bin",
        "lock": root / "locks" / f"{victim}.lock",
        "caches lock": root / "caches.lock",
    }[kind]


def newer(raw: bytes) -> bytes:
    if raw.startswith(b'{"kind"'):  # the search index: its header, then its sections
        header = json.loads(raw[:HEADER_SIZE])
        header["schema"] = 99
        return json.dumps(header).encode().ljust(HEADER_SIZE - 1) + b"\n" + raw[HEADER_SIZE:]
    data = json.loads(raw)
    data["_meta"]["1"]["schema"] = 99
    return json.dumps(data).encode()


DAMAGES: dict[str, Callable[[bytes, random.Random], bytes | None]] = {
    "truncated": lambda raw, rng: raw[: rng.randrange(1, max(2, len(raw) - 1))],
    "zero-filled": lambda raw, rng: b"\0" * max(len(raw), 1),
    "junk-tailed": lambda raw, rng: raw + rng.randbytes(rng.randrange(1, 64)),
    "wrong shape": lambda raw, rng: rng.choice([b"[]", b'{"a": 1}', b'{"_meta": {"1": []}}']),
    "newer schema": lambda raw, rng: newer(raw) if raw.startswith(b"{") else raw,
    "not UTF-8": lambda raw, rng: b"\xff\xfe" + raw,
    "a folder": lambda raw, rng: None,
    "unreadable": lambda raw, rng: raw,
}


def damage(path: Path, how: str, rng: random.Random, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = path.read_bytes()
    made = DAMAGES[how](raw, rng)
    path.unlink()
    if made is None:
        path.mkdir()
        return
    path.write_bytes(made)
    if how == "unreadable":
        path.chmod(0)
        if os.geteuid() == 0:  # root reads any file: refuse it as the kernel would a user
            real = io.open

            def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
                if Path(str(file)) == path and path.exists() and not path.stat().st_mode & 0o777:
                    raise PermissionError(13, "Permission denied", str(file))
                return real(file, *args, **kwargs)

            monkeypatch.setattr(io, "open", refuse)


def check_one(
    root: Path, kind: str, how: str, rng: random.Random, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = build(root)
    victim, others = ids[0], ids[1:]
    path = target(root, kind, victim)
    damage(path, how, rng, monkeypatch)
    kept = path.read_bytes() if path.is_file() and how != "unreadable" else None
    a_cache = kind in CACHES and how not in ("newer schema", "a folder")
    readable_session = kind != "session"

    with Archive(root) as store:
        store.first_overview()  # read first, as the start screen does
        listed = {s.id for s in store.sessions()}
        assert set(others) <= listed
        found = {h.session.id for h in store.search(text="word")}
        assert set(others) <= found
        store.save_note(Note(session_id=others[0], text="after", phase="present"))
        if readable_session and kind != "lock":
            store.save_note(Note(session_id=victim, text="after", phase="present"))
        told = {d.path: d for d in store.damaged}
    if kind == "session":
        assert path in told and not told[path].rebuilt and victim not in listed
    elif kind in CACHES:
        assert path in told, (kind, how)
        assert told[path].rebuilt == a_cache
    if kind == "session" or (kind in CACHES and not a_cache):
        # Never overwritten, never deleted: exactly as it was.
        assert path.exists()
        if kept is not None:
            assert path.read_bytes() == kept
    if a_cache:
        if kind == "search index":  # made again
            assert set(TableFile.open(path).ids) == set(ids)
        else:
            json.loads(path.read_bytes())
        with Archive(root) as store:  # and told once
            assert path not in {d.path for d in store.damaged}
    result = CliRunner().invoke(cli, ["--data-dir", str(root), "sessions"])
    assert result.exit_code == 0
    for session_id in others:
        assert session_id in result.output
    if kind == "session":
        assert f"warning: {path}" in result.output
    monkeypatch.undo()
    if how == "unreadable" and not a_cache and path.exists():
        assert path.stat().st_mode & 0o777 == 0  # its mode not changed either


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_file_is_named_left_alone_unless_a_cache_and_the_rest_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, report_count: Any
):
    rng = random.Random(kind)
    rounds = count(1, 12)
    n = 0
    for round_ in range(rounds):
        for how in DAMAGES:
            check_one(tmp_path / f"{round_}-{how}", kind, how, rng, monkeypatch)
            n += 1
    report_count(f"{kind} damaged", n)


def test_a_lock_that_is_a_folder_stops_only_its_own_session(tmp_path: Path):
    root = tmp_path / "data"
    victim, other, _ = build(root)
    lock = target(root, "lock", victim)
    lock.unlink()
    lock.mkdir()
    with Archive(root) as store:
        store.save_note(Note(session_id=other, text="fine", phase="present"))
        with pytest.raises(Exception, match=f"Cannot take the lock {lock}"):
            store.save_note(Note(session_id=victim, text="not saved", phase="present"))
        assert store.load(victim).notes
    assert lock.is_dir()
