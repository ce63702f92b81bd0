"""The store: sessions and their notes on disk, durable, private, one writer at a time.

Nothing here imports Textual.
"""

from sparring.store.files import StoreError, UnreadableFile
from sparring.store.forget import ForgetReport
from sparring.store.model import SessionSummary, StoredSession
from sparring.store.query import NoteHit, NoteQuery
from sparring.store.store import ReadOnlyStore, SessionStore

__all__ = [
    "ForgetReport",
    "NoteHit",
    "NoteQuery",
    "ReadOnlyStore",
    "SessionStore",
    "SessionSummary",
    "StoreError",
    "StoredSession",
    "UnreadableFile",
]
