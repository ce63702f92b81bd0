"""One session's notes in columns: how the search index keeps them, and the note table
is made from them.

Columns, not `Note` objects, so that 100,000 notes load as a few lists per session; a
`Note` is made only for a note that is shown. The texts stay joined in one string (as
the search index file keeps them) until they are needed one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sparring.domain.names import fold
from sparring.domain.records import Note

SEPARATOR = "\x1e"
"""Joins a session's texts in the search index file (and the note table's joined text)."""

COLUMNS = ("id", "phase", "text", "about", "author", "lens", "kind", "at", "clock", "turn")
"""A note's fields as the search index keeps them, in row order."""

FIELDS = tuple(name for name in COLUMNS if name != "text")
"""The columns kept as lists; the texts are kept joined until they are needed one by one."""


class SessionNotes:
    """The notes of one session, a list per field, in stored order.

    Args:
        columns: a list per field of `FIELDS`, all of one length.
        texts: the texts, as a list or joined with `SEPARATOR` (when none holds it).
    """

    def __init__(self, columns: dict[str, list[Any]], texts: list[str] | str):
        self.columns = columns
        self._texts = texts if isinstance(texts, list) else None
        self._joined = texts if isinstance(texts, str) else None
        self._folded: list[str] | None = None

    @classmethod
    def of(cls, notes: Iterable[Note]) -> SessionNotes:
        """The columns of a session's notes."""
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
        """Each note's text as searches compare it (see `fold`), worked out once: all
        texts folded in one go where no text holds the separator."""
        if self._folded is None:
            joined = self._joined if self._joined is not None else SEPARATOR.join(self.texts)
            folded = fold(joined).split(SEPARATOR) if self.count else []
            if len(folded) != self.count:  # a text holds the separator itself
                folded = [fold(text) for text in self.texts]
            self._folded = folded
        return self._folded

    def note(self, index: int, session_id: str) -> Note:
        """The note at `index` (field by field: a search with many hits makes thousands)."""
        c = self.columns
        return Note(session_id=session_id, phase=c["phase"][index], text=self.texts[index],
                    about=c["about"][index], author=c["author"][index], lens=c["lens"][index],
                    kind=c["kind"][index], id=c["id"][index], at=c["at"][index],
                    clock=c["clock"][index], turn=c["turn"][index])

    def rows(self) -> list[tuple[Any, ...]]:
        """Every note's fields in `COLUMNS` order, to compare one version with another."""
        columns = (self.texts if name == "text" else self.columns[name] for name in COLUMNS)
        return list(zip(*columns, strict=True))

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
            if (count and texts.count(SEPARATOR) != count - 1) or (not count and texts):
                raise ValueError("texts")
        elif not isinstance(texts, list) or len(texts) != count:
            raise ValueError("texts")
        return cls(lists, texts)
