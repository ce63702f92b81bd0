"""What the store's tests share: sessions with notes, and another process on the folder."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sparring.domain.records import Note
from sparring.domain.session import Session
from sparring.store import Archive
from tests.conftest import make_session


def saved_session(store: Archive, members: int = 4, **fields: Any) -> Session:
    """A group of `members` (Anne's case, Bo keeps time), saved; `fields` override."""
    session = make_session(members)
    for key, value in fields.items():
        setattr(session, key, value)
    store.save_session(session)
    return session


def add_note(store: Archive, session: Session, text: str, **fields: Any) -> Note:
    """Save a note in `session` (phase 'present' unless given) and return it."""
    fields.setdefault("phase", "present")
    note = Note(session_id=session.id, text=text, **fields)
    store.save_note(note)
    return note


def data_files(root: Path) -> list[Path]:
    """Every file in the data folder, temp files included."""
    return sorted(path for path in root.rglob("*") if path.is_file())


HOLD = """
import sys
from sparring.store import Archive
store = Archive(sys.argv[1])
store.claim(sys.argv[2])
print("writer", flush=True)
sys.stdin.read()
store.close()
"""


@contextmanager
def writer_elsewhere(root: Path, session_id: str) -> Iterator[int]:
    """Another process writing session `session_id`, while the block runs; its pid."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root), session_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writer"
        yield child.pid
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
