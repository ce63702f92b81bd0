"""The store: every session of a data folder, durable and private, in one `Archive`.

Callers import these names only, never a module inside the package (a contract in
pyproject.toml makes that hold). Nothing here imports Textual.
"""

from sparring.store.archive import Archive
from sparring.store.files import (
    ReadOnlyArchive,
    SessionBusy,
    StoreError,
    UnreadableFile,
    write_atomic,
)
from sparring.store.forget import PLACEHOLDER, ForgetReport
from sparring.store.model import SessionSummary, StoredSession
from sparring.store.query import Group, NoteHit, NoteQuery, fold, group_key

__all__ = [
    "PLACEHOLDER",
    "Archive",
    "ForgetReport",
    "Group",
    "NoteHit",
    "NoteQuery",
    "ReadOnlyArchive",
    "SessionBusy",
    "SessionSummary",
    "StoreError",
    "StoredSession",
    "UnreadableFile",
    "fold",
    "group_key",
    "write_atomic",
]
