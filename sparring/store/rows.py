"""A session's rows in the note table (see `notes`): made from its notes, or rows of the
search index file that holds this version of it (read from the file only as a query
needs them)."""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from sparring.domain.moments import time_key
from sparring.domain.names import fold, folded_name
from sparring.domain.records import Note
from sparring.domain.summaries import SessionSummary
from sparring.store.files import Seen, Signature
from sparring.store.table_file import COLUMNS, RECORD, TableFile
from sparring.store.table_writer import StoredSpan, json_bytes, table_bytes

if TYPE_CHECKING:
    from sparring.store.notes import NoteTable

SEPARATOR = "\x1e"
"""Ends each row's folded text in the joined texts (a text holding it has it as a space)."""
_SEP = SEPARATOR.encode()

Source = tuple[str, Signature, SessionSummary | None, tuple[Note, ...] | None]
"""A session as the table is made from it: its id, its file's signature, its summary
(None: read from the file when needed) and its notes (None: its rows are in the file)."""


@functools.lru_cache(maxsize=4096)
def _case_set(cases: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple for each member's cases (a case recurs session after session)."""
    return cases


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class Rows:
    """The rows of one session's notes, made from them: newest first (of notes written at
    the same moment, the one stored last first), every field as the table compares it."""

    def __init__(self, summary: SessionSummary, notes: tuple[Note, ...]):
        order = sorted(reversed(range(len(notes))), key=lambda i: notes[i].at, reverse=True)
        self.order = order
        texts = [notes[i].text for i in order]
        joined = SEPARATOR.join(texts)
        folded = fold(joined).split(SEPARATOR) if texts else []
        if len(folded) != len(texts):  # a text holds the separator itself
            folded = [fold(text).replace(SEPARATOR, " ") for text in texts]
        encoded = [utf8(text) for text in folded]
        self.folded = b"".join(text + _SEP for text in encoded)
        self.starts = array("q", accumulate((len(text) + 1 for text in encoded), initial=0))
        owner = summary.case_owner
        about = [notes[i].about or owner for i in order]
        cases: dict[str | None, tuple[str, ...]] = {}
        for name, case_id in zip(summary.participants, summary.case_ids, strict=False):
            cases[name] = _case_set((*cases.get(name, ()), case_id))
        self.columns: dict[str, list[Any]] = {
            "times": [time_key(notes[i].at) for i in order],
            "cases": [cases.get(name, ()) for name in about],
            "phase": [notes[i].phase for i in order],
            "lens": [notes[i].lens for i in order],
            "kind": [notes[i].kind for i in order],
            "about": [folded_name(name) if name else None for name in about],
            "author": [folded_name(notes[i].author) if notes[i].author else None
                       for i in order],
        }

    def records(self, notes: tuple[Note, ...]) -> tuple[bytes, array[int]]:
        """The rows' notes as the file keeps them, and where each starts."""
        lines = [json_bytes([getattr(notes[i], name) for name in RECORD]) + b"\n"
                 for i in self.order]
        return b"".join(lines), array("q", accumulate(map(len, lines), initial=0))


class Span:
    """A session's rows in the table: first and end row, and what they were made from:
    its notes (`rows` made from them) or rows `file_start`... of the search index `file`,
    where it is the file's session `stored`."""

    __slots__ = (
        "_signature",
        "date",
        "end",
        "file",
        "file_start",
        "group",
        "id",
        "notes",
        "rows",
        "start",
        "stored",
        "summary",
    )

    def __init__(self, start: int, source: Source) -> None:
        """The rows made from a session's notes (`source` has them, and its summary)."""
        self.id, signature, summary, notes = source
        self._signature: Signature | None = signature
        assert summary is not None and notes is not None
        self.summary: SessionSummary | None = summary
        self.notes: tuple[Note, ...] | None = notes
        self.rows: Rows | None = Rows(summary, notes)
        self.start, self.end = start, start + len(notes)
        self.date, self.group = summary.date, folded_name(summary.group)
        self.file: TableFile | None = None
        self.stored = self.file_start = 0

    @classmethod
    def stored_in(cls, file: TableFile, k: int, start: int,
                  summary: SessionSummary | None = None) -> Span:
        """The rows of the file's session `k`, from row `start` of the table (its summary
        read from the file when needed, if not given)."""
        span: Span = object.__new__(cls)
        span.id, span._signature, span.summary, span.notes, span.rows = (
            file.ids[k], None, summary, None, None)
        span.file_start, end = file.rows_of(k)
        span.start, span.end = start, start + end - span.file_start
        span.date, span.group, span.file, span.stored = file.dates[k], file.groups[k], file, k
        return span

    @property
    def signature(self) -> Signature:
        """The signature of the session's file when the rows were made (of rows in a file,
        read from it on first use: a search never asks)."""
        if self._signature is None:
            assert self.file is not None
            self._signature = self.file.signature(self.stored)
        return self._signature

    def moved(self, start: int, summary: SessionSummary | None) -> Span:
        """The same rows, from row `start` of another table."""
        span: Span = object.__new__(Span)
        for name in self.__slots__:
            setattr(span, name, getattr(self, name))
        span.start, span.end = start, start + self.end - self.start
        span.summary = summary or self.summary
        return span

    def session(self) -> SessionSummary:
        """The session's summary (read from the file on first use)."""
        if self.summary is None:
            read_summaries([self])
        assert self.summary is not None
        return self.summary


def read_summaries(spans: Iterable[Span]) -> None:
    """Read the summaries of the `spans` that are not known yet from their file, in one go."""
    wanted: dict[int, tuple[TableFile, dict[int, Span]]] = {}
    for span in spans:
        if span.summary is None and span.file is not None:
            wanted.setdefault(id(span.file), (span.file, {}))[1][span.stored] = span
    for file, by_place in wanted.values():
        places = list(by_place)
        try:
            for k, found in zip(places, file.summaries(places), strict=True):
                by_place[k].summary = SessionSummary.from_dict(found)
        except (ValueError, TypeError, KeyError):
            raise file.damage(file.path) from None


def file_bytes(table: NoteTable, built_ns: int, folder: Seen | None) -> bytes:
    """The table as the search index file keeps it (see `table_file`), with the sessions
    folder's signature and when it was taken (if the table holds every session file in
    it). Rows read from a file are copied from it as they are."""
    summaries: list[tuple[bytes, Sequence[int]]] = []
    records: list[tuple[bytes, Sequence[int]]] = []
    folded: list[tuple[bytes, Sequence[int]]] = []
    for first, last, start, end in table.runs():
        if first.rows is not None:
            assert first.notes is not None
            line = json_bytes(first.session().to_dict())
            summaries.append((line + b"\n", [0, len(line) + 1]))
            records.append(first.rows.records(first.notes))
            folded.append((first.rows.folded, first.rows.starts))
        else:
            assert first.file is not None
            summaries.append(first.file.line_bytes("summaries", first.stored, last.stored + 1))
            at = first.file_start
            records.append(first.file.line_bytes("records", at, at + end - start))
            folded.append(first.file.line_bytes("folded", at, at + end - start))
    spans = [StoredSpan(s.id, s.signature, s.start, s.end, s.date, s.group) for s in table.spans]
    return table_bytes(
        built_ns, folder, spans, {"summaries": summaries, "records": records, "folded": folded},
        {name: table.column(name) for name in COLUMNS})
