"""The store: every session of a data folder, durable and private, in one `Archive`.

Callers import these names only, never a module inside the package (a contract in
pyproject.toml makes that hold). Nothing here imports Textual.
"""

from sparring.domain.search import Group, NoteHit, NoteQuery, Overview
from sparring.domain.summaries import SessionSummary
from sparring.store.archive import Archive
from sparring.store.files import (
    ReadOnlyArchive,
    SessionBusy,
    StoreError,
    UnreadableFile,
    write_atomic,
)

__all__ = [
    "Archive",
    "Group",
    "NoteHit",
    "NoteQuery",
    "Overview",
    "ReadOnlyArchive",
    "SessionBusy",
    "SessionSummary",
    "StoreError",
    "UnreadableFile",
    "write_atomic",
]
