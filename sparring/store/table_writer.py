"""Writing the search index file (its layout is in `table_file`): the note table's
sessions, lines and columns, laid out with the header that says where each part is."""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sparring.store.files import Seen, Signature
from sparring.store.table_file import (
    CHECKED,
    COLUMNS,
    HEADER_SIZE,
    KIND,
    LINES,
    VERSION,
    check_of,
)


class StoredSpan(NamedTuple):
    """A session as the file keeps it: its file's signature when its rows were made, its
    rows, and what orders and groups it."""

    id: str
    signature: Signature
    start: int
    end: int
    date: str
    group: str


def offsets_bytes(values: array[int]) -> bytes:
    """`values` as they are stored (see `offsets`)."""
    if sys.byteorder == "big":
        values = array("q", values)
        values.byteswap()
    return values.tobytes()


def json_bytes(value: Any) -> bytes:
    """`value` as UTF-8 JSON (a lone surrogate, which UTF-8 cannot hold, escaped)."""
    try:
        return json.dumps(value, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return json.dumps(value).encode()


def _lines(parts: Iterable[tuple[bytes, Sequence[int]]]) -> tuple[bytes, array[int]]:
    """Pieces of a lines section (each with where its lines start in it) as one."""
    data = []
    starts = array("q", [0])
    size = 0
    for piece, piece_starts in parts:
        data.append(piece)
        starts.extend(size + start for start in piece_starts[1:])
        size += len(piece)
    return b"".join(data), starts


def table_bytes(built_ns: int, folder: Seen | None,
                spans: Sequence[StoredSpan],
                lines: dict[str, Iterable[tuple[bytes, Sequence[int]]]],
                columns: dict[str, Sequence[Any]]) -> bytes:
    """The file of a note table: its sessions, its lines (`LINES`, each in pieces as
    `_lines` takes them) and its columns (`COLUMNS`); `folder` as `TableFile.folder`."""
    rows = spans[-1].end if spans else 0
    body: dict[str, bytes] = {"sessions": json_bytes({
        "id": [s.id for s in spans], "mtime": [s.signature.mtime_ns for s in spans],
        "size": [s.signature.size for s in spans], "end": [s.end for s in spans],
        "date": [s.date for s in spans], "group": [s.group for s in spans],
    })}
    joined = {name: _lines(parts) for name, parts in lines.items()}
    for name in COLUMNS:
        body[name] = json_bytes(list(columns[name]))
    sections: dict[str, list[int]] = {}
    at = HEADER_SIZE
    order = [*body, *LINES]
    for name in order:
        size = len(body[name]) if name in body else len(joined[name][0])
        sections[name] = [at, size]
        at += size
    for name in LINES:
        start = sections[name][0]
        body[f"{name}_starts"] = offsets_bytes(array("q", (start + s for s in joined[name][1])))
        sections[f"{name}_starts"] = [at, len(body[f"{name}_starts"])]
        at += len(body[f"{name}_starts"])
    header = json.dumps({
        "kind": KIND, "schema": VERSION, "built_ns": built_ns, "rows": rows, "size": at,
        "folder": folder.to_list() if folder else None,
        "sections": sections, "check": check_of(body[name] for name in CHECKED)}).encode()
    pieces = [header.ljust(HEADER_SIZE - 1) + b"\n"]
    pieces += [body[name] if name in body else joined[name][0] for name in order]
    pieces += [body[f"{name}_starts"] for name in LINES]
    return b"".join(pieces)
