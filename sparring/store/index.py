"""The in-memory index of the notes: each session's notes in columns, and folded text.

Columns, not `Note` objects, so 100,000 notes load in a fraction of a second; a `Note`
is made only for a hit. Each session's folded texts are also joined in one string, so a
text search skips a session that cannot match with one `in` test. Searches run on it
session by session; the history's pages run on one table made from it (`all_notes`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable
from datetime import date
from typing import Any

from sparring.domain.records import Note
from sparring.store.model import SessionSummary
from sparring.store.query import (
    NoteQuery,
    Window,
    canonical_text,
    fold,
    folded_name,
)

SEPARATOR = "\x1e"
"""Joins a session's texts in the search string and in the cache file."""

COLUMNS = ("id", "phase", "text", "about", "author", "lens", "kind", "at", "clock", "turn")
"""A note's fields as the index and its cache file keep them, in row order."""


FIELDS = tuple(name for name in COLUMNS if name != "text")
"""The columns kept as lists; the texts are kept joined until they are needed one by one."""


class SessionNotes:
    """The notes of one session, in columns (one list per field), in stored order.

    Columns, not one object per note, so that loading 100,000 notes makes a few lists
    per session rather than 100,000 objects. The texts stay joined in one string (as
    the search index file keeps them) until a search needs them one by one; their
    folded form is always at hand in `blob`, which a text search tests first.

    Args:
        columns: a list per field of `FIELDS`, all of one length.
        texts: the texts, as a list or joined with `SEPARATOR` (when none holds it).
    """

    def __init__(self, columns: dict[str, list[Any]], texts: list[str] | str):
        self.columns = columns
        self._texts = texts if isinstance(texts, list) else None
        self._joined = texts if isinstance(texts, str) else None
        self._folded: list[str] | None = None
        self._starts: list[int] | None = None
        self._names: dict[str, frozenset[str]] | None = None
        self._span: tuple[str, str] | None = None
        self._span_known = False
        self.version = 0
        """Counts the changes (see `put` and `remove`), so that what was made of the
        notes can tell it is out of date."""
        self.blob = fold(self._joined if self._joined is not None else SEPARATOR.join(texts))

    @classmethod
    def of(cls, notes: Iterable[Note]) -> SessionNotes:
        """The index of a session's notes."""
        notes = list(notes)
        columns = {name: [getattr(note, name) for note in notes] for name in FIELDS}
        return cls(columns, [note.text for note in notes])

    @property
    def count(self) -> int:
        """How many notes there are."""
        return len(self.columns["id"])

    @property
    def texts(self) -> list[str]:
        """Each note's text, as typed."""
        if self._texts is None:
            joined = self._joined or ""
            self._texts = joined.split(SEPARATOR) if self.count else []
            self._joined = None
        return self._texts

    @property
    def folded(self) -> list[str]:
        """Each note's text as searches compare it."""
        if self._folded is None:
            folded = self.blob.split(SEPARATOR) if self.count else []
            self._starts = None
            if len(folded) != self.count:  # a text holds the separator itself
                folded = [fold(text) for text in self.texts]
            else:
                self._starts = list(itertools.accumulate((len(t) + 1 for t in folded[:-1]),
                                                         initial=0))
            self._folded = folded
        return self._folded

    def holding(self, word: str) -> list[int]:
        """The positions of the notes whose folded text holds `word` (a folded word).

        Found in `blob`, one note at a time: a word is in few of a session's notes, and
        looking for it there costs a few string searches, not one test per note.
        """
        folded = self.folded
        starts = self._starts
        if starts is None:
            return [i for i, text in enumerate(folded) if word in text]
        blob = self.blob
        found = []
        at = blob.find(word)
        while at != -1:
            index = bisect.bisect_right(starts, at) - 1
            found.append(index)
            if index + 1 == len(starts):
                break
            at = blob.find(word, starts[index + 1])
        return found

    @property
    def names(self) -> dict[str, frozenset[str]]:
        """Every name the notes are about or said by, by its folded form (as searches
        compare names), kept until a note changes."""
        if self._names is None:
            found = set(self.columns["about"])
            found.update(self.columns["author"])
            found.discard(None)
            found.discard("")
            spellings: dict[str, set[str]] = {}
            for name in found:
                spellings.setdefault(folded_name(name), set()).add(name)
            self._names = {key: frozenset(value) for key, value in spellings.items()}
        return self._names

    @property
    def span(self) -> tuple[str, str] | None:
        """The first and last `at` of the notes, when every one is written as the store
        writes times (UTC, so they compare as strings); else None."""
        if not self._span_known:
            ats = self.columns["at"]
            canonical = all(isinstance(at, str) and canonical_text(at) for at in ats)
            self._span = (min(ats), max(ats)) if canonical and ats else None
            self._span_known = True
        return self._span

    def prepare(self) -> None:
        """Work out the folded texts, the names and the time span now, not on first use."""
        _ = self.folded, self.names, self.span

    def note(self, index: int, session_id: str) -> Note:
        """The note at `index`."""
        c = self.columns
        return Note(
            session_id=session_id,
            phase=c["phase"][index],
            text=self.texts[index],
            about=c["about"][index],
            author=c["author"][index],
            lens=c["lens"][index],
            kind=c["kind"][index],
            id=c["id"][index],
            at=c["at"][index],
            clock=c["clock"][index],
            turn=c["turn"][index],
        )

    def _changed(self) -> None:
        self.version += 1
        self._folded = None
        self._names = None
        self._span_known = False
        self.blob = fold(SEPARATOR.join(self.texts))

    def put(self, note: Note) -> None:
        """Add a note, or replace the one with its id."""
        texts = self.texts
        ids = self.columns["id"]
        index = ids.index(note.id) if note.id in ids else None
        for name in FIELDS:
            if index is None:
                self.columns[name].append(getattr(note, name))
            else:
                self.columns[name][index] = getattr(note, name)
        if index is None:
            texts.append(note.text)
        else:
            texts[index] = note.text
        self._changed()

    def remove(self, note_id: str) -> None:
        """Drop the note with this id, if there is one."""
        ids = self.columns["id"]
        if note_id not in ids:
            return
        index = ids.index(note_id)
        for name in FIELDS:
            del self.columns[name][index]
        del self.texts[index]
        self._changed()

    def rows(self) -> list[tuple[Any, ...]]:
        """Every note's fields in `COLUMNS` order, to compare one version with another."""
        return list(
            zip(*(self.texts if n == "text" else self.columns[n] for n in COLUMNS), strict=True)
        )

    def to_columns(self) -> dict[str, Any]:
        """As the search index file keeps it: a list per field; texts joined if they can be."""
        columns: dict[str, Any] = {name: list(values) for name, values in self.columns.items()}
        if self._joined is not None:
            columns["text"] = self._joined
        elif any(SEPARATOR in text for text in self.texts):
            columns["text"] = list(self.texts)
        else:
            columns["text"] = SEPARATOR.join(self.texts)
        columns["count"] = self.count
        return columns

    @classmethod
    def from_columns(cls, columns: dict[str, Any]) -> SessionNotes:
        """From the search index file; ValueError if the columns do not fit together."""
        count = columns["count"]
        texts = columns["text"]
        if not isinstance(count, int) or isinstance(count, bool):
            raise ValueError("count")
        lists = {name: columns[name] for name in FIELDS}
        if any(not isinstance(values, list) or len(values) != count for values in lists.values()):
            raise ValueError("columns of different lengths")
        if isinstance(texts, str):
            if count and texts.count(SEPARATOR) != count - 1:
                raise ValueError("texts")
            if not count and texts:
                raise ValueError("texts")
        elif not isinstance(texts, list) or len(texts) != count:
            raise ValueError("texts")
        return cls(lists, texts)


@functools.lru_cache(maxsize=4096)
def _spellings(participants: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """A session's members by the folded form of their names (groups meet again and
    again with the same members: kept once worked out)."""
    found: dict[str, set[str]] = {}
    for name in participants:
        found.setdefault(folded_name(name), set()).add(name)
    return {key: frozenset(value) for key, value in found.items()}


def _matching(summary: SessionSummary, notes: SessionNotes, value: str) -> set[str]:
    """The names, as a session's members and notes spell them, that are `value`."""
    target = folded_name(value)
    return {*notes.names.get(target, ()), *_spellings(summary.participants).get(target, ())}


def search_session(
    query: NoteQuery,
    words: list[str],
    window: Window,
    summary: SessionSummary,
    notes: SessionNotes,
) -> list[int]:
    """The positions of a session's notes that match `query` (`words`: its folded words).

    Each criterion narrows the list of candidates in turn, cheapest and most telling
    first; a session that cannot match is left after one test of its `blob`.
    """
    if query.session_id is not None and summary.id != query.session_id:
        return []
    if query.group is not None and folded_name(summary.group) != folded_name(query.group):
        return []
    blob = notes.blob
    for word in words:
        if word not in blob:
            return []
    if not window.open and window.misses(notes.span):
        return []
    # Whether the names asked for are in the session at all: a set lookup, before any
    # note is looked at.
    wanted_about = wanted_author = member = None
    if query.about is not None:
        wanted_about = _matching(summary, notes, query.about)
        if not wanted_about:
            return []
    if query.author is not None:
        wanted_author = _matching(summary, notes, query.author)
        if not wanted_author:
            return []
    if query.member is not None:
        member = _matching(summary, notes, query.member)
        if not member:
            return []
    columns = notes.columns
    candidates: list[int] | range = range(notes.count)
    if words:
        # Words never hold the separator: `split` takes it for white space.
        candidates = notes.holding(words[0])
        folded = notes.folded
        for word in words[1:]:
            candidates = [i for i in candidates if word in folded[i]]
    for name, wanted in (("phase", query.phase), ("lens", query.lens), ("kind", query.kind)):
        if wanted is not None and candidates:
            values = columns[name]
            candidates = [i for i in candidates if values[i] == wanted]
    if not candidates:
        return []
    # A note with no `about` is on the case the session worked on: the owner's.
    owner = summary.case_owner
    abouts = columns["about"]
    authors = columns["author"]
    if wanted_about is not None:
        candidates = [i for i in candidates if (abouts[i] or owner) in wanted_about]
    if wanted_author is not None:
        candidates = [i for i in candidates if authors[i] in wanted_author]
    if member is not None:
        candidates = [
            i for i in candidates if (abouts[i] or owner) in member or authors[i] in member
        ]
    if query.case_id is not None:
        case_members = {
            name
            for name, case_id in zip(summary.participants, summary.case_ids, strict=False)
            if case_id == query.case_id
        }
        candidates = [i for i in candidates if (abouts[i] or owner) in case_members]
    if not window.open and candidates:
        candidates = window.select(candidates, columns["at"], notes.span)
    return list(candidates)


def search_sessions(
    summaries: Iterable[SessionSummary],
    *,
    group: str | None = None,
    member: str | None = None,
    since: date | None = None,
    until: date | None = None,
    state: str | None = None,
    scenario_id: str | None = None,
) -> list[SessionSummary]:
    """The sessions that match every criterion given, newest first."""
    window = Window(since, until)
    target_group = fold(group.strip()) if group is not None else None
    target_member = fold(member.strip()) if member is not None else None
    found = []
    for summary in summaries:
        if target_group is not None and fold(summary.group.strip()) != target_group:
            continue
        if target_member is not None and not any(
            fold(name.strip()) == target_member for name in summary.participants
        ):
            continue
        if state is not None and summary.state != state:
            continue
        if scenario_id is not None and summary.scenario_id != scenario_id:
            continue
        if not window.open and summary.date not in window:
            continue
        found.append(summary)
    return sorted(found, key=lambda s: s.date, reverse=True)
