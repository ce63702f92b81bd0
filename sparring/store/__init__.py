"""The store: sessions and their notes on disk, durable, private, one writer at a time.

Nothing here imports Textual.
"""

from sparring.store.files import UnreadableFile
from sparring.store.store import (
    ReadOnlyStore,
    SessionStore,
    SessionSummary,
    StoredSession,
    StoreError,
)

__all__ = [
    "ReadOnlyStore",
    "SessionStore",
    "SessionSummary",
    "StoreError",
    "StoredSession",
    "UnreadableFile",
]
