"""Every note of every session in one table: the one engine that answers every query.

The history's notes tab, "My cases", `sparring history` and every other search ask it.
Every note is a row of one table, and each criterion a mask over the rows: one
byte a row, 1 where the criterion holds, kept as a Python `int` so that the criteria of
a query combine with one `&` each (C speed, whatever the number of notes). A mask is
worked out on first use of its value (a pass over one column) and kept.

The rows are in the order a page lists them: sessions newest first, and a session's
notes newest first. The table is made from the sessions it was given and is made again
(see `NoteTable.current`) when any of them changes: from the old table, but for the
sessions that changed (at 100,000 notes: some 80 ms rather than 250), and its masks
are carried over, worked out anew only for those sessions' rows.
"""

from __future__ import annotations

import bisect
import functools
import operator
from array import array
from collections.abc import Hashable, Iterable, Sequence
from itertools import accumulate, repeat
from typing import cast

from sparring.domain.moments import Window, time_key
from sparring.domain.names import fold, folded_name
from sparring.store.columns import SEPARATOR, SessionNotes
from sparring.store.model import SessionSummary
from sparring.store.query import NoteHit, NoteQuery

_MANY_FROM = 64
_MANY_SHARE = 8
"""A word is in many notes (see `NoteTable._find`) once `_MANY_FROM` are found and, at
that rate, it would be in more than one note in `_MANY_SHARE`."""

MASKS_KEPT = 64
"""Masks kept for reuse (each is a byte a row: 100 kB at 100,000 notes)."""


@functools.lru_cache(maxsize=4096)
def _case_set(cases: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple for each member's cases (a case recurs session after session): the table
    holds a few hundred, not one a member of each session."""
    return cases


Source = tuple[SessionSummary, SessionNotes]
"""A session and its notes, as the table is made from them."""

Span = tuple[int, int, SessionSummary, SessionNotes]
"""A session's rows in the table (first, end), and the summary and notes they were made
from (both are replaced, never changed, when the session changes)."""


def _made_from(span: Span | None, summary: SessionSummary, notes: SessionNotes) -> bool:
    """Whether `span`'s rows were made from these very `summary` and `notes`."""
    return span is not None and span[2] is summary and span[3] is notes


def _mask(flags: Iterable[bool]) -> int:
    """The mask with a 1 byte where `flags` is true."""
    return int.from_bytes(bytes(flags), "little")


class _Rows:
    """The table's columns while it is made: lists to add rows to."""

    def __init__(self, fields: Sequence[str]):
        self.session: list[int] = []
        self.index: list[int] = []
        self.folded: list[str] = []
        self.times: list[str | None] = []
        self.cases: list[tuple[str, ...]] = []
        self.columns: dict[str, list[Hashable]] = {name: [] for name in fields}
        self.segments: list[tuple[int, int, int | None]] = []

    def add(self, summary: SessionSummary, notes: SessionNotes) -> None:
        """Add the rows of a session's notes: newest first (of notes written at the same
        moment, the one stored last first), every field as the table compares it."""
        columns = self.columns
        ats = notes.columns["at"]
        order = sorted(reversed(range(notes.count)), key=ats.__getitem__, reverse=True)
        rows = len(order)
        self.segments.append((len(self.index), len(self.index) + rows, None))
        self.index += order
        folded = notes.folded
        self.folded += [folded[i] for i in order]
        for name in ("phase", "lens", "kind"):
            values = notes.columns[name]
            columns[name] += [values[i] for i in order]
        owner = summary.case_owner
        abouts = notes.columns["about"]
        about = [abouts[i] or owner for i in order]
        authors = notes.columns["author"]
        author = [authors[i] for i in order]
        keys = {name: folded_name(name) if name else None for name in {*about, *author}}
        columns["about"] += [keys[name] for name in about]
        columns["author"] += [keys[name] for name in author]
        columns["group"] += [folded_name(summary.group)] * rows
        columns["id"] += [summary.id] * rows
        cases: dict[str | None, tuple[str, ...]] = {}
        for name, case_id in zip(summary.participants, summary.case_ids, strict=False):
            cases[name] = _case_set((*cases.get(name, ()), case_id))
        self.cases += [cases.get(name, ()) for name in about]
        self.times += [time_key(ats[i]) for i in order]

    def copy(self, previous: NoteTable | None, start: int, end: int) -> None:
        """Add rows `start` to `end` of `previous` (of sessions unchanged since)."""
        if previous is None or start == end:
            return
        self.segments.append((len(self.index), len(self.index) + end - start, start))
        self.index += previous._index[start:end]
        self.folded += previous._folded[start:end]
        self.times += previous._times[start:end]
        self.cases += previous._cases[start:end]
        for name, values in previous._columns.items():
            self.columns[name] += values[start:end]


class NoteTable:
    """The notes of `sources` as one table (see the module's doc).

    Args:
        sources: the sessions with their notes.
        previous: a table made before; the rows of each session unchanged since are
            copied from it rather than worked out again.
    """

    FIELDS = ("phase", "lens", "kind", "about", "author", "group", "id")
    """The columns compared with a value (see `_part`)."""

    def __init__(self, sources: Iterable[Source], previous: NoteTable | None = None):
        self.sources = sorted(sources, key=lambda s: (s[0].date, s[0].id), reverse=True)
        # Each session's rows, and the version of the session they were made from.
        self._spans: dict[str, Span] = {}
        kept = previous._spans if previous is not None else {}
        made = _Rows(self.FIELDS)
        run = (0, 0)  # rows of `previous` still to copy: sessions unchanged, one after another
        rows = 0  # rows so far, copied or not
        for position, (summary, notes) in enumerate(self.sources):
            start = rows
            old = kept.get(summary.id)
            if _made_from(old, summary, notes):
                assert old is not None
                if old[0] != run[1]:
                    made.copy(previous, *run)
                    run = (old[0], old[0])
                run = (run[0], old[1])
                rows += old[1] - old[0]
            else:
                made.copy(previous, *run)
                run = (0, 0)
                made.add(summary, notes)
                rows = len(made.index)
            made.session += [position] * (rows - start)
            self._spans[summary.id] = (start, rows, summary, notes)
        made.copy(previous, *run)
        # Kept in containers the garbage collector need not walk (arrays of numbers,
        # tuples of strings): a million references it would otherwise look at on every
        # full collection, some 30 ms each while the history is open.
        self._session: Sequence[int] = array("l", made.session)  # by position in `sources`
        self._index: Sequence[int] = array("l", made.index)  # in its session's notes
        self._folded: Sequence[str] = tuple(made.folded)
        self._times: Sequence[str | None] = tuple(made.times)
        self._cases: Sequence[tuple[str, ...]] = tuple(made.cases)  # the row's case ids
        self._columns: dict[str, Sequence[Hashable]] = {
            name: tuple(values) for name, values in made.columns.items()}
        # Where the rows came from: (first row, end, first row in `previous` or None
        # where they were worked out anew), to carry the masks over.
        self._segments = made.segments
        self.count = len(self._session)
        self._all = _mask([True] * self.count)
        self._by_time: tuple[Sequence[str], Sequence[int]] | None = None
        self._blob: tuple[str, Sequence[int]] | None = None
        self._masks: dict[tuple[str, Hashable], int] = {}
        if previous is not None:
            self._carry(previous._masks)

    def current(self, sources: Iterable[Source]) -> bool:
        """Whether the table still holds exactly these sessions, as they are now."""
        seen = 0
        spans = self._spans
        for summary, notes in sources:
            seen += 1
            if not _made_from(spans.get(summary.id), summary, notes):
                return False
        return seen == len(spans)

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
            values: Sequence[Hashable] = self._columns[kind][start:end]
            return _mask(map(operator.eq, values, repeat(value)))
        if kind == "word":
            return _mask(map(operator.contains, self._folded[start:end], repeat(value)))
        if kind == "case":
            return _mask(map(operator.contains, self._cases[start:end], repeat(value)))
        if kind == "member":
            return self._part(("about", value), start, end) | self._part(
                ("author", value), start, end)
        if kind == "window":
            low, high = cast(tuple[str | None, str | None], value)
            return _mask(
                time is not None and (low is None or time >= low) and (high is None or time < high)
                for time in self._times[start:end]
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
            return self._find(cast(str, value))
        if kind == "window":
            return self._within(*cast(tuple[str | None, str | None], value))
        if kind == "member":
            return self._kept("about", value) | self._kept("author", value)
        # `map` over C functions: a pass over 100,000 values takes a few milliseconds.
        return self._part(key, 0, self.count)

    def _find(self, word: str) -> int:
        """The mask of the rows whose folded text holds `word`.

        A word in few notes is quickest found in the joined text, match by match; a
        word in many, by testing each note. So matches are looked for one by one until
        they turn out to be many, and then the rest of the notes are tested."""
        folded = self._folded
        flags = bytearray(self.count)
        blob, starts = self._joined()
        found = 0
        at = blob.find(word)
        while at != -1:
            row = bisect.bisect_right(starts, at) - 1
            flags[row] = 1
            found += 1
            if found >= _MANY_FROM and found * len(blob) * _MANY_SHARE > at * self.count:
                rest = row + 1
                flags[rest:] = bytes(map(operator.contains, folded[rest:], repeat(word)))
                break
            at = blob.find(word, starts[row + 1])
        return int.from_bytes(flags, "little")

    def _joined(self) -> tuple[str, Sequence[int]]:
        """Every row's folded text joined in one string (made on first use), and where
        each row's text starts in it (and where one more would)."""
        if self._blob is None:
            folded = self._folded
            blob = SEPARATOR.join(folded)
            if blob.count(SEPARATOR) != max(0, self.count - 1):  # a note holds it: as a space
                blob = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in folded)
            starts = array("q", accumulate((len(text) + 1 for text in folded), initial=0))
            self._blob = (blob, starts)
        return self._blob

    def _by_times(self) -> tuple[Sequence[str], Sequence[int]]:
        """The rows with a time, by time, and their times (worked out on first use)."""
        if self._by_time is None:
            times = self._times
            timed = [row for row, key in enumerate(times) if key is not None]
            keys: list[str] = [times[row] for row in timed]  # type: ignore[misc]
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
        hits: list[NoteHit] = []
        while len(hits) < limit and row < self.count:
            hits.append(self._hit(row))
            row = flags.find(1, row + 1)
            if row == -1:
                break
        return hits, total

    def hits(self, query: NoteQuery, limit: int | None = None) -> list[NoteHit]:
        """Every note that matches `query` (at most `limit`), oldest first: sessions
        oldest first, and a session's notes by the time they were written."""
        flags = self.matching(query).to_bytes(self.count, "little")
        hits: list[NoteHit] = []
        row = flags.rfind(1)
        while row != -1 and (limit is None or len(hits) < limit):
            hits.append(self._hit(row))
            row = flags.rfind(1, 0, row)
        return hits

    def _hit(self, row: int) -> NoteHit:
        summary, notes = self.sources[self._session[row]]
        return NoteHit(notes.note(self._index[row], summary.id), summary)

