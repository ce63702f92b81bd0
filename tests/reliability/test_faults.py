"""Promises 1, 2 and 6 under faults: the disk full, an I/O error or a permission refused
at each system call of a save (the write, the file's fsync, the rename, the folder's
fsync). Each time: the files are whole (the old version, or the new one when only the
folder's fsync failed), no temp file is left, the message names the folder and never
the note, and the same save succeeds once the fault is gone.

The faults are injected at the OS-call level (`os.write`, `os.fsync`, `os.replace`),
into the real store writing real files.
"""

from __future__ import annotations

import errno
import json
import os
import random
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sparring.domain.records import Note, StoredSession
from sparring.store import Archive, StoreError
from tests.conftest import make_session
from tests.reliability.conftest import count

POINTS = ("write", "fsync", "rename", "folder fsync")
ERRORS = (errno.ENOSPC, errno.EIO, errno.EACCES)
SECRET = "private words of a member"


class Faults:
    """Makes the chosen system call fail, for files of one data folder only."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path):
        self.root = str(root.resolve())
        self.point: str | None = None
        self.error = 0
        self.hits = 0
        real_write, real_fsync, real_replace = os.write, os.fsync, os.replace

        def write(fd: int, data: Any) -> int:
            if self.point == "write" and self._ours(fd) and self._path(fd).endswith(".tmp"):
                self._fail()
            return real_write(fd, data)

        def fsync(fd: int) -> None:
            if self.point is not None and self._ours(fd):
                folder = stat.S_ISDIR(os.fstat(fd).st_mode)
                if self.point == ("folder fsync" if folder else "fsync"):
                    self._fail()
            real_fsync(fd)

        def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            if self.point == "rename" and str(dst).startswith(self.root):
                self._fail()
            real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)

    def _path(self, fd: int) -> str:
        try:
            return os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return ""

    def _ours(self, fd: int) -> bool:
        return self._path(fd).startswith(self.root)

    def _fail(self) -> None:
        self.hits += 1
        raise OSError(self.error, os.strerror(self.error))

    def arm(self, point: str, error: int) -> None:
        self.point, self.error, self.hits = point, error, 0

    def clear(self) -> None:
        self.point = None


def whole_files(root: Path) -> dict[str, bytes]:
    """Every session file, each of which must parse."""
    found = {}
    for path in sorted((root / "sessions").glob("*")):
        raw = path.read_bytes()
        json.loads(raw)
        found[path.name] = raw
    return found


Save = Callable[[Archive, str, int], None]


def save_note(store: Archive, session_id: str, n: int) -> None:
    store.save_note(Note(session_id=session_id, id=f"n{n}", text=f"{SECRET} {n}", phase="present"))


def save_draft(store: Archive, session_id: str, n: int) -> None:
    store.save_draft(session_id, f"{SECRET} {n}")


def new_session(store: Archive, session_id: str, n: int) -> None:
    session = make_session(4)
    session.id = f"new{n}"
    session.participants[0].challenge = SECRET
    store.save_session(session)


_DOCUMENTS: dict[int, StoredSession] = {}


def import_session(store: Archive, session_id: str, n: int) -> None:
    if n not in _DOCUMENTS:  # the retry imports the same document
        session = make_session(4)
        session.id = f"imported{n}"
        note = Note(session_id=session.id, id="n", text=SECRET, phase="present")
        _DOCUMENTS[n] = StoredSession(session, "setup", [note], [], [], None, "")
    assert store.import_session(_DOCUMENTS[n]) in ("imported", "unchanged")


def forgettable(store: Archive, n: int) -> None:
    """A session with member `Member{n}` in it, for `forget` to forget."""
    session = make_session(4)
    session.participants[3].name = f"Member{n}"
    store.save_session(session)


def forget(store: Archive, session_id: str, n: int) -> None:
    store.forget_participant(f"Member{n}")


SAVES: dict[str, Save] = {
    "note": save_note,
    "draft": save_draft,
    "new session": new_session,
    "import": import_session,
    "forget": forget,
}


def test_a_failed_save_keeps_every_file_whole_says_where_and_succeeds_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, report_count: Any
):
    root = tmp_path / "data"
    with Archive(root) as store:
        base = make_session(4)
        store.save_session(base)
    faults = Faults(monkeypatch, root)
    rng = random.Random(10)
    attacks = 0
    combos = [(s, p, e) for s in SAVES for p in POINTS for e in ERRORS]
    for n in range(count(1, 15) * len(combos)):
        name, point, error = combos[n % len(combos)] if n < len(combos) else rng.choice(combos)
        save = SAVES[name]
        store = Archive(root)
        if name == "forget":
            forgettable(store, n)
        before = whole_files(root)
        faults.arm(point, error)
        with pytest.raises(StoreError) as refused:
            save(store, base.id, n)
        faults.clear()
        attacks += 1
        assert faults.hits >= 1, (name, point)
        message = str(refused.value)
        assert str(root) in message and SECRET not in message
        if error == errno.ENOSPC:
            assert "is full" in message
        after = whole_files(root)  # every file parses
        assert not list(root.rglob("*.tmp")), "a temp file was left"
        if point != "folder fsync":
            assert after == before, (name, point)  # the old version, byte for byte
        save(store, base.id, n)  # the fault is gone: the same save succeeds
        store.close()
        assert whole_files(root)
    with Archive(root, read_only=True) as reader:
        assert reader.damaged == []
        assert reader.load(base.id).draft.startswith(SECRET)
        notes = reader.load(base.id).notes
        assert len({note.id for note in notes}) == len(notes)
    report_count("faults injected", attacks)


@pytest.mark.parametrize("point", POINTS)
def test_a_cache_that_cannot_be_written_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
):
    root = tmp_path / "data"
    with Archive(root) as store:
        session = make_session(4)
        store.save_session(session)
        save_note(store, session.id, 1)
        faults = Faults(monkeypatch, root)
        faults.arm(point, errno.ENOSPC)
        assert store.search(text="private")
    faults.clear()  # the close above wrote no cache, and said nothing: they are only caches
    assert not list(root.glob("*.tmp"))
    with Archive(root) as store:
        assert [h.note.text for h in store.search(text="private")] == [f"{SECRET} 1"]
        assert store.damaged == []
