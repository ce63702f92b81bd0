"""Every note of every session in one table: the one engine that answers every query.

The history's notes tab, "My cases", `sparring history` and every other search ask it.
Every note is a row of one table, and each criterion a mask over the rows: one
byte a row, 1 where the criterion holds, kept as a Python `int` so that the criteria of
a query combine with one `&` each (C speed, whatever the number of notes). A mask is
worked out on first use of its value (a pass over one column) and kept.

The rows are in the order a page lists them: sessions newest first, and a session's
notes newest first. A session's rows are made from its notes, or are rows of the search
index file (see `table_file`) where that file holds this version of the session: then
they are read from the file only as a query needs them (a search reads the folded texts,
and only the notes it found). The table is made again (see `NoteTable.current`) when any
session changes, from the old table but for the sessions that changed, and its masks are
carried over, worked out anew only for those sessions' rows.
"""

from __future__ import annotations

import bisect
import operator
from array import array
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import repeat
from typing import Any, cast

from sparring.domain.moments import Window
from sparring.domain.names import fold, folded_name
from sparring.domain.records import Note
from sparring.domain.search import NoteHit, NoteQuery
from sparring.store.rows import SEPARATOR, Rows, Source, Span, read_summaries, utf8
from sparring.store.table_file import TableFile

_SEP = SEPARATOR.encode()

_MANY_FROM = 64
_MANY_SHARE = 8
"""A word is in many notes (see `NoteTable._find`) once `_MANY_FROM` are found and, at
that rate, it would be in more than one note in `_MANY_SHARE`."""

MASKS_KEPT = 64
"""Masks kept for reuse (each is a byte a row: 100 kB at 100,000 notes)."""


def _matches(rows: Rows, word: bytes) -> Iterator[int]:
    """The rows of a session's rows whose folded text holds `word`, in order."""
    folded, starts = rows.folded, rows.starts
    where = folded.find(word)
    while where != -1:
        row = bisect.bisect_right(starts, where) - 1
        yield row
        where = folded.find(word, starts[row + 1])


def _mask(flags: Iterable[bool]) -> int:
    """The mask with a 1 byte where `flags` is true."""
    return int.from_bytes(bytes(flags), "little")


class NoteTable:
    """The notes of `sources` as one table (see the module's doc).

    Args:
        sources: the sessions, each with its notes or with its rows in `file`.
        previous: a table made before; the rows of each session unchanged since are
            taken from it rather than made again.
        file: the search index file the sources without notes are in.
    """

    FIELDS = ("phase", "lens", "kind", "about", "author", "group", "id")
    """The columns compared with a value (see `_part`)."""

    def __init__(self, sources: Iterable[Source], previous: NoteTable | None = None,
                 file: TableFile | None = None):
        listed = []
        for source in sources:
            summary = source[2]
            if summary is not None:
                date = summary.date
            else:
                assert file is not None
                date = file.dates[file.index[source[0]]]
            listed.append((date, source[0], source))
        listed.sort(key=lambda s: (s[0], s[1]), reverse=True)
        kept: dict[str, Span] = previous.by_id if previous is not None else {}
        self.spans: list[Span] = []
        segments: list[tuple[int, int, int | None]] = []
        rows = 0
        for _date, sid, source in listed:
            old = kept.get(sid)
            if old is not None and old.signature == source[1] and old.notes is source[3]:
                span, was = old.moved(rows, source[2]), old.start
            elif source[3] is None:  # in the file as it is now
                assert file is not None
                span, was = Span.stored_in(file, file.index[sid], rows, source[2]), None
            else:
                span, was = Span(rows, source), None
            self.spans.append(span)
            last = segments[-1] if segments else None
            if last is not None and (last[2] is None) == (was is None) and (
                    was is None or last[2] + last[1] - last[0] == was):  # type: ignore[operator]
                segments[-1] = (last[0], span.end, last[2])
            else:
                segments.append((span.start, span.end, was))
            rows = span.end
        self._begin(rows, segments)
        if previous is not None:
            self._carry(previous._masks)

    @classmethod
    def of_file(cls, file: TableFile, held: Iterable[int] | None = None,
                made: Iterable[Source] = ()) -> NoteTable:
        """The table of the search index file's sessions `held` (by place; all of them
        if None) and of the sessions `made` (from their notes), put in among them."""
        table: NoteTable = object.__new__(cls)
        extra = sorted(((s[2].date, s[0], s) for s in made if s[2] is not None), reverse=True)
        dates, ids, stored_in = file.dates, file.ids, Span.stored_in
        spans: list[Span] = []
        start = 0
        for k in range(len(ids)) if held is None else sorted(held):
            # (Compared field by field: this runs for each of thousands of sessions.)
            while extra and (extra[0][0] > dates[k] or (
                    extra[0][0] == dates[k] and extra[0][1] > ids[k])):
                spans.append(Span(start, extra.pop(0)[2]))
                start = spans[-1].end
            spans.append(stored_in(file, k, start))
            start = spans[-1].end
        for _date, _sid, source in extra:
            spans.append(Span(start, source))
            start = spans[-1].end
        table.spans = spans
        table._begin(start, [(0, start, None)])
        return table

    def _begin(self, rows: int, segments: list[tuple[int, int, int | None]]) -> None:
        self.by_id: dict[str, Span] = {span.id: span for span in self.spans}
        self._span_starts = array("q", (span.start for span in self.spans))
        self.count = rows
        # Where the rows came from: (first row, end, first row in `previous` or None
        # where they were made anew), to carry the masks over.
        self._segments = segments
        self._all = int.from_bytes(b"\x01" * self.count, "little")
        self._columns: dict[str, Sequence[Any]] = {}
        self._by_time: tuple[Sequence[str], Sequence[int]] | None = None
        self._masks: dict[tuple[str, Hashable], int] = {}

    def current(self, sources: Iterable[Source]) -> bool:
        """Whether the table still holds exactly these sessions, as they are now."""
        seen = 0
        spans = self.by_id
        for sid, signature, _summary, notes in sources:
            seen += 1
            span = spans.get(sid)
            if span is None or span.signature != signature or span.notes is not notes:
                return False
        return seen == len(spans)

    # -- the columns, put together from the spans on first use -------------------------

    def runs(self) -> Iterator[tuple[Span, Span, int, int]]:
        """The spans in runs: each run's first and last span and the rows it covers, a run
        being one span made from notes, or spans one after another in one file."""
        first: Span | None = None
        last: Span | None = None
        for span in self.spans:
            if last is not None and span.file is not None and span.file is last.file and (
                    span.stored == last.stored + 1):
                last = span
                continue
            if first is not None and last is not None:
                yield first, last, first.start, span.start
            first = last = span
        if first is not None and last is not None:
            yield first, last, first.start, self.count

    def column(self, name: str) -> Sequence[Any]:
        """A column of the table (see `table_file.COLUMNS` and `FIELDS`), made on first use."""
        values = self._columns.get(name)
        if values is None:
            if name in ("group", "id"):
                made: list[Any] = []
                for span in self.spans:
                    made += [span.group if name == "group" else span.id] * (span.end - span.start)
                values = tuple(made)
            else:
                pieces = []
                for first, _last, start, end in self.runs():
                    if first.rows is not None:
                        pieces.append(first.rows.columns[name])
                    else:
                        assert first.file is not None
                        whole = first.file.column(name)
                        if start == 0 and end == self.count and len(whole) == self.count:
                            pieces = [whole]
                            break
                        at = first.file_start
                        pieces.append(whole[at:at + end - start])
                values = pieces[0] if len(pieces) == 1 else tuple(
                    value for piece in pieces for value in piece)
            self._columns[name] = values
        return values

    def _texts(self, start: int, end: int) -> list[bytes]:
        """The folded texts of rows `start` to `end`."""
        texts: list[bytes] = []
        for first, _last, low, high in self.runs():
            a, b = max(start, low), min(end, high)
            if a >= b:
                continue
            if first.rows is not None:
                folded, starts = first.rows.folded, first.rows.starts
                texts += folded[starts[a - low]:starts[b - low]].split(_SEP)[:-1]
            else:
                assert first.file is not None
                at = first.file_start - low
                texts += first.file.texts(at + a, at + b)
        return texts

    # -- masks --------------------------------------------------------------------------

    def _carry(self, masks: dict[tuple[str, Hashable], int]) -> None:
        """Keep the previous table's masks: cut to the rows copied from it, and worked
        out for the rows made anew (a few sessions' worth)."""
        for key, old in masks.items():
            mask = 0
            for start, end, was in self._segments:
                if was is None:
                    part = self._part(key, start, end)
                else:
                    part = (old >> (8 * was)) & ((1 << (8 * (end - start))) - 1)
                mask |= part << (8 * start)
            self._masks[key] = mask

    def _part(self, key: tuple[str, Hashable], start: int, end: int) -> int:
        """The mask `key` names, of rows `start` to `end` only (shifted to start at 0),
        worked out row by row."""
        kind, value = key
        if kind in self.FIELDS:
            values = self.column(kind)[start:end]
            return _mask(map(operator.eq, values, repeat(value)))
        if kind == "word":
            word = utf8(cast(str, value))
            return _mask(map(operator.contains, self._texts(start, end), repeat(word)))
        if kind == "case":
            return _mask(map(operator.contains, self.column("cases")[start:end], repeat(value)))
        if kind == "member":
            return self._part(("about", value), start, end) | self._part(
                ("author", value), start, end)
        if kind == "window":
            low, high = cast(tuple[str | None, str | None], value)
            return _mask(
                time is not None and (low is None or time >= low) and (high is None or time < high)
                for time in self.column("times")[start:end]
            )
        raise KeyError(key)

    def _kept(self, kind: str, value: Hashable) -> int:
        """The mask `(kind, value)` names over every row, made on first use and kept."""
        key = (kind, value)
        mask = self._masks.get(key)
        if mask is None:
            if len(self._masks) >= MASKS_KEPT:
                self._masks.clear()
            mask = self._masks[key] = self._whole(key)
        return mask

    def _whole(self, key: tuple[str, Hashable]) -> int:
        """The mask `key` names over every row: words and days by their own quick ways,
        a member from the masks of the notes about and by them, the rest as `_part`."""
        kind, value = key
        if kind == "word":
            return self._find(utf8(cast(str, value)))
        if kind == "window":
            return self._within(*cast(tuple[str | None, str | None], value))
        if kind == "member":
            return self._kept("about", value) | self._kept("author", value)
        # `map` over C functions: a pass over 100,000 values takes a few milliseconds.
        return self._part(key, 0, self.count)

    def _find(self, word: bytes) -> int:
        """The mask of the rows whose folded text holds `word`.

        A word in few notes is quickest found in the joined texts, match by match; a
        word in many, by testing each note. So in each run of rows, matches are looked
        for one by one until they turn out to be many, and then the rest of the run's
        notes are tested."""
        flags = bytearray(self.count)
        for first, _last, low, high in self.runs():
            if first.rows is not None:
                at, starts, found = 0, first.rows.starts, _matches(first.rows, word)
            else:
                assert first.file is not None
                at, starts = first.file_start, first.file.starts["folded"]
                found = first.file.find(word, at, at + high - low)
            for count, row in enumerate(found, 1):
                flags[low + row - at] = 1
                done = starts[row] - starts[at]
                if count >= _MANY_FROM and count * _MANY_SHARE * (
                        starts[at + high - low] - starts[at]) > done * (high - low):
                    rest = low + row - at + 1
                    flags[rest:high] = bytes(map(operator.contains, self._texts(rest, high),
                                                 repeat(word)))
                    break
        return int.from_bytes(flags, "little")

    def _by_times(self) -> tuple[Sequence[str], Sequence[int]]:
        """The rows with a time, by time, and their times (worked out on first use)."""
        if self._by_time is None:
            times = self.column("times")
            timed = [row for row, key in enumerate(times) if key is not None]
            keys: list[str] = [times[row] for row in timed]
            order = sorted(range(len(timed)), key=keys.__getitem__)
            self._by_time = (tuple(keys[i] for i in order), array("l", (timed[i] for i in order)))
        return self._by_time

    def _within(self, low: str | None, high: str | None) -> int:
        """The mask of the rows whose time is from `low` up to `high` (see `Window`)."""
        keys, rows = self._by_times()
        first = 0 if low is None else bisect.bisect_left(keys, low)
        end = len(keys) if high is None else bisect.bisect_left(keys, high)
        flags = bytearray(self.count)
        for row in rows[first:end]:
            flags[row] = 1
        return int.from_bytes(flags, "little")

    def matching(self, query: NoteQuery) -> int:
        """The mask of the rows that match `query`."""
        mask = self._all
        for word in fold(query.text).split() if query.text else []:
            mask &= self._kept("word", word)
        for kind, value in (("phase", query.phase), ("lens", query.lens), ("kind", query.kind),
                            ("id", query.session_id), ("case", query.case_id)):
            if value is not None:
                mask &= self._kept(kind, value)
        for kind, name in (("group", query.group), ("about", query.about),
                           ("author", query.author), ("member", query.member)):
            if name is not None:
                mask &= self._kept(kind, folded_name(name))
        window = Window(query.since, query.until)
        if not window.open:
            mask &= self._kept("window", (window.low, window.high))
        return mask

    def page(self, query: NoteQuery, offset: int, limit: int) -> tuple[list[NoteHit], int]:
        """One page of the notes that match `query`, newest first, and how many match."""
        flags = self.matching(query).to_bytes(self.count, "little")
        total = flags.count(1)
        # The row of match number `offset`: the first with `offset` + 1 matches up to it.
        row = bisect.bisect_left(range(self.count), offset + 1,
                                 key=lambda end: flags.count(1, 0, end + 1))
        rows: list[int] = []
        while len(rows) < limit and row < self.count:
            rows.append(row)
            row = flags.find(1, row + 1)
            if row == -1:
                break
        return self._hits(rows), total

    def hits(self, query: NoteQuery, limit: int | None = None) -> list[NoteHit]:
        """Every note that matches `query` (at most `limit`), oldest first: sessions
        oldest first, and a session's notes by the time they were written."""
        flags = self.matching(query).to_bytes(self.count, "little")
        rows: list[int] = []
        row = flags.rfind(1)
        while row != -1 and (limit is None or len(rows) < limit):
            rows.append(row)
            row = flags.rfind(1, 0, row)
        return self._hits(rows)

    def _hits(self, rows: list[int]) -> list[NoteHit]:
        """The notes of `rows` with their sessions (what the file holds read in one go)."""
        starts, every = self._span_starts, self.spans
        spans = [every[bisect.bisect_right(starts, row) - 1] for row in rows]
        read_summaries(spans)
        notes: list[Note | None] = [None] * len(rows)
        from_file: dict[int, tuple[TableFile, list[int]]] = {}
        for i, (row, span) in enumerate(zip(rows, spans, strict=True)):
            if span.rows is not None:
                assert span.notes is not None
                notes[i] = span.notes[span.rows.order[row - span.start]]
            else:
                assert span.file is not None
                from_file.setdefault(id(span.file), (span.file, []))[1].append(i)
        for file, wanted in from_file.values():
            found = file.notes([spans[i].file_start + rows[i] - spans[i].start for i in wanted],
                               [spans[i].id for i in wanted])
            for i, note in zip(wanted, found, strict=True):
                notes[i] = note
        return [NoteHit(note, span.session())  # type: ignore[arg-type]
                for note, span in zip(notes, spans, strict=True)]
