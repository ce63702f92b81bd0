"""The two derived files: the catalogue (session summaries) and the search index (notes).

Both are caches of the session files, never the truth. Each entry carries the signature
(mtime and size) of the session file it was made from, and is used only while that file
still has that signature; otherwise the session file is read again. So a cache that is
stale, after a crash or a copy, costs time, never correctness. Only the writer writes
them, whole and atomically, like every other file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from sparring.store.files import Signature, UnreadableFile, dumps, read_json, write_atomic
from sparring.store.model import SessionSummary, numbered
from sparring.store.schema import CATALOGUE, SEARCH_INDEX, check, meta_of, new_document

T = TypeVar("T")

CATALOGUE_FILE = "catalogue.json"
SEARCH_INDEX_FILE = "search-index.json"


@dataclass(frozen=True)
class Cached(Generic[T]):
    """One entry of a cache: what was derived, from which version of the session file."""

    value: T
    signature: Signature


@dataclass(frozen=True)
class Cache(Generic[T]):
    """A cache file's entries by session id, and when it was written."""

    entries: dict[str, Cached[T]]
    built_ns: int

    def get(self, session_id: str, signature: Signature) -> T | None:
        """The entry for this version of the session file, if the cache can vouch for it."""
        cached = self.entries.get(session_id)
        if cached is None or cached.signature != signature:
            return None
        if not signature.trusted_at(self.built_ns):
            return None
        return cached.value


def read_cache(path: Path, kind: str, parse: Callable[[dict[str, Any]], T]) -> Cache[T]:
    """Read a cache file; entries that do not parse are left out (they are re-derived).

    Raises:
        UnreadableFile: the file as a whole cannot be read, or has a newer schema.
    """
    tables = check(read_json(path), path, kind)
    built_ns = meta_of(tables).get("built_ns")
    if not isinstance(built_ns, int):
        raise UnreadableFile(path, "has no build time")
    entries: dict[str, Cached[T]] = {}
    for doc in tables.get("sessions", {}).values():
        signature = Signature.from_list(doc.get("file"))
        session_id = doc.get("id")
        if signature is None or not isinstance(session_id, str):
            continue
        try:
            entries[session_id] = Cached(parse(doc), signature)
        except (KeyError, TypeError, ValueError):
            continue
    return Cache(entries, built_ns)


def write_cache(path: Path, kind: str, docs: Iterable[dict[str, Any]]) -> None:
    """Write a cache file whole: its entries (each with `id` and `file`) and the time now."""
    tables = new_document(kind, built_ns=time.time_ns())
    tables["sessions"] = numbered(list(docs))
    write_atomic(path, dumps(tables))


def read_catalogue(path: Path) -> Cache[SessionSummary]:
    """The catalogue file's summaries."""
    return read_cache(path, CATALOGUE, SessionSummary.from_dict)


def catalogue_doc(summary: SessionSummary, signature: Signature) -> dict[str, Any]:
    """A summary as the catalogue file keeps it."""
    return {**summary.to_dict(), "file": signature.to_list()}


def read_search_index(path: Path) -> Cache[dict[str, Any]]:
    """The search index file's note columns, by session (see `SessionNotes.from_columns`)."""

    def columns(doc: dict[str, Any]) -> dict[str, Any]:
        notes = doc["notes"]
        if not isinstance(notes, dict):
            raise ValueError("notes")
        return notes

    return read_cache(path, SEARCH_INDEX, columns)


def search_index_doc(
    session_id: str, signature: Signature, columns: dict[str, Any]
) -> dict[str, Any]:
    """One session's notes as the search index file keeps them."""
    return {"id": session_id, "file": signature.to_list(), "notes": columns}
